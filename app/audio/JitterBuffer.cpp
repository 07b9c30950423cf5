#include "audio/JitterBuffer.h"

#include <cstring>

namespace tenfour::audio {

JitterBuffer::JitterBuffer() : m_slots(new Packet[kCapacity]) {}

void JitterBuffer::clear()
{
    for (int i = 0; i < kCapacity; ++i)
        m_slots[i].used = false;
    m_count = 0;
    m_hasPosition = false;
    m_advanced = false;
    m_next = m_newest = 0;
}

JitterBuffer::InsertResult JitterBuffer::insert(quint32 seq, const unsigned char *data, int len)
{
    if (!data || len <= 0 || len > kMaxPacketBytes)
        return InsertResult::Invalid;

    InsertResult result = InsertResult::Inserted;
    if (!m_hasPosition) {
        m_hasPosition = true;
        m_next = m_newest = seq;
    } else {
        // Signed distance: correct across the u32 wrap as long as packets are < 2^31 apart.
        const qint32 ahead = qint32(seq - m_next);
        if (ahead < 0) {
            // Until playback moves, an earlier packet just means the stream began earlier.
            // Unsigned distance to the newest: a packet ~2^31 away is "behind" the start and
            // "ahead of" the newest at once in signed terms, and must not become the start.
            if (m_advanced || m_count == 0 || quint32(m_newest - seq) >= quint32(kCapacity))
                return InsertResult::Late;
            m_next = seq;
        } else if (ahead >= kCapacity) {
            // A jump beyond what the ring can hold (a sender restart, or a gap of over a second):
            // start over at this packet instead of dropping everything that follows.
            for (int i = 0; i < kCapacity; ++i)
                m_slots[i].used = false;
            m_count = 0;
            m_next = m_newest = seq;
            result = InsertResult::Reset;
        }
    }

    Packet &slot = m_slots[slotOf(seq)];
    if (slot.used) {
        // Every stored packet lies in [m_next, m_next + kCapacity), so the slot holds this very seq.
        return InsertResult::Duplicate;
    }
    slot.used = true;
    slot.seq = seq;
    slot.size = quint16(len);
    std::memcpy(slot.data, data, size_t(len));
    ++m_count;
    if (m_count == 1 || qint32(seq - m_newest) > 0)
        m_newest = seq;
    return result;
}

const JitterBuffer::Packet *JitterBuffer::find(quint32 seq) const
{
    if (!m_hasPosition)
        return nullptr;
    const Packet &slot = m_slots[slotOf(seq)];
    return slot.used && slot.seq == seq ? &slot : nullptr;
}

void JitterBuffer::advance()
{
    if (!m_hasPosition)
        return;
    Packet &slot = m_slots[slotOf(m_next)];
    if (slot.used && slot.seq == m_next) {
        slot.used = false;
        --m_count;
    }
    ++m_next;
    m_advanced = true;
}

int JitterBuffer::span() const
{
    if (m_count == 0)
        return 0;
    return int(qint32(m_newest - m_next)) + 1;
}

} // namespace tenfour::audio
