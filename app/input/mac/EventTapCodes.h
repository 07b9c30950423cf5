#pragma once
// The numbers EventTapListener reads from a CGEvent, decoded without any Apple header, so this
// part compiles and is unit tested on every platform (tests/unit/input/test_event_tap_codes.cpp):
// which sided modifier key a kCGEventFlagsChanged event is about and whether it went down, the
// held modifiers, and mouse button numbers. The constants are Apple's (named at each value);
// they are part of the stable binary interface of the macOS SDK.

#include <cstdint>
#include <string>

namespace tenfour::input::mac {

class EventTapCodes {
public:
    // macOS virtual key codes of the modifier keys (kVK_* in HIToolbox/Events.h).
    enum KeyCode : unsigned {
        RightCommand = 0x36, // kVK_RightCommand
        Command = 0x37,      // kVK_Command
        Shift = 0x38,        // kVK_Shift
        Option = 0x3A,       // kVK_Option
        Control = 0x3B,      // kVK_Control
        RightShift = 0x3C,   // kVK_RightShift
        RightOption = 0x3D,  // kVK_RightOption
        RightControl = 0x3E, // kVK_RightControl
    };
    // Same bits as input::PttKey::Modifier (the backend checks that they agree).
    enum Modifier : unsigned { ShiftBit = 1, ControlBit = 2, AltBit = 4, SuperBit = 8 };

    // XKB keysym name of a sided modifier ("Control_R", "Super_L"...) to its key code; 0 if none.
    static unsigned keyCodeForModifierName(const std::string &keysymName);
    // The device-dependent bit of CGEventFlags that is set while that one key is held
    // (NX_DEVICE*KEYMASK in IOKit/hidsystem/IOLLEvent.h); 0 for other key codes.
    static std::uint64_t deviceFlagForKeyCode(unsigned keyCode);
    // For a kCGEventFlagsChanged event: 1 when keyCode went down, 0 when it went up, -1 when
    // keyCode is no sided modifier (Caps Lock, Fn): the flags of the event say, not a toggle we
    // keep, so a missed event cannot invert the state.
    static int modifierKeyDown(unsigned keyCode, std::uint64_t eventFlags);
    // The Modifier bits held according to the device-independent CGEventFlags masks.
    static unsigned modifiers(std::uint64_t eventFlags);
    // kCGMouseEventButtonNumber (0 left, 1 right, 2 middle, 3 and up: other buttons) to the X11
    // numbering every backend shares (1 left, 2 middle, 3 right, 8 back, 9 forward, 10...).
    static unsigned x11Button(std::int64_t cgButton);
};

} // namespace tenfour::input::mac
