// Per-channel push-to-talk keys as AppController assembles them (GlobalPtt -> SessionManager),
// with a key backend the test presses and a fake session the test answers for the relay: a key
// for a channel the app is not in joins it, talks once joined, and leaves it after the over; the
// current channel never changes; one talk at a time; and the settings page edits the list.

#include "FakeVoiceBackend.h"
#include "TestKeyBackends.h"

#include "ui/AppController.h"
#include "ui/ChannelKeyList.h"
#include "ui/GlobalPtt.h"
#include "ui/KeyCaptureButton.h"
#include "ui/PttPage.h"
#include "ui/SessionManager.h"

#include "input/PushToTalkInput.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace tenfour::ui;

namespace {

ServerConfig office()
{
    ServerConfig s;
    s.id = QStringLiteral("office");
    s.name = QStringLiteral("Office");
    s.url = QUrl(QStringLiteral("ws://127.0.0.1:9/"));
    s.channels = {QStringLiteral("general"), QStringLiteral("ops")};
    s.autoJoin = {QStringLiteral("general")};
    return s;
}

} // namespace

class TestUiChannelKeys : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("%1.ini").arg(++m_run)),
                                                 QSettings::IniFormat);
        m_backend = std::make_unique<FakeVoiceBackend>();
    }
    void cleanup()
    {
        m_app.reset();
        m_backend.reset();
        m_settings.reset();
    }

    void joinsTalksAndLeavesAfterTheOver()
    {
        start(AppSettings::PttMode::Hold);
        joinGeneral();
        QCOMPARE(m_key->bound, (QStringList{"F8", "F9", "F10"}));
        QCOMPARE(m_app->globalPtt()->boundChannels(), (QStringList{"ops", "general"}));

        Q_EMIT m_key->pressed(1, 1);                // F9 -> ops, where the app is not
        QCOMPARE(calls(), QStringList{"join:ops"}); // talking waits for the join
        QVERIFY(m_app->sessions()->isPttDown());
        Q_EMIT session()->joined(QStringLiteral("ops"), {QStringLiteral("Bob")});
        QCOMPARE(calls(), (QStringList{"join:ops", "talk:ops"}));
        QCOMPARE(m_app->sessions()->currentChannel(), QStringLiteral("general"));
        Q_EMIT session()->floorGranted(QStringLiteral("ops"));
        QVERIFY(m_app->sessions()->isTransmitting());

        Q_EMIT m_key->released(1, 2);
        QTRY_COMPARE(calls().value(2), QStringLiteral("stop")); // after the release debounce
        QCOMPARE(calls().size(), 3); // still in ops: the tail and the over go out first
        Q_EMIT session()->transmitEnded(QStringLiteral("ops"));
        QCOMPARE(calls(), (QStringList{"join:ops", "talk:ops", "stop", "leave:ops"}));
        Q_EMIT session()->left(QStringLiteral("ops"));
        QCOMPARE(m_app->sessions()->currentChannel(), QStringLiteral("general"));

        // The main key still talks where the app is.
        Q_EMIT m_key->pressed(0, 3);
        QCOMPARE(calls().last(), QStringLiteral("talk:general"));
        Q_EMIT m_key->released(0, 4);
        QTRY_COMPARE(calls().last(), QStringLiteral("stop"));
    }

    void keyForAJoinedChannelNeitherJoinsNorLeaves()
    {
        start(AppSettings::PttMode::Hold);
        joinGeneral();
        Q_EMIT m_key->pressed(2, 1); // F10 -> general, the current channel
        QCOMPARE(calls(), QStringList{"talk:general"});
        Q_EMIT session()->floorGranted(QStringLiteral("general"));
        Q_EMIT m_key->released(2, 2);
        QTRY_COMPARE(calls(), (QStringList{"talk:general", "stop"}));
        Q_EMIT session()->transmitEnded(QStringLiteral("general"));
        QCOMPARE(calls(), (QStringList{"talk:general", "stop"}));
    }

    void releasedBeforeTheJoinLeavesAtOnce()
    {
        start(AppSettings::PttMode::Hold);
        joinGeneral();
        Q_EMIT m_key->pressed(1, 1);
        Q_EMIT m_key->released(1, 2);
        QTRY_COMPARE(calls(), (QStringList{"join:ops", "stop", "leave:ops"}));
        QVERIFY(!m_app->sessions()->isPttDown());
        Q_EMIT session()->joined(QStringLiteral("ops"), {}); // the join's answer, late: no talk
        QCOMPARE(calls().size(), 3);
        QCOMPARE(m_app->sessions()->currentChannel(), QStringLiteral("general"));
    }

    void toggleModeAndOneTalkAtATime()
    {
        start(AppSettings::PttMode::Toggle);
        joinGeneral();
        Q_EMIT m_key->pressed(1, 1);
        Q_EMIT m_key->released(1, 2);
        Q_EMIT session()->joined(QStringLiteral("ops"), {});
        Q_EMIT session()->floorGranted(QStringLiteral("ops"));
        QCOMPARE(calls(), (QStringList{"join:ops", "talk:ops"}));
        QTest::qWait(60); // past the debounce: the click is over, the talk stays on
        QVERIFY(m_app->sessions()->isPttDown());
        // The main key and the other channel key do nothing meanwhile.
        Q_EMIT m_key->pressed(0, 3);
        Q_EMIT m_key->released(0, 4);
        Q_EMIT m_key->pressed(2, 5);
        Q_EMIT m_key->released(2, 6);
        QTest::qWait(60);
        QCOMPARE(calls(), (QStringList{"join:ops", "talk:ops"}));
        // A second click of the same key stops, and ops is left after the over.
        Q_EMIT m_key->pressed(1, 7);
        Q_EMIT m_key->released(1, 8);
        QCOMPARE(calls(), (QStringList{"join:ops", "talk:ops", "stop"}));
        Q_EMIT session()->transmitEnded(QStringLiteral("ops"));
        QCOMPARE(calls().last(), QStringLiteral("leave:ops"));
        QVERIFY(!m_app->sessions()->isPttDown());
        // Then the main key works at its first click.
        QTest::qWait(60);
        Q_EMIT m_key->pressed(0, 9);
        Q_EMIT m_key->released(0, 10);
        QCOMPARE(calls().last(), QStringLiteral("talk:general"));
    }

    void notConnectedSaysSoAndForgetsTheKey()
    {
        start(AppSettings::PttMode::Toggle);
        QSignalSpy messages(m_app->sessions(), &SessionManager::message);
        Q_EMIT m_key->pressed(1, 1);
        Q_EMIT m_key->released(1, 2);
        QVERIFY(calls().isEmpty());
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.at(0).at(0).toString().contains(QLatin1String("ops")));
        QCOMPARE(m_app->globalPtt()->input()->channelKeys().active(), -1);
        QVERIFY(!m_app->sessions()->isPttDown());
    }

    void settingsPageEditsTheList()
    {
        PttPage page(nullptr);
        AppSettings in;
        in.channelKeys = {{QStringLiteral("F9"), QStringLiteral("ops")},
                          {QStringLiteral("F10"), QStringLiteral("general")}};
        page.load(in);
        ChannelKeyList *list = page.channelKeyList();
        QCOMPARE(list->rowCount(), 2);
        QCOMPARE(list->keyButton(1)->key(), QStringLiteral("F10"));
        QCOMPARE(list->channelEdit(1)->text(), QStringLiteral("general"));
        list->removeButton(0)->click();
        QCOMPARE(list->rowCount(), 1);
        list->addButton()->click();
        QCOMPARE(list->rowCount(), 2);
        // The new row's key is recorded like the main key's; a row without a channel is not saved.
        list->keyButton(1)->startCapture();
        QTest::keyClick(list->keyButton(1), Qt::Key_F11);
        QCOMPARE(list->keyButton(1)->key(), QStringLiteral("F11"));
        AppSettings out;
        page.save(out);
        QCOMPARE(out.channelKeys.size(), 1);
        QTest::keyClicks(list->channelEdit(1), QStringLiteral("kitchen"));
        page.save(out);
        QCOMPARE(out.channelKeys.size(), 2);
        QVERIFY(out.channelKeys.at(0) == (ChannelKey{QStringLiteral("F10"), QStringLiteral("general")}));
        QVERIFY(out.channelKeys.at(1) == (ChannelKey{QStringLiteral("F11"), QStringLiteral("kitchen")}));
        // "Defaults" on the page: no channel keys.
        page.load(AppSettings());
        QCOMPARE(list->rowCount(), 0);
    }

private:
    void start(AppSettings::PttMode mode)
    {
        AppSettings s;
        s.pttKey = QStringLiteral("F8");
        s.pttMode = mode;
        s.channelKeys = {{QStringLiteral("F9"), QStringLiteral("ops")},
                         {QStringLiteral("F10"), QStringLiteral("general")},
                         {QStringLiteral("F9"), QStringLiteral("kitchen")}}; // F9 again: left out
        s.servers = {office()};
        s.save(*m_settings);
        AppController::Options o;
        o.instanceName =
            QStringLiteral("tenfour-test-chankey-%1-%2").arg(QCoreApplication::applicationPid()).arg(m_run);
        o.globalPtt = true;
        o.pttDBusService =
            QStringLiteral("org.tenfour.TestChan%1x%2").arg(QCoreApplication::applicationPid()).arg(m_run);
        o.keyBackends = &m_registry;
        m_app = std::make_unique<AppController>(m_backend.get(), m_settings.get(), CommandLine(), o);
        m_app->start(false);
        m_key = qobject_cast<ScriptedKeyBackend *>(m_app->globalPtt()->backend());
        QVERIFY(m_key);
        QVERIFY(session());
        session()->calls.clear();
    }
    FakeVoiceSession *session() const { return m_backend->last(); }
    // What the UI asked the session for since start() (joinGeneral's own calls left out).
    QStringList calls() const
    {
        QStringList c = session()->calls;
        c.removeAll(QStringLiteral("join:general"));
        return c;
    }
    void joinGeneral()
    {
        Q_EMIT session()->stateChanged(ConnectionState::Connected, 0, QString());
        Q_EMIT session()->joined(QStringLiteral("general"), {QStringLiteral("Alice")});
        QCOMPARE(m_app->sessions()->currentChannel(), QStringLiteral("general"));
    }

    const tenfour::input::KeyBackendRegistry m_registry = registryWith<ScriptedKeyBackend>();
    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<FakeVoiceBackend> m_backend;
    std::unique_ptr<AppController> m_app;
    ScriptedKeyBackend *m_key = nullptr;
};

QTEST_MAIN(TestUiChannelKeys)
#include "test_ui_channel_keys.moc"
