#include "ui/ChannelKeyList.h"

#include "ui/KeyCaptureButton.h"

#include "input/GlobalKeyBackend.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tenfour::ui {

ChannelKeyList::ChannelKeyList(QWidget *parent)
    : QWidget(parent), m_rowsLayout(new QVBoxLayout), m_add(new QPushButton(tr("&Add a channel key"), this))
{
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    lay->addLayout(m_rowsLayout);
    lay->addWidget(m_add, 0, Qt::AlignLeft);
    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow();
        m_rows.last().key->setFocus();
    });
}

void ChannelKeyList::setKeys(const QList<ChannelKey> &keys)
{
    while (!m_rows.isEmpty())
        removeRow(int(m_rows.size()) - 1);
    for (const ChannelKey &k : keys)
        addRow(k);
}

QList<ChannelKey> ChannelKeyList::keys() const
{
    QList<ChannelKey> out;
    for (const Row &r : m_rows) {
        const ChannelKey k{r.key->key(), r.channel->text().trimmed()};
        if (k.isValid())
            out << k;
    }
    return out;
}

void ChannelKeyList::setBackend(input::GlobalKeyBackend *backend)
{
    m_backend = backend;
    for (const Row &r : std::as_const(m_rows))
        r.key->setBackend(backend);
}

void ChannelKeyList::addRow(const ChannelKey &key)
{
    Row r;
    r.widget = new QWidget(this);
    r.key = new KeyCaptureButton(r.widget);
    r.key->setBackend(m_backend);
    r.key->setKey(key.key);
    r.key->setAccessibleName(tr("Channel key"));
    r.channel = new QLineEdit(key.channel, r.widget);
    r.channel->setPlaceholderText(tr("Channel"));
    r.channel->setAccessibleName(tr("Channel of the key"));
    r.channel->setMaxLength(64); // the relay's limit for names
    r.remove = new QPushButton(tr("Remove"), r.widget);
    r.remove->setAccessibleName(tr("Remove this channel key"));
    auto *lay = new QHBoxLayout(r.widget);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(r.key, 1);
    lay->addWidget(r.channel, 1);
    lay->addWidget(r.remove);
    QWidget *widget = r.widget;
    connect(r.remove, &QPushButton::clicked, this, [this, widget] {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).widget == widget) {
                removeRow(i);
                return;
            }
        }
    });
    m_rowsLayout->addWidget(r.widget);
    m_rows << r;
}

void ChannelKeyList::removeRow(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    const Row r = m_rows.takeAt(row);
    r.widget->hide();
    r.widget->deleteLater(); // may be the sender of the click being handled
}

} // namespace tenfour::ui
