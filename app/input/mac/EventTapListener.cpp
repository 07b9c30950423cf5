#include "input/mac/EventTapListener.h"

#include <ApplicationServices/ApplicationServices.h>

namespace tenfour::input::mac {

namespace {
CGEventRef onTapEvent(CGEventTapProxy, CGEventType type, CGEventRef event, void *userInfo)
{
    static_cast<EventTapListener *>(userInfo)->handleEvent(unsigned(type), event);
    return event; // listen-only: the event goes on unchanged
}
} // namespace

EventTapListener::EventTapListener(Callback callback, LostCallback lost)
    : m_callback(std::move(callback)), m_lost(std::move(lost))
{
}

EventTapListener::~EventTapListener()
{
    stop();
}

bool EventTapListener::hasAccess()
{
    // Input Monitoring exists since macOS 10.15; before, listen-only taps needed no permission.
    if (__builtin_available(macOS 10.15, *))
        return CGPreflightListenEventAccess();
    return true;
}

bool EventTapListener::requestAccess()
{
    if (__builtin_available(macOS 10.15, *))
        return CGRequestListenEventAccess();
    return true;
}

bool EventTapListener::start()
{
    stop();
    if (!hasAccess()) {
        m_error = "Input Monitoring is not granted to this app";
        return false;
    }
    const CGEventMask mask = CGEventMaskBit(kCGEventFlagsChanged) | CGEventMaskBit(kCGEventLeftMouseDown) |
                             CGEventMaskBit(kCGEventLeftMouseUp) | CGEventMaskBit(kCGEventRightMouseDown) |
                             CGEventMaskBit(kCGEventRightMouseUp) | CGEventMaskBit(kCGEventOtherMouseDown) |
                             CGEventMaskBit(kCGEventOtherMouseUp);
    CFMachPortRef tap = CGEventTapCreate(kCGSessionEventTap, kCGHeadInsertEventTap,
                                         kCGEventTapOptionListenOnly, mask, &onTapEvent, this);
    if (!tap) {
        // Also what happens when the permission was granted after this process started.
        m_error = "the system refused the event tap (Input Monitoring not in effect for this process)";
        return false;
    }
    CFRunLoopSourceRef source = CFMachPortCreateRunLoopSource(kCFAllocatorDefault, tap, 0);
    if (!source) {
        CFMachPortInvalidate(tap);
        CFRelease(tap);
        m_error = "cannot create the run-loop source of the event tap";
        return false;
    }
    CFRunLoopRef runLoop = CFRunLoopGetCurrent();
    CFRunLoopAddSource(runLoop, source, kCFRunLoopCommonModes);
    CGEventTapEnable(tap, true);
    m_tap = tap;
    m_source = source;
    m_runLoop = runLoop;
    m_down.reset();
    m_error.clear();
    return true;
}

void EventTapListener::stop()
{
    if (!m_tap)
        return;
    auto *tap = static_cast<CFMachPortRef>(m_tap);
    auto *source = static_cast<CFRunLoopSourceRef>(m_source);
    CGEventTapEnable(tap, false);
    CFRunLoopRemoveSource(static_cast<CFRunLoopRef>(m_runLoop), source, kCFRunLoopCommonModes);
    CFMachPortInvalidate(tap);
    CFRelease(source);
    CFRelease(tap);
    m_tap = nullptr;
    m_source = nullptr;
    m_runLoop = nullptr;
    m_down.reset();
}

unsigned EventTapListener::slot(unsigned code)
{
    if (code >= kMouseButtonBase)
        return 0x80 + ((code - kMouseButtonBase) & 31);
    return code & 0x7F;
}

void EventTapListener::report(unsigned code, bool down, unsigned modifiers)
{
    const unsigned s = slot(code);
    if (m_down.test(s) == down)
        return; // a release we never saw pressed, or no change
    m_down.set(s, down);
    m_callback(code, down, modifiers);
}

void EventTapListener::handleEvent(unsigned type, void *eventRef)
{
    auto event = static_cast<CGEventRef>(eventRef);
    switch (CGEventType(type)) {
    case kCGEventTapDisabledByTimeout:
    case kCGEventTapDisabledByUserInput:
        // Switched off by the system; switch it back on, and count what was held as released.
        CGEventTapEnable(static_cast<CFMachPortRef>(m_tap), true);
        m_down.reset();
        m_lost(type == unsigned(kCGEventTapDisabledByTimeout) ? "the event tap timed out"
                                                              : "the event tap was paused by secure input");
        return;
    case kCGEventFlagsChanged: {
        const auto keyCode = unsigned(CGEventGetIntegerValueField(event, kCGKeyboardEventKeycode));
        const std::uint64_t flags = CGEventGetFlags(event);
        const int down = EventTapCodes::modifierKeyDown(keyCode, flags);
        if (down >= 0)
            report(keyCode, down == 1, EventTapCodes::modifiers(flags));
        return;
    }
    case kCGEventLeftMouseDown:
    case kCGEventLeftMouseUp:
    case kCGEventRightMouseDown:
    case kCGEventRightMouseUp:
    case kCGEventOtherMouseDown:
    case kCGEventOtherMouseUp: {
        const CGEventType t = CGEventType(type);
        const bool down =
            t == kCGEventLeftMouseDown || t == kCGEventRightMouseDown || t == kCGEventOtherMouseDown;
        const unsigned button =
            EventTapCodes::x11Button(CGEventGetIntegerValueField(event, kCGMouseEventButtonNumber));
        if (button)
            report(kMouseButtonBase + button, down, EventTapCodes::modifiers(CGEventGetFlags(event)));
        return;
    }
    default:
        return;
    }
}

} // namespace tenfour::input::mac
