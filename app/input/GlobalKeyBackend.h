#pragma once
// One platform's way of seeing the push-to-talk key while another program has focus.
// A backend only reports what the platform says (press, release, lost); debouncing,
// autorepeat and several keys held at once are PttStateMachine's job.

#include "input/PttKey.h"

#include <QObject>

namespace tenfour::input {

struct BackendCapabilities {
    bool modifierOnlyKeys = false; // can bind "Right Ctrl" alone
    bool mouseButtons = false;
    bool swallowsKey = false;      // the focused program does not see the key
    bool canSwallowKey = false;    // offers the opt-in setSwallowKey() (Windows low-level hook)
    bool repeatsWhileHeld = false; // sends press again while held (autorepeat)
    // Binding some keys makes the system ask the user for a permission once (macOS Input
    // Monitoring for modifier keys alone and mouse buttons); the settings page explains it.
    bool needsPermission = false;
};

class GlobalKeyBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~GlobalKeyBackend() override = default;

    // Stable identifier, e.g. "x11-xinput2", "wayland-portal", "dbus".
    virtual QString id() const = 0;
    virtual BackendCapabilities capabilities() const = 0;
    // Starts listening; false (with errorString()) when the platform part is missing.
    virtual bool start() = 0;
    virtual QString errorString() const = 0;
    // Replaces the bound keys; false when this backend cannot bind one of them (why in errorString()).
    virtual bool bind(const QList<PttKey> &keys) = 0;
    // Opt-in "suppress the key" where capabilities().canSwallowKey: the bound keys no longer
    // reach the focused program. False (why in errorString()) when it cannot be switched on;
    // the backend then keeps listening as before.
    virtual bool setSwallowKey(bool on) { return !on; }
    // "Press the key you want": the next key or button goes to captured() instead of pressed().
    virtual bool beginCapture() { return false; }
    virtual void cancelCapture() {}

Q_SIGNALS:
    // index: which of the bound keys; timestampNs: monotonic clock of the event.
    void pressed(int index, qint64 timestampNs);
    void released(int index, qint64 timestampNs);
    // The backend lost track of the keys (focus, screen lock, restart): all count as released.
    void lost(const QString &why);
    void captured(const tenfour::input::PttKey &key);
};

} // namespace tenfour::input
