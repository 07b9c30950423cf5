#pragma once
// "Press the key you want": click, then the next key or mouse button is recorded in the portable
// form of input::PttKey ("Control_R", "Ctrl+Alt+F8", "Mouse8") and shown in words ("Right Ctrl").
// With a global-key backend that can capture, the backend records it: it sees what the window
// cannot (Right Ctrl apart from Left Ctrl on every platform, side mouse buttons, keys the
// desktop keeps). Otherwise the window's own key and mouse events are used.

#include "input/GlobalKeyBackend.h"

#include <QPointer>
#include <QPushButton>


namespace tenfour::ui {

class KeyCaptureButton : public QPushButton {
    Q_OBJECT
public:
    explicit KeyCaptureButton(QWidget *parent = nullptr);
    ~KeyCaptureButton() override;

    QString key() const { return m_key; }
    void setKey(const QString &portable);
    bool isCapturing() const { return m_capturing; }
    // True while the global-key backend (not the window) records the key.
    bool isCapturingThroughBackend() const { return m_capturing && m_viaBackend; }
    // The backend that will listen for the key (may be null: none works on this desktop).
    void setBackend(input::GlobalKeyBackend *backend);
    input::GlobalKeyBackend *backend() const { return m_backend; }
    // Why the key will not work as a global key here, in words; empty when it will.
    QString warning() const;
    static QString warningFor(const input::PttKey &key, const input::GlobalKeyBackend *backend);
    // A backend's id in words ("x11-xinput2" -> "X11 (XInput 2)").
    static QString backendName(const QString &id);
    // The portable name of a key event: XKB keysym names ("Control_R", "F8", "space") when the
    // platform reports keysyms (xcb), Qt's portable key text otherwise.
    static QString portableName(const QKeyEvent *event);
    // The X11 button number of a Qt mouse button (8 = back), 0 for none.
    static int buttonNumber(Qt::MouseButton button);

public Q_SLOTS:
    void startCapture();
    void cancelCapture();

Q_SIGNALS:
    void keyChanged(const QString &portable);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onBackendCaptured(const input::PttKey &key);
    void finish(const QString &portable);
    void refresh();

    QString m_key;
    QPointer<input::GlobalKeyBackend> m_backend;
    bool m_capturing = false;
    bool m_viaBackend = false;
};

} // namespace tenfour::ui
