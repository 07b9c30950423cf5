#pragma once
// The large push-to-talk button. It only reports presses and releases (mouse, touch, Space);
// hold/toggle logic lives in the PTT input (or the SessionManager). It shows what the floor is
// doing, in colours taken from the palette (light or dark, whatever the desktop uses).

#include <QColor>
#include <QPushButton>

namespace tenfour::ui {

class PttButton : public QPushButton {
    Q_OBJECT
public:
    enum class State { Idle, Requesting, Transmitting, Busy, Unavailable };

    explicit PttButton(QWidget *parent = nullptr);
    State state() const { return m_state; }
    // detail: who holds the floor (Busy) or the channel (Idle/Transmitting).
    void setState(State state, const QString &detail = {});
    // The colours of the current state (invalid when the style's own are used).
    QColor stateBackground() const { return m_background; }
    QColor stateText() const { return m_text; }
    // WCAG contrast ratio of two colours (1 to 21).
    static double contrast(const QColor &a, const QColor &b);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    QColor m_background;
    QColor m_text;
    State m_state = State::Unavailable;
    QString m_detail;
};

} // namespace tenfour::ui
