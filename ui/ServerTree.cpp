#include "ui/ServerTree.h"

#include "ui/ServerTreeModel.h"

#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSlider>
#include <QWidgetAction>

namespace tenfour::ui {

void ServerTree::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        setAccessibleName(tr("Servers and channels"));
        if (auto *m = qobject_cast<ServerTreeModel *>(model()))
            m->retranslate();
    }
    QTreeView::changeEvent(event);
}

ServerTree::ServerTree(QWidget *parent) : QTreeView(parent)
{
    setHeaderHidden(true);
    setUniformRowHeights(true);
    setAccessibleName(tr("Servers and channels"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setExpandsOnDoubleClick(false);
    connect(this, &QTreeView::clicked, this, &ServerTree::onActivated);
    // Enter/Return and double-click join a channel that is not joined yet.
    connect(this, &QTreeView::activated, this, [this](const QModelIndex &idx) {
        if (idx.data(ServerTreeModel::KindRole).toInt() == ServerTreeModel::ChannelItem &&
            !idx.data(ServerTreeModel::JoinedRole).toBool())
            Q_EMIT joinRequested(idx.data(ServerTreeModel::ServerIdRole).toString(),
                                 idx.data(ServerTreeModel::ChannelRole).toString());
        onActivated(idx);
    });
}

void ServerTree::onActivated(const QModelIndex &idx)
{
    if (idx.data(ServerTreeModel::KindRole).toInt() == ServerTreeModel::ChannelItem &&
        idx.data(ServerTreeModel::JoinedRole).toBool())
        Q_EMIT channelSelected(idx.data(ServerTreeModel::ServerIdRole).toString(),
                               idx.data(ServerTreeModel::ChannelRole).toString());
}

void ServerTree::contextMenuEvent(QContextMenuEvent *event)
{
    // A keyboard-opened menu (Menu key) acts on the current item.
    const QModelIndex idx =
        event->reason() == QContextMenuEvent::Mouse ? indexAt(event->pos()) : currentIndex();
    QMenu *menu = contextMenuFor(idx, this);
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

QMenu *ServerTree::contextMenuFor(const QModelIndex &idx, QWidget *parent)
{
    if (!idx.isValid())
        return nullptr;
    const QString serverId = idx.data(ServerTreeModel::ServerIdRole).toString();
    const QString channel = idx.data(ServerTreeModel::ChannelRole).toString();
    auto *menu = new QMenu(parent);
    switch (idx.data(ServerTreeModel::KindRole).toInt()) {
    case ServerTreeModel::ServerItem:
        menu->addAction(tr("&Edit server…"), this,
                        [this, serverId] { Q_EMIT editServerRequested(serverId); });
        menu->addAction(tr("&Remove server"), this,
                        [this, serverId] { Q_EMIT removeServerRequested(serverId); });
        break;
    case ServerTreeModel::ChannelItem:
        if (idx.data(ServerTreeModel::JoinedRole).toBool()) {
            menu->addAction(tr("&Talk here"), this,
                            [this, serverId, channel] { Q_EMIT channelSelected(serverId, channel); });
            menu->addAction(tr("&Leave"), this,
                            [this, serverId, channel] { Q_EMIT leaveRequested(serverId, channel); });
        } else {
            menu->addAction(tr("&Join"), this,
                            [this, serverId, channel] { Q_EMIT joinRequested(serverId, channel); });
        }
        break;
    case ServerTreeModel::MemberItem: {
        const QString member = idx.data(ServerTreeModel::MemberRole).toString();
        const float gain = idx.data(ServerTreeModel::GainRole).toFloat();
        const bool muted = idx.data(ServerTreeModel::MutedRole).toBool();
        auto *row = new QWidget(menu);
        auto *lay = new QHBoxLayout(row);
        lay->setContentsMargins(8, 2, 8, 2);
        auto *label = new QLabel(tr("Volume"), row);
        auto *slider = new QSlider(Qt::Horizontal, row);
        slider->setRange(0, 200);
        slider->setValue(int(gain * 100.0f + 0.5f));
        slider->setAccessibleName(tr("Volume of %1").arg(member));
        label->setBuddy(slider);
        lay->addWidget(label);
        lay->addWidget(slider);
        auto *wa = new QWidgetAction(menu);
        wa->setDefaultWidget(row);
        menu->addAction(wa);
        const QPersistentModelIndex pidx(idx);
        connect(slider, &QSlider::valueChanged, this, [this, serverId, member, pidx](int v) {
            Q_EMIT memberGainChanged(serverId, member, float(v) / 100.0f,
                                     pidx.data(ServerTreeModel::MutedRole).toBool());
        });
        QAction *mute = menu->addAction(tr("&Mute %1").arg(member));
        mute->setCheckable(true);
        mute->setChecked(muted);
        connect(mute, &QAction::toggled, this, [this, serverId, member, slider](bool on) {
            Q_EMIT memberGainChanged(serverId, member, float(slider->value()) / 100.0f, on);
        });
        break;
    }
    }
    return menu;
}

} // namespace tenfour::ui
