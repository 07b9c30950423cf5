#include "input/win/KeySwallowFilter.h"

namespace tenfour::input::win {

bool KeySwallowFilter::handle(unsigned code, bool down, const Report &report)
{
    if (code >= kCodeCount)
        return false; // not a code this filter knows: pass it on untouched
    if (down) {
        if (m_down.test(code))
            return m_swallowed.test(code); // autorepeat
        m_down.set(code);
        const bool bound = report(code, true);
        const bool swallow = bound && code != kMouseButtonBase + 1;
        m_swallowed.set(code, swallow);
        return swallow;
    }
    if (!m_down.test(code))
        return false; // pressed before the hook existed: the focused program saw the press
    m_down.reset(code);
    report(code, false);
    const bool swallow = m_swallowed.test(code);
    m_swallowed.reset(code);
    return swallow;
}

void KeySwallowFilter::reset()
{
    m_down.reset();
    m_swallowed.reset();
}

} // namespace tenfour::input::win
