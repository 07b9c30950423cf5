#pragma once
// macOS: a listen-only Quartz event tap (CGEventTapCreate with kCGEventTapOptionListenOnly) for
// what Carbon hot keys cannot bind: a modifier key alone (kCGEventFlagsChanged) and mouse buttons
// (kCGEventLeftMouseDown/Up, RightMouse..., OtherMouse...). It only watches: every event goes on
// unchanged. Watching the keyboard this way needs the Input Monitoring permission (System
// Settings > Privacy & Security > Input Monitoring); hasAccess() asks without a prompt,
// requestAccess() makes the system show its prompt (once per app; later it only says no).
// CarbonKeyBackend uses this only while such a key is bound, so a plain key never asks.
//
// Plain CoreGraphics/CoreFoundation, no Qt. NOT COMPILED on the development machine (no macOS
// SDK there): only its decoding part, EventTapCodes, is built and tested everywhere.
//
// Threading: the tap's run-loop source is added to the run loop of the thread calling start()
// (Qt's main thread runs a CFRunLoop on macOS); callbacks arrive there.

#include "input/mac/EventTapCodes.h"

#include <bitset>
#include <functional>
#include <string>

namespace tenfour::input::mac {

class EventTapListener {
public:
    // code: an EventTapCodes::KeyCode of a modifier, or kMouseButtonBase + X11 button number;
    // modifiers: EventTapCodes::Modifier bits held with it. Called on changes only.
    using Callback = std::function<void(unsigned code, bool down, unsigned modifiers)>;
    // The system switched the tap off for a while (too slow, or secure input): presses and
    // releases in between are lost.
    using LostCallback = std::function<void(const std::string &why)>;
    static constexpr unsigned kMouseButtonBase = 0x10000;

    EventTapListener(Callback callback, LostCallback lost);
    ~EventTapListener();
    EventTapListener(const EventTapListener &) = delete;
    EventTapListener &operator=(const EventTapListener &) = delete;

    // CGPreflightListenEventAccess: is Input Monitoring granted? Never shows a prompt.
    static bool hasAccess();
    // CGRequestListenEventAccess: shows the system prompt the first time; returns hasAccess().
    static bool requestAccess();

    // Creates and enables the tap; false (see error()) without Input Monitoring or when the
    // system refuses the tap.
    bool start();
    void stop();
    bool isRunning() const { return m_tap != nullptr; }
    const std::string &error() const { return m_error; }

    // Called by the tap callback: type is a CGEventType, event a CGEventRef.
    void handleEvent(unsigned type, void *event);

private:
    void report(unsigned code, bool down, unsigned modifiers);
    static unsigned slot(unsigned code);

    Callback m_callback;
    LostCallback m_lost;
    void *m_tap = nullptr;         // CFMachPortRef
    void *m_source = nullptr;      // CFRunLoopSourceRef
    void *m_runLoop = nullptr;     // CFRunLoopRef the source was added to
    std::bitset<0x80 + 32> m_down; // modifier key codes, then mouse buttons: report changes only
    std::string m_error;
};

} // namespace tenfour::input::mac
