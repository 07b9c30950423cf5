// Per-channel push-to-talk keys as AppController assembles them (GlobalPtt -> SessionManager),
// with a key backend the test presses and a fake session the test answers for the relay: a key
// for a channel the app is not in joins it, talks once joined, and leaves it after the over; the
// current channel never changes; one talk at a time; and the settings page edits the list.

#include "AppControllerTest.h"
#include "OfficeServer.h"
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

class TestUiChannelKeys : public AppControllerTest {
    Q_OBJECT
private Q_SLOTS:
    void init() { initApp(); }
    void cleanup() { cleanupApp(); }

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

    // The connection drops while a key talks in a channel joined for it: that channel is left
    // at once (off the session's list to rejoin), so the reconnect does not bring it back.
    void dropDuringAKeyTalkDoesNotRejoinItsChannel()
    {
        start(AppSettings::PttMode::Hold);
        joinGeneral();
        Q_EMIT m_key->pressed(1, 1);
        Q_EMIT session()->joined(QStringLiteral("ops"), {});
        Q_EMIT session()->floorGranted(QStringLiteral("ops"));
        QCOMPARE(calls(), (QStringList{"join:ops", "talk:ops"}));
        Q_EMIT session()->stateChanged(ConnectionState::Reconnecting, 1, QString());
        QCOMPARE(calls(), (QStringList{"join:ops", "talk:ops", "leave:ops"}));
        Q_EMIT m_key->released(1, 2);
        QTRY_VERIFY(!m_app->sessions()->isPttDown());
        QCOMPARE(m_app->sessions()->currentChannel(), QStringLiteral("general"));
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
        startApp(
            s, &m_registry,
            QStringLiteral("tenfour-test-chankey-%1-%2").arg(QCoreApplication::applicationPid()).arg(m_run),
            QStringLiteral("org.tenfour.TestChan%1x%2").arg(QCoreApplication::applicationPid()).arg(m_run));
        m_key = qobject_cast<ScriptedKeyBackend *>(m_app->globalPtt()->backend());
        QVERIFY(m_key);
        QVERIFY(session());
        session()->calls.clear();
    }
    // What the UI asked the session for since start() (joinGeneral's own calls left out).
    QStringList calls() const
    {
        QStringList c = session()->calls;
        c.removeAll(QStringLiteral("join:general"));
        return c;
    }

    const tenfour::input::KeyBackendRegistry m_registry = registryWith<ScriptedKeyBackend>();
    ScriptedKeyBackend *m_key = nullptr;
};

QTEST_MAIN(TestUiChannelKeys)
#include "test_ui_channel_keys.moc"
