#include "input/win/LowLevelHookListener.h"
#include "input/win/RawInputKeyListener.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

namespace tenfour::input::win {

// Both listeners feed the same WindowsKeyBackend::onKey().
static_assert(KeySwallowFilter::kMouseButtonBase == RawInputKeyListener::kMouseButtonBase);

namespace {
// The listener whose hooks are installed. SetWindowsHookEx passes no context to the hook
// procedure, so it has to be found here; start() refuses a second listener while one is active.
LowLevelHookListener *g_active = nullptr;

// Low-level hooks report VK_LSHIFT, VK_RCONTROL... already; resolve the generic codes anyway in
// case a driver or injected input sends them, so they match RawInputKeyListener's codes.
unsigned resolveLeftRight(const KBDLLHOOKSTRUCT &k)
{
    const bool extended = (k.flags & LLKHF_EXTENDED) != 0;
    switch (k.vkCode) {
    case VK_SHIFT:
        return MapVirtualKeyW(k.scanCode, MAPVK_VSC_TO_VK_EX);
    case VK_CONTROL:
        return extended ? VK_RCONTROL : VK_LCONTROL;
    case VK_MENU:
        return extended ? VK_RMENU : VK_LMENU;
    default:
        return k.vkCode;
    }
}

LRESULT CALLBACK keyboardProc(int code, WPARAM wParam, LPARAM lParam)
{
    if (code == HC_ACTION && g_active) {
        const auto *k = reinterpret_cast<const KBDLLHOOKSTRUCT *>(lParam);
        const bool down = wParam == WM_KEYDOWN || wParam == WM_SYSKEYDOWN;
        if (g_active->handleKey(resolveLeftRight(*k), down))
            return 1; // swallowed: no window sees it
    }
    return CallNextHookEx(nullptr, code, wParam, lParam);
}

LRESULT CALLBACK mouseProc(int code, WPARAM wParam, LPARAM lParam)
{
    if (code == HC_ACTION && g_active) {
        const auto *m = reinterpret_cast<const MSLLHOOKSTRUCT *>(lParam);
        // Button numbers follow X11 (1 left, 2 middle, 3 right, 8/9 side), as in RawInputKeyListener.
        unsigned button = 0;
        bool down = false;
        switch (wParam) {
        case WM_LBUTTONDOWN:
            down = true;
            [[fallthrough]];
        case WM_LBUTTONUP:
            button = 1;
            break;
        case WM_MBUTTONDOWN:
            down = true;
            [[fallthrough]];
        case WM_MBUTTONUP:
            button = 2;
            break;
        case WM_RBUTTONDOWN:
            down = true;
            [[fallthrough]];
        case WM_RBUTTONUP:
            button = 3;
            break;
        case WM_XBUTTONDOWN:
            down = true;
            [[fallthrough]];
        case WM_XBUTTONUP:
            button = HIWORD(m->mouseData) == XBUTTON1 ? 8 : 9;
            break;
        default:
            break; // moves and wheels always pass
        }
        if (button && g_active->handleMouseButton(button, down))
            return 1;
    }
    return CallNextHookEx(nullptr, code, wParam, lParam);
}
} // namespace

LowLevelHookListener::LowLevelHookListener(Callback callback)
    : m_callback(std::move(callback)), m_filter(std::make_unique<KeySwallowFilter>())
{
}

LowLevelHookListener::~LowLevelHookListener()
{
    stop();
}

bool LowLevelHookListener::start()
{
    stop();
    if (g_active) {
        m_error = "another low-level hook listener is already active in this process";
        return false;
    }
    HINSTANCE instance = GetModuleHandleW(nullptr);
    HHOOK keyboard = SetWindowsHookExW(WH_KEYBOARD_LL, keyboardProc, instance, 0);
    if (!keyboard) {
        m_error = "SetWindowsHookEx(WH_KEYBOARD_LL) failed, error " + std::to_string(GetLastError());
        return false;
    }
    HHOOK mouse = SetWindowsHookExW(WH_MOUSE_LL, mouseProc, instance, 0);
    if (!mouse) {
        m_error = "SetWindowsHookEx(WH_MOUSE_LL) failed, error " + std::to_string(GetLastError());
        UnhookWindowsHookEx(keyboard);
        return false;
    }
    m_keyboardHook = keyboard;
    m_mouseHook = mouse;
    m_filter->reset();
    g_active = this;
    m_error.clear();
    return true;
}

void LowLevelHookListener::stop()
{
    if (!m_keyboardHook)
        return;
    UnhookWindowsHookEx(static_cast<HHOOK>(m_keyboardHook));
    UnhookWindowsHookEx(static_cast<HHOOK>(m_mouseHook));
    m_keyboardHook = nullptr;
    m_mouseHook = nullptr;
    if (g_active == this)
        g_active = nullptr;
    // Keys held now were swallowed on the way down; their releases go to the focused program
    // unmatched, which programs ignore. Our own side learns of them through the backend's lost().
    m_filter->reset();
}

bool LowLevelHookListener::handleKey(unsigned vk, bool down)
{
    return m_filter->handle(vk, down, m_callback);
}

bool LowLevelHookListener::handleMouseButton(unsigned button, bool down)
{
    return m_filter->handle(kMouseButtonBase + button, down, m_callback);
}

} // namespace tenfour::input::win
