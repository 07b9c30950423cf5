#include "ui/SettingsDialog.h"

#include "ui/AudioInputPage.h"
#include "ui/AudioOutputPage.h"
#include "ui/GeneralPage.h"
#include "ui/PttPage.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
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
    addPage(new PttPage(backend, this));
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
    m_stack->addWidget(page);
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
    return static_cast<SettingsPage *>(m_stack->widget(index));
}

void SettingsDialog::showPage(int index)
{
    m_list->setCurrentRow(index);
}

void SettingsDialog::restoreDefaultsOfCurrentPage()
{
    if (auto *p = page(m_stack->currentIndex()))
        p->load(AppSettings());
}

} // namespace tenfour::ui
