#include "input/mac/CarbonKeyBackend.h"

#include <QElapsedTimer>
#include <QStringList>

#include <Carbon/Carbon.h>

namespace tenfour::input {

static_assert(unsigned(mac::EventTapCodes::ShiftBit) == unsigned(PttKey::Shift) &&
                  unsigned(mac::EventTapCodes::ControlBit) == unsigned(PttKey::Control) &&
                  unsigned(mac::EventTapCodes::AltBit) == unsigned(PttKey::Alt) &&
                  unsigned(mac::EventTapCodes::SuperBit) == unsigned(PttKey::Super),
              "the event tap reports modifiers in PttKey's bits");

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

BackendCapabilities CarbonKeyBackend::capabilities() const
{
    BackendCapabilities c;
    c.modifierOnlyKeys = true; // through the event tap
    c.mouseButtons = true;     // through the event tap
    c.needsPermission = true;  // Input Monitoring, for those two only
    return c;
}

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
    m_tapKeys.clear();
    m_tapActive.clear();
    QStringList tapNames;
    for (int i = 0; i < keys.size(); ++i) {
        const PttKey &k = keys[i];
        if (k.kind() == PttKey::Kind::MouseButton) {
            m_tapKeys << TapKey{i, mac::EventTapListener::kMouseButtonBase + unsigned(k.button()),
                                k.modifiers()};
            tapNames << k.displayName();
            continue;
        }
        if (k.kind() != PttKey::Kind::Key) {
            m_error = tr("The key %1 cannot be bound on macOS.").arg(k.displayName());
            return false;
        }
        if (k.isModifierOnly()) {
            const unsigned tapCode = mac::EventTapCodes::keyCodeForModifierName(k.keyName().toStdString());
            if (!tapCode) {
                m_error = tr("The key %1 cannot be bound on macOS.").arg(k.displayName());
                return false;
            }
            m_tapKeys << TapKey{i, tapCode, k.modifiers()};
            tapNames << k.displayName();
            continue;
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
    if (m_tapKeys.isEmpty()) {
        m_tap.reset(); // no permission needed, so no tap left running
        return true;
    }
    return startTap(tapNames.join(QStringLiteral(", ")));
}

bool CarbonKeyBackend::startTap(const QString &keyNames)
{
    if (m_tap && m_tap->isRunning())
        return true;
    if (!mac::EventTapListener::hasAccess()) {
        // The system shows its prompt only the first time; after a "no", only System Settings can
        // change it, and the process sees a new grant only after a restart.
        mac::EventTapListener::requestAccess();
        m_error = tr("%1 needs the Input Monitoring permission. Allow Tenfour in System Settings > "
                     "Privacy & Security > Input Monitoring, then restart Tenfour; or choose a key "
                     "such as F8, which needs no permission.")
                      .arg(keyNames);
        return false;
    }
    m_tap = std::make_unique<mac::EventTapListener>(
        [this](unsigned code, bool down, unsigned mods) { onTapEvent(code, down, mods); },
        [this](const std::string &) {
            // The tap is back on at once, but releases may have been missed: release what was held.
            const QList<int> held = m_tapActive.values();
            m_tapActive.clear();
            for (int index : held)
                deliver(index, false);
        });
    if (!m_tap->start()) {
        m_error = tr("%1 cannot be watched: %2. If you have just allowed Input Monitoring, restart Tenfour.")
                      .arg(keyNames, QString::fromStdString(m_tap->error()));
        m_tap.reset();
        return false;
    }
    return true;
}

void CarbonKeyBackend::onTapEvent(unsigned code, bool down, unsigned modifiers)
{
    if (!down) {
        if (m_tapActive.contains(code))
            deliver(m_tapActive.take(code), false);
        return;
    }
    if (m_tapActive.contains(code))
        return;
    for (const TapKey &k : std::as_const(m_tapKeys)) {
        if (k.code == code && (modifiers & k.mods) == k.mods) {
            m_tapActive.insert(code, k.index);
            deliver(k.index, true);
            return;
        }
    }
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
