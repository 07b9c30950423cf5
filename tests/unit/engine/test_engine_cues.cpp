// Audio cues through the real engine and a real in-process relay: our floor granted plays the
// talk-permit chirp, a denial (someone else holds the floor) the busy tone, and the end of the
// other's transmission the end beep; each shows up in what the engine's mixer renders (the
// real render call), at its volume; a disabled cue stays silent. Nothing of it reaches the relay.

#include "audio/PlayoutMixer.h"
#include "engine/Transmitter.h"
#include "engine/Uplink.h"
#include "engine/VoiceEngine.h"
#include "net/RelaySession.h"
#include "relay/RelayServer.h"

#include <QSignalSpy>
#include <QtTest>
#include <vector>

using namespace tenfour;
using Cue = audio::CuePlayer::Cue;

namespace {

device::CaptureFrame silence(bool pressed)
{
    device::CaptureFrame f;
    f.pressed = pressed;
    std::fill(std::begin(f.samples), std::end(f.samples), qint16(0));
    return f;
}

bool connectAndJoin(net::RelaySession &s, const QUrl &url, const QString &name)
{
    net::RelaySession::Options o;
    o.url = url;
    o.name = name;
    s.open(o);
    s.join(QStringLiteral("ch"));
    return QTest::qWaitFor([&] { return s.isJoined(QStringLiteral("ch")); }, 5000);
}

// Renders 600 ms (longer than any cue) the way the playout thread would; returns the peak.
int renderPeak(audio::PlayoutMixer *m, qint64 *clockUs)
{
    std::vector<qint16> buf(480);
    int peak = 0;
    for (int i = 0; i < 60; ++i) {
        m->render(buf.data(), int(buf.size()), *clockUs);
        *clockUs += 10000;
        for (qint16 s : buf)
            peak = std::max(peak, std::abs(int(s)));
    }
    return peak;
}

int expectedPeak(int volume)
{
    return int(audio::CuePlayer::kFullVolumeAmplitude * float(volume) / 100.0f);
}

} // namespace

class TestEngineCues : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void grantDenyAndEndPlayTheirCues()
    {
        relay::RelayServer server(relay::RelayConfig{});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        net::RelaySession a, b;
        QVERIFY(connectAndJoin(a, server.url(), QStringLiteral("Alice")));
        QVERIFY(connectAndJoin(b, server.url(), QStringLiteral("Bob")));

        engine::VoiceEngine::Config cfg;
        cfg.capture = false; // frames are pushed by the test
        cfg.playout = false; // the test renders
        cfg.transmit.tailMs = 0;
        cfg.cuePermit = {true, 80};
        cfg.cueBusy = {true, 40};
        cfg.cueEnd = {true, 100};
        engine::VoiceEngine eng(&a, cfg);
        eng.setChannel(QStringLiteral("ch"));
        eng.start();
        audio::PlayoutMixer *mixer = eng.mixer();
        qint64 clock = 0;
        QCOMPARE(renderPeak(mixer, &clock), 0);
        QSignalSpy bobHears(&b, &net::RelaySession::audioReceived);

        // Our transmission: granted -> permit chirp (80 %).
        QSignalSpy granted(eng.uplink(), &engine::Uplink::talkGranted);
        QSignalSpy ended(eng.uplink(), &engine::Uplink::talkEnded);
        for (int i = 0; i < 5; ++i)
            QVERIFY(eng.transmitter()->queue()->push(silence(true)));
        QVERIFY(eng.transmitter()->queue()->push(silence(false)));
        QVERIFY(QTest::qWaitFor([&] { return granted.count() == 1; }, 5000));
        int p = renderPeak(mixer, &clock);
        QVERIFY2(std::abs(p - expectedPeak(80)) < expectedPeak(80) / 20, qPrintable(QString::number(p)));
        QVERIFY(QTest::qWaitFor([&] { return ended.count() == 1; }, 5000));
        QTest::qWait(100);
        QCOMPARE(bobHears.count(), 5); // only our silent frames reached the relay, no cue
        QCOMPARE(renderPeak(mixer, &clock), 0);

        // Bob holds the floor ...
        engine::Transmitter bobTx(engine::Transmitter::Config{});
        engine::Uplink bobUp(&bobTx, &b);
        bobUp.setChannel(QStringLiteral("ch"));
        QSignalSpy bobGranted(&bobUp, &engine::Uplink::talkGranted);
        bobTx.start();
        bobTx.setPressed(true);
        QVERIFY(bobTx.queue()->push(silence(false)));
        QVERIFY(QTest::qWaitFor([&] { return bobGranted.count() == 1; }, 5000));
        // ... so our press is denied: busy tone (40 %).
        QSignalSpy denied(eng.uplink(), &engine::Uplink::talkDenied);
        QVERIFY(eng.transmitter()->queue()->push(silence(true)));
        QVERIFY(QTest::qWaitFor([&] { return denied.count() == 1; }, 5000));
        p = renderPeak(mixer, &clock);
        QVERIFY2(std::abs(p - expectedPeak(40)) < expectedPeak(40) / 20, qPrintable(QString::number(p)));
        QVERIFY(eng.transmitter()->queue()->push(silence(false)));

        // Bob stops: the end beep (100 %); his stream was silence, so the peak is the beep.
        QSignalSpy talkEnded(&a, &net::RelaySession::talkEnded);
        bobTx.setPressed(false);
        QVERIFY(bobTx.queue()->push(silence(false)));
        QVERIFY(QTest::qWaitFor([&] { return talkEnded.count() >= 1; }, 5000));
        p = renderPeak(mixer, &clock);
        QVERIFY2(std::abs(p - expectedPeak(100)) < expectedPeak(100) / 20, qPrintable(QString::number(p)));

        // Disabled: the next grant is silent.
        eng.setCue(Cue::Permit, false, 80);
        granted.clear();
        for (int i = 0; i < 3; ++i)
            QVERIFY(eng.transmitter()->queue()->push(silence(true)));
        QVERIFY(eng.transmitter()->queue()->push(silence(false)));
        QVERIFY(QTest::qWaitFor([&] { return granted.count() == 1; }, 5000));
        QCOMPARE(renderPeak(mixer, &clock), 0);
        bobTx.stop();
        eng.stop();
    }
};

QTEST_GUILESS_MAIN(TestEngineCues)
#include "test_engine_cues.moc"
