#pragma once
// Windows: Raw Input with RIDEV_INPUTSINK sees key and mouse-button presses and releases
// whatever window has focus, passively (the key still reaches that window). Plain Win32, no
// Qt, so it compiles on its own (the test command checks it with MinGW).
// Keys typed into an elevated (administrator) window are not delivered to a normal process;
// that needs a signed uiAccess build, which we do not have.

#include <functional>
#include <string>

namespace tenfour::input::win {

class RawInputKeyListener {
public:
    // vk: Windows virtual-key code with left/right resolved (VK_LCONTROL, VK_RSHIFT ...), or for
    // mouse buttons 0x10000 + button number (1 left .. 5 X2).
    using Callback = std::function<void(unsigned vk, bool down)>;
    static constexpr unsigned kMouseButtonBase = 0x10000;

    explicit RawInputKeyListener(Callback callback);
    ~RawInputKeyListener();
    RawInputKeyListener(const RawInputKeyListener &) = delete;
    RawInputKeyListener &operator=(const RawInputKeyListener &) = delete;

    // Creates the message-only window and registers for raw keyboard and mouse input.
    bool start();
    void stop();
    const std::string &error() const { return m_error; }

    // Called by the window procedure with the HRAWINPUT of a WM_INPUT message.
    void handleInput(void *rawInputHandle);
    struct Impl;

    // XKB keysym names ("F8", "Control_R", "space", "a") to virtual-key codes; 0 if unknown.
    static unsigned virtualKeyForName(const std::string &keysymName);

private:
    Impl *m_impl = nullptr;
    Callback m_callback;
    std::string m_error;
};

} // namespace tenfour::input::win
