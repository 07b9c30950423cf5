#pragma once
// Windows, opt-in "suppress the key": low-level keyboard and mouse hooks (WH_KEYBOARD_LL,
// WH_MOUSE_LL) see every key and button press and release before any window does, and can
// swallow them. This listener reports press and release of every key (the backend tracks
// modifiers from them) and swallows exactly the events of the bound keys (the report callback
// says which), passing everything else on. Raw Input (RawInputKeyListener) stays the default:
// a hook runs in the path of all input of the desktop, and Windows silently removes a hook that
// answers slower than LowLevelHooksTimeout, so this is used only when the user asks for it.
// Plain Win32, no Qt, so it compiles on its own (the test command builds it with MinGW).
//
// Threading: the hook procedures run on the thread that called start(), while it retrieves
// messages (Qt's event loop on the main thread does). start() and stop() belong to that thread.

#include "input/win/KeySwallowFilter.h"

#include <memory>
#include <string>

namespace tenfour::input::win {

class LowLevelHookListener {
public:
    // See KeySwallowFilter::Report: reports new presses and releases; a press answered true is a
    // bound key, and it (with its repeats and its release) is swallowed.
    using Callback = KeySwallowFilter::Report;
    static constexpr unsigned kMouseButtonBase = KeySwallowFilter::kMouseButtonBase;

    explicit LowLevelHookListener(Callback callback);
    ~LowLevelHookListener();
    LowLevelHookListener(const LowLevelHookListener &) = delete;
    LowLevelHookListener &operator=(const LowLevelHookListener &) = delete;

    // Installs both hooks; false (see error()) when Windows refuses, or when another listener of
    // this process already has them (the hook procedures carry no context, so one at a time).
    bool start();
    void stop();
    bool isRunning() const { return m_keyboardHook != nullptr; }
    const std::string &error() const { return m_error; }

    // Called by the hook procedures only; true: swallow the event.
    bool handleKey(unsigned vk, bool down);
    bool handleMouseButton(unsigned button, bool down);

private:
    Callback m_callback;
    std::unique_ptr<KeySwallowFilter> m_filter; // two 16 KiB bitsets: not on the stack
    void *m_keyboardHook = nullptr;             // HHOOK
    void *m_mouseHook = nullptr;                // HHOOK
    std::string m_error;
};

} // namespace tenfour::input::win
