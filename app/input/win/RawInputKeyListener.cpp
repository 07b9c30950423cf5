#include "input/win/RawInputKeyListener.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <bitset>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace tenfour::input::win {

struct RawInputKeyListener::Impl {
    HWND window = nullptr;
    std::bitset<0x20000> down; // autorepeat filter: a held key keeps sending make codes
    std::vector<BYTE> buffer;
    RawInputKeyListener *owner = nullptr;
};

namespace {
const wchar_t kClassName[] = L"TenfourRawInputSink";

unsigned resolveLeftRight(const RAWKEYBOARD &kb)
{
    const bool e0 = (kb.Flags & RI_KEY_E0) != 0;
    switch (kb.VKey) {
    case VK_SHIFT:
        return MapVirtualKeyW(kb.MakeCode, MAPVK_VSC_TO_VK_EX); // scan code tells left from right
    case VK_CONTROL:
        return e0 ? VK_RCONTROL : VK_LCONTROL;
    case VK_MENU:
        return e0 ? VK_RMENU : VK_LMENU;
    default:
        return kb.VKey;
    }
}

LRESULT CALLBACK windowProc(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam)
{
    if (msg == WM_INPUT) {
        auto *impl = reinterpret_cast<RawInputKeyListener::Impl *>(GetWindowLongPtrW(hwnd, GWLP_USERDATA));
        if (impl && impl->owner)
            impl->owner->handleInput(reinterpret_cast<void *>(lParam));
    }
    return DefWindowProcW(hwnd, msg, wParam, lParam);
}
} // namespace

RawInputKeyListener::RawInputKeyListener(Callback callback) : m_callback(std::move(callback)) {}

RawInputKeyListener::~RawInputKeyListener()
{
    stop();
}

bool RawInputKeyListener::start()
{
    stop();
    HINSTANCE instance = GetModuleHandleW(nullptr);
    WNDCLASSEXW wc;
    std::memset(&wc, 0, sizeof wc);
    wc.cbSize = sizeof wc;
    wc.lpfnWndProc = windowProc;
    wc.hInstance = instance;
    wc.lpszClassName = kClassName;
    RegisterClassExW(&wc); // fails harmlessly when already registered
    HWND hwnd = CreateWindowExW(0, kClassName, L"", 0, 0, 0, 0, 0, HWND_MESSAGE, nullptr, instance, nullptr);
    if (!hwnd) {
        m_error = "cannot create the raw-input window";
        return false;
    }
    m_impl = new Impl;
    m_impl->window = hwnd;
    m_impl->owner = this;
    SetWindowLongPtrW(hwnd, GWLP_USERDATA, reinterpret_cast<LONG_PTR>(m_impl));

    RAWINPUTDEVICE devices[2];
    devices[0].usUsagePage = 0x01; // generic desktop
    devices[0].usUsage = 0x06;     // keyboard
    devices[0].dwFlags = RIDEV_INPUTSINK;
    devices[0].hwndTarget = hwnd;
    devices[1].usUsagePage = 0x01;
    devices[1].usUsage = 0x02; // mouse
    devices[1].dwFlags = RIDEV_INPUTSINK;
    devices[1].hwndTarget = hwnd;
    if (!RegisterRawInputDevices(devices, 2, sizeof(RAWINPUTDEVICE))) {
        m_error = "RegisterRawInputDevices failed";
        stop();
        return false;
    }
    m_error.clear();
    return true;
}

void RawInputKeyListener::stop()
{
    if (!m_impl)
        return;
    RAWINPUTDEVICE devices[2];
    devices[0] = {0x01, 0x06, RIDEV_REMOVE, nullptr};
    devices[1] = {0x01, 0x02, RIDEV_REMOVE, nullptr};
    RegisterRawInputDevices(devices, 2, sizeof(RAWINPUTDEVICE));
    DestroyWindow(m_impl->window);
    delete m_impl;
    m_impl = nullptr;
}

void RawInputKeyListener::handleInput(void *rawHandle)
{
    UINT size = 0;
    HRAWINPUT handle = reinterpret_cast<HRAWINPUT>(rawHandle);
    if (GetRawInputData(handle, RID_INPUT, nullptr, &size, sizeof(RAWINPUTHEADER)) != 0 || size == 0)
        return;
    if (m_impl->buffer.size() < size)
        m_impl->buffer.resize(size);
    if (GetRawInputData(handle, RID_INPUT, m_impl->buffer.data(), &size, sizeof(RAWINPUTHEADER)) != size)
        return;
    const auto *input = reinterpret_cast<const RAWINPUT *>(m_impl->buffer.data());
    if (input->header.dwType == RIM_TYPEKEYBOARD) {
        const RAWKEYBOARD &kb = input->data.keyboard;
        if (kb.VKey == 0xFF) // fake key of an escaped sequence
            return;
        const unsigned vk = resolveLeftRight(kb);
        const bool isDown = (kb.Flags & RI_KEY_BREAK) == 0;
        if (isDown == m_impl->down.test(vk))
            return; // autorepeat, or a release we never saw pressed
        m_impl->down.set(vk, isDown);
        m_callback(vk, isDown);
    } else if (input->header.dwType == RIM_TYPEMOUSE) {
        const USHORT flags = input->data.mouse.usButtonFlags;
        static const struct {
            USHORT downFlag, upFlag;
            unsigned button;
        } kButtons[] = {{RI_MOUSE_BUTTON_1_DOWN, RI_MOUSE_BUTTON_1_UP, 1},
                        {RI_MOUSE_BUTTON_2_DOWN, RI_MOUSE_BUTTON_2_UP, 3},
                        {RI_MOUSE_BUTTON_3_DOWN, RI_MOUSE_BUTTON_3_UP, 2},
                        {RI_MOUSE_BUTTON_4_DOWN, RI_MOUSE_BUTTON_4_UP, 8},
                        {RI_MOUSE_BUTTON_5_DOWN, RI_MOUSE_BUTTON_5_UP, 9}};
        // Button numbers follow X11 (1 left, 2 middle, 3 right, 8/9 side) so one binding works everywhere.
        for (const auto &b : kButtons) {
            const unsigned code = kMouseButtonBase + b.button;
            if ((flags & b.downFlag) && !m_impl->down.test(code)) {
                m_impl->down.set(code);
                m_callback(code, true);
            }
            if ((flags & b.upFlag) && m_impl->down.test(code)) {
                m_impl->down.reset(code);
                m_callback(code, false);
            }
        }
    }
}

unsigned RawInputKeyListener::virtualKeyForName(const std::string &name)
{
    static const struct {
        const char *name;
        unsigned vk;
    } kNames[] = {{"Control_L", VK_LCONTROL},
                  {"Control_R", VK_RCONTROL},
                  {"Shift_L", VK_LSHIFT},
                  {"Shift_R", VK_RSHIFT},
                  {"Alt_L", VK_LMENU},
                  {"Alt_R", VK_RMENU},
                  {"Super_L", VK_LWIN},
                  {"Super_R", VK_RWIN},
                  {"space", VK_SPACE},
                  {"Return", VK_RETURN},
                  {"Tab", VK_TAB},
                  {"Escape", VK_ESCAPE},
                  {"BackSpace", VK_BACK},
                  {"Caps_Lock", VK_CAPITAL},
                  {"Scroll_Lock", VK_SCROLL},
                  {"Pause", VK_PAUSE},
                  {"Insert", VK_INSERT},
                  {"Delete", VK_DELETE},
                  {"Home", VK_HOME},
                  {"End", VK_END},
                  {"Prior", VK_PRIOR},
                  {"Next", VK_NEXT},
                  {"Left", VK_LEFT},
                  {"Right", VK_RIGHT},
                  {"Up", VK_UP},
                  {"Down", VK_DOWN},
                  {"grave", VK_OEM_3},
                  {"Menu", VK_APPS}};
    for (const auto &n : kNames) {
        if (name == n.name)
            return n.vk;
    }
    if (name.size() == 1) {
        const char c = name[0];
        if (c >= 'a' && c <= 'z')
            return unsigned('A' + (c - 'a'));
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            return unsigned(c);
    }
    if (name.size() >= 2 && name[0] == 'F') {
        const int n = std::atoi(name.c_str() + 1);
        if (n >= 1 && n <= 24)
            return unsigned(VK_F1 + n - 1);
    }
    if (name.rfind("KP_", 0) == 0 && name.size() == 4 && name[3] >= '0' && name[3] <= '9')
        return unsigned(VK_NUMPAD0 + (name[3] - '0'));
    return 0;
}

} // namespace tenfour::input::win
