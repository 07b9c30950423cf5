#pragma once
// The receive side's thread boundary (docs/architecture.md, "Receive contract").
// The network thread calls enqueue(); the playout thread calls render(), which drains the queue,
// routes packets to a SpeakerStream per stream id (a fixed pool of slots, allocated up front),
// pulls 20 ms frames, applies per-speaker gain, mixes and soft-limits. stats() and isAudible()
// read atomics and are safe from any thread. No locks and no allocation after construction.

#include "audio/AudioFormat.h"
#include "audio/CuePlayer.h"
#include "audio/IncomingPacket.h"
#include "audio/JitterBuffer.h"
#include "audio/PlayoutWake.h"
#include "audio/SoftLimiter.h"
#include "audio/SpeakerStream.h"
#include "audio/SpscQueue.h"

#include <QtGlobal>
#include <array>
#include <atomic>
#include <memory>

namespace tenfour::audio {

class PlayoutMixer {
public:
    static constexpr int kMaxSpeakers = 16;
    static constexpr std::size_t kQueueCapacity = 256; // ~5 s of one speaker, ~0.6 s of eight
    static constexpr int kRecentlyEnded = 16;          // ended sids remembered to drop stragglers

    explicit PlayoutMixer(const JitterConfig &config = {});
    ~PlayoutMixer();
    PlayoutMixer(const PlayoutMixer &) = delete;
    PlayoutMixer &operator=(const PlayoutMixer &) = delete;

    // Any one producer thread. False when the queue is full (the packet is dropped and counted).
    bool enqueue(const IncomingPacket &p);
    // Playout thread. Writes exactly `samples` mono samples; nowUs is the time of out[0].
    void render(qint16 *out, int samples, qint64 nowUs);

    struct Stats {
        quint64 played = 0;       // frames decoded from their own packet
        quint64 concealed = 0;    // frames made up by PLC or FEC
        quint64 fecRecovered = 0; // of concealed: rebuilt from FEC data
        quint64 late = 0;         // packets after their turn, or for a stream that already ended
        quint64 duplicates = 0;
        quint64 underruns = 0; // pulls of a playing stream with nothing buffered
        int targetDelayMs = 0; // largest target among active speakers (last one when none)
        int bufferedMs = 0;    // largest current added delay among active speakers
        int activeSpeakers = 0;
        quint64 dropped = 0;        // silent frames skipped to catch up
        quint64 stretched = 0;      // pitch periods removed to catch up
        quint64 queueOverflows = 0; // enqueue() calls refused because the queue was full
        quint64 rejected = 0;       // packets refused: no free slot, bad size, undecodable
    };
    Stats stats() const;

    // True while the stream's last rendered frame carried audible sound (any thread).
    bool isAudible(quint32 sid) const;

    // Master (output) volume, linear, 0..kMaxMasterVolume, applied to everything rendered,
    // cues included. Any thread; the playout thread ramps to it over one frame (no click).
    static constexpr float kMaxMasterVolume = 1.5f;
    void setMasterVolume(float gain);
    float masterVolume() const { return m_master.load(std::memory_order_relaxed); }

    // Local audio cues mixed into the output (any thread: trigger, enable, volume).
    CuePlayer &cues() { return m_cues; }

    // For a speaker that sleeps while nothing plays (PlayoutWake). idle(): no speaker stream, no
    // cue, nothing queued. trySleep(): when idle, announces sleep and returns true; the next
    // enqueue() or cue trigger then calls the wake hook once. Both on the playout thread.
    bool idle() const;
    bool trySleep();
    PlayoutWake &wake() { return m_wake; }

private:
    struct Slot;

    void drain(qint64 nowUs);
    void handle(const IncomingPacket &p, qint64 nowUs);
    Slot *find(quint32 sid);
    Slot *open(quint32 sid, qint64 nowUs);
    bool recentlyEnded(quint32 sid) const;
    void remember(quint32 sid);
    void forget(quint32 sid);
    void mixFrame(qint64 nowUs);
    void publish(qint64 nowUs);

    JitterConfig m_config;
    SoftLimiter m_limiter;
    std::unique_ptr<SpscQueue<IncomingPacket, kQueueCapacity>> m_queue;
    std::unique_ptr<Slot[]> m_slots;
    std::unique_ptr<IncomingPacket> m_scratch; // the packet being routed (too big for the stack)
    std::array<float, kFrameSamples> m_bus{};
    std::array<qint16, kFrameSamples> m_voice{};
    std::array<qint16, kFrameSamples> m_frame{}; // limited mix of the current 20 ms
    int m_frameLeft = 0;                         // samples of m_frame not yet rendered
    std::array<quint32, kRecentlyEnded> m_ended{};
    std::array<bool, kRecentlyEnded> m_endedValid{};
    int m_endedPos = 0;
    int m_lastTargetMs = -1;
    quint64 m_rejected = 0;
    quint64 m_lateForEnded = 0;

    std::atomic<quint64> m_played{0}, m_concealed{0}, m_fec{0}, m_late{0}, m_duplicates{0}, m_underruns{0},
        m_dropped{0}, m_stretched{0}, m_overflows{0}, m_rejectedPub{0};
    std::atomic<int> m_targetMs{0}, m_bufferedMs{0}, m_active{0};
    std::array<std::atomic<quint32>, kMaxSpeakers> m_audibleSid{};
    std::array<std::atomic<bool>, kMaxSpeakers> m_audible{};
    PlayoutWake m_wake;
    CuePlayer m_cues;
    std::atomic<float> m_master{1.0f};
    float m_curMaster = 1.0f; // playout thread: the gain the last frame ended with
};

} // namespace tenfour::audio
