#include "input/PttStateMachine.h"

#include <QSignalSpy>
#include <QtTest>

using tenfour::input::PttStateMachine;

class TestPttStateMachine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void holdTalksWhileHeld()
    {
        PttStateMachine m;
        m.setDebounceMs(0);
        QSignalSpy spy(&m, &PttStateMachine::talkingChanged);
        m.keyDown(1);
        QVERIFY(m.isTalking());
        m.keyUp(1);
        QVERIFY(!m.isTalking());
        QCOMPARE(spy.count(), 2);
    }
    void autorepeatIsIgnored()
    {
        PttStateMachine m;
        m.setDebounceMs(0);
        QSignalSpy spy(&m, &PttStateMachine::talkingChanged);
        m.keyDown(1, true);
        m.keyDown(1, true);
        m.keyDown(1, true);
        QCOMPARE(spy.count(), 1);
        m.keyUp(1);
        QCOMPARE(spy.count(), 2);
    }
    void severalKeysCountOnce()
    {
        PttStateMachine m;
        m.setDebounceMs(0);
        QSignalSpy spy(&m, &PttStateMachine::talkingChanged);
        m.keyDown(1);
        m.keyDown(2);
        m.keyUp(1);
        QVERIFY(m.isTalking()); // key 2 still down
        m.keyUp(2);
        QVERIFY(!m.isTalking());
        QCOMPARE(spy.count(), 2);
    }
    void strayReleaseIsIgnored()
    {
        PttStateMachine m;
        QSignalSpy spy(&m, &PttStateMachine::talkingChanged);
        m.keyUp(7);
        QCOMPARE(spy.count(), 0);
    }
    void chatterWithinDebounceIsOneTalk()
    {
        PttStateMachine m;
        m.setDebounceMs(40);
        QSignalSpy spy(&m, &PttStateMachine::talkingChanged);
        m.keyDown(1);
        m.keyUp(1);
        m.keyDown(1); // bounced within 40 ms
        QTest::qWait(80);
        QVERIFY(m.isTalking());
        QCOMPARE(spy.count(), 1);
        m.keyUp(1);
        QTRY_VERIFY(!m.isTalking());
        QCOMPARE(spy.count(), 2);
    }
    void lostReleaseOfRepeatingKeyTimesOut()
    {
        PttStateMachine m;
        m.setDebounceMs(0);
        m.setRepeatTimeoutMs(60);
        m.keyDown(1, true);
        QTest::qWait(30);
        m.keyDown(1, true); // still repeating: still talking
        QTest::qWait(40);
        QVERIFY(m.isTalking());
        QTRY_VERIFY_WITH_TIMEOUT(!m.isTalking(), 1000); // repeats stopped, no release came
        m.keyDown(1, true);                             // and the key works again afterwards
        QVERIFY(m.isTalking());
    }
    void releaseAllEndsHoldTalk()
    {
        PttStateMachine m;
        m.keyDown(1);
        m.keyDown(2);
        m.releaseAll();
        QVERIFY(!m.isTalking());
        m.keyUp(1); // late releases of forgotten keys change nothing
        QVERIFY(!m.isTalking());
    }
    void toggleFlipsOnEachPress()
    {
        PttStateMachine m;
        m.setDebounceMs(0);
        m.setMode(PttStateMachine::Mode::Toggle);
        m.keyDown(1);
        m.keyUp(1);
        QVERIFY(m.isTalking());
        m.keyDown(1, true);
        m.keyDown(1, true); // repeat does not flip back
        m.keyUp(1);
        QVERIFY(!m.isTalking());
        m.keyDown(1);
        QVERIFY(m.isTalking());
        m.releaseAll(); // losing the key does not stop a toggled talk
        QVERIFY(m.isTalking());
        m.reset();
        QVERIFY(!m.isTalking());
    }
    void modeChangeStopsTalking()
    {
        PttStateMachine m;
        m.keyDown(1);
        m.setMode(PttStateMachine::Mode::Toggle);
        QVERIFY(!m.isTalking());
    }
};

QTEST_GUILESS_MAIN(TestPttStateMachine)
#include "test_ptt_state_machine.moc"
