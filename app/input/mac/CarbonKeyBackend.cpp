#include "input/mac/CarbonKeyBackend.h"

#include <QElapsedTimer>

#include <Carbon/Carbon.h>

namespace tenfour::input {

namespace {
const OSType kSignature = 'T4pt';

OSStatus onHotKey(EventHandlerCallRef, EventRef event, void *userData)
{
    EventHotKeyID id{};
    if (GetEventParameter(event, kEventParamDirectObject, typeEventHotKeyID, nullptr, sizeof id, nullptr,
                          &id) != noErr ||
        id.signature != kSignature)
        return eventNotHandledErr;
    const bool down = GetEventKind(event) == kEventHotKeyPressed;
    static_cast<CarbonKeyBackend *>(userData)->deliver(int(id.id), down);
    return noErr;
}

// XKB keysym names to macOS virtual key codes (ANSI layout positions).
int keyCodeForName(const QString &name)
{
    static const QHash<QString, int> codes = {{QStringLiteral("F1"), kVK_F1},
                                              {QStringLiteral("F2"), kVK_F2},
                                              {QStringLiteral("F3"), kVK_F3},
                                              {QStringLiteral("F4"), kVK_F4},
                                              {QStringLiteral("F5"), kVK_F5},
                                              {QStringLiteral("F6"), kVK_F6},
                                              {QStringLiteral("F7"), kVK_F7},
                                              {QStringLiteral("F8"), kVK_F8},
                                              {QStringLiteral("F9"), kVK_F9},
                                              {QStringLiteral("F10"), kVK_F10},
                                              {QStringLiteral("F11"), kVK_F11},
                                              {QStringLiteral("F12"), kVK_F12},
                                              {QStringLiteral("F13"), kVK_F13},
                                              {QStringLiteral("space"), kVK_Space},
                                              {QStringLiteral("grave"), kVK_ANSI_Grave},
                                              {QStringLiteral("a"), kVK_ANSI_A},
                                              {QStringLiteral("t"), kVK_ANSI_T},
                                              {QStringLiteral("v"), kVK_ANSI_V}};
    return codes.value(name, -1);
}
} // namespace

CarbonKeyBackend::CarbonKeyBackend(QObject *parent) : GlobalKeyBackend(parent) {}

CarbonKeyBackend::~CarbonKeyBackend()
{
    unregisterAll();
    if (m_handler)
        RemoveEventHandler(static_cast<EventHandlerRef>(m_handler));
}

bool CarbonKeyBackend::start()
{
    const EventTypeSpec types[] = {{kEventClassKeyboard, kEventHotKeyPressed},
                                   {kEventClassKeyboard, kEventHotKeyReleased}};
    EventHandlerRef handler = nullptr;
    if (InstallApplicationEventHandler(&onHotKey, 2, types, this, &handler) != noErr) {
        m_error = tr("Cannot install the hot-key handler.");
        return false;
    }
    m_handler = handler;
    return true;
}

bool CarbonKeyBackend::bind(const QList<PttKey> &keys)
{
    unregisterAll();
    for (int i = 0; i < keys.size(); ++i) {
        const PttKey &k = keys[i];
        if (k.kind() != PttKey::Kind::Key || k.isModifierOnly()) {
            m_error = tr("%1 needs the Input Monitoring permission, which Tenfour does not use; pick a key.")
                          .arg(k.displayName());
            return false;
        }
        const int code = keyCodeForName(k.keyName());
        if (code < 0) {
            m_error = tr("The key %1 cannot be bound on macOS.").arg(k.displayName());
            return false;
        }
        UInt32 mods = 0;
        if (k.modifiers() & PttKey::Control)
            mods |= controlKey;
        if (k.modifiers() & PttKey::Alt)
            mods |= optionKey;
        if (k.modifiers() & PttKey::Shift)
            mods |= shiftKey;
        if (k.modifiers() & PttKey::Super)
            mods |= cmdKey;
        EventHotKeyRef ref = nullptr;
        const EventHotKeyID id{kSignature, UInt32(i)};
        if (RegisterEventHotKey(UInt32(code), mods, id, GetApplicationEventTarget(), 0, &ref) != noErr) {
            m_error = tr("%1 is taken by another application.").arg(k.displayName());
            return false;
        }
        m_hotKeys << ref;
    }
    return true;
}

void CarbonKeyBackend::deliver(int index, bool down)
{
    const qint64 now = QElapsedTimer().msecsSinceReference() * 1000000;
    if (down)
        Q_EMIT pressed(index, now);
    else
        Q_EMIT released(index, now);
}

void CarbonKeyBackend::unregisterAll()
{
    for (void *ref : std::as_const(m_hotKeys))
        UnregisterEventHotKey(static_cast<EventHotKeyRef>(ref));
    m_hotKeys.clear();
}

} // namespace tenfour::input
