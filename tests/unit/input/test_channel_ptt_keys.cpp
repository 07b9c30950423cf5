// Per-channel push-to-talk keys through PushToTalkInput: the backend's indices after the main
// keys reach one state machine per channel key, each follows the hold/toggle mode, and the main
// key and the channel keys never talk at once (the first one pressed wins).
#include "input/PushToTalkInput.h"

#include <QSignalSpy>
#include <QtTest>

using tenfour::input::PttKey;
using tenfour::input::PttStateMachine;
using tenfour::input::PushToTalkInput;

namespace {

// A backend the test presses by hand; the platform backends are tested on their own.
class HandBackend : public tenfour::input::GlobalKeyBackend {
    Q_OBJECT
public:
    QString id() const override { return QStringLiteral("hand"); }
    tenfour::input::BackendCapabilities capabilities() const override { return {}; }
    bool start() override { return true; }
    QString errorString() const override { return QStringLiteral("refused"); }
    bool bind(const QList<PttKey> &keys) override
    {
        if (refuse)
            return false;
        bound.clear();
        for (const PttKey &k : keys)
            bound << k.toString();
        return true;
    }
    void down(int i) { Q_EMIT pressed(i, 0); }
    void up(int i) { Q_EMIT released(i, 0); }
    void lose() { Q_EMIT lost(QStringLiteral("gone")); }

    QStringList bound;
    bool refuse = false;
};

PttKey key(const char *name)
{
    return PttKey::fromString(QString::fromLatin1(name));
}

} // namespace

class TestChannelPttKeys : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<PushToTalkInput> m_input;
    HandBackend *m_backend = nullptr;

    // Main key F8 at index 0, channel keys F9 (channel 0) and F10 (channel 1) at 1 and 2.
    void setUp(PttStateMachine::Mode mode)
    {
        m_input = std::make_unique<PushToTalkInput>();
        auto backend = std::make_unique<HandBackend>();
        m_backend = backend.get();
        m_input->setBackend(std::move(backend));
        m_input->setMode(mode);
        m_input->stateMachine().setDebounceMs(0);
        m_input->channelKeys().setDebounceMs(0);
        QVERIFY(m_input->setKeys({key("F8")}, {key("F9"), key("Ctrl+F10")}));
    }

private Q_SLOTS:
    void bindsMainKeysThenChannelKeys()
    {
        setUp(PttStateMachine::Mode::Hold);
        QCOMPARE(m_backend->bound, (QStringList{"F8", "F9", "Ctrl+F10"}));
        QCOMPARE(m_input->channelKeys().count(), 2);
    }

    void holdTalksOnTheKeysChannel()
    {
        setUp(PttStateMachine::Mode::Hold);
        QSignalSpy main(m_input.get(), &PushToTalkInput::talkingChanged);
        QSignalSpy chan(m_input.get(), &PushToTalkInput::channelTalkingChanged);
        m_backend->down(2);
        QCOMPARE(chan.size(), 1);
        QCOMPARE(chan.at(0), (QVariantList{1, true}));
        QCOMPARE(m_input->channelKeys().active(), 1);
        m_backend->down(2); // a repeat, or a duplicate event: nothing new
        QCOMPARE(chan.size(), 1);
        m_backend->up(2);
        QCOMPARE(chan.size(), 2);
        QCOMPARE(chan.at(1), (QVariantList{1, false}));
        QCOMPARE(m_input->channelKeys().active(), -1);
        QVERIFY(main.isEmpty()); // the main talk never started
        m_backend->down(0);
        QCOMPARE(main.size(), 1);
        QCOMPARE(chan.size(), 2);
        m_backend->up(0);
        QCOMPARE(main.size(), 2);
    }

    void firstPressedWins()
    {
        setUp(PttStateMachine::Mode::Hold);
        QSignalSpy main(m_input.get(), &PushToTalkInput::talkingChanged);
        QSignalSpy chan(m_input.get(), &PushToTalkInput::channelTalkingChanged);
        // A channel talk: the main key and the other channel key are ignored meanwhile.
        m_backend->down(1);
        m_backend->down(0);
        m_backend->down(2);
        QVERIFY(main.isEmpty());
        QVERIFY(!m_input->isTalking());
        QCOMPARE(chan.size(), 1);
        m_backend->up(0);
        m_backend->up(2);
        QCOMPARE(m_input->channelKeys().active(), 0); // still talking on channel 0
        m_backend->up(1);
        QCOMPARE(chan.size(), 2);
        // A main talk: channel keys are ignored, and a key held through it needs a new press.
        m_backend->down(0);
        QCOMPARE(main.size(), 1);
        m_backend->down(1);
        QCOMPARE(chan.size(), 2);
        m_backend->up(0);
        QCOMPARE(main.size(), 2);
        m_backend->up(1);
        QCOMPARE(chan.size(), 2);
        m_backend->down(1);
        QCOMPARE(chan.size(), 3);
        QCOMPARE(chan.last(), (QVariantList{0, true}));
    }

    void toggleModeAppliesToChannelKeys()
    {
        setUp(PttStateMachine::Mode::Toggle);
        QSignalSpy chan(m_input.get(), &PushToTalkInput::channelTalkingChanged);
        m_backend->down(1);
        m_backend->up(1);
        QCOMPARE(m_input->channelKeys().active(), 0); // on after the click
        // The main key and the other channel key do nothing while it is on, and are not left "on".
        m_backend->down(0);
        m_backend->up(0);
        m_backend->down(2);
        m_backend->up(2);
        QVERIFY(!m_input->isTalking());
        QVERIFY(!m_input->stateMachine().isTalking());
        QCOMPARE(chan.size(), 1);
        m_backend->down(1);
        m_backend->up(1);
        QCOMPARE(chan.size(), 2);
        QCOMPARE(chan.last(), (QVariantList{0, false}));
        // The other channel key now starts at its first click (it was not left half "on").
        m_backend->down(2);
        m_backend->up(2);
        QCOMPARE(chan.last(), (QVariantList{1, true}));
    }

    void lostReleaseAndRebindEndTheTalk()
    {
        setUp(PttStateMachine::Mode::Hold);
        QSignalSpy chan(m_input.get(), &PushToTalkInput::channelTalkingChanged);
        m_backend->down(1);
        m_backend->lose();
        QCOMPARE(chan.size(), 2);
        QCOMPARE(chan.last(), (QVariantList{0, false}));
        m_backend->down(2);
        QVERIFY(m_input->setKeys({key("F8")}, {key("F11")})); // indices change meaning
        QCOMPARE(chan.last(), (QVariantList{1, false}));
        QCOMPARE(m_input->channelKeys().count(), 1);
        m_backend->up(2);   // the old key's release: index 2 is no key now
        m_backend->down(3); // out of range
        QCOMPARE(chan.size(), 4);
        m_backend->down(1);
        QCOMPARE(chan.last(), (QVariantList{0, true}));
    }

    void refusedBindKeepsEverythingOnTheMainKey()
    {
        setUp(PttStateMachine::Mode::Hold);
        m_backend->refuse = true;
        QVERIFY(!m_input->setKeys({key("F8")}, {key("F9")}));
        QCOMPARE(m_input->channelKeys().count(), 0);
        QSignalSpy main(m_input.get(), &PushToTalkInput::talkingChanged);
        m_backend->down(1); // as before channel keys existed: any index is the main talk
        QCOMPARE(main.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestChannelPttKeys)
#include "test_channel_ptt_keys.moc"
