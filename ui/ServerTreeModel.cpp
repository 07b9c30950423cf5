#include "ui/ServerTreeModel.h"

#include <QIcon>

namespace tenfour::ui {

ServerTreeModel::ServerTreeModel(QObject *parent) : QStandardItemModel(parent) {}

void ServerTreeModel::setServers(const QList<ServerConfig> &servers)
{
    // Keep the rows of servers that stay (their presence is live state), rebuild the rest.
    QStringList wanted;
    for (const ServerConfig &s : servers)
        wanted << s.id;
    for (int r = rowCount() - 1; r >= 0; --r) {
        if (!wanted.contains(item(r)->data(ServerIdRole).toString()))
            removeRow(r);
    }
    for (int i = 0; i < servers.size(); ++i) {
        const ServerConfig &s = servers.at(i);
        QStandardItem *srv = serverItem(s.id);
        if (!srv) {
            srv = new QStandardItem;
            srv->setEditable(false);
            srv->setData(ServerItem, KindRole);
            srv->setData(s.id, ServerIdRole);
            srv->setData(int(ConnectionState::Disconnected), StateRole);
            insertRow(i, srv);
        }
        srv->setData(s.name, Qt::DisplayRole);
        srv->setData(s.url.toString(), Qt::ToolTipRole);
        for (const QString &ch : s.channels)
            ensureChannel(s.id, ch);
        refreshServer(srv);
    }
}

QStandardItem *ServerTreeModel::serverItem(const QString &serverId) const
{
    for (int r = 0; r < rowCount(); ++r) {
        if (item(r)->data(ServerIdRole).toString() == serverId)
            return item(r);
    }
    return nullptr;
}

QStandardItem *ServerTreeModel::channelItem(const QString &serverId, const QString &channel) const
{
    QStandardItem *srv = serverItem(serverId);
    if (!srv)
        return nullptr;
    for (int r = 0; r < srv->rowCount(); ++r) {
        if (srv->child(r)->data(ChannelRole).toString() == channel)
            return srv->child(r);
    }
    return nullptr;
}

QStandardItem *ServerTreeModel::ensureChannel(const QString &serverId, const QString &channel)
{
    if (QStandardItem *ch = channelItem(serverId, channel))
        return ch;
    QStandardItem *srv = serverItem(serverId);
    if (!srv)
        return nullptr;
    auto *ch = new QStandardItem;
    ch->setEditable(false);
    ch->setData(ChannelItem, KindRole);
    ch->setData(serverId, ServerIdRole);
    ch->setData(channel, ChannelRole);
    ch->setData(false, JoinedRole);
    ch->setData(QString(), TalkerRole);
    ch->setData(false, SelfTalkingRole);
    srv->appendRow(ch);
    refreshChannel(ch);
    return ch;
}

void ServerTreeModel::setConnectionState(const QString &serverId, ConnectionState state,
                                         const QString &detail)
{
    if (QStandardItem *srv = serverItem(serverId)) {
        srv->setData(int(state), StateRole);
        srv->setData(detail, DetailRole);
        refreshServer(srv);
    }
}

void ServerTreeModel::setJoined(const QString &serverId, const QString &channel, bool joined,
                                const QStringList &members)
{
    QStandardItem *ch = ensureChannel(serverId, channel);
    if (!ch)
        return;
    ch->removeRows(0, ch->rowCount());
    ch->setData(joined, JoinedRole);
    if (!joined) {
        ch->setData(QString(), TalkerRole);
        ch->setData(false, SelfTalkingRole);
    }
    for (const QString &m : members)
        addMember(serverId, channel, m);
    refreshChannel(ch);
}

void ServerTreeModel::addMember(const QString &serverId, const QString &channel, const QString &member)
{
    QStandardItem *ch = channelItem(serverId, channel);
    if (!ch || memberIndex(serverId, channel, member).isValid())
        return;
    auto *m = new QStandardItem;
    m->setEditable(false);
    m->setData(MemberItem, KindRole);
    m->setData(serverId, ServerIdRole);
    m->setData(channel, ChannelRole);
    m->setData(member, MemberRole);
    m->setData(member == ch->data(TalkerRole).toString(), TalkingRole);
    m->setData(1.0, GainRole);
    m->setData(false, MutedRole);
    // A member keeps the volume chosen for them in another channel of the same server.
    for (int r = 0; r < ch->parent()->rowCount(); ++r) {
        QStandardItem *other = ch->parent()->child(r);
        for (int k = 0; k < other->rowCount(); ++k) {
            if (other->child(k)->data(MemberRole).toString() == member) {
                m->setData(other->child(k)->data(GainRole), GainRole);
                m->setData(other->child(k)->data(MutedRole), MutedRole);
            }
        }
    }
    ch->appendRow(m);
    refreshMember(m);
}

void ServerTreeModel::removeMember(const QString &serverId, const QString &channel, const QString &member)
{
    const QModelIndex idx = memberIndex(serverId, channel, member);
    if (idx.isValid())
        removeRow(idx.row(), idx.parent());
}

void ServerTreeModel::setTalker(const QString &serverId, const QString &channel, const QString &member)
{
    QStandardItem *ch = channelItem(serverId, channel);
    if (!ch)
        return;
    ch->setData(member, TalkerRole);
    for (int r = 0; r < ch->rowCount(); ++r) {
        QStandardItem *m = ch->child(r);
        m->setData(!member.isEmpty() && m->data(MemberRole).toString() == member, TalkingRole);
        refreshMember(m);
    }
    refreshChannel(ch);
}

void ServerTreeModel::setSelfTalking(const QString &serverId, const QString &channel, bool talking)
{
    if (QStandardItem *ch = channelItem(serverId, channel)) {
        ch->setData(talking, SelfTalkingRole);
        refreshChannel(ch);
    }
}

void ServerTreeModel::setMemberGain(const QString &serverId, const QString &member, float gain, bool muted)
{
    QStandardItem *srv = serverItem(serverId);
    if (!srv)
        return;
    for (int r = 0; r < srv->rowCount(); ++r) {
        QStandardItem *ch = srv->child(r);
        for (int k = 0; k < ch->rowCount(); ++k) {
            QStandardItem *m = ch->child(k);
            if (m->data(MemberRole).toString() == member) {
                m->setData(double(gain), GainRole);
                m->setData(muted, MutedRole);
                refreshMember(m);
            }
        }
    }
}

void ServerTreeModel::clearPresence(const QString &serverId)
{
    QStandardItem *srv = serverItem(serverId);
    if (!srv)
        return;
    for (int r = 0; r < srv->rowCount(); ++r)
        setJoined(serverId, srv->child(r)->data(ChannelRole).toString(), false);
}

QModelIndex ServerTreeModel::serverIndex(const QString &serverId) const
{
    QStandardItem *srv = serverItem(serverId);
    return srv ? srv->index() : QModelIndex();
}

QModelIndex ServerTreeModel::channelIndex(const QString &serverId, const QString &channel) const
{
    QStandardItem *ch = channelItem(serverId, channel);
    return ch ? ch->index() : QModelIndex();
}

QModelIndex ServerTreeModel::memberIndex(const QString &serverId, const QString &channel,
                                         const QString &member) const
{
    QStandardItem *ch = channelItem(serverId, channel);
    if (!ch)
        return {};
    for (int r = 0; r < ch->rowCount(); ++r) {
        if (ch->child(r)->data(MemberRole).toString() == member)
            return ch->child(r)->index();
    }
    return {};
}

QStringList ServerTreeModel::serverIds() const
{
    QStringList ids;
    for (int r = 0; r < rowCount(); ++r)
        ids << item(r)->data(ServerIdRole).toString();
    return ids;
}

QString ServerTreeModel::serverName(const QString &serverId) const
{
    QStandardItem *srv = serverItem(serverId);
    return srv ? srv->data(Qt::DisplayRole).toString() : QString();
}

QStringList ServerTreeModel::channels(const QString &serverId) const
{
    QStringList list;
    if (QStandardItem *srv = serverItem(serverId)) {
        for (int r = 0; r < srv->rowCount(); ++r)
            list << srv->child(r)->data(ChannelRole).toString();
    }
    return list;
}

bool ServerTreeModel::isJoined(const QString &serverId, const QString &channel) const
{
    QStandardItem *ch = channelItem(serverId, channel);
    return ch && ch->data(JoinedRole).toBool();
}

QString ServerTreeModel::talker(const QString &serverId, const QString &channel) const
{
    QStandardItem *ch = channelItem(serverId, channel);
    return ch ? ch->data(TalkerRole).toString() : QString();
}

ConnectionState ServerTreeModel::state(const QString &serverId) const
{
    QStandardItem *srv = serverItem(serverId);
    return srv ? ConnectionState(srv->data(StateRole).toInt()) : ConnectionState::Disconnected;
}

void ServerTreeModel::retranslate()
{
    for (int r = 0; r < rowCount(); ++r) {
        QStandardItem *srv = item(r);
        refreshServer(srv);
        for (int c = 0; c < srv->rowCount(); ++c) {
            QStandardItem *ch = srv->child(c);
            refreshChannel(ch);
            for (int m = 0; m < ch->rowCount(); ++m)
                refreshMember(ch->child(m));
        }
    }
}

void ServerTreeModel::refreshServer(QStandardItem *item)
{
    const auto st = ConnectionState(item->data(StateRole).toInt());
    const bool up = st == ConnectionState::Connected;
    item->setIcon(QIcon(up ? QStringLiteral(":/icons/server-connected.svg")
                           : QStringLiteral(":/icons/server-disconnected.svg")));
    item->setData(item->data(Qt::DisplayRole), Qt::AccessibleTextRole);
}

void ServerTreeModel::refreshChannel(QStandardItem *item)
{
    const QString channel = item->data(ChannelRole).toString();
    const QString talker = item->data(TalkerRole).toString();
    const bool joined = item->data(JoinedRole).toBool();
    QString text = channel;
    if (item->data(SelfTalkingRole).toBool())
        text = tr("%1 — you are talking").arg(channel);
    else if (!talker.isEmpty())
        text = tr("%1 — %2 is talking").arg(channel, talker);
    item->setText(text);
    item->setData(joined ? tr("%1, joined").arg(text) : tr("%1, not joined").arg(text),
                  Qt::AccessibleTextRole);
    QString icon = QStringLiteral(":/icons/channel.svg");
    if (!talker.isEmpty())
        icon = QStringLiteral(":/icons/busy.svg");
    else if (item->data(SelfTalkingRole).toBool())
        icon = QStringLiteral(":/icons/transmitting.svg");
    item->setIcon(QIcon(icon));
    QFont f = item->font();
    f.setBold(joined);
    item->setFont(f);
    item->setEnabled(true);
}

void ServerTreeModel::refreshMember(QStandardItem *item)
{
    const bool talking = item->data(TalkingRole).toBool();
    const bool muted = item->data(MutedRole).toBool();
    const QString name = item->data(MemberRole).toString();
    QString text = name;
    if (muted)
        text = tr("%1 (muted)").arg(name);
    item->setText(text);
    item->setIcon(QIcon(talking ? QStringLiteral(":/icons/receiving.svg")
                        : muted ? QStringLiteral(":/icons/speaker-muted.svg")
                                : QStringLiteral(":/icons/member.svg")));
    item->setData(talking ? tr("%1, talking").arg(text) : text, Qt::AccessibleTextRole);
    QFont f = item->font();
    f.setBold(talking);
    item->setFont(f);
}

} // namespace tenfour::ui
