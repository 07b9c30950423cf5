#include "ui/WindowPttKey.h"

#include "ui/KeyCaptureButton.h"

#include <QKeyEvent>

namespace tenfour::ui {

WindowPttKey::WindowPttKey(QObject *parent) : QObject(parent) {}

bool WindowPttKey::matches(const QKeyEvent *event) const
{
    if (m_key.isEmpty())
        return false;
    const QString name = KeyCaptureButton::portableName(event);
    if (name == m_key)
        return true;
    // On release the modifiers of the key itself may already be gone: compare the last part.
    return event->type() == QEvent::KeyRelease &&
           m_key.section(QLatin1Char('+'), -1) == name.section(QLatin1Char('+'), -1);
}

void WindowPttKey::releaseHeld()
{
    if (!m_down)
        return;
    m_down = false;
    Q_EMIT released();
}

bool WindowPttKey::eventFilter(QObject *watched, QEvent *event)
{
    // Another program took the focus: its key release never reaches us.
    if (event->type() == QEvent::ApplicationDeactivate)
        releaseHeld();
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::KeyRelease)
        return QObject::eventFilter(watched, event);
    auto *ke = static_cast<QKeyEvent *>(event);
    // A key being recorded in the settings is not a talk.
    if (auto *cap = qobject_cast<KeyCaptureButton *>(watched); cap && cap->isCapturing())
        return false;
    if (!matches(ke))
        return false;
    if (ke->isAutoRepeat())
        return true;
    if (event->type() == QEvent::KeyPress && !m_down) {
        m_down = true;
        Q_EMIT pressed();
    } else if (event->type() == QEvent::KeyRelease && m_down) {
        m_down = false;
        Q_EMIT released();
    }
    return true;
}

} // namespace tenfour::ui
