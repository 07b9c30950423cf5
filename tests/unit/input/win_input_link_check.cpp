// Linked (never run) by the windows_input_links test with the MinGW cross compiler: every
// function of the Qt-free Windows listeners must be defined and every Win32 symbol they use must
// resolve against user32, which -fsyntax-only cannot tell.

#include "input/win/LowLevelHookListener.h"
#include "input/win/RawInputKeyListener.h"

int main(int argc, char **)
{
    using namespace tenfour::input::win;
    unsigned seen = 0;
    RawInputKeyListener raw([&seen](unsigned vk, bool) { seen = vk; });
    LowLevelHookListener hook([&seen](unsigned vk, bool down) {
        seen = vk;
        return down;
    });
    if (argc > 1) { // never true under the test: starting hooks here would touch the desktop
        if (raw.start() && hook.start()) {
            hook.handleKey(RawInputKeyListener::virtualKeyForName("F8"), true);
            hook.handleMouseButton(8, true);
            raw.handleInput(nullptr);
        }
        hook.stop();
        raw.stop();
    }
    return int(seen + raw.error().size() + hook.error().size() + (hook.isRunning() ? 1 : 0));
}
