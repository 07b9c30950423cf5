#pragma once
// "Start at login" on freedesktop desktops: an autostart entry in $XDG_CONFIG_HOME/autostart
// that starts Tenfour minimised to the tray.

#include <QString>

namespace tenfour::ui {

class Autostart {
public:
    // dir: the autostart folder; empty means the user's ($XDG_CONFIG_HOME/autostart).
    explicit Autostart(const QString &dir = QString());

    bool isEnabled() const;
    // Writes or removes the entry; false (with errorString()) when the file cannot be written.
    bool setEnabled(bool on, const QString &executable);
    QString filePath() const;
    QString errorString() const { return m_error; }

private:
    QString m_dir;
    QString m_error;
};

} // namespace tenfour::ui
