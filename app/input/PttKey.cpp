#include "input/PttKey.h"

#include <QCoreApplication>
#include <QStringList>

namespace tenfour::input {

namespace {
struct ModifierName {
    unsigned bit;
    const char *portable;
};
// Marked for lupdate: displayName() shows them translated, toString() keeps them as they are.
constexpr ModifierName kModifierNames[] = {{PttKey::Control, QT_TRANSLATE_NOOP("PttKey", "Ctrl")},
                                           {PttKey::Alt, QT_TRANSLATE_NOOP("PttKey", "Alt")},
                                           {PttKey::Shift, QT_TRANSLATE_NOOP("PttKey", "Shift")},
                                           {PttKey::Super, QT_TRANSLATE_NOOP("PttKey", "Super")}};
} // namespace

PttKey PttKey::key(const QString &keyName, unsigned modifiers)
{
    PttKey k;
    if (keyName.isEmpty())
        return k;
    k.m_kind = Kind::Key;
    k.m_keyName = keyName;
    k.m_modifiers = modifiers & ~modifierForKeyName(keyName); // "Ctrl+Control_R" is just Control_R
    return k;
}

PttKey PttKey::mouseButton(int button, unsigned modifiers)
{
    PttKey k;
    if (button < 1 || button > 32)
        return k;
    k.m_kind = Kind::MouseButton;
    k.m_button = button;
    k.m_modifiers = modifiers;
    return k;
}

PttKey PttKey::fromString(const QString &text)
{
    const QStringList parts = text.trimmed().split(QLatin1Char('+'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return {};
    unsigned mods = NoModifier;
    for (int i = 0; i + 1 < parts.size(); ++i) {
        bool known = false;
        for (const auto &m : kModifierNames) {
            if (parts[i].compare(QLatin1String(m.portable), Qt::CaseInsensitive) == 0) {
                mods |= m.bit;
                known = true;
            }
        }
        if (!known)
            return {};
    }
    const QString last = parts.last();
    if (last.startsWith(QLatin1String("Mouse"))) {
        bool ok = false;
        const int b = last.mid(5).toInt(&ok);
        return ok ? mouseButton(b, mods) : PttKey();
    }
    for (const QChar c : last) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_')) || c.unicode() > 127)
            return {};
    }
    return key(last, mods);
}

QString PttKey::toString() const
{
    if (m_kind == Kind::None)
        return {};
    QStringList parts;
    for (const auto &m : kModifierNames) {
        if (m_modifiers & m.bit)
            parts << QLatin1String(m.portable);
    }
    parts << (m_kind == Kind::Key ? m_keyName : QStringLiteral("Mouse%1").arg(m_button));
    return parts.join(QLatin1Char('+'));
}

QString PttKey::displayName() const
{
    if (m_kind == Kind::None)
        return QCoreApplication::translate("PttKey", "(none)");
    QStringList parts;
    for (const auto &m : kModifierNames) {
        if (m_modifiers & m.bit)
            parts << QCoreApplication::translate("PttKey", m.portable);
    }
    if (m_kind == Kind::MouseButton) {
        parts << QCoreApplication::translate("PttKey", "Mouse button %1").arg(m_button);
    } else {
        QString name = m_keyName;
        const bool right = name.endsWith(QLatin1String("_R"));
        const bool left = name.endsWith(QLatin1String("_L"));
        if (right || left) {
            name.chop(2);
            if (name == QLatin1String("Control"))
                name = QStringLiteral("Ctrl");
            else if (name == QLatin1String("Meta"))
                name = QStringLiteral("Super");
            name = right ? QCoreApplication::translate("PttKey", "Right %1").arg(name)
                         : QCoreApplication::translate("PttKey", "Left %1").arg(name);
        } else if (name.size() == 1) {
            name = name.toUpper();
        } else {
            name.replace(QLatin1Char('_'), QLatin1Char(' '));
        }
        parts << name;
    }
    return parts.join(QLatin1String(" + "));
}

bool PttKey::isModifierOnly() const
{
    return m_kind == Kind::Key && modifierForKeyName(m_keyName) != NoModifier;
}

unsigned PttKey::modifierForKeyName(const QString &keyName)
{
    if (keyName.startsWith(QLatin1String("Shift_")))
        return Shift;
    if (keyName.startsWith(QLatin1String("Control_")))
        return Control;
    if (keyName.startsWith(QLatin1String("Alt_")) || keyName.startsWith(QLatin1String("Meta_")))
        return Alt;
    if (keyName.startsWith(QLatin1String("Super_")) || keyName.startsWith(QLatin1String("Hyper_")))
        return Super;
    return NoModifier;
}

} // namespace tenfour::input
