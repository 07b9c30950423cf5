#pragma once
// "Press the key you want": click, then the next key press (modifier keys alone included) is
// recorded in the portable form of input::PttKey ("Control_R", "Ctrl+Alt+F8").

#include <QPushButton>

namespace tenfour::ui {

class KeyCaptureButton : public QPushButton {
    Q_OBJECT
public:
    explicit KeyCaptureButton(QWidget *parent = nullptr);

    QString key() const { return m_key; }
    void setKey(const QString &portable);
    bool isCapturing() const { return m_capturing; }
    // The portable name of a key event: XKB keysym names ("Control_R", "F8", "space") when the
    // platform reports keysyms (xcb), Qt's portable key text otherwise.
    static QString portableName(const QKeyEvent *event);

Q_SIGNALS:
    void keyChanged(const QString &portable);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void refresh();

    QString m_key;
    bool m_capturing = false;
};

} // namespace tenfour::ui
