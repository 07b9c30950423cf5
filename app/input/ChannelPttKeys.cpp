#include "input/ChannelPttKeys.h"

namespace tenfour::input {

ChannelPttKeys::ChannelPttKeys(QObject *parent) : QObject(parent) {}

ChannelPttKeys::~ChannelPttKeys() = default;

void ChannelPttKeys::setCount(int count)
{
    reset();
    m_keys.clear();
    for (int i = 0; i < count; ++i) {
        auto machine = std::make_unique<PttStateMachine>();
        machine->setMode(m_mode);
        machine->setDebounceMs(m_debounceMs);
        connect(machine.get(), &PttStateMachine::talkingChanged, this,
                [this, i](bool talking) { onTalkingChanged(i, talking); });
        m_keys.push_back(std::move(machine));
    }
}

void ChannelPttKeys::setMode(PttStateMachine::Mode mode)
{
    m_mode = mode;
    for (auto &k : m_keys)
        k->setMode(mode); // resets a key whose mode changes: its talk ends
}

void ChannelPttKeys::setDebounceMs(int ms)
{
    m_debounceMs = ms;
    for (auto &k : m_keys)
        k->setDebounceMs(ms);
}

void ChannelPttKeys::keyDown(int index, bool repeats)
{
    if (index >= 0 && index < count())
        m_keys[size_t(index)]->keyDown(index, repeats);
}

void ChannelPttKeys::keyUp(int index)
{
    if (index >= 0 && index < count())
        m_keys[size_t(index)]->keyUp(index);
}

void ChannelPttKeys::releaseAll()
{
    for (auto &k : m_keys)
        k->releaseAll();
}

void ChannelPttKeys::reset()
{
    for (auto &k : m_keys)
        k->reset();
}

void ChannelPttKeys::onTalkingChanged(int index, bool talking)
{
    if (talking) {
        if (m_blocked || (m_active >= 0 && m_active != index)) {
            // Another talk is on: this press is ignored, and its machine forgets it so that a
            // toggle key does not believe it is on (its nested "off" is not reported below).
            m_keys[size_t(index)]->reset();
            return;
        }
        m_active = index;
        Q_EMIT talkingChanged(index, true);
        return;
    }
    if (index != m_active)
        return;
    m_active = -1;
    Q_EMIT talkingChanged(index, false);
}

} // namespace tenfour::input
