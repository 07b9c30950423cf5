#pragma once
// Add or edit one server: name, ws:// or wss:// URL, user name, password or token (which goes to
// the keychain, never to the settings), channels.

#include "ui/ServerConfig.h"

#include <QDialog>

class QLineEdit;
class QLabel;
class QDialogButtonBox;

namespace tenfour::ui {

class ServerDialog : public QDialog {
    Q_OBJECT
public:
    explicit ServerDialog(const ServerConfig &server, QWidget *parent = nullptr);

    ServerConfig server() const;
    QString secret() const;
    bool secretEdited() const { return m_secretEdited; }

private:
    void validate();

    ServerConfig m_base;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_user;
    QLineEdit *m_secret;
    QLineEdit *m_channels;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_secretEdited = false;
};

} // namespace tenfour::ui
