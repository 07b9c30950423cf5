#include "ui/PttButton.h"

#include <QEvent>

namespace tenfour::ui {

PttButton::PttButton(QWidget *parent) : QPushButton(parent)
{
    setMinimumHeight(72);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAutoRepeat(false);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    setFont(f);
    setIconSize(QSize(32, 32));
    refresh();
}

void PttButton::setState(State state, const QString &detail)
{
    if (state == m_state && detail == m_detail)
        return;
    m_state = state;
    m_detail = detail;
    refresh();
}

void PttButton::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QPushButton::changeEvent(event);
}

void PttButton::refresh()
{
    QString text;
    QString icon = QStringLiteral(":/icons/ptt.svg");
    QString style;
    switch (m_state) {
    case State::Idle:
        text = m_detail.isEmpty() ? tr("Push to talk") : tr("Push to talk on %1").arg(m_detail);
        break;
    case State::Requesting:
        text = tr("Waiting for the channel…");
        break;
    case State::Transmitting:
        text = tr("Talking on %1").arg(m_detail);
        icon = QStringLiteral(":/icons/transmitting.svg");
        // Red like an on-air light, whatever the palette: it must not be missed.
        style = QStringLiteral("QPushButton { background-color: #c62828; color: white; }");
        break;
    case State::Busy:
        text = m_detail.isEmpty() ? tr("Channel busy") : tr("Channel busy: %1 is talking").arg(m_detail);
        icon = QStringLiteral(":/icons/busy.svg");
        style = QStringLiteral("QPushButton { background-color: #ef6c00; color: white; }");
        break;
    case State::Unavailable:
        text = tr("Join a channel to talk");
        break;
    }
    setText(text);
    setIcon(QIcon(icon));
    setStyleSheet(style);
    setAccessibleName(tr("Push to talk"));
    setAccessibleDescription(text);
}

} // namespace tenfour::ui
