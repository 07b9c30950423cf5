#include "input/X11KeyBackend.h"

#include <QSocketNotifier>

#include <bitset>
#include <chrono>
#include <cstdlib>

#include <xcb/xcb.h>
#include <xcb/xinput.h>
#include <xkbcommon/xkbcommon-x11.h>
#include <xkbcommon/xkbcommon.h>

namespace tenfour::input {

namespace {
qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The bound key an event means: among those of its key or button whose modifiers are all held,
// the one that asks for the most, so Ctrl+F9 (a channel key, say) wins over plain F9 while Ctrl
// is down, whatever the binding order. -1 when none.
template <typename SameKey> int mostSpecific(const QList<PttKey> &keys, unsigned held, SameKey sameKey)
{
    int best = -1;
    int bestCount = -1;
    for (int i = 0; i < keys.size(); ++i) {
        const PttKey &k = keys[i];
        if (!sameKey(k) || (held & k.modifiers()) != k.modifiers())
            continue;
        const int count = std::bitset<32>(k.modifiers()).count();
        if (count > bestCount) {
            best = i;
            bestCount = count;
        }
    }
    return best;
}

} // namespace

X11KeyBackend::X11KeyBackend(QObject *parent) : GlobalKeyBackend(parent) {}

X11KeyBackend::~X11KeyBackend()
{
    stop();
}

BackendCapabilities X11KeyBackend::capabilities() const
{
    BackendCapabilities c;
    c.modifierOnlyKeys = true;
    c.mouseButtons = true;
    c.swallowsKey = false;
    c.repeatsWhileHeld = false; // raw events carry no autorepeat
    return c;
}

void X11KeyBackend::stop()
{
    delete m_notifier;
    m_notifier = nullptr;
    if (m_keymap)
        xkb_keymap_unref(m_keymap);
    if (m_xkb)
        xkb_context_unref(m_xkb);
    if (m_conn)
        xcb_disconnect(m_conn);
    m_keymap = nullptr;
    m_xkb = nullptr;
    m_conn = nullptr;
}

bool X11KeyBackend::start()
{
    stop();
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        m_error = tr("No X11 display (DISPLAY is not set).");
        return false;
    }
    int screenIndex = 0;
    m_conn = xcb_connect(nullptr, &screenIndex);
    if (!m_conn || xcb_connection_has_error(m_conn)) {
        m_error = tr("Cannot connect to the X11 display %1.").arg(qEnvironmentVariable("DISPLAY"));
        stop();
        return false;
    }
    const xcb_query_extension_reply_t *ext = xcb_get_extension_data(m_conn, &xcb_input_id);
    if (!ext || !ext->present) {
        m_error = tr("The X server has no XInput extension.");
        stop();
        return false;
    }
    m_xiOpcode = ext->major_opcode;
    auto *version =
        xcb_input_xi_query_version_reply(m_conn, xcb_input_xi_query_version(m_conn, 2, 2), nullptr);
    const bool xi2 = version && version->major_version >= 2;
    std::free(version);
    if (!xi2) {
        m_error = tr("The X server does not support XInput 2.");
        stop();
        return false;
    }
    if (!xkb_x11_setup_xkb_extension(m_conn, XKB_X11_MIN_MAJOR_XKB_VERSION, XKB_X11_MIN_MINOR_XKB_VERSION,
                                     XKB_X11_SETUP_XKB_EXTENSION_NO_FLAGS, nullptr, nullptr, nullptr,
                                     nullptr)) {
        m_error = tr("The X server has no XKB extension.");
        stop();
        return false;
    }
    m_xkb = xkb_context_new(XKB_CONTEXT_NO_FLAGS);
    const int32_t keyboard = xkb_x11_get_core_keyboard_device_id(m_conn);
    m_keymap = m_xkb ? xkb_x11_keymap_new_from_device(m_xkb, m_conn, keyboard, XKB_KEYMAP_COMPILE_NO_FLAGS)
                     : nullptr;
    if (!m_keymap) {
        m_error = tr("Cannot read the X11 keyboard map.");
        stop();
        return false;
    }

    xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(m_conn));
    for (int i = 0; i < screenIndex && it.rem; ++i)
        xcb_screen_next(&it);
    struct {
        xcb_input_event_mask_t head;
        uint32_t mask;
    } selection{};
    // All devices, then keep deviceid == sourceid: one copy of each event.
    selection.head.deviceid = XCB_INPUT_DEVICE_ALL;
    selection.head.mask_len = 1;
    selection.mask = XCB_INPUT_XI_EVENT_MASK_RAW_KEY_PRESS | XCB_INPUT_XI_EVENT_MASK_RAW_KEY_RELEASE |
                     XCB_INPUT_XI_EVENT_MASK_RAW_BUTTON_PRESS | XCB_INPUT_XI_EVENT_MASK_RAW_BUTTON_RELEASE;
    xcb_generic_error_t *err = xcb_request_check(
        m_conn, xcb_input_xi_select_events_checked(m_conn, it.data->root, 1, &selection.head));
    if (err) {
        std::free(err);
        m_error = tr("The X server refused XInput 2 raw events.");
        stop();
        return false;
    }
    xcb_flush(m_conn);
    m_notifier = new QSocketNotifier(xcb_get_file_descriptor(m_conn), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &X11KeyBackend::readEvents);
    m_error.clear();
    return true;
}

bool X11KeyBackend::bind(const QList<PttKey> &keys)
{
    // Everything held under the old binding is released first, so nothing stays "talking".
    const auto active = m_activeKeys;
    for (int index : active)
        release(index);
    const auto buttons = m_activeButtons;
    for (int index : buttons)
        release(index);
    m_activeKeys.clear();
    m_activeButtons.clear();
    m_keys = keys;
    return true;
}

bool X11KeyBackend::beginCapture()
{
    if (!m_conn)
        return false;
    m_capturing = true;
    m_captureModifiers.clear();
    return true;
}

QString X11KeyBackend::keyNameForKeycode(quint32 keycode) const
{
    if (!m_keymap)
        return {};
    const xkb_keysym_t *syms = nullptr;
    const int n = xkb_keymap_key_get_syms_by_level(m_keymap, keycode, 0, 0, &syms);
    if (n <= 0)
        return {};
    char name[64];
    if (xkb_keysym_get_name(syms[0], name, sizeof name) <= 0)
        return {};
    return QString::fromLatin1(name);
}

void X11KeyBackend::readEvents()
{
    if (!m_conn)
        return;
    while (xcb_generic_event_t *ev = xcb_poll_for_event(m_conn)) {
        if ((ev->response_type & 0x7f) == XCB_GE_GENERIC) {
            auto *ge = reinterpret_cast<xcb_ge_generic_event_t *>(ev);
            if (ge->extension == m_xiOpcode) {
                // Raw key and button events share one layout.
                auto *raw = reinterpret_cast<xcb_input_raw_key_press_event_t *>(ev);
                if (raw->deviceid == raw->sourceid) {
                    switch (ge->event_type) {
                    case XCB_INPUT_RAW_KEY_PRESS:
                        onKey(raw->detail, true);
                        break;
                    case XCB_INPUT_RAW_KEY_RELEASE:
                        onKey(raw->detail, false);
                        break;
                    case XCB_INPUT_RAW_BUTTON_PRESS:
                        onButton(int(raw->detail), true);
                        break;
                    case XCB_INPUT_RAW_BUTTON_RELEASE:
                        onButton(int(raw->detail), false);
                        break;
                    default:
                        break;
                    }
                }
            }
        }
        std::free(ev);
    }
    if (xcb_connection_has_error(m_conn)) {
        stop();
        m_error = tr("The connection to the X11 display was lost.");
        m_activeKeys.clear();
        m_activeButtons.clear();
        m_heldModifiers.clear();
        Q_EMIT lost(m_error);
    }
}

void X11KeyBackend::onKey(quint32 keycode, bool down)
{
    const QString name = keyNameForKeycode(keycode);
    const unsigned modBit = PttKey::modifierForKeyName(name);
    unsigned mods = 0;
    for (unsigned bit : std::as_const(m_heldModifiers))
        mods |= bit;

    if (m_capturing) {
        if (down) {
            if (!modBit) {
                m_capturing = false;
                m_captureModifiers.clear();
                Q_EMIT captured(PttKey::key(name, mods));
            } else {
                m_captureModifiers.insert(keycode);
                m_captureLastModifier = keycode;
            }
        } else if (modBit && m_captureModifiers.contains(keycode)) {
            // Modifiers pressed and released with no other key: bind the last one pressed alone.
            // Only modifiers pressed since the capture began count: the release of one held
            // from before (e.g. the Ctrl of the last capture) is not a choice.
            m_captureModifiers.clear();
            m_capturing = false;
            Q_EMIT captured(PttKey::key(keyNameForKeycode(m_captureLastModifier)));
        }
    } else if (down) {
        const int i = mostSpecific(m_keys, mods, [&name](const PttKey &k) {
            return k.kind() == PttKey::Kind::Key && k.keyName() == name;
        });
        if (i >= 0 && !m_activeKeys.contains(keycode)) {
            m_activeKeys.insert(keycode, i);
            press(i);
        }
    } else if (m_activeKeys.contains(keycode)) {
        release(m_activeKeys.take(keycode));
    }

    if (modBit) {
        if (down)
            m_heldModifiers.insert(keycode, modBit);
        else
            m_heldModifiers.remove(keycode);
    }
}

void X11KeyBackend::onButton(int button, bool down)
{
    // Buttons 4-7 are the scroll wheel: they "press" on every notch.
    if (button >= 4 && button <= 7)
        return;
    unsigned mods = 0;
    for (unsigned bit : std::as_const(m_heldModifiers))
        mods |= bit;
    if (m_capturing) {
        if (down && button != 1) { // the left button clicks the "press a key" control itself
            m_capturing = false;
            Q_EMIT captured(PttKey::mouseButton(button, mods));
        }
        return;
    }
    if (down) {
        const int i = mostSpecific(m_keys, mods, [button](const PttKey &k) {
            return k.kind() == PttKey::Kind::MouseButton && k.button() == button;
        });
        if (i >= 0 && !m_activeButtons.contains(button)) {
            m_activeButtons.insert(button, i);
            press(i);
        }
    } else if (m_activeButtons.contains(button)) {
        release(m_activeButtons.take(button));
    }
}

void X11KeyBackend::press(int index)
{
    Q_EMIT pressed(index, monotonicNs());
}

void X11KeyBackend::release(int index)
{
    Q_EMIT released(index, monotonicNs());
}

} // namespace tenfour::input
