// The D-Bus fallback through a real session bus and the real dbus-send tool.
#include "input/DBusPttService.h"
#include "input/PushToTalkInput.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QProcess>
#include <QtTest>

using tenfour::input::PushToTalkInput;

class TestPushToTalkInput : public QObject {
    Q_OBJECT
private:
    QString m_service;

    void call(const QString &method)
    {
        QProcess p;
        p.start(QStringLiteral("dbus-send"),
                {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                 QStringLiteral("--dest=") + m_service, QStringLiteral("/PushToTalk"),
                 QStringLiteral("org.tenfour.PushToTalk.") + method});
        // dbus-send waits for the reply, which needs this event loop: poll instead of blocking.
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 5000);
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected()) {
            if (qEnvironmentVariableIsSet("TENFOUR_TEST_ENV"))
                QFAIL("the test environment must provide a D-Bus session bus");
            QSKIP("no D-Bus session bus (run inside scripts/test-env.sh)");
        }
        m_service = QStringLiteral("org.tenfour.Test%1").arg(QCoreApplication::applicationPid());
    }
    void dbusStartStopToggle()
    {
        PushToTalkInput input;
        QVERIFY2(input.enableDBus(m_service), qPrintable(input.errorString()));
        input.stateMachine().setDebounceMs(0);
        call(QStringLiteral("StartTalking"));
        QTRY_VERIFY(input.isTalking());
        call(QStringLiteral("StopTalking"));
        QTRY_VERIFY(!input.isTalking());
        call(QStringLiteral("ToggleTalking"));
        QTRY_VERIFY(input.isTalking());
        call(QStringLiteral("ToggleTalking"));
        QTRY_VERIFY(!input.isTalking());
    }
    void dbusInToggleModeIsAbsolute()
    {
        // In toggle mode StartTalking always starts and StopTalking always stops (a script can
        // force a state); the key and ToggleTalking flip.
        PushToTalkInput input;
        QVERIFY2(input.enableDBus(m_service), qPrintable(input.errorString()));
        input.setMode(tenfour::input::PttStateMachine::Mode::Toggle);
        call(QStringLiteral("StartTalking"));
        QTRY_VERIFY(input.isTalking());
        call(QStringLiteral("StartTalking"));
        QTest::qWait(50);
        QVERIFY(input.isTalking()); // still talking: a start is not a flip
        call(QStringLiteral("StopTalking"));
        QTRY_VERIFY(!input.isTalking());
        call(QStringLiteral("StopTalking"));
        QTest::qWait(50);
        QVERIFY(!input.isTalking());
        // A key press (index 0 of a backend, here driven as a source) flips; so does ToggleTalking.
        input.press(0);
        input.release(0);
        QVERIFY(input.isTalking());
        call(QStringLiteral("ToggleTalking"));
        QTRY_VERIFY(!input.isTalking());
        call(QStringLiteral("ToggleTalking"));
        QTRY_VERIFY(input.isTalking());
        call(QStringLiteral("StopTalking"));
        QTRY_VERIFY(!input.isTalking());
    }
    void holdModeButtonToggleModeClick()
    {
        PushToTalkInput input;
        input.stateMachine().setDebounceMs(0);
        input.setMode(tenfour::input::PttStateMachine::Mode::Toggle);
        // A click (press + release) of the in-window button starts, the next one stops.
        input.press(PushToTalkInput::ButtonSource);
        input.release(PushToTalkInput::ButtonSource);
        QVERIFY(input.isTalking());
        input.press(PushToTalkInput::ButtonSource);
        input.release(PushToTalkInput::ButtonSource);
        QVERIFY(!input.isTalking());
        input.setMode(tenfour::input::PttStateMachine::Mode::Hold);
        input.start(PushToTalkInput::CommandSource);
        QVERIFY(input.isTalking());
        input.stop(PushToTalkInput::CommandSource);
        QVERIFY(!input.isTalking());
    }
    void secondInstanceCannotTakeTheName()
    {
        PushToTalkInput first;
        QVERIFY(first.enableDBus(m_service));
        PushToTalkInput second;
        QVERIFY(!second.enableDBus(m_service));
        QVERIFY(!second.errorString().isEmpty());
        first.stateMachine().setDebounceMs(0);
        call(QStringLiteral("StartTalking")); // the first instance still answers
        QTRY_VERIFY(first.isTalking());
        QVERIFY(!second.isTalking());
    }
    void buttonAndKeyCountOnce()
    {
        PushToTalkInput input;
        input.stateMachine().setDebounceMs(0);
        input.press(PushToTalkInput::ButtonSource);
        input.press(PushToTalkInput::CommandSource);
        input.release(PushToTalkInput::ButtonSource);
        QVERIFY(input.isTalking());
        input.release(PushToTalkInput::CommandSource);
        QVERIFY(!input.isTalking());
        QVERIFY(!input.setKeys({})); // no backend: a clear error, not a crash
        QVERIFY(!input.errorString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPushToTalkInput)
#include "test_push_to_talk_input.moc"
