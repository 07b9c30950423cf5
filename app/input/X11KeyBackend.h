#pragma once
// X11: XInput2 raw key and button events on the root window, through its own xcb connection.
// Raw events are passive (no grab): the key still reaches the focused program, and we see it
// whatever has focus. Each event comes once per slave device and once per master; keeping
// deviceid == sourceid keeps one. Raw events carry no modifier state, so modifiers are tracked
// here from the modifier keys' own presses.

#include "input/GlobalKeyBackend.h"

#include <QHash>
#include <QList>
#include <QSet>

class QSocketNotifier;
struct xcb_connection_t;
struct xkb_context;
struct xkb_keymap;

namespace tenfour::input {

class X11KeyBackend : public GlobalKeyBackend {
    Q_OBJECT
public:
    explicit X11KeyBackend(QObject *parent = nullptr);
    ~X11KeyBackend() override;

    QString id() const override { return QStringLiteral("x11-xinput2"); }
    BackendCapabilities capabilities() const override;
    bool start() override;
    QString errorString() const override { return m_error; }
    bool bind(const QList<PttKey> &keys) override;
    bool beginCapture() override;
    void cancelCapture() override { m_capturing = false; }

    // The XKB keysym name of a keycode at level 0 of the first layout ("F8", "Control_R").
    QString keyNameForKeycode(quint32 keycode) const;

private:
    void readEvents();
    void onKey(quint32 keycode, bool down);
    void onButton(int button, bool down);
    void press(int index);
    void release(int index);
    void stop();

    xcb_connection_t *m_conn = nullptr;
    xkb_context *m_xkb = nullptr;
    xkb_keymap *m_keymap = nullptr;
    QSocketNotifier *m_notifier = nullptr;
    quint8 m_xiOpcode = 0;
    QString m_error;
    QList<PttKey> m_keys;
    QHash<quint32, unsigned> m_heldModifiers; // keycode -> modifier bit
    QHash<quint32, int> m_activeKeys;         // keycode -> bound index it pressed
    QHash<int, int> m_activeButtons;          // button -> bound index
    QSet<quint32> m_captureModifiers;         // modifier keycodes pressed since beginCapture()
    quint32 m_captureLastModifier = 0;
    bool m_capturing = false;
};

} // namespace tenfour::input
