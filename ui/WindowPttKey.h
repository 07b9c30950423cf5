#pragma once
// The push-to-talk key while a Tenfour window has focus (the global key is another backend's
// job): watches key presses and releases of the configured key, ignoring autorepeat. A window
// that loses focus never sees the release, so losing focus counts as one.

#include <QObject>

class QKeyEvent;

namespace tenfour::ui {

class WindowPttKey : public QObject {
    Q_OBJECT
public:
    explicit WindowPttKey(QObject *parent = nullptr);

    // The portable key name of the settings ("Control_R", "F8", "Ctrl+Alt+F8").
    void setKey(const QString &portable) { m_key = portable; }
    QString key() const { return m_key; }
    bool matches(const QKeyEvent *event) const;
    bool isDown() const { return m_down; }

public Q_SLOTS:
    // The key is held but its release cannot arrive any more (focus went elsewhere): released().
    void releaseHeld();

Q_SIGNALS:
    void pressed();
    void released();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString m_key;
    bool m_down = false;
};

} // namespace tenfour::ui
