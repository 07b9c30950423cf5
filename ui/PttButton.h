#pragma once
// The large push-to-talk button. It only reports presses and releases (mouse, touch, Space);
// hold/toggle logic lives in SessionManager. It shows what the floor is doing.

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

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    State m_state = State::Unavailable;
    QString m_detail;
};

} // namespace tenfour::ui
