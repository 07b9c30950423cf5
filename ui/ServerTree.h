#pragma once
// The tree of servers, channels and members. Clicking a joined channel makes it the talk
// channel; the context menus join/leave channels and set a member's volume or mute.

#include <QTreeView>

namespace tenfour::ui {

class ServerTree : public QTreeView {
    Q_OBJECT
public:
    explicit ServerTree(QWidget *parent = nullptr);

    // Builds the context menu for an index (public so tests and keyboard users get the same menu).
    QMenu *contextMenuFor(const QModelIndex &index, QWidget *parent);

Q_SIGNALS:
    void joinRequested(const QString &serverId, const QString &channel);
    void leaveRequested(const QString &serverId, const QString &channel);
    void channelSelected(const QString &serverId, const QString &channel);
    void memberGainChanged(const QString &serverId, const QString &member, float gain, bool muted);
    void editServerRequested(const QString &serverId);
    void removeServerRequested(const QString &serverId);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onActivated(const QModelIndex &index);
};

} // namespace tenfour::ui
