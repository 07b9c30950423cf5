#pragma once
// Servers, their channels and the members of joined channels, as the tree and the tray menu
// show them. Pure state: SessionManager writes what the sessions report; nothing here talks to
// the network.

#include "ui/ConnectionState.h"
#include "ui/ServerConfig.h"

#include <QStandardItemModel>

namespace tenfour::ui {

class ServerTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Kind { ServerItem, ChannelItem, MemberItem };
    enum Role {
        KindRole = Qt::UserRole + 1,
        ServerIdRole,
        ChannelRole,
        MemberRole,
        StateRole,       // ConnectionState as int (server items)
        DetailRole,      // server items: words about the state
        JoinedRole,      // channel items
        TalkerRole,      // channel items: who holds the floor ("" when free)
        SelfTalkingRole, // channel items: we transmit here
        TalkingRole,     // member items
        GainRole,        // member items: 0..2, linear
        MutedRole,       // member items
    };

    explicit ServerTreeModel(QObject *parent = nullptr);

    void setServers(const QList<ServerConfig> &servers);
    void setConnectionState(const QString &serverId, ConnectionState state, const QString &detail);
    void setJoined(const QString &serverId, const QString &channel, bool joined,
                   const QStringList &members = {});
    void addMember(const QString &serverId, const QString &channel, const QString &member);
    void removeMember(const QString &serverId, const QString &channel, const QString &member);
    void setTalker(const QString &serverId, const QString &channel, const QString &member);
    void setSelfTalking(const QString &serverId, const QString &channel, bool talking);
    void setMemberGain(const QString &serverId, const QString &member, float gain, bool muted);
    // Drops all channel membership of a server (connection lost).
    void clearPresence(const QString &serverId);

    QModelIndex serverIndex(const QString &serverId) const;
    QModelIndex channelIndex(const QString &serverId, const QString &channel) const;
    QModelIndex memberIndex(const QString &serverId, const QString &channel, const QString &member) const;
    QStringList serverIds() const;
    QString serverName(const QString &serverId) const;
    QStringList channels(const QString &serverId) const;
    bool isJoined(const QString &serverId, const QString &channel) const;
    QString talker(const QString &serverId, const QString &channel) const;
    ConnectionState state(const QString &serverId) const;
    // Rewrites every text in the language now applied (the view calls it on LanguageChange).
    void retranslate();

private:
    QStandardItem *serverItem(const QString &serverId) const;
    QStandardItem *channelItem(const QString &serverId, const QString &channel) const;
    QStandardItem *ensureChannel(const QString &serverId, const QString &channel);
    void refreshServer(QStandardItem *item);
    void refreshChannel(QStandardItem *item);
    void refreshMember(QStandardItem *item);
};

} // namespace tenfour::ui
