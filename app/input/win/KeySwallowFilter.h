#pragma once
// The decisions of LowLevelHookListener, kept free of <windows.h> so they compile and are unit
// tested on every platform (tests/unit/input/test_key_swallow_filter.cpp): which events are new
// presses and releases worth reporting, and which ones the hook swallows.
//
// Rules: a held key repeats its press (autorepeat): reported once, and every repeat shares the
// fate of the first press. A release is swallowed exactly when its press was, so the focused
// program never sees a release without its press (or the other way round, a stuck key). A release
// whose press came before the hook was installed is passed on and not reported. The left mouse
// button is never swallowed: with it bound, the user could no longer click anything, not even the
// checkbox that turns suppression off.

#include <bitset>
#include <functional>

namespace tenfour::input::win {

class KeySwallowFilter {
public:
    // Same codes as RawInputKeyListener: virtual-key codes with left/right resolved, mouse
    // buttons at kMouseButtonBase + X11 button number (1 left, 2 middle, 3 right, 8/9 side).
    static constexpr unsigned kMouseButtonBase = 0x10000;
    static constexpr unsigned kCodeCount = 0x20000;
    // Reports a new press (down) or release; for a press, returns whether it is a bound key
    // (which the hook then swallows). The return value of a release is ignored.
    using Report = std::function<bool(unsigned code, bool down)>;

    // One event from the hook; true: swallow it (the hook returns 1).
    bool handle(unsigned code, bool down, const Report &report);
    // The hook was removed: forget what is held.
    void reset();
    bool isDown(unsigned code) const { return code < kCodeCount && m_down.test(code); }

private:
    std::bitset<kCodeCount> m_down;
    std::bitset<kCodeCount> m_swallowed;
};

} // namespace tenfour::input::win
