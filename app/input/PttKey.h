#pragma once
// A push-to-talk binding: one key (with optional modifiers) or one mouse button, stored in
// QSettings as a portable string such as "Ctrl+Alt+F8", "Control_R" (modifier-only) or "Mouse8".

#include <QString>

namespace tenfour::input {

class PttKey {
public:
    enum Modifier : unsigned { NoModifier = 0, Shift = 1, Control = 2, Alt = 4, Super = 8 };
    enum class Kind { None, Key, MouseButton };

    PttKey() = default;
    static PttKey key(const QString &keyName, unsigned modifiers = NoModifier);
    static PttKey mouseButton(int button, unsigned modifiers = NoModifier);
    // Parses the portable form; returns an invalid PttKey (kind None) for anything else.
    static PttKey fromString(const QString &text);

    QString toString() const;
    // Words for people, e.g. "Ctrl + Alt + F8", "Right Ctrl", "Mouse button 8".
    QString displayName() const;

    Kind kind() const { return m_kind; }
    bool isValid() const { return m_kind != Kind::None; }
    // XKB keysym name (X11/Wayland vocabulary; the Windows and macOS backends map it).
    QString keyName() const { return m_keyName; }
    int button() const { return m_button; }
    unsigned modifiers() const { return m_modifiers; }
    // A binding of a modifier key alone ("Control_R"): some backends cannot grab those.
    bool isModifierOnly() const;

    bool operator==(const PttKey &o) const
    {
        return m_kind == o.m_kind && m_keyName == o.m_keyName && m_button == o.m_button &&
               m_modifiers == o.m_modifiers;
    }
    bool operator!=(const PttKey &o) const { return !(*this == o); }

    // The modifier bit a key name stands for (Shift_L -> Shift), or NoModifier.
    static unsigned modifierForKeyName(const QString &keyName);

private:
    Kind m_kind = Kind::None;
    QString m_keyName;
    int m_button = 0;
    unsigned m_modifiers = NoModifier;
};

} // namespace tenfour::input
