#include "input/win/WindowsKeyBackend.h"

#include <QElapsedTimer>

#include <windows.h>

namespace tenfour::input {

WindowsKeyBackend::WindowsKeyBackend(QObject *parent) : GlobalKeyBackend(parent) {}

WindowsKeyBackend::~WindowsKeyBackend()
{
    // No released() from here: the receiver may be the one destroying this backend.
    m_hook.reset();
    m_rawInput.reset();
}

BackendCapabilities WindowsKeyBackend::capabilities() const
{
    BackendCapabilities c;
    c.modifierOnlyKeys = true;
    c.mouseButtons = true;
    c.canSwallowKey = true;
    c.swallowsKey = m_hook != nullptr;
    return c;
}

bool WindowsKeyBackend::start()
{
    m_started = true;
    stopListeners();
    // A hook that Windows refuses still leaves a working (passive) key.
    if (m_swallow && startHook())
        return true;
    return startRawInput();
}

bool WindowsKeyBackend::setSwallowKey(bool on)
{
    m_swallow = on;
    if (!m_started || on == (m_hook != nullptr))
        return true; // start() applies it, or nothing changes
    stopListeners();
    if (on && startHook())
        return true;
    const QString hookError = m_error;
    if (!startRawInput())
        return false;
    if (on) {
        m_error = hookError;
        return false;
    }
    return true;
}

bool WindowsKeyBackend::startHook()
{
    m_hook = std::make_unique<win::LowLevelHookListener>(
        [this](unsigned vk, bool down) { return onKey(vk, down); });
    if (m_hook->start())
        return true;
    m_error = tr("The key cannot be suppressed: %1").arg(QString::fromStdString(m_hook->error()));
    m_hook.reset();
    return false;
}

bool WindowsKeyBackend::startRawInput()
{
    m_rawInput =
        std::make_unique<win::RawInputKeyListener>([this](unsigned vk, bool down) { onKey(vk, down); });
    if (!m_rawInput->start()) {
        m_error = QString::fromStdString(m_rawInput->error());
        m_rawInput.reset();
        return false;
    }
    return true;
}

void WindowsKeyBackend::stopListeners()
{
    m_hook.reset();
    m_rawInput.reset();
    // The next listener never saw the keys held now, so it would drop their releases: release
    // them here rather than leave the transmission on. Held modifiers are forgotten likewise.
    const qint64 now = QElapsedTimer().msecsSinceReference() * 1000000;
    const QList<int> held = m_active.values();
    m_active.clear();
    m_heldMods = 0;
    for (int index : held)
        Q_EMIT released(index, now);
}

bool WindowsKeyBackend::bind(const QList<PttKey> &keys)
{
    m_codes.clear();
    m_mods.clear();
    m_active.clear();
    for (const PttKey &k : keys) {
        unsigned code = 0;
        if (k.kind() == PttKey::Kind::MouseButton)
            code = win::RawInputKeyListener::kMouseButtonBase + unsigned(k.button());
        else
            code = win::RawInputKeyListener::virtualKeyForName(k.keyName().toStdString());
        if (!code) {
            m_error = tr("The key %1 cannot be bound on Windows.").arg(k.displayName());
            return false;
        }
        m_codes << code;
        m_mods << k.modifiers();
    }
    return true;
}

unsigned WindowsKeyBackend::modifierForVk(unsigned vk)
{
    switch (vk) {
    case VK_LSHIFT:
    case VK_RSHIFT:
        return PttKey::Shift;
    case VK_LCONTROL:
    case VK_RCONTROL:
        return PttKey::Control;
    case VK_LMENU:
    case VK_RMENU:
        return PttKey::Alt;
    case VK_LWIN:
    case VK_RWIN:
        return PttKey::Super;
    default:
        return 0;
    }
}

void WindowsKeyBackend::report(int index, bool down, qint64 timestampNs)
{
    if (m_hook) {
        // Called inside the low-level hook: Windows removes a hook that answers slowly, and
        // starting a talk is not quick. Answer at once; the talk starts from the event loop.
        QMetaObject::invokeMethod(
            this,
            [this, index, down, timestampNs] {
                if (down)
                    Q_EMIT pressed(index, timestampNs);
                else
                    Q_EMIT released(index, timestampNs);
            },
            Qt::QueuedConnection);
        return;
    }
    if (down)
        Q_EMIT pressed(index, timestampNs);
    else
        Q_EMIT released(index, timestampNs);
}

bool WindowsKeyBackend::onKey(unsigned vk, bool down)
{
    const qint64 now = QElapsedTimer().msecsSinceReference() * 1000000;
    bool bound = false;
    if (down) {
        for (int i = 0; i < m_codes.size(); ++i) {
            if (m_codes[i] == vk && (m_heldMods & m_mods[i]) == m_mods[i]) {
                bound = true;
                if (!m_active.contains(vk)) {
                    m_active.insert(vk, i);
                    report(i, true, now);
                }
                break;
            }
        }
    } else if (m_active.contains(vk)) {
        report(m_active.take(vk), false, now);
    }
    if (const unsigned bit = modifierForVk(vk)) {
        // Both sides of a modifier share the bit; good enough for combinations.
        m_heldMods = down ? (m_heldMods | bit) : (m_heldMods & ~bit);
    }
    return bound;
}

} // namespace tenfour::input
