#include "ui/GeneralPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace tenfour::ui {

GeneralPage::GeneralPage(QWidget *parent)
    : SettingsPage(parent), m_name(new QLineEdit(this)), m_bitrate(new QSpinBox(this)),
      m_startAtLogin(new QCheckBox(tr("Start at &login"), this)),
      m_startMinimized(new QCheckBox(tr("Start &minimised to the tray"), this)),
      m_notify(new QCheckBox(tr("&Notify when someone talks while the window is hidden"), this)),
      m_language(new QComboBox(this)), m_historyCap(new QSpinBox(this)),
      m_historyToDisk(new QCheckBox(tr("Also &save the history to disk"), this)),
      m_lan(new QCheckBox(tr("Let other computers on the &LAN use the built-in server"), this))
{
    m_name->setAccessibleName(tr("Your name"));
    m_name->setPlaceholderText(tr("The name others see"));
    m_bitrate->setRange(6, 128);
    m_bitrate->setSuffix(tr(" kbit/s"));
    m_bitrate->setAccessibleName(tr("Codec bitrate"));
    // Language names are written in their own language, so anyone can find theirs.
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setAccessibleName(tr("Language"));
    m_historyCap->setRange(1, 1024);
    m_historyCap->setSuffix(tr(" MB"));
    m_historyCap->setAccessibleName(tr("History size limit"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("Your &name:"), m_name);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("Codec &bitrate:"), m_bitrate);
    form->addRow(QString(), m_startAtLogin);
    form->addRow(QString(), m_startMinimized);
    form->addRow(QString(), m_notify);
    form->addRow(tr("&History size limit:"), m_historyCap);
    form->addRow(QString(), m_historyToDisk);
    form->addRow(QString(), m_lan);
}

void GeneralPage::load(const AppSettings &s)
{
    m_name->setText(s.userName);
    m_bitrate->setValue(s.bitrateKbps);
    m_startAtLogin->setChecked(s.startAtLogin);
    m_startMinimized->setChecked(s.startMinimized);
    m_notify->setChecked(s.notifyOnTalk);
    const int lang = m_language->findData(s.language);
    m_language->setCurrentIndex(lang < 0 ? 0 : lang);
    m_historyCap->setValue(s.historyCapMb);
    m_historyToDisk->setChecked(s.historyToDisk);
    m_lan->setChecked(s.embeddedLan);
}

void GeneralPage::save(AppSettings &s) const
{
    s.userName = m_name->text().trimmed();
    s.bitrateKbps = m_bitrate->value();
    s.startAtLogin = m_startAtLogin->isChecked();
    s.startMinimized = m_startMinimized->isChecked();
    s.notifyOnTalk = m_notify->isChecked();
    s.language = m_language->currentData().toString();
    s.historyCapMb = m_historyCap->value();
    s.historyToDisk = m_historyToDisk->isChecked();
    s.embeddedLan = m_lan->isChecked();
}

} // namespace tenfour::ui
