#include "input/PttStateMachine.h"

namespace tenfour::input {

PttStateMachine::PttStateMachine(QObject *parent) : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_repeatWatch.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &PttStateMachine::onReleaseSettled);
    connect(&m_repeatWatch, &QTimer::timeout, this, &PttStateMachine::onRepeatTimeout);
}

void PttStateMachine::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    reset();
    m_mode = mode;
}

void PttStateMachine::keyDown(int source, bool repeats)
{
    const bool alreadyHeld = m_held.contains(source);
    if (repeats) {
        m_repeating.insert(source);
        m_repeatWatch.start(m_repeatTimeoutMs);
    }
    if (alreadyHeld)
        return; // autorepeat

    const bool nothingHeld = m_held.isEmpty();
    m_held.insert(source);
    if (m_debounce.isActive()) {
        // Released and pressed again within the debounce window: one continuous press.
        m_debounce.stop();
        return;
    }
    if (!nothingHeld)
        return; // another bound key is already down: several keys count once
    if (m_mode == Mode::Hold)
        setTalking(true);
    else
        setTalking(!m_talking);
}

void PttStateMachine::keyUp(int source)
{
    if (!m_held.remove(source))
        return; // release without press (started while held, or a duplicate)
    m_repeating.remove(source);
    if (m_repeating.isEmpty())
        m_repeatWatch.stop();
    if (!m_held.isEmpty())
        return;
    if (m_debounceMs > 0)
        m_debounce.start(m_debounceMs);
    else
        onReleaseSettled();
}

void PttStateMachine::onReleaseSettled()
{
    if (m_mode == Mode::Hold && m_held.isEmpty())
        setTalking(false);
}

void PttStateMachine::onRepeatTimeout()
{
    // A repeating key stopped repeating without a release: its release was lost.
    const auto repeating = m_repeating;
    for (int source : repeating) {
        m_debounce.stop();
        keyUp(source);
    }
    m_debounce.stop();
    onReleaseSettled();
}

void PttStateMachine::releaseAll()
{
    m_held.clear();
    m_repeating.clear();
    m_repeatWatch.stop();
    m_debounce.stop();
    onReleaseSettled();
}

void PttStateMachine::reset()
{
    releaseAll();
    setTalking(false);
}

void PttStateMachine::setTalking(bool talking)
{
    if (talking == m_talking)
        return;
    m_talking = talking;
    Q_EMIT talkingChanged(talking);
}

} // namespace tenfour::input
