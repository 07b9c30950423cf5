#include "input/win/WindowsKeyBackend.h"

#include <QElapsedTimer>

#include <windows.h>

namespace tenfour::input {

WindowsKeyBackend::WindowsKeyBackend(QObject *parent) : GlobalKeyBackend(parent) {}

BackendCapabilities WindowsKeyBackend::capabilities() const
{
    BackendCapabilities c;
    c.modifierOnlyKeys = true;
    c.mouseButtons = true;
    return c;
}

bool WindowsKeyBackend::start()
{
    m_listener =
        std::make_unique<win::RawInputKeyListener>([this](unsigned vk, bool down) { onKey(vk, down); });
    if (!m_listener->start()) {
        m_error = QString::fromStdString(m_listener->error());
        return false;
    }
    return true;
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

void WindowsKeyBackend::onKey(unsigned vk, bool down)
{
    const qint64 now = QElapsedTimer().msecsSinceReference() * 1000000;
    if (down) {
        for (int i = 0; i < m_codes.size(); ++i) {
            if (m_codes[i] == vk && (m_heldMods & m_mods[i]) == m_mods[i] && !m_active.contains(vk)) {
                m_active.insert(vk, i);
                Q_EMIT pressed(i, now);
                break;
            }
        }
    } else if (m_active.contains(vk)) {
        Q_EMIT released(m_active.take(vk), now);
    }
    if (const unsigned bit = modifierForVk(vk)) {
        // Both sides of a modifier share the bit; good enough for combinations.
        m_heldMods = down ? (m_heldMods | bit) : (m_heldMods & ~bit);
    }
}

} // namespace tenfour::input
