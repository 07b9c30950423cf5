#pragma once
// Lock-free single-producer / single-consumer ring buffer with a fixed capacity.
// One thread calls tryPush(), one other thread calls tryPop(); sizeApprox() is safe anywhere.
// The storage is allocated once in the constructor, nothing after.

#include <atomic>
#include <cstddef>
#include <memory>
#include <new>

namespace tenfour::audio {

template <typename T, std::size_t Capacity> class SpscQueue {
    static_assert(Capacity >= 1, "capacity must be positive");

public:
    SpscQueue() : m_slots(new T[Capacity]) {}
    SpscQueue(const SpscQueue &) = delete;
    SpscQueue &operator=(const SpscQueue &) = delete;

    // Producer thread only. False when full (the item is not stored).
    bool tryPush(const T &item)
    {
        const std::size_t tail = m_tail.load(std::memory_order_relaxed);
        if (tail - m_headCache == Capacity) {
            // Refresh the consumer's position only when the cached one says "full": this keeps
            // the consumer's cache line out of the producer's way most of the time.
            m_headCache = m_head.load(std::memory_order_acquire);
            if (tail - m_headCache == Capacity)
                return false;
        }
        m_slots[tail % Capacity] = item;
        m_tail.store(tail + 1, std::memory_order_release);
        return true;
    }

    // Consumer thread only. False when empty (item untouched).
    bool tryPop(T &item)
    {
        const std::size_t head = m_head.load(std::memory_order_relaxed);
        if (head == m_tailCache) {
            m_tailCache = m_tail.load(std::memory_order_acquire);
            if (head == m_tailCache)
                return false;
        }
        item = m_slots[head % Capacity];
        m_head.store(head + 1, std::memory_order_release);
        return true;
    }

    // A snapshot that may already be stale when it returns; exact when both sides are idle.
    std::size_t sizeApprox() const
    {
        const std::size_t head = m_head.load(std::memory_order_acquire);
        const std::size_t tail = m_tail.load(std::memory_order_acquire);
        return tail >= head ? tail - head : 0;
    }

    bool emptyApprox() const { return sizeApprox() == 0; }
    static constexpr std::size_t capacity() { return Capacity; }

private:
    // 64 bytes is the line size of every x86-64 and most ARM cores we target;
    // std::hardware_destructive_interference_size is not reliably available in GCC 12 / C++17.
    static constexpr std::size_t kLine = 64;

    std::unique_ptr<T[]> m_slots;
    // Indices grow without bound (size_t wrap takes centuries); slot = index % Capacity.
    alignas(kLine) std::atomic<std::size_t> m_head{0}; // written by the consumer
    std::size_t m_tailCache = 0;                       // consumer's copy of m_tail
    alignas(kLine) std::atomic<std::size_t> m_tail{0}; // written by the producer
    std::size_t m_headCache = 0;                       // producer's copy of m_head
    char m_pad[kLine - sizeof(std::size_t)]{};
};

} // namespace tenfour::audio
