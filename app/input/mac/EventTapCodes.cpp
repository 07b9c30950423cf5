#include "input/mac/EventTapCodes.h"

namespace tenfour::input::mac {

namespace {
// IOKit/hidsystem/IOLLEvent.h
constexpr std::uint64_t kDeviceLeftControl = 0x00000001;  // NX_DEVICELCTLKEYMASK
constexpr std::uint64_t kDeviceLeftShift = 0x00000002;    // NX_DEVICELSHIFTKEYMASK
constexpr std::uint64_t kDeviceRightShift = 0x00000004;   // NX_DEVICERSHIFTKEYMASK
constexpr std::uint64_t kDeviceLeftCommand = 0x00000008;  // NX_DEVICELCMDKEYMASK
constexpr std::uint64_t kDeviceRightCommand = 0x00000010; // NX_DEVICERCMDKEYMASK
constexpr std::uint64_t kDeviceLeftOption = 0x00000020;   // NX_DEVICELALTKEYMASK
constexpr std::uint64_t kDeviceRightOption = 0x00000040;  // NX_DEVICERALTKEYMASK
constexpr std::uint64_t kDeviceRightControl = 0x00002000; // NX_DEVICERCTLKEYMASK
// CoreGraphics/CGEventTypes.h
constexpr std::uint64_t kFlagShift = 0x00020000;     // kCGEventFlagMaskShift
constexpr std::uint64_t kFlagControl = 0x00040000;   // kCGEventFlagMaskControl
constexpr std::uint64_t kFlagAlternate = 0x00080000; // kCGEventFlagMaskAlternate
constexpr std::uint64_t kFlagCommand = 0x00100000;   // kCGEventFlagMaskCommand
} // namespace

unsigned EventTapCodes::keyCodeForModifierName(const std::string &name)
{
    static const struct {
        const char *name;
        unsigned code;
    } kNames[] = {{"Control_L", Control},  {"Control_R", RightControl}, {"Shift_L", Shift},
                  {"Shift_R", RightShift}, {"Alt_L", Option},           {"Alt_R", RightOption},
                  {"Super_L", Command},    {"Super_R", RightCommand}};
    for (const auto &n : kNames) {
        if (name == n.name)
            return n.code;
    }
    return 0;
}

std::uint64_t EventTapCodes::deviceFlagForKeyCode(unsigned keyCode)
{
    switch (keyCode) {
    case Control:
        return kDeviceLeftControl;
    case RightControl:
        return kDeviceRightControl;
    case Shift:
        return kDeviceLeftShift;
    case RightShift:
        return kDeviceRightShift;
    case Option:
        return kDeviceLeftOption;
    case RightOption:
        return kDeviceRightOption;
    case Command:
        return kDeviceLeftCommand;
    case RightCommand:
        return kDeviceRightCommand;
    default:
        return 0;
    }
}

int EventTapCodes::modifierKeyDown(unsigned keyCode, std::uint64_t eventFlags)
{
    const std::uint64_t bit = deviceFlagForKeyCode(keyCode);
    if (!bit)
        return -1;
    return (eventFlags & bit) ? 1 : 0;
}

unsigned EventTapCodes::modifiers(std::uint64_t eventFlags)
{
    unsigned m = 0;
    if (eventFlags & kFlagShift)
        m |= ShiftBit;
    if (eventFlags & kFlagControl)
        m |= ControlBit;
    if (eventFlags & kFlagAlternate)
        m |= AltBit;
    if (eventFlags & kFlagCommand)
        m |= SuperBit;
    return m;
}

unsigned EventTapCodes::x11Button(std::int64_t cgButton)
{
    switch (cgButton) {
    case 0:
        return 1;
    case 1:
        return 3;
    case 2:
        return 2;
    default:
        // 3 is "back" (X11 8), 4 "forward" (X11 9), and so on; negative numbers do not occur.
        return cgButton < 0 ? 0 : unsigned(cgButton) + 5;
    }
}

} // namespace tenfour::input::mac
