#include "ui/SettingsDialog.h"

#include "ui/AudioInputPage.h"
#include "ui/AudioOutputPage.h"
#include "ui/GeneralPage.h"
#include "ui/PttPage.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tenfour::ui {

SettingsDialog::SettingsDialog(const AppSettings &settings, VoiceBackend *backend, QWidget *parent)
    : QDialog(parent), m_base(settings), m_backend(backend), m_list(new QListWidget(this)),
      m_stack(new QStackedWidget(this))
{
    m_list->setIconSize(QSize(24, 24));
    m_list->setMaximumWidth(200);
    buildPages(settings);
    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply |
                                             QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults,
                                         this);
    m_defaults = buttons->button(QDialogButtonBox::RestoreDefaults);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        Q_EMIT applied(this->settings());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { Q_EMIT applied(this->settings()); });
    connect(m_defaults, &QPushButton::clicked, this, &SettingsDialog::restoreDefaultsOfCurrentPage);

    auto *row = new QHBoxLayout;
    row->addWidget(m_list);
    row->addWidget(m_stack, 1);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(row, 1);
    lay->addWidget(buttons);
    m_list->setCurrentRow(0);
    retranslate();
    resize(720, 480);
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Tenfour settings"));
    m_list->setAccessibleName(tr("Settings pages"));
    if (m_defaults) {
        m_defaults->setText(tr("&Defaults"));
        m_defaults->setToolTip(tr("Reset this page to the defaults"));
    }
}

void SettingsDialog::buildPages(const AppSettings &settings)
{
    addPage(new AudioInputPage(m_backend, this), settings);
    addPage(new AudioOutputPage(this), settings);
    m_pttPage = new PttPage(m_backend, this);
    m_pttPage->setGlobalKey(m_keyBackend, m_keyProblems);
    m_pttPage->setKeyError(m_errorKey, m_keyError);
    addPage(m_pttPage, settings);
    addPage(new GeneralPage(this), settings);
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        // Later: the event is still on its way to the pages' children, which must outlive it.
        if (!m_rebuildPending) {
            m_rebuildPending = true;
            QMetaObject::invokeMethod(this, &SettingsDialog::rebuildPages, Qt::QueuedConnection);
        }
    }
    QDialog::changeEvent(event);
}

void SettingsDialog::rebuildPages()
{
    m_rebuildPending = false;
    const AppSettings edited = settings();
    const int current = m_list->currentRow();
    const QSignalBlocker block(m_list);
    m_list->clear();
    while (m_stack->count() > 0) {
        QWidget *w = m_stack->widget(0);
        m_stack->removeWidget(w);
        delete w;
    }
    m_pages.clear();
    m_pttPage = nullptr;
    buildPages(edited);
    m_list->setCurrentRow(qMax(current, 0));
    m_stack->setCurrentIndex(qMax(current, 0));
}

void SettingsDialog::addPage(SettingsPage *page, const AppSettings &settings)
{
    page->load(settings);
    // Scrollable, so a page taller than the dialog (200 % scaling, a small screen) stays whole.
    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    scroll->setAccessibleName(page->title());
    m_stack->addWidget(scroll);
    m_pages << page;
    auto *item = new QListWidgetItem(QIcon(page->iconPath()), page->title(), m_list);
    item->setData(Qt::AccessibleTextRole, page->title());
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_base;
    for (int i = 0; i < pageCount(); ++i)
        page(i)->save(s);
    return s;
}

int SettingsDialog::pageCount() const
{
    return m_stack->count();
}

SettingsPage *SettingsDialog::page(int index) const
{
    return m_pages.value(index);
}

void SettingsDialog::showPage(int index)
{
    m_list->setCurrentRow(index);
}

void SettingsDialog::setGlobalKey(input::GlobalKeyBackend *backend, const QStringList &problems)
{
    m_keyBackend = backend;
    m_keyProblems = problems;
    m_pttPage->setGlobalKey(backend, problems);
}

void SettingsDialog::setKeyError(const QString &key, const QString &error)
{
    m_errorKey = key;
    m_keyError = error;
    m_pttPage->setKeyError(key, error);
}

void SettingsDialog::restoreDefaultsOfCurrentPage()
{
    if (auto *p = page(m_stack->currentIndex()))
        p->load(AppSettings());
}

} // namespace tenfour::ui
