#pragma once
// One speaker's receive path: JitterBuffer + DelayEstimator + OpusDecoder (+ TimeStretcher).
// push() files packets; pull() produces the next 20 ms, deciding per frame whether to play,
// conceal (FEC from the next packet when present, else PLC), drop a silent frame or shorten speech
// to follow the target delay. Playout starts once the head frame has waited the target delay.
// Single-threaded (the playout thread owns it); time is passed in for deterministic tests.

#include "audio/AudioFormat.h"
#include "audio/DelayEstimator.h"
#include "audio/JitterBuffer.h"
#include "codec/OpusDecoder.h"

#include <QtGlobal>
#include <memory>

namespace tenfour::audio {

class SpeakerStream {
public:
    enum class State { Idle, Buffering, Playing };

    // Cumulative over the object's life (start() does not clear them).
    struct Counters {
        quint64 played = 0;       // frames decoded from their own packet and played
        quint64 concealed = 0;    // frames made up by PLC or FEC
        quint64 fecRecovered = 0; // of `concealed`: rebuilt from the next packet's FEC data
        quint64 late = 0;         // packets that arrived after their turn (dropped)
        quint64 duplicates = 0;   // packets received twice (dropped)
        quint64 dropped = 0;      // silent frames skipped to lower the delay
        quint64 stretched = 0;    // pitch periods removed to lower the delay
        quint64 inserted = 0;     // silent frames added to raise the delay
        quint64 underruns = 0;    // pulls while playing with nothing buffered
        quint64 invalid = 0;      // packets the decoder refused
    };

    explicit SpeakerStream(const JitterConfig &config = {});
    SpeakerStream(const SpeakerStream &) = delete;
    SpeakerStream &operator=(const SpeakerStream &) = delete;

    void setConfig(const JitterConfig &config);
    const JitterConfig &config() const { return m_config; }

    // Readies the stream for a new transmission. initialTargetMs seeds the target delay (e.g. the
    // last one measured on this network); < 0 means the configured minimum.
    void start(qint64 nowUs, int initialTargetMs = -1);
    // Files one packet (starting the stream if it is idle).
    JitterBuffer::InsertResult push(quint32 seq, const unsigned char *data, int len, qint64 arrivalUs);
    // End of transmission: play out what is buffered, then go idle.
    void end();
    // Goes idle at once, dropping everything buffered.
    void stop();

    // Writes the next kFrameSamples samples to out. Returns true when they carry this speaker's audio,
    // false when the stream is idle or still buffering (out is then all zeros).
    bool pull(qint16 *out, qint64 nowUs);

    State state() const { return m_state; }
    bool active() const { return m_state != State::Idle; }
    bool ending() const { return m_ending; }
    const Counters &counters() const { return m_counters; }
    int targetDelayMs() const { return m_estimator.targetDelayMs(); }
    // How long the frame due now has waited since its ideal arrival (the current added delay).
    int bufferedMs(qint64 nowUs) const;
    // The sequence number decoded next and the decoded samples queued before it: the next frame
    // starts playing pendingSamples() after the coming pull's start (for delay measurements).
    quint32 playSeq() const { return m_buffer.nextSeq(); }
    int pendingSamples() const { return m_pcmLen; }
    // RMS of the last pulled frame, full scale = 32768 (for "is audible" indicators).
    float lastRms() const { return m_lastRms; }

    // Frames quieter than this RMS (about -45 dBFS) may be dropped to catch up.
    static constexpr float kSilenceRms = 180.0f;

private:
    enum class Produced { Frame, Nothing, End };

    // How long the next frame to decode has waited past its ideal arrival when it is needed now
    // (its jitter protection); plus the decoded samples still queued, it is the added delay.
    qint64 deadlineDelayUs(qint64 nowUs) const;
    qint64 pendingUs() const;
    Produced produce(qint64 nowUs);
    int decodeInto(qint16 *dst, const JitterBuffer::Packet &p);
    int concealInto(qint16 *dst, quint32 missingSeq);
    void finish();

    JitterConfig m_config;
    JitterBuffer m_buffer;
    DelayEstimator m_estimator;
    codec::OpusDecoder m_decoder;
    Counters m_counters;

    static constexpr int kPcmCapacity = kMaxDecodedSamples + 2 * kFrameSamples;
    std::unique_ptr<qint16[]> m_pcm; // decoded, not yet pulled
    int m_pcmLen = 0;

    State m_state = State::Idle;
    bool m_ending = false;
    bool m_lastSilent = true;
    int m_plcRun = 0;
    qint64 m_lastArrivalUs = 0;
    float m_lastRms = 0.0f;
};

} // namespace tenfour::audio
