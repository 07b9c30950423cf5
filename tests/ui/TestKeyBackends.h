#pragma once
// Global-key backends for widget tests, where no real one can run: the Wayland portal's own
// bind() without a portal to talk to (its refusals are the real code), and a backend the test
// presses, releases and loses by hand (the X11 and portal backends do that from the platform).

#include "input/KeyBackendRegistry.h"
#include "input/PortalKeyBackend.h"

// The real portal backend, minus the session with a portal that does not exist here.
class PortalWithoutPortal : public tenfour::input::PortalKeyBackend {
    Q_OBJECT
public:
    using PortalKeyBackend::PortalKeyBackend;
    bool start() override { return true; }
};

class ScriptedKeyBackend : public tenfour::input::GlobalKeyBackend {
    Q_OBJECT
public:
    using GlobalKeyBackend::GlobalKeyBackend;
    QString id() const override { return QStringLiteral("x11-xinput2"); }
    tenfour::input::BackendCapabilities capabilities() const override
    {
        tenfour::input::BackendCapabilities c;
        c.modifierOnlyKeys = true;
        return c;
    }
    bool start() override { return true; }
    QString errorString() const override { return {}; }
    bool bind(const QList<tenfour::input::PttKey> &keys) override
    {
        bound.clear();
        for (const tenfour::input::PttKey &k : keys)
            bound << k.toString();
        return true;
    }

    QStringList bound;
};

// Like the Windows backend: the focused program sees the key unless the user opts in to
// suppressing it; refuse makes switching it on fail (as when Windows refuses the hook).
class SwallowingKeyBackend : public ScriptedKeyBackend {
    Q_OBJECT
public:
    using ScriptedKeyBackend::ScriptedKeyBackend;
    QString id() const override { return QStringLiteral("windows-rawinput"); }
    tenfour::input::BackendCapabilities capabilities() const override
    {
        tenfour::input::BackendCapabilities c = ScriptedKeyBackend::capabilities();
        c.mouseButtons = true;
        c.canSwallowKey = true;
        c.swallowsKey = swallowing;
        return c;
    }
    QString errorString() const override { return refuse ? QStringLiteral("hook refused") : QString(); }
    bool setSwallowKey(bool on) override
    {
        swallowCalls << on;
        if (on && refuse)
            return false;
        swallowing = on;
        return true;
    }

    QList<bool> swallowCalls;
    bool swallowing = false;
    bool refuse = false;
};

// Like the macOS backend: modifier keys alone and mouse buttons need a system permission.
class PermissionKeyBackend : public ScriptedKeyBackend {
    Q_OBJECT
public:
    using ScriptedKeyBackend::ScriptedKeyBackend;
    QString id() const override { return QStringLiteral("macos-carbon"); }
    tenfour::input::BackendCapabilities capabilities() const override
    {
        tenfour::input::BackendCapabilities c = ScriptedKeyBackend::capabilities();
        c.mouseButtons = true;
        c.needsPermission = true;
        return c;
    }
};

// A registry that offers exactly one backend of type T (or none).
template <typename T> tenfour::input::KeyBackendRegistry registryWith()
{
    tenfour::input::KeyBackendRegistry r;
    r.add({QStringLiteral("test"), 1, [] { return true; },
           []() -> std::unique_ptr<tenfour::input::GlobalKeyBackend> { return std::make_unique<T>(); }});
    return r;
}
