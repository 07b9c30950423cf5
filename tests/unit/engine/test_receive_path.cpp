// The network side of the receive path (Receiver -> PlayoutMixer) and the speaker's data source
// (PlayoutDevice), without sockets or a sound card: real Opus packets go in, rendered PCM comes out.

#include "audio/PlayoutMixer.h"
#include "codec/OpusEncoder.h"
#include "device/MonotonicClock.h"
#include "device/PlayoutDevice.h"
#include "engine/Receiver.h"

#include <QtTest>
#include <cmath>
#include <cstring>
#include <vector>

using tenfour::audio::PlayoutMixer;
using tenfour::device::PlayoutDevice;
using tenfour::engine::Receiver;

namespace {

// 0.5 s of a 440 Hz tone at -12 dBFS as 25 Opus packets.
std::vector<QByteArray> tonePackets()
{
    tenfour::codec::OpusEncoder enc;
    std::vector<QByteArray> out;
    qint16 pcm[960];
    unsigned char buf[1275];
    for (int f = 0; f < 25; ++f) {
        for (int i = 0; i < 960; ++i)
            pcm[i] = qint16(std::lround(8192.0 * std::sin(2 * M_PI * 440.0 * (f * 960 + i) / 48000.0)));
        const int n = enc.encode(pcm, buf, int(sizeof buf));
        out.emplace_back(reinterpret_cast<const char *>(buf), n);
    }
    return out;
}

double rms(const std::vector<qint16> &x)
{
    double sum = 0;
    for (qint16 s : x)
        sum += double(s) * s;
    return x.empty() ? 0.0 : std::sqrt(sum / double(x.size()));
}

// Simulated time: packets arrive every 20 ms, the "sink" pulls 20 ms 10 ms after each arrival.
struct SimClock {
    qint64 us = 1000000000;
    static qint64 read(void *self) { return static_cast<SimClock *>(self)->us; }
};

// Plays one transmission from `speaker` through the receiver and renders it.
std::vector<qint16> playTransmission(Receiver &rx, PlayoutMixer &mixer, SimClock &clock, quint32 sid,
                                     const QString &speaker)
{
    const std::vector<QByteArray> packets = tonePackets();
    rx.setClock(&SimClock::read, &clock);
    std::vector<qint16> out(960 * 40);
    rx.streamStarted(sid, speaker);
    for (int f = 0; f < 40; ++f) {
        if (f < int(packets.size()))
            rx.audioFrame(sid, quint32(f), packets[size_t(f)]);
        else if (f == int(packets.size()))
            rx.streamEnded(sid);
        clock.us += 10000;
        mixer.render(out.data() + f * 960, 960, clock.us);
        clock.us += 10000;
    }
    return out;
}

} // namespace

class TestReceivePath : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void perSpeakerGainAndMute()
    {
        PlayoutMixer mixer;
        Receiver rx(&mixer);
        SimClock clock;
        const double full = rms(playTransmission(rx, mixer, clock, 1, QStringLiteral("Bob")));
        QVERIFY2(full > 3000, qPrintable(QString::number(full))); // the tone came through (~5800 RMS)
        QCOMPARE(rx.framesReceived(), quint64(25));

        rx.setSpeakerMuted(QStringLiteral("Bob"), true);
        QVERIFY(rx.speakerMuted(QStringLiteral("Bob")));
        const double muted = rms(playTransmission(rx, mixer, clock, 2, QStringLiteral("Bob")));
        QVERIFY2(muted < 1.0, qPrintable(QString::number(muted)));
        // Another speaker is not affected by Bob's mute.
        const double alice = rms(playTransmission(rx, mixer, clock, 3, QStringLiteral("Alice")));
        QVERIFY2(std::abs(alice - full) < full * 0.1, qPrintable(QString::number(alice)));

        rx.setSpeakerMuted(QStringLiteral("Bob"), false);
        rx.setSpeakerGain(QStringLiteral("Bob"), 0.5f);
        const double half = rms(playTransmission(rx, mixer, clock, 4, QStringLiteral("Bob")));
        QVERIFY2(std::abs(half / full - 0.5) < 0.08, qPrintable(QString::number(half / full)));
        QCOMPARE(rx.framesRefused(), quint64(0));
    }

    void emptyAndOversizedPacketsAreNotQueued()
    {
        PlayoutMixer mixer;
        Receiver rx(&mixer);
        rx.streamStarted(9, QStringLiteral("X"));
        rx.audioFrame(9, 0, QByteArray());
        rx.audioFrame(9, 1, QByteArray(1276, 'x'));
        QCOMPARE(rx.framesReceived(), quint64(0));
    }

    void playoutDeviceFillsEveryReadInTheSinkFormat()
    {
        PlayoutMixer mixer;
        Receiver rx(&mixer);
        // Native: 48 kHz mono Int16, bytes straight from the mixer; silence when nobody talks.
        {
            PlayoutDevice dev(&mixer);
            QVERIFY(dev.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
            QByteArray buf(3840, 'x');
            QCOMPARE(dev.read(buf.data(), buf.size()), qint64(3840)); // never 0: the sink would stop
            QCOMPARE(buf, QByteArray(3840, '\0'));
        }
        // A device that wants 44.1 kHz stereo Float: resampled, copied to both channels.
        QAudioFormat f;
        f.setSampleRate(44100);
        f.setChannelCount(2);
        f.setSampleFormat(QAudioFormat::Float);
        std::atomic<quint64> pulled{0};
        PlayoutDevice dev(&mixer, &pulled);
        dev.configure(f);
        QVERIFY(dev.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        // Here on the real clock (PlayoutDevice renders with monotonicUs()): a packet arrives
        // before each 20 ms read, as from a live talker.
        const std::vector<QByteArray> packets = tonePackets();
        rx.streamStarted(5, QStringLiteral("Bob"));
        double sum = 0;
        qint64 frames = 0;
        bool channelsEqual = true;
        for (int k = 0; k < 40; ++k) {
            if (k < int(packets.size()))
                rx.audioFrame(5, quint32(k), packets[size_t(k)]);
            QByteArray chunk(882 * 8, '\0'); // 20 ms at 44.1 kHz, 2 channels of 4 bytes
            QCOMPARE(dev.read(chunk.data(), chunk.size()), qint64(chunk.size()));
            for (int i = 0; i < 882; ++i) {
                float l, r;
                std::memcpy(&l, chunk.constData() + 8 * i, 4);
                std::memcpy(&r, chunk.constData() + 8 * i + 4, 4);
                channelsEqual = channelsEqual && l == r;
                sum += double(l) * l;
                ++frames;
            }
            QTest::qWait(20);
        }
        QVERIFY(channelsEqual);
        const double level = std::sqrt(sum / double(frames));
        QVERIFY2(level > 0.05,
                 qPrintable(QString::number(level))); // the tone is there (0.18 RMS in its 0.5 s)
        QCOMPARE(pulled.load(), quint64(40 * 882));
    }
};

QTEST_GUILESS_MAIN(TestReceivePath)
#include "test_receive_path.moc"
