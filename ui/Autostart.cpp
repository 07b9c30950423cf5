#include "ui/Autostart.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace tenfour::ui {

Autostart::Autostart(const QString &dir) : m_dir(dir)
{
    if (m_dir.isEmpty())
        m_dir = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                QStringLiteral("/autostart");
}

QString Autostart::filePath() const
{
    return QDir(m_dir).filePath(QStringLiteral("org.tenfour.Tenfour.desktop"));
}

bool Autostart::isEnabled() const
{
    return QFile::exists(filePath());
}

bool Autostart::setEnabled(bool on, const QString &executable)
{
    m_error.clear();
    if (!on) {
        if (QFile::exists(filePath()) && !QFile::remove(filePath())) {
            m_error = QStringLiteral("cannot remove %1").arg(filePath());
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(m_dir)) {
        m_error = QStringLiteral("cannot create %1").arg(m_dir);
        return false;
    }
    QFile f(filePath());
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = f.errorString();
        return false;
    }
    // Exec must be quoted when the path has spaces (Desktop Entry spec, "Exec key").
    QString exec = executable;
    if (exec.contains(QLatin1Char(' ')))
        exec = QLatin1Char('"') + exec + QLatin1Char('"');
    const QString text =
        QStringLiteral("[Desktop Entry]\nType=Application\nName=Tenfour\nExec=%1 --minimized\n"
                       "Icon=org.tenfour.Tenfour\nX-GNOME-Autostart-enabled=true\n")
            .arg(exec);
    f.write(text.toUtf8());
    return f.error() == QFileDevice::NoError;
}

} // namespace tenfour::ui
