#include "engine/Transmitter.h"

#include "audio/PttGate.h"
#include "codec/OpusEncoder.h"

#include <QThread>
#include <algorithm>
#include <cstdlib>

namespace tenfour::engine {

namespace {
constexpr int kWakeTimeoutMs = 100; // how long the worker sleeps before it looks at m_quit again
constexpr int kDtxMaxBytes = 2;     // Opus DTX marks silence with 1-2 byte packets: not sent
// ... except one a second: the relay takes the floor back after a few seconds without audio.
constexpr int kDtxKeepAliveFrames = 50;
} // namespace

Transmitter::Transmitter(const Config &config, QObject *parent)
    : QObject(parent), m_bitrate(config.bitrate), m_complexity(config.complexity), m_dtx(config.dtx),
      m_loss(config.expectedLossPercent), m_preRollMs(config.preRollMs), m_tailMs(config.tailMs),
      m_processor(config.processing), m_vad(config.voiceThresholdDb), m_vadOn(config.voiceActivation)
{
}

Transmitter::~Transmitter()
{
    stop();
}

void Transmitter::setBitrate(int bps)
{
    m_bitrate.store(std::clamp(bps, codec::kMinBitrate, codec::kMaxBitrate));
    bump();
}

void Transmitter::setDtx(bool on)
{
    m_dtx.store(on);
    bump();
}

void Transmitter::setExpectedLossPercent(int pct)
{
    const int v = std::clamp(pct, 0, 100);
    if (m_loss.exchange(v) != v)
        bump();
}

void Transmitter::setPreRollMs(int ms)
{
    m_preRollMs.store(ms);
    bump();
}

void Transmitter::setTailMs(int ms)
{
    m_tailMs.store(ms);
    bump();
}

void Transmitter::publishLevel(const qint16 *samples)
{
    int peak = 0;
    for (int i = 0; i < audio::kFrameSamples; ++i)
        peak = std::max(peak, std::abs(int(samples[i])));
    m_peak.store(float(peak) / 32768.0f, std::memory_order_relaxed);
    m_levelDb.store(m_vad.lastLevelDb(), std::memory_order_relaxed);
}

void Transmitter::start()
{
    if (m_thread)
        return;
    m_quit.store(false);
    m_workerDone.store(false);
    m_thread = QThread::create([this] {
        run();
        m_workerDone.store(true, std::memory_order_release);
    });
    m_thread->setObjectName(QStringLiteral("tenfour-encoder"));
    m_thread->start(QThread::HighPriority);
}

void Transmitter::stop()
{
    if (!m_thread)
        return;
    m_quit.store(true);
    m_queue.wake();
    m_thread->wait();
    const bool done = m_workerDone.load(std::memory_order_acquire);
    Q_ASSERT(done);
    Q_UNUSED(done);
    delete m_thread;
    m_thread = nullptr;
    m_transmitting.store(false);
}

void Transmitter::run()
{
    codec::EncoderConfig ec;
    ec.bitrate = m_bitrate.load();
    ec.complexity = m_complexity.load();
    ec.dtx = m_dtx.load();
    ec.fec = true;
    ec.expectedLossPercent = m_loss.load();
    codec::OpusEncoder encoder(ec);
    if (!encoder.isValid()) {
        Q_EMIT encoderError(encoder.errorString());
        return;
    }
    audio::PttGate gate(m_preRollMs.load(), m_tailMs.load());
    quint32 applied = m_settingsVersion.load(std::memory_order_acquire);

    device::CaptureFrame frame;
    const qint16 *out[audio::PttGate::kMaxOut];
    unsigned char packet[audio::kMaxPacketBytes];
    quint32 seq = 0;
    int sinceSent = 0; // frames since the last packet that went out

    while (!m_quit.load(std::memory_order_relaxed)) {
        m_queue.wait(kWakeTimeoutMs);
        const quint32 version = m_settingsVersion.load(std::memory_order_acquire);
        if (version != applied) {
            applied = version;
            encoder.setBitrate(m_bitrate.load());
            encoder.setDtx(m_dtx.load());
            encoder.setExpectedLossPercent(m_loss.load());
            gate.setPreRollMs(m_preRollMs.load());
            gate.setTailMs(m_tailMs.load());
        }
        while (!m_quit.load(std::memory_order_relaxed) && m_queue.pop(frame)) {
            m_processed.fetch_add(1, std::memory_order_relaxed);
            // Processed here, before the gate: the pre-roll and the level meter see what is sent.
            m_processor.process(frame.samples);
            const bool voice = m_vad.process(frame.samples);
            publishLevel(frame.samples);
            m_voiceActive.store(voice, std::memory_order_relaxed);
            const bool pressed = frame.pressed || m_pressed.load(std::memory_order_relaxed) ||
                                 (voice && m_vadOn.load(std::memory_order_relaxed));
            int count = 0;
            const audio::PttGate::Event ev =
                gate.process(frame.samples, pressed, out, audio::PttGate::kMaxOut, &count);
            if (ev == audio::PttGate::Event::Start) {
                // A fresh encoder state per transmission: its first packet decodes on its own.
                encoder.reset();
                seq = 0;
                sinceSent = 0;
                m_transmitting.store(true, std::memory_order_relaxed);
                Q_EMIT transmissionStarted();
            }
            for (int i = 0; i < count; ++i) {
                const int n = encoder.encode(out[i], packet, int(sizeof packet));
                const quint32 mySeq = seq++;
                if (n < 0) {
                    Q_EMIT encoderError(encoder.errorString());
                    continue;
                }
                if (n <= kDtxMaxBytes && encoder.dtx() && ++sinceSent < kDtxKeepAliveFrames) {
                    m_dtxSkipped.fetch_add(1, std::memory_order_relaxed);
                    continue;
                }
                sinceSent = 0;
                m_sent.fetch_add(1, std::memory_order_relaxed);
                // Pre-roll frames were captured earlier: 20 ms per frame before the live one.
                const qint64 captureUs = frame.captureUs - qint64(count - 1 - i) * audio::kFrameMs * 1000;
                Q_EMIT packetReady(mySeq, QByteArray(reinterpret_cast<const char *>(packet), n), captureUs);
            }
            if (ev == audio::PttGate::Event::Stop) {
                m_transmitting.store(false, std::memory_order_relaxed);
                Q_EMIT transmissionEnded();
            }
        }
    }
}

} // namespace tenfour::engine
