#include "ui/ConnectionStatusLabel.h"

#include <QEvent>

namespace tenfour::ui {

ConnectionStatusLabel::ConnectionStatusLabel(QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        if (m_retry > 0)
            --m_retry;
        if (m_retry == 0)
            m_countdown.stop();
        refresh();
    });
    refresh();
}

void ConnectionStatusLabel::setState(ConnectionState state, int retryInSeconds, const QString &detail)
{
    m_state = state;
    m_retry = qMax(0, retryInSeconds);
    m_detail = detail;
    if (state == ConnectionState::Reconnecting && m_retry > 0)
        m_countdown.start();
    else
        m_countdown.stop();
    refresh();
}

void ConnectionStatusLabel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QLabel::changeEvent(event);
}

void ConnectionStatusLabel::refresh()
{
    QString text;
    switch (m_state) {
    case ConnectionState::Disconnected:
        text = tr("Disconnected");
        break;
    case ConnectionState::Connecting:
        text = tr("Connecting…");
        break;
    case ConnectionState::Connected:
        text = tr("Connected");
        break;
    case ConnectionState::Reconnecting:
        text = m_retry > 0 ? tr("Connection lost, reconnecting in %n s", nullptr, m_retry)
                           : tr("Connection lost, reconnecting…");
        break;
    case ConnectionState::Unauthorized:
        text = tr("Not authorized: check the user name and password or token");
        break;
    case ConnectionState::Failed:
        text = tr("Cannot connect");
        break;
    }
    // Connected: a detail is only given when it matters (a basic broadcast relay).
    if (!m_detail.isEmpty())
        text = m_state == ConnectionState::Connected ? tr("%1: %2").arg(text, m_detail)
                                                     : tr("%1 (%2)").arg(text, m_detail);
    setText(text);
    setAccessibleName(tr("Connection state"));
    setAccessibleDescription(text);
}

} // namespace tenfour::ui
