#include "ui/ScreenshotTaker.h"

#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/SettingsPage.h"
#include "ui/TrayController.h"

#include <QApplication>
#include <QDir>
#include <QMenu>
#include <QPixmap>

namespace tenfour::ui {

void ScreenshotTaker::save(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents(); // let layouts and icons settle
    const QPixmap pix = widget->grab();
    const QString path = QDir(m_dir).filePath(name + QStringLiteral(".png"));
    if (pix.isNull() || !pix.save(path))
        m_errors << QStringLiteral("cannot save %1").arg(path);
    else
        m_written << path;
}

QStringList ScreenshotTaker::takeAll(MainWindow *window, TrayController *tray)
{
    if (!QDir().mkpath(m_dir)) {
        m_errors << QStringLiteral("cannot create %1").arg(m_dir);
        return {};
    }
    window->resize(900, 600);
    window->show();
    save(window, QStringLiteral("main-window"));
    window->resize(800, 500);
    save(window, QStringLiteral("main-window-800x500"));

    tray->rebuildMenu();
    QMenu *menu = tray->menu();
    menu->adjustSize();
    save(menu, QStringLiteral("tray-menu"));

    SettingsDialog dlg(window->settings(), nullptr, window);
    dlg.show();
    // File names follow the page order of SettingsDialog.
    const QStringList names{QStringLiteral("audio-input"), QStringLiteral("audio-output"),
                            QStringLiteral("push-to-talk"), QStringLiteral("general")};
    for (int i = 0; i < dlg.pageCount(); ++i) {
        dlg.showPage(i);
        save(&dlg, QStringLiteral("settings-%1-%2").arg(i + 1).arg(names.value(i, QStringLiteral("page"))));
    }
    dlg.hide();
    return m_written;
}

} // namespace tenfour::ui
