#pragma once
// Keeps one VoiceSession per configured server and mirrors what they report into the
// ServerTreeModel and the HistoryModel. Decides nothing about audio or protocol: it routes the
// user's intents (join, leave, talk on the current channel) to the right session and sums the
// sessions up into the one state the tray and the PTT button show.

#include "ui/AppSettings.h"
#include "ui/ConnectionState.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QSettings;

namespace tenfour::ui {

class CredentialStore;
class HistoryModel;
class ServerTreeModel;
class VoiceBackend;
class VoiceSession;

class SessionManager : public QObject {
    Q_OBJECT
public:
    enum class TrayState { Disconnected, Idle, Receiving, Transmitting, Busy };
    Q_ENUM(TrayState)

    SessionManager(VoiceBackend *backend, CredentialStore *credentials, QObject *parent = nullptr);
    ~SessionManager() override;

    ServerTreeModel *tree() const { return m_tree; }
    HistoryModel *history() const { return m_history; }
    VoiceBackend *backend() const { return m_backend; }
    VoiceSession *session(const QString &serverId) const { return m_sessions.value(serverId); }

    // Replaces the configuration: new servers get a session and connect, removed ones close.
    void setServers(const QList<ServerConfig> &servers, const QString &defaultName);
    QList<ServerConfig> servers() const { return m_servers; }
    void setPttMode(AppSettings::PttMode mode) { m_mode = mode; }
    // Voice activation: the engine asks for the floor by itself when the user speaks, so a
    // grant nobody pressed for is a transmission to show, not one to give back.
    void setActivation(AppSettings::Activation activation) { m_activation = activation; }
    // Where the kind of relay each server turned out to be is remembered ("relayKind/<id>"),
    // so the next connection to a basic broadcast relay does not wait for a welcome. Without
    // one it is remembered while the application runs.
    void setRelayKindStore(QSettings *settings);
    // "smart", "broadcast", or empty when not known yet.
    QString relayKind(const QString &serverId) const { return m_relayKinds.value(serverId); }

    void join(const QString &serverId, const QString &channel);
    void leave(const QString &serverId, const QString &channel);
    // The channel the PTT talks on; must be a joined channel.
    void setCurrentChannel(const QString &serverId, const QString &channel);
    QString currentServer() const { return m_curServer; }
    QString currentChannel() const { return m_curChannel; }
    void setMemberGain(const QString &serverId, const QString &member, float gain, bool muted);

    TrayState trayState() const { return m_trayState; }
    QString trayDetail() const { return m_trayDetail; }
    bool isTransmitting() const { return m_transmitting; }
    bool isPttDown() const { return m_wantTalk; }
    // Someone else holds the floor of the current channel.
    QString currentTalker() const;

public Q_SLOTS:
    // The PTT button, the in-window key and `--ptt`: press/release follow the hold/toggle mode.
    void pttPress();
    void pttRelease();
    void pttToggle();
    // Absolute: talk / stop talking now, whatever the mode (GlobalPtt has applied it already).
    void pttStart();
    void pttStop();
    void talkOn(const QString &serverId, const QString &channel);
    // A per-channel key (GlobalPtt): talk on channel of the current server. When the app is not
    // in that channel it joins it for this talk only and leaves it again once the transmission
    // has ended with its over; the current channel stays what it was. False (and a message)
    // when it cannot start: not connected, or another talk is on (one at a time).
    bool startChannelTalk(const QString &channel);
    void stopChannelTalk();

Q_SIGNALS:
    void trayStateChanged(tenfour::ui::SessionManager::TrayState state, const QString &detail);
    void transmittingChanged(bool transmitting);
    void pttDownChanged(bool down);
    void currentChannelChanged(const QString &serverId, const QString &channel);
    // The connection of the current channel's server (or of the first server when none).
    void currentConnectionChanged(tenfour::ui::ConnectionState state, int retryInSeconds,
                                  const QString &detail);
    // Someone else started talking (for notifications while the window is hidden).
    void talkStarted(const QString &serverName, const QString &channel, const QString &member);
    // Something the user should read (floor denied, cannot talk without a channel, ...).
    void message(const QString &text);

private:
    void wire(const QString &serverId, VoiceSession *session);
    void openSession(const ServerConfig &server, const QString &secret);
    void setWantTalk(bool want);
    void leaveKeyChannelWhenDone();
    void updateTrayState();
    void emitCurrentConnection();
    QString focusServer() const;

    VoiceBackend *m_backend;
    CredentialStore *m_credentials;
    ServerTreeModel *m_tree;
    HistoryModel *m_history;
    QList<ServerConfig> m_servers;
    QString m_defaultName;
    QHash<QString, VoiceSession *> m_sessions;
    QHash<QString, int> m_retry;          // serverId -> seconds of the last Reconnecting report
    QHash<QString, QString> m_relayKinds; // serverId -> "smart" / "broadcast"
    QSettings *m_relayKindStore = nullptr;
    AppSettings::PttMode m_mode = AppSettings::PttMode::Hold;
    AppSettings::Activation m_activation = AppSettings::Activation::PushToTalk;
    QString m_curServer, m_curChannel;
    bool m_curAutomatic = false;         // chosen by the first join, not by the user
    QString m_talkServer, m_talkChannel; // where our request/transmission is
    // Tray "talk on" a channel not joined yet: talking starts once the join is confirmed.
    QString m_pendingTalkServer, m_pendingTalkChannel;
    // A channel key's talk: the channel joined only for it, and whether the talk waits for that join.
    QString m_keyJoinServer, m_keyJoinChannel;
    bool m_keyWaitsForJoin = false;
    bool m_wantTalk = false;
    bool m_transmitting = false;
    bool m_denied = false;
    TrayState m_trayState = TrayState::Disconnected;
    QString m_trayDetail;
};

} // namespace tenfour::ui
