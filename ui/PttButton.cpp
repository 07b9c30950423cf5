#include "ui/PttButton.h"

#include <QApplication>
#include <QEvent>
#include <QPalette>

#include <cmath>

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

namespace {
double luminance(const QColor &c)
{
    const auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
}
} // namespace

double PttButton::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void PttButton::changeEvent(QEvent *event)
{
    // A new palette (the desktop switched to dark) recolours the state; the style sheet set
    // below does not change the application palette the colours come from, so this settles.
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::ApplicationPaletteChange)
        refresh();
    QPushButton::changeEvent(event);
}

void PttButton::refresh()
{
    QString text;
    QString icon = QStringLiteral(":/icons/ptt.svg");
    const QPalette pal = QApplication::palette(this);
    m_background = QColor();
    m_text = QColor();
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
        // The palette's selection colours: the strongest pair any theme has, so "on air" cannot
        // be missed, and made for each other, so the text stays readable in light and dark.
        m_background = pal.color(QPalette::Active, QPalette::Highlight);
        m_text = pal.color(QPalette::Active, QPalette::HighlightedText);
        break;
    case State::Busy:
        text = m_detail.isEmpty() ? tr("Channel busy") : tr("Channel busy: %1 is talking").arg(m_detail);
        icon = QStringLiteral(":/icons/busy.svg");
        // Dimmed, like a control that cannot be used now, with whichever text colour of the
        // palette reads best on it.
        m_background = pal.color(QPalette::Active, QPalette::Mid);
        m_text = contrast(m_background, pal.color(QPalette::WindowText)) >=
                         contrast(m_background, pal.color(QPalette::Window))
                     ? pal.color(QPalette::WindowText)
                     : pal.color(QPalette::Window);
        break;
    case State::Unavailable:
        text = tr("Join a channel to talk");
        break;
    }
    setText(text);
    setIcon(QIcon(icon));
    const QString style = m_background.isValid()
                              ? QStringLiteral("QPushButton { background-color: %1; color: %2; }")
                                    .arg(m_background.name(), m_text.name())
                              : QString();
    if (styleSheet() != style)
        setStyleSheet(style);
    setAccessibleName(tr("Push to talk"));
    setAccessibleDescription(text);
}

} // namespace tenfour::ui
