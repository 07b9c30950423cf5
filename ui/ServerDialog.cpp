#include "ui/ServerDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUuid>
#include <QVBoxLayout>

namespace tenfour::ui {

ServerDialog::ServerDialog(const ServerConfig &server, QWidget *parent)
    : QDialog(parent), m_base(server), m_name(new QLineEdit(server.name, this)),
      m_url(new QLineEdit(server.url.toString(), this)), m_user(new QLineEdit(server.userName, this)),
      m_secret(new QLineEdit(this)),
      m_channels(new QLineEdit(server.channels.join(QStringLiteral(", ")), this)), m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(server.id.isEmpty() ? tr("Add server") : tr("Edit server"));
    m_url->setPlaceholderText(QStringLiteral("wss://example.org/tenfour"));
    m_user->setPlaceholderText(tr("Your name from the settings"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(server.id.isEmpty() ? tr("Optional") : tr("Unchanged"));
    m_channels->setPlaceholderText(tr("general, ops"));
    m_name->setAccessibleName(tr("Server name"));
    m_url->setAccessibleName(tr("Server address"));
    m_user->setAccessibleName(tr("User name"));
    m_secret->setAccessibleName(tr("Password or token"));
    m_channels->setAccessibleName(tr("Channels"));
    m_error->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Address:"), m_url);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password or token:"), m_secret);
    form->addRow(tr("&Channels:"), m_channels);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(form);
    lay->addWidget(m_error);
    lay->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_secret, &QLineEdit::textEdited, this, [this] { m_secretEdited = true; });
    for (QLineEdit *e : {m_name, m_url, m_channels})
        connect(e, &QLineEdit::textChanged, this, &ServerDialog::validate);
    validate();
}

void ServerDialog::validate()
{
    QString err;
    if (m_name->text().trimmed().isEmpty())
        err = tr("Give the server a name.");
    else if (!ServerConfig::isValidUrl(QUrl(m_url->text().trimmed())))
        err = tr("The address must start with ws:// or wss:// and name a host.");
    m_error->setText(err);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(err.isEmpty());
}

ServerConfig ServerDialog::server() const
{
    ServerConfig s = m_base;
    if (s.id.isEmpty())
        s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.name = m_name->text().trimmed();
    s.url = QUrl(m_url->text().trimmed());
    s.userName = m_user->text().trimmed();
    s.channels.clear();
    for (const QString &c : m_channels->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!c.trimmed().isEmpty() && !s.channels.contains(c.trimmed()))
            s.channels << c.trimmed();
    }
    if (s.channels.isEmpty())
        s.channels << QStringLiteral("general");
    return s;
}

QString ServerDialog::secret() const
{
    return m_secret->text();
}

} // namespace tenfour::ui
