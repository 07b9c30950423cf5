#pragma once
// The settings pages in one dialog (list on the left, page on the right) with OK, Apply,
// Cancel and a Defaults button that resets only the page on screen.

#include "ui/AppSettings.h"

#include <QDialog>

class QListWidget;
class QStackedWidget;

namespace tenfour::input {
class GlobalKeyBackend;
}

namespace tenfour::ui {

class PttPage;
class SettingsPage;
class VoiceBackend;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(const AppSettings &settings, VoiceBackend *backend, QWidget *parent = nullptr);

    // The settings as edited on every page (the servers are kept as they came in).
    AppSettings settings() const;
    int pageCount() const;
    SettingsPage *page(int index) const;
    void showPage(int index);
    void restoreDefaultsOfCurrentPage();
    // The global-key backend in use (null: none works here) and why others failed, for the
    // push-to-talk page: what it can do, key capture through it, and the fallbacks.
    void setGlobalKey(input::GlobalKeyBackend *backend, const QStringList &problems);
    PttPage *pttPage() const { return m_pttPage; }

Q_SIGNALS:
    // OK or Apply.
    void applied(const tenfour::ui::AppSettings &settings);

private:
    void addPage(SettingsPage *page);

    AppSettings m_base;
    QListWidget *m_list;
    QStackedWidget *m_stack;
    QList<SettingsPage *> m_pages;
    PttPage *m_pttPage = nullptr;
};

} // namespace tenfour::ui
