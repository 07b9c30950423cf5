#include "ui/KeyCaptureButton.h"

#include <QKeyEvent>
#include <QKeySequence>

namespace tenfour::ui {

namespace {

// Keysyms of the modifier keys (X11 keysymdef.h), which Qt folds into Key_Control etc. without
// telling left from right.
QString modifierKeysym(quint32 sym)
{
    switch (sym) {
    case 0xffe1:
        return QStringLiteral("Shift_L");
    case 0xffe2:
        return QStringLiteral("Shift_R");
    case 0xffe3:
        return QStringLiteral("Control_L");
    case 0xffe4:
        return QStringLiteral("Control_R");
    case 0xffe9:
        return QStringLiteral("Alt_L");
    case 0xffea:
        return QStringLiteral("Alt_R");
    case 0xffeb:
        return QStringLiteral("Super_L");
    case 0xffec:
        return QStringLiteral("Super_R");
    case 0xfe03:
        return QStringLiteral("ISO_Level3_Shift");
    default:
        return {};
    }
}

QString modifierKey(int key)
{
    switch (key) {
    case Qt::Key_Control:
        return QStringLiteral("Control_L");
    case Qt::Key_Shift:
        return QStringLiteral("Shift_L");
    case Qt::Key_Alt:
        return QStringLiteral("Alt_L");
    case Qt::Key_Meta:
        return QStringLiteral("Super_L");
    case Qt::Key_AltGr:
        return QStringLiteral("ISO_Level3_Shift");
    default:
        return {};
    }
}

} // namespace

KeyCaptureButton::KeyCaptureButton(QWidget *parent) : QPushButton(parent)
{
    setAccessibleName(tr("Push-to-talk key"));
    connect(this, &QPushButton::clicked, this, [this] {
        m_capturing = true;
        refresh();
    });
    refresh();
}

void KeyCaptureButton::setKey(const QString &portable)
{
    m_key = portable;
    m_capturing = false;
    refresh();
}

QString KeyCaptureButton::portableName(const QKeyEvent *e)
{
    QString mod = modifierKeysym(e->nativeVirtualKey());
    if (mod.isEmpty())
        mod = modifierKey(e->key());
    if (!mod.isEmpty())
        return mod;
    QStringList parts;
    const auto m = e->modifiers();
    if (m & Qt::ControlModifier)
        parts << QStringLiteral("Ctrl");
    if (m & Qt::AltModifier)
        parts << QStringLiteral("Alt");
    if (m & Qt::ShiftModifier)
        parts << QStringLiteral("Shift");
    if (m & Qt::MetaModifier)
        parts << QStringLiteral("Super");
    parts << QKeySequence(e->key()).toString(QKeySequence::PortableText);
    return parts.join(QLatin1Char('+'));
}

void KeyCaptureButton::keyPressEvent(QKeyEvent *event)
{
    if (!m_capturing) {
        QPushButton::keyPressEvent(event);
        return;
    }
    if (event->key() == Qt::Key_Escape) { // Escape cancels: it is how people back out of a prompt
        m_capturing = false;
        refresh();
        return;
    }
    setKey(portableName(event));
    Q_EMIT keyChanged(m_key);
}

void KeyCaptureButton::focusOutEvent(QFocusEvent *event)
{
    if (m_capturing) {
        m_capturing = false;
        refresh();
    }
    QPushButton::focusOutEvent(event);
}

void KeyCaptureButton::refresh()
{
    if (m_capturing)
        setText(tr("Press the key… (Esc cancels)"));
    else
        setText(m_key.isEmpty() ? tr("No key: click to choose") : m_key);
    setAccessibleDescription(text());
}

} // namespace tenfour::ui
