#pragma once
// The settings pages in one dialog (list on the left, page on the right) with OK, Apply,
// Cancel and a Defaults button that resets only the page on screen.

#include "ui/AppSettings.h"

#include <QDialog>
#include <QPointer>

class QListWidget;
class QPushButton;
class QStackedWidget;

#include "input/GlobalKeyBackend.h"

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
    // The backend refused to bind key: the push-to-talk page says why.
    void setKeyError(const QString &key, const QString &error);
    PttPage *pttPage() const { return m_pttPage; }

Q_SIGNALS:
    // OK or Apply.
    void applied(const tenfour::ui::AppSettings &settings);

protected:
    void changeEvent(QEvent *event) override;

private:
    void addPage(SettingsPage *page, const AppSettings &settings);
    void buildPages(const AppSettings &settings);
    void retranslate();
    // Another language was applied (with Apply): the pages are built again in it, keeping
    // what is being edited.
    void rebuildPages();

    AppSettings m_base;
    VoiceBackend *m_backend;
    QPointer<input::GlobalKeyBackend> m_keyBackend;
    QStringList m_keyProblems;
    QString m_errorKey;
    QString m_keyError;
    bool m_rebuildPending = false;
    QPushButton *m_defaults = nullptr;
    QListWidget *m_list;
    QStackedWidget *m_stack;
    QList<SettingsPage *> m_pages;
    PttPage *m_pttPage = nullptr;
};

} // namespace tenfour::ui
