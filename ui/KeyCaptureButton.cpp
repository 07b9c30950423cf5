#include "ui/KeyCaptureButton.h"

#include "input/GlobalKeyBackend.h"
#include "input/PttKey.h"

#include <QEvent>
#include <QKeyEvent>
#include <QKeySequence>
#include <QMouseEvent>

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

unsigned modifierBits(Qt::KeyboardModifiers m)
{
    unsigned bits = input::PttKey::NoModifier;
    if (m & Qt::ControlModifier)
        bits |= input::PttKey::Control;
    if (m & Qt::AltModifier)
        bits |= input::PttKey::Alt;
    if (m & Qt::ShiftModifier)
        bits |= input::PttKey::Shift;
    if (m & Qt::MetaModifier)
        bits |= input::PttKey::Super;
    return bits;
}

} // namespace

KeyCaptureButton::KeyCaptureButton(QWidget *parent) : QPushButton(parent)
{
    setAccessibleName(tr("Push-to-talk key"));
    connect(this, &QPushButton::clicked, this, &KeyCaptureButton::startCapture);
    refresh();
}

KeyCaptureButton::~KeyCaptureButton()
{
    if (m_capturing && m_viaBackend && m_backend)
        m_backend->cancelCapture();
}

void KeyCaptureButton::setBackend(input::GlobalKeyBackend *backend)
{
    if (m_backend == backend)
        return;
    cancelCapture();
    if (m_backend)
        disconnect(m_backend, nullptr, this, nullptr);
    m_backend = backend;
    if (m_backend)
        connect(m_backend, &input::GlobalKeyBackend::captured, this, &KeyCaptureButton::onBackendCaptured);
    refresh();
}

void KeyCaptureButton::setKey(const QString &portable)
{
    cancelCapture();
    m_key = portable;
    refresh();
}

void KeyCaptureButton::startCapture()
{
    if (m_capturing)
        return;
    m_capturing = true;
    m_viaBackend = m_backend && m_backend->beginCapture();
    refresh();
}

void KeyCaptureButton::cancelCapture()
{
    if (!m_capturing)
        return;
    if (m_viaBackend && m_backend)
        m_backend->cancelCapture();
    m_capturing = false;
    m_viaBackend = false;
    refresh();
}

void KeyCaptureButton::finish(const QString &portable)
{
    m_capturing = false;
    m_viaBackend = false;
    m_key = portable;
    refresh();
    Q_EMIT keyChanged(m_key);
}

void KeyCaptureButton::onBackendCaptured(const input::PttKey &key)
{
    if (!m_capturing || !m_viaBackend)
        return; // someone else's capture (the first-run guide and the settings share a backend)
    m_viaBackend = false; // the backend has ended its capture
    // Escape backs out of the prompt; the backend sees it before or after the window does.
    if (!key.isValid() || (key.keyName() == QLatin1String("Escape") && key.modifiers() == 0)) {
        m_capturing = false;
        refresh();
        return;
    }
    finish(key.toString());
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

int KeyCaptureButton::buttonNumber(Qt::MouseButton button)
{
    switch (button) {
    case Qt::LeftButton:
        return 1;
    case Qt::MiddleButton:
        return 2;
    case Qt::RightButton:
        return 3;
    case Qt::BackButton:
        return 8;
    case Qt::ForwardButton:
        return 9;
    default:
        break;
    }
    // ExtraButton3.. follow on from the forward button, as X11 numbers them.
    for (int i = 3; i <= 24; ++i) {
        if (button == Qt::MouseButton(Qt::ExtraButton1 << (i - 1)))
            return 7 + i;
    }
    return 0;
}

void KeyCaptureButton::keyPressEvent(QKeyEvent *event)
{
    if (!m_capturing) {
        QPushButton::keyPressEvent(event);
        return;
    }
    if (event->key() == Qt::Key_Escape) { // Escape cancels: it is how people back out of a prompt
        cancelCapture();
        return;
    }
    if (m_viaBackend)
        return; // the backend reports this key, with the left/right and keysym the window lacks
    if (event->isAutoRepeat())
        return;
    finish(portableName(event));
}

void KeyCaptureButton::mousePressEvent(QMouseEvent *event)
{
    // The left button clicks the control itself; any other button over it is the choice.
    if (m_capturing && event->button() != Qt::LeftButton) {
        if (!m_viaBackend) {
            const int n = buttonNumber(event->button());
            if (n > 0)
                finish(input::PttKey::mouseButton(n, modifierBits(event->modifiers())).toString());
        }
        event->accept();
        return;
    }
    QPushButton::mousePressEvent(event);
}

void KeyCaptureButton::focusOutEvent(QFocusEvent *event)
{
    cancelCapture();
    QPushButton::focusOutEvent(event);
}

void KeyCaptureButton::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QPushButton::changeEvent(event);
}

QString KeyCaptureButton::backendName(const QString &id)
{
    if (id == QLatin1String("x11-xinput2"))
        return tr("X11 (XInput 2)");
    if (id == QLatin1String("wayland-portal"))
        return tr("the Wayland global shortcuts portal");
    if (id == QLatin1String("windows-rawinput"))
        return tr("Windows Raw Input");
    if (id == QLatin1String("macos-carbon"))
        return tr("macOS hot keys");
    return id;
}

QString KeyCaptureButton::warningFor(const input::PttKey &key, const input::GlobalKeyBackend *backend)
{
    if (!key.isValid())
        return tr("No key chosen: only the button and the commands below start talking.");
    if (!backend)
        return tr("No global key works on this desktop: %1 works only while a Tenfour window has "
                  "focus. Use one of the commands below for the rest.")
            .arg(key.displayName());
    const input::BackendCapabilities caps = backend->capabilities();
    if (key.isModifierOnly() && !caps.modifierOnlyKeys)
        return tr("%1 cannot bind a modifier key alone (%2): choose a key such as F8 or Ctrl + F8.")
            .arg(backendName(backend->id()), key.displayName());
    if (key.kind() == input::PttKey::Kind::MouseButton && !caps.mouseButtons)
        return tr("%1 cannot bind mouse buttons: choose a key.").arg(backendName(backend->id()));
    return {};
}

QString KeyCaptureButton::warning() const
{
    return warningFor(input::PttKey::fromString(m_key), m_backend);
}

void KeyCaptureButton::refresh()
{
    if (m_capturing) {
        setText(m_viaBackend ? tr("Press the key or mouse button… (Esc cancels)")
                             : tr("Press the key… (Esc cancels)"));
    } else {
        const input::PttKey k = input::PttKey::fromString(m_key);
        setText(k.isValid() ? k.displayName() : tr("No key: click to choose"));
    }
    setAccessibleDescription(text());
    setToolTip(m_capturing ? QString() : tr("Click, then press the key you want to hold while you talk"));
}

} // namespace tenfour::ui
