#include "input/KeyBackendRegistry.h"

#include <algorithm>

#include "input/PortalKeyBackend.h"
#if defined(TENFOUR_HAVE_X11)
#include "input/X11KeyBackend.h"
#endif
#if defined(Q_OS_WIN)
#include "input/win/WindowsKeyBackend.h"
#endif
#if defined(Q_OS_MACOS)
#include "input/mac/CarbonKeyBackend.h"
#endif

namespace tenfour::input {

void KeyBackendRegistry::add(Entry entry)
{
    m_entries.append(std::move(entry));
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry &a, const Entry &b) { return a.priority > b.priority; });
}

QStringList KeyBackendRegistry::ids() const
{
    QStringList out;
    for (const Entry &e : m_entries)
        out << e.id;
    return out;
}

QStringList KeyBackendRegistry::usableIds() const
{
    QStringList out;
    for (const Entry &e : m_entries) {
        if (!e.usable || e.usable())
            out << e.id;
    }
    return out;
}

std::unique_ptr<GlobalKeyBackend> KeyBackendRegistry::createBest(const QString &preferredId,
                                                                 QStringList *errors) const
{
    QList<const Entry *> order;
    for (const Entry &e : m_entries) {
        if (e.id == preferredId)
            order.prepend(&e);
        else
            order.append(&e);
    }
    for (const Entry *e : order) {
        if (e->usable && !e->usable())
            continue;
        std::unique_ptr<GlobalKeyBackend> backend = e->create();
        if (backend && backend->start())
            return backend;
        if (errors && backend)
            errors->append(QStringLiteral("%1: %2").arg(e->id, backend->errorString()));
    }
    return nullptr;
}

KeyBackendRegistry KeyBackendRegistry::platformDefault()
{
    KeyBackendRegistry r;
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    r.add({QStringLiteral("wayland-portal"), 30,
           [] { return !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"); },
           [] { return std::make_unique<PortalKeyBackend>(); }});
#endif
#if defined(TENFOUR_HAVE_X11)
    // Under XWayland, X11 raw events only show keys typed into X11 windows: prefer the
    // portal there, and use X11 only in a real X11 session.
    r.add({QStringLiteral("x11-xinput2"), 20,
           [] {
               return !qEnvironmentVariableIsEmpty("DISPLAY") &&
                      (qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
                       qEnvironmentVariable("XDG_SESSION_TYPE") == QLatin1String("x11"));
           },
           [] { return std::make_unique<X11KeyBackend>(); }});
#endif
#if defined(Q_OS_WIN)
    r.add({QStringLiteral("windows-rawinput"), 20, {}, [] { return std::make_unique<WindowsKeyBackend>(); }});
#endif
#if defined(Q_OS_MACOS)
    r.add({QStringLiteral("macos-carbon"), 20, {}, [] { return std::make_unique<CarbonKeyBackend>(); }});
#endif
    return r;
}

} // namespace tenfour::input
