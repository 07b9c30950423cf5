#pragma once
// Codec bitrate, start at login, start minimised, language, notifications, name, history,
// and whether the embedded relay is reachable from the LAN.

#include "ui/SettingsPage.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace tenfour::ui {

class GeneralPage : public SettingsPage {
    Q_OBJECT
public:
    explicit GeneralPage(QWidget *parent = nullptr);
    QString title() const override { return tr("General"); }
    QString iconPath() const override { return QStringLiteral(":/icons/settings.svg"); }
    void load(const AppSettings &s) override;
    void save(AppSettings &s) const override;

private:
    QLineEdit *m_name;
    QSpinBox *m_bitrate;
    QCheckBox *m_startAtLogin;
    QCheckBox *m_startMinimized;
    QCheckBox *m_notify;
    QComboBox *m_language;
    QSpinBox *m_historyCap;
    QCheckBox *m_historyToDisk;
    QCheckBox *m_lan;
};

} // namespace tenfour::ui
