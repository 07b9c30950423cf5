#include "PulseTestKit.h"

#include "audio/PlayoutMixer.h"
#include "codec/OpusEncoder.h"
#include "device/DeviceCatalog.h"
#include "device/MonotonicClock.h"

#include <QFile>
#include <QtTest>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>
#include <unistd.h>

namespace tenfour::testing {

QString pactl(const QStringList &args, bool *ok)
{
    return runForOutput(QStringLiteral("pactl"), args, ok);
}

QAudioDevice waitForDevice(QAudioDevice::Mode mode, const QString &id)
{
    QAudioDevice d;
    (void)QTest::qWaitFor(
        [&] {
            d = device::DeviceCatalog::byId(mode, id.toUtf8());
            return !d.isNull();
        },
        5000);
    return d;
}

bool streamCorked()
{
    const QString inputs = pactl({QStringLiteral("list"), QStringLiteral("sink-inputs")});
    // One block per stream; other tests may have streams of their own on the same server.
    const QStringList blocks = inputs.split(QStringLiteral("Sink Input #"));
    return std::any_of(blocks.begin(), blocks.end(), [](const QString &b) {
        return b.contains(QLatin1String("Tenfour playout")) && b.contains(QLatin1String("Corked: yes")) &&
               b.contains(QStringLiteral("application.process.id = \"%1\"").arg(::getpid()));
    });
}

void sendTone(audio::PlayoutMixer &mixer, int packets)
{
    codec::OpusEncoder enc;
    audio::IncomingPacket p;
    p.kind = audio::IncomingPacket::StreamStart;
    p.sid = 7;
    mixer.enqueue(p);
    qint16 pcm[audio::kFrameSamples];
    const auto start = std::chrono::steady_clock::now();
    for (int f = 0; f < packets; ++f) {
        for (int i = 0; i < audio::kFrameSamples; ++i)
            pcm[i] = qint16(std::lround(8192.0 * std::sin(2 * M_PI * 1000.0 * (f * 960 + i) / 48000.0)));
        std::this_thread::sleep_until(start + std::chrono::milliseconds(20 * f));
        p.kind = audio::IncomingPacket::Audio;
        p.seq = quint32(f);
        p.size = quint16(enc.encode(pcm, p.data, int(sizeof p.data)));
        p.arrivalUs = device::monotonicUs();
        mixer.enqueue(p);
    }
    p.kind = audio::IncomingPacket::StreamEnd;
    mixer.enqueue(p);
}

double rms(const qint16 *x, int n)
{
    double sum = 0;
    for (int i = 0; i < n; ++i)
        sum += double(x[i]) * x[i];
    return n > 0 ? std::sqrt(sum / n) : 0.0;
}

ToneSpan findTone(const QByteArray &recorded)
{
    const auto *s = reinterpret_cast<const qint16 *>(recorded.constData());
    const int blocks = int(recorded.size() / 2 / 480);
    ToneSpan t;
    for (int b = 0; b < blocks; ++b) {
        if (rms(s + b * 480, 480) > 2000) {
            if (t.first < 0)
                t.first = b;
            t.last = b;
        }
    }
    for (int b = std::max(t.first, 0); b <= t.last; ++b)
        t.quiet += rms(s + b * 480, 480) < 2000 ? 1 : 0;
    return t;
}

bool LoadedModules::load(const QStringList &args)
{
    bool ok = false;
    const QString id = pactl(QStringList{QStringLiteral("load-module")} + args, &ok);
    if (ok && !id.isEmpty())
        m_ids << id;
    return ok && !id.isEmpty();
}

void LoadedModules::unloadAll()
{
    for (const QString &m : std::as_const(m_ids))
        pactl({QStringLiteral("unload-module"), m});
    m_ids.clear();
}

bool SinkRecorder::start(const QString &sink)
{
    if (!m_dir.isValid() || !m_process.start(QStringLiteral("parecord"),
                                             {QStringLiteral("--latency-msec=20"), QStringLiteral("-d"),
                                              sink + QStringLiteral(".monitor"), QStringLiteral("--raw"),
                                              QStringLiteral("--format=s16le"),
                                              QStringLiteral("--rate=48000"), QStringLiteral("--channels=1")},
                                             m_dir.filePath(QStringLiteral("monitor.raw"))))
        return false;
    QTest::qWait(2200);
    return m_process.isRunning();
}

QByteArray SinkRecorder::recorded() const
{
    QFile f(m_dir.filePath(QStringLiteral("monitor.raw")));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool SinkRecorder::stop()
{
    m_process.terminate();
    return m_process.waitForFinished(5000);
}

} // namespace tenfour::testing
