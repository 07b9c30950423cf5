// The main window, tree, tray menu, PTT button and history driven through SessionManager by a
// fake engine (FakeVoiceBackend): what the user sees for each thing a relay can report.

#include "FakeVoiceBackend.h"
#include "OfficeServer.h"

#include "ui/ConnectionStatusLabel.h"
#include "ui/FirstRunWizard.h"
#include "ui/HistoryModel.h"
#include "ui/HistoryView.h"
#include "ui/MainWindow.h"
#include "ui/PttButton.h"
#include "ui/ServerDialog.h"
#include "ui/ServerTree.h"
#include "ui/ServerTreeModel.h"
#include "ui/SessionManager.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayController.h"

#include <QAbstractButton>
#include <QLabel>
#include <QMenu>
#include <QTreeView>
#include <QtTest>

using namespace tenfour::ui;

namespace {

QAction *findAction(QMenu *menu, const QString &name)
{
    for (QAction *a : menu->actions()) {
        if (a->objectName() == name)
            return a;
        if (a->menu())
            if (QAction *found = findAction(a->menu(), name))
                return found;
    }
    return nullptr;
}

QByteArray tone(int ms)
{
    return QByteArray(48 * ms * 2, '\x10');
}

} // namespace

class TestUiMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_backend = new FakeVoiceBackend;
        m_manager = new SessionManager(m_backend, nullptr);
        AppSettings s;
        s.servers = {office()};
        m_window = new MainWindow(m_manager, nullptr, s);
        m_tray = new TrayController(m_manager);
        m_manager->setServers({office()}, QStringLiteral("Alice"));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_session = m_backend->last();
        QVERIFY(m_session);
    }
    void cleanup()
    {
        delete m_tray;
        delete m_window;
        delete m_manager;
        delete m_backend;
    }

    void connectsAndShowsState()
    {
        QCOMPARE(m_session->calls.value(0), QStringLiteral("open"));
        QCOMPARE(m_session->name, QStringLiteral("Alice"));
        QCOMPARE(m_window->statusLabel()->state(), ConnectionState::Connecting);
        connectAndJoin();
        QCOMPARE(m_window->statusLabel()->text(), QStringLiteral("Connected"));
        QCOMPARE(m_manager->trayState(), SessionManager::TrayState::Idle);

        Q_EMIT m_session->stateChanged(ConnectionState::Reconnecting, 3, QString());
        QVERIFY(m_window->statusLabel()->text().contains(QLatin1String("3 s")));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->statusLabel()->text().contains(QLatin1String("2 s")), 2500);
        QCOMPARE(m_manager->trayState(), SessionManager::TrayState::Disconnected);
        QVERIFY(!m_manager->tree()->isJoined(QStringLiteral("office"), QStringLiteral("general")));

        Q_EMIT m_session->stateChanged(ConnectionState::Unauthorized, 0, QStringLiteral("bad token"));
        QVERIFY(m_window->statusLabel()->text().contains(QLatin1String("bad token")));
    }

    void joinFromTrayMenu()
    {
        connectAndJoin();
        m_tray->rebuildMenu();
        QAction *join = findAction(m_tray->menu(), QStringLiteral("join:office:ops"));
        QVERIFY(join);
        QVERIFY(join->isEnabled());
        QVERIFY(!join->isChecked());
        join->trigger();
        QVERIFY(m_session->calls.contains(QStringLiteral("join:ops")));
        Q_EMIT m_session->joined(QStringLiteral("ops"), {QStringLiteral("Alice"), QStringLiteral("Carol")});
        join = findAction(m_tray->menu(), QStringLiteral("join:office:ops"));
        QVERIFY(join && join->isChecked());
        QVERIFY(m_manager->tree()
                    ->memberIndex(QStringLiteral("office"), QStringLiteral("ops"), QStringLiteral("Carol"))
                    .isValid());
        join->trigger(); // unchecks: leave
        QVERIFY(m_session->calls.contains(QStringLiteral("leave:ops")));
    }

    void pttButtonTransmits()
    {
        connectAndJoin();
        PttButton *b = m_window->pttButton();
        QCOMPARE(b->state(), PttButton::State::Idle);
        QTest::mousePress(b, Qt::LeftButton);
        QCOMPARE(m_session->calls.last(), QStringLiteral("talk:general"));
        QCOMPARE(b->state(), PttButton::State::Requesting);
        Q_EMIT m_session->floorGranted(QStringLiteral("general"));
        QCOMPARE(b->state(), PttButton::State::Transmitting);
        QCOMPARE(m_manager->trayState(), SessionManager::TrayState::Transmitting);
        QTest::mouseRelease(b, Qt::LeftButton);
        QCOMPARE(m_session->calls.last(), QStringLiteral("stop"));
        Q_EMIT m_session->transmitEnded(QStringLiteral("general"));
        QCOMPARE(b->state(), PttButton::State::Idle);
        QCOMPARE(m_manager->trayState(), SessionManager::TrayState::Idle);
    }

    void releaseBeforeGrantGivesTheFloorBack()
    {
        connectAndJoin();
        m_manager->pttPress();
        m_manager->pttRelease();
        m_session->calls.clear();
        Q_EMIT m_session->floorGranted(QStringLiteral("general"));
        QCOMPARE(m_session->calls, QStringList{QStringLiteral("stop")});
        QVERIFY(!m_manager->isTransmitting());
    }

    void busyWhenSomeoneElseTalks()
    {
        connectAndJoin();
        Q_EMIT m_session->talkerChanged(QStringLiteral("general"), QStringLiteral("Bob"));
        QCOMPARE(m_window->pttButton()->state(), PttButton::State::Busy);
        QVERIFY(m_window->pttButton()->text().contains(QLatin1String("Bob")));
        QCOMPARE(m_manager->trayState(), SessionManager::TrayState::Receiving);
        QVERIFY(m_manager->trayDetail().contains(QLatin1String("Bob")));
        const QModelIndex bob = m_manager->tree()->memberIndex(
            QStringLiteral("office"), QStringLiteral("general"), QStringLiteral("Bob"));
        QVERIFY(bob.data(ServerTreeModel::TalkingRole).toBool());

        m_manager->pttPress();
        Q_EMIT m_session->floorDenied(QStringLiteral("general"), QStringLiteral("Bob"));
        QCOMPARE(m_manager->trayState(), SessionManager::TrayState::Busy);
        m_session->calls.clear();
        // The floor comes free while the key is still held: ask again.
        Q_EMIT m_session->talkerChanged(QStringLiteral("general"), QString());
        QCOMPARE(m_session->calls, QStringList{QStringLiteral("talk:general")});
        QVERIFY(!bob.data(ServerTreeModel::TalkingRole).toBool());
    }

    void historyEntryAppearsAndReplays()
    {
        connectAndJoin();
        const QByteArray pcm = tone(1500);
        Q_EMIT m_session->transmissionReceived(QStringLiteral("general"), QStringLiteral("Bob"),
                                               QDateTime::currentDateTime(), pcm);
        HistoryModel *h = m_manager->history();
        QCOMPARE(h->rowCount(), 1);
        QCOMPARE(h->index(0, HistoryModel::WhoColumn).data().toString(), QStringLiteral("Bob"));
        QCOMPARE(h->index(0, HistoryModel::LengthColumn).data(HistoryModel::DurationMsRole).toLongLong(),
                 1500);
        QTreeView *view = m_window->historyView()->view();
        const QRect r = view->visualRect(h->index(0, HistoryModel::WhoColumn));
        QVERIFY(r.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(m_backend->played.size(), 1); // one click, one replay
        QCOMPARE(m_backend->played.first(), pcm);
    }

    void missedWhileHidden()
    {
        connectAndJoin();
        m_window->hide();
        Q_EMIT m_session->transmissionReceived(QStringLiteral("general"), QStringLiteral("Bob"),
                                               QDateTime::currentDateTime(), tone(200));
        QCOMPARE(m_manager->history()->missedCount(), 1);
        QVERIFY(m_manager->history()->index(0, 0).data().toString().contains(QLatin1String("missed")));
        m_window->show();
        m_window->historyView()->replay(0);
        QCOMPARE(m_manager->history()->missedCount(), 0);
    }

    void historyCap()
    {
        HistoryModel h;
        h.setCapBytes(3 * 48000 * 2); // 3 s
        for (int i = 0; i < 5; ++i)
            h.add({QString(), QStringLiteral("c"), QStringLiteral("m%1").arg(i), QDateTime(), tone(1000),
                   false, QString()});
        QCOMPARE(h.rowCount(), 3);
        QCOMPARE(h.entry(0).member, QStringLiteral("m4")); // newest first, oldest dropped
        QCOMPARE(h.entry(2).member, QStringLiteral("m2"));
        QVERIFY(h.usedBytes() <= h.capBytes());
        h.add({QString(), QStringLiteral("c"), QStringLiteral("huge"), QDateTime(), tone(5000), false,
               QString()});
        QCOMPARE(h.rowCount(), 3); // longer than the whole cap: not kept, nothing evicted
    }

    void toggleModeAndPttCommand()
    {
        connectAndJoin();
        m_manager->setPttMode(AppSettings::PttMode::Toggle);
        m_manager->pttPress();
        m_manager->pttRelease();
        QCOMPARE(m_session->calls.last(), QStringLiteral("talk:general"));
        m_manager->pttPress();
        QCOMPARE(m_session->calls.last(), QStringLiteral("stop"));
        // `tenfour --ptt toggle` of a second start arrives as an instance message.
        m_window->handleInstanceMessage({QStringLiteral("ptt"), QStringLiteral("toggle")});
        QCOMPARE(m_session->calls.last(), QStringLiteral("talk:general"));
        m_window->handleInstanceMessage({QStringLiteral("ptt"), QStringLiteral("release")});
        QCOMPARE(m_session->calls.last(),
                 QStringLiteral("talk:general")); // release means nothing in toggle mode
    }

    void memberMuteFromContextMenu()
    {
        connectAndJoin();
        const QModelIndex bob = m_manager->tree()->memberIndex(
            QStringLiteral("office"), QStringLiteral("general"), QStringLiteral("Bob"));
        QMenu *menu = m_window->serverTree()->contextMenuFor(bob, m_window);
        QVERIFY(menu);
        QAction *mute = nullptr;
        for (QAction *a : menu->actions())
            if (a->isCheckable())
                mute = a;
        QVERIFY(mute);
        mute->trigger();
        QCOMPARE(m_session->calls.last(), QStringLiteral("gain:Bob:0.00"));
        QVERIFY(bob.data(ServerTreeModel::MutedRole).toBool());
        delete menu;
    }

    void voiceActivationShowsTransmitting()
    {
        connectAndJoin();
        AppSettings s = m_window->settings();
        s.activation = AppSettings::Activation::Voice;
        m_window->applySettings(s);
        const int calls = int(m_session->calls.size());
        // The engine heard speech and asked for the floor by itself: nobody pressed anything.
        Q_EMIT m_session->floorGranted(QStringLiteral("general"));
        QCOMPARE(m_session->calls.size(), calls); // not given back with a "stop"
        QVERIFY(m_manager->isTransmitting());
        QCOMPARE(m_window->pttButton()->state(), PttButton::State::Transmitting);
        QCOMPARE(m_manager->trayState(), SessionManager::TrayState::Transmitting);
        QVERIFY(m_tray->toolTip().contains(QLatin1String("general")));
        Q_EMIT m_session->transmitEnded(QStringLiteral("general"));
        QCOMPARE(m_window->pttButton()->state(), PttButton::State::Idle);
        QCOMPARE(m_manager->trayState(), SessionManager::TrayState::Idle);

        // In push-to-talk mode a grant nobody asked for is still given back.
        s.activation = AppSettings::Activation::PushToTalk;
        m_window->applySettings(s);
        Q_EMIT m_session->floorGranted(QStringLiteral("general"));
        QCOMPARE(m_session->calls.last(), QStringLiteral("stop"));
        QVERIFY(!m_manager->isTransmitting());
    }

    void talkOnChannelNotJoinedYet()
    {
        connectAndJoin();
        m_tray->rebuildMenu();
        QAction *talk = findAction(m_tray->menu(), QStringLiteral("talk:office:ops"));
        QVERIFY(talk && talk->isEnabled());
        talk->trigger();
        QCOMPARE(m_session->calls.last(), QStringLiteral("join:ops"));
        QVERIFY(!m_manager->isPttDown()); // not joined yet: nothing to talk on
        Q_EMIT m_session->joined(QStringLiteral("ops"), {QStringLiteral("Alice")});
        QCOMPARE(m_manager->currentChannel(), QStringLiteral("ops"));
        QCOMPARE(m_session->calls.last(), QStringLiteral("talk:ops"));
        QVERIFY(m_manager->isPttDown());
        Q_EMIT m_session->floorGranted(QStringLiteral("ops"));
        QCOMPARE(m_window->pttButton()->state(), PttButton::State::Transmitting);
        // The same menu entry again stops.
        findAction(m_tray->menu(), QStringLiteral("talk:office:ops"))->trigger();
        QCOMPARE(m_session->calls.last(), QStringLiteral("stop"));
    }

    void talkOnIsForgottenWhenTheUserGoesElsewhere()
    {
        connectAndJoin();
        m_manager->talkOn(QStringLiteral("office"), QStringLiteral("ops"));
        m_manager->setCurrentChannel(QStringLiteral("office"), QStringLiteral("general"));
        Q_EMIT m_session->joined(QStringLiteral("ops"), {QStringLiteral("Alice")});
        QVERIFY(!m_manager->isPttDown());
        QVERIFY(!m_session->calls.contains(QStringLiteral("talk:ops")));
    }

    void everyControlIsNamedAndFitsSmallWindows()
    {
        connectAndJoin();
        QVERIFY(m_window->minimumSizeHint().width() <= 800);
        QVERIFY(m_window->minimumSizeHint().height() <= 500);
        // Also run with QT_SCALE_FACTOR=2 (test_ui_mainwindow_200): sizes are in device-independent
        // pixels, so 800x500 of them is a 1600x1000 screen at 200 %.
        SettingsDialog dlg(AppSettings(), nullptr);
        FirstRunWizard guide(AppSettings(), m_manager);
        ServerDialog server(office());
        QVERIFY(dlg.minimumSizeHint().width() <= 800);
        for (QWidget *top : {static_cast<QWidget *>(&guide), static_cast<QWidget *>(&server)}) {
            top->show();
            QVERIFY(QTest::qWaitForWindowExposed(top));
            const QSize min = top->minimumSizeHint();
            QVERIFY2(min.width() <= 800 && min.height() <= 500,
                     qPrintable(QStringLiteral("%1: %2x%3")
                                    .arg(QString::fromLatin1(top->metaObject()->className()))
                                    .arg(min.width())
                                    .arg(min.height())));
        }
        for (QWidget *top : {static_cast<QWidget *>(m_window), static_cast<QWidget *>(&dlg),
                             static_cast<QWidget *>(&guide), static_cast<QWidget *>(&server)}) {
            QSet<QWidget *> labelled;
            for (QLabel *l : top->findChildren<QLabel *>())
                if (l->buddy())
                    labelled.insert(l->buddy());
            for (QWidget *w : top->findChildren<QWidget *>()) {
                // Scroll bars and the inner editors of spin and combo boxes are parts of a named control.
                QWidget *parent = w->parentWidget();
                if (w->focusPolicy() == Qt::NoFocus || w->inherits("QScrollBar") ||
                    (parent && (parent->inherits("QAbstractSpinBox") || parent->inherits("QComboBox"))))
                    continue;
                auto *button = qobject_cast<QAbstractButton *>(w);
                const bool named = !w->accessibleName().isEmpty() || labelled.contains(w) ||
                                   (button && !button->text().isEmpty());
                QVERIFY2(named, qPrintable(QStringLiteral("%1 %2 in %3")
                                               .arg(QString::fromLatin1(w->metaObject()->className()),
                                                    w->objectName(),
                                                    QString::fromLatin1(top->metaObject()->className()))));
            }
        }
    }

private:
    void connectAndJoin()
    {
        Q_EMIT m_session->stateChanged(ConnectionState::Connected, 0, QString());
        QVERIFY(m_session->calls.contains(QStringLiteral("join:general")));
        Q_EMIT m_session->joined(QStringLiteral("general"), {QStringLiteral("Alice"), QStringLiteral("Bob")});
        QCOMPARE(m_manager->currentChannel(), QStringLiteral("general"));
    }

    FakeVoiceBackend *m_backend = nullptr;
    SessionManager *m_manager = nullptr;
    MainWindow *m_window = nullptr;
    TrayController *m_tray = nullptr;
    FakeVoiceSession *m_session = nullptr;
};

QTEST_MAIN(TestUiMainWindow)
#include "test_ui_mainwindow.moc"
