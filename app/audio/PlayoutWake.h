#pragma once
// The sleep/wake handshake between a speaker that stops pulling while nothing plays (a corked
// PulseAudio stream: no wake-ups at all while nobody talks) and the threads that give it
// something to play (the network thread enqueueing a packet, anyone triggering a cue).
//
// The consumer (the playout side) announces sleep() and then looks for work once more; a
// producer makes its work visible first and then calls notify(). Both announce with a
// read-modify-write of the same flag, and RMWs of one atomic are totally ordered: if the
// consumer's comes first, the producer reads "asleep" and calls the hook; if the producer's comes
// first, the consumer's acquire reads the producer's release and so sees the work, and cancels.
// No standalone fences: ThreadSanitizer cannot check them (GCC refuses them under
// -fsanitize=thread).
// The hook runs at most once per sleep, on the producer's thread: it must be cheap and must not
// call back into the mixer (PulsePlayoutStream posts an event to its own thread).

#include <atomic>

namespace tenfour::audio {

class PlayoutWake {
public:
    using Hook = void (*)(void *context);

    // Set before producers run, cleared (nullptr) after they stopped or from their thread.
    void setHook(Hook hook, void *context)
    {
        m_context.store(context, std::memory_order_relaxed);
        m_hook.store(hook, std::memory_order_release);
    }

    // Producer, after its work is visible (queue pushed, request stored).
    void notify()
    {
        // Always the exchange, never a plain load first: the argument above needs the RMW.
        if (!m_asleep.exchange(false, std::memory_order_acq_rel))
            return;
        const Hook hook = m_hook.load(std::memory_order_acquire);
        if (hook)
            hook(m_context.load(std::memory_order_relaxed));
    }

    // Consumer: announce sleep, then look for work (after this call) before going to sleep.
    void sleep() { m_asleep.exchange(true, std::memory_order_acq_rel); }
    // Consumer: work was found after sleep(). True when the consumer stays awake by itself; false
    // when a producer got there first and its hook is already waking the consumer.
    bool cancel() { return m_asleep.exchange(false, std::memory_order_acq_rel); }

    // Consumer: woken (by a hook, or by starting over); a no-op when awake.
    void awake() { m_asleep.store(false, std::memory_order_relaxed); }
    bool asleep() const { return m_asleep.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_asleep{false};
    std::atomic<Hook> m_hook{nullptr};
    std::atomic<void *> m_context{nullptr};
};

} // namespace tenfour::audio
