#include "ui/SettingsDialog.h"

#include "ui/AudioInputPage.h"
#include "ui/AudioOutputPage.h"
#include "ui/GeneralPage.h"
#include "ui/PttPage.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tenfour::ui {

SettingsDialog::SettingsDialog(const AppSettings &settings, VoiceBackend *backend, QWidget *parent)
    : QDialog(parent), m_base(settings), m_list(new QListWidget(this)), m_stack(new QStackedWidget(this))
{
    setWindowTitle(tr("Tenfour settings"));
    m_list->setAccessibleName(tr("Settings pages"));
    m_list->setIconSize(QSize(24, 24));
    m_list->setMaximumWidth(200);
    addPage(new AudioInputPage(backend, this));
    addPage(new AudioOutputPage(this));
    m_pttPage = new PttPage(backend, this);
    m_pttPage->setGlobalKey(nullptr, {});
    addPage(m_pttPage);
    addPage(new GeneralPage(this));
    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply |
                                             QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults,
                                         this);
    buttons->button(QDialogButtonBox::RestoreDefaults)->setText(tr("&Defaults"));
    buttons->button(QDialogButtonBox::RestoreDefaults)->setToolTip(tr("Reset this page to the defaults"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        Q_EMIT applied(this->settings());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { Q_EMIT applied(this->settings()); });
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::restoreDefaultsOfCurrentPage);

    auto *row = new QHBoxLayout;
    row->addWidget(m_list);
    row->addWidget(m_stack, 1);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(row, 1);
    lay->addWidget(buttons);
    m_list->setCurrentRow(0);
    resize(720, 480);
}

void SettingsDialog::addPage(SettingsPage *page)
{
    page->load(m_base);
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
    m_pttPage->setGlobalKey(backend, problems);
}

void SettingsDialog::restoreDefaultsOfCurrentPage()
{
    if (auto *p = page(m_stack->currentIndex()))
        p->load(AppSettings());
}

} // namespace tenfour::ui
