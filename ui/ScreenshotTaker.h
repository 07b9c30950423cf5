#pragma once
// Behind the hidden `--screenshots DIR` option: saves PNGs of the main window, the tray menu and
// each settings page, drawn by the widgets themselves (QWidget::grab), so it works offscreen and
// under Xvfb without a window manager or a tray. For people to look at, not a pixel test.

#include <QString>
#include <QStringList>

class QWidget;

namespace tenfour::ui {

class MainWindow;
class TrayController;

class ScreenshotTaker {
public:
    explicit ScreenshotTaker(const QString &dir) : m_dir(dir) {}
    // Returns the files written; errors() says what could not be saved.
    QStringList takeAll(MainWindow *window, TrayController *tray);
    QStringList errors() const { return m_errors; }

private:
    void save(QWidget *widget, const QString &name);

    QString m_dir;
    QStringList m_written;
    QStringList m_errors;
};

} // namespace tenfour::ui
