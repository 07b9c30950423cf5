#include "ui/SessionManager.h"

#include "ui/CredentialStore.h"
#include "ui/HistoryModel.h"
#include "ui/ServerTreeModel.h"
#include "ui/VoiceBackend.h"
#include "ui/VoiceSession.h"

#include <QSettings>

namespace tenfour::ui {

SessionManager::SessionManager(VoiceBackend *backend, CredentialStore *credentials, QObject *parent)
    : QObject(parent), m_backend(backend), m_credentials(credentials), m_tree(new ServerTreeModel(this)),
      m_history(new HistoryModel(this))
{
    if (m_credentials) {
        connect(m_credentials, &CredentialStore::loaded, this,
                [this](const QString &account, const QString &secret, bool) {
                    for (const ServerConfig &s : std::as_const(m_servers)) {
                        if (s.id == account && m_sessions.contains(s.id) &&
                            m_tree->state(s.id) == ConnectionState::Disconnected)
                            openSession(s, secret);
                    }
                });
    }
}

SessionManager::~SessionManager()
{
    for (VoiceSession *s : std::as_const(m_sessions))
        s->close();
}

void SessionManager::setServers(const QList<ServerConfig> &servers, const QString &defaultName)
{
    const QList<ServerConfig> old = m_servers;
    m_servers = servers;
    m_defaultName = defaultName;
    m_tree->setServers(servers);
    QStringList keep;
    for (const ServerConfig &s : servers) {
        keep << s.id;
        const auto it =
            std::find_if(old.cbegin(), old.cend(), [&](const ServerConfig &o) { return o.id == s.id; });
        const bool changed = it == old.cend() || it->url != s.url || it->userName != s.userName;
        if (!changed && m_sessions.contains(s.id))
            continue;
        delete m_sessions.take(s.id);
        VoiceSession *session = m_backend->createSession(this);
        m_sessions.insert(s.id, session);
        wire(s.id, session);
        m_tree->setConnectionState(s.id, ConnectionState::Disconnected, QString());
        if (m_credentials && !s.embedded)
            m_credentials->load(s.id); // opens when the secret (or its absence) is known
        else
            openSession(s, QString());
    }
    for (const QString &id : m_sessions.keys()) {
        if (!keep.contains(id)) {
            VoiceSession *s = m_sessions.take(id);
            s->close();
            delete s;
        }
    }
    if (!keep.contains(m_curServer))
        setCurrentChannel(QString(), QString());
    emitCurrentConnection();
    updateTrayState();
}

void SessionManager::openSession(const ServerConfig &server, const QString &secret)
{
    VoiceSession *session = m_sessions.value(server.id);
    if (!session)
        return;
    const QString name = server.userName.isEmpty() ? m_defaultName : server.userName;
    m_tree->setConnectionState(server.id, ConnectionState::Connecting, QString());
    session->setRelayKindHint(relayKind(server.id));
    session->open(server.url, name, secret);
}

void SessionManager::setRelayKindStore(QSettings *settings)
{
    m_relayKindStore = settings;
    if (!settings)
        return;
    settings->beginGroup(QStringLiteral("relayKind"));
    for (const QString &id : settings->childKeys())
        m_relayKinds.insert(id, settings->value(id).toString());
    settings->endGroup();
}

void SessionManager::wire(const QString &id, VoiceSession *s)
{
    connect(s, &VoiceSession::relayKindChanged, this, [this, id](const QString &kind) {
        m_relayKinds.insert(id, kind);
        if (m_relayKindStore)
            m_relayKindStore->setValue(QStringLiteral("relayKind/") + id, kind);
        if (id == focusServer())
            emitCurrentConnection();
    });
    connect(s, &VoiceSession::stateChanged, this,
            [this, id](ConnectionState state, int retry, const QString &detail) {
                m_tree->setConnectionState(id, state, detail);
                m_retry[id] = retry;
                if (state == ConnectionState::Connected) {
                    for (const ServerConfig &sc : std::as_const(m_servers)) {
                        if (sc.id != id)
                            continue;
                        for (const QString &ch : sc.autoJoin)
                            m_sessions.value(id)->join(ch);
                    }
                } else {
                    m_tree->clearPresence(id);
                    if (m_pendingTalkServer == id)
                        m_pendingTalkServer.clear();
                    if (m_keyJoinServer == id) {
                        // Joined only for a key talk, which the drop ended: off the session's
                        // list of channels to rejoin after the reconnect.
                        leave(m_keyJoinServer, m_keyJoinChannel);
                        m_keyJoinServer.clear();
                        m_keyJoinChannel.clear();
                        m_keyWaitsForJoin = false;
                    }
                    if (m_talkServer == id) {
                        m_transmitting = false;
                        Q_EMIT transmittingChanged(false);
                    }
                }
                if (id == focusServer())
                    emitCurrentConnection();
                updateTrayState();
            });
    connect(s, &VoiceSession::joined, this, [this, id](const QString &ch, const QStringList &members) {
        m_tree->setJoined(id, ch, true, members);
        // The first server of the list wins over one that merely answered first (the embedded
        // relay always does), until the user picks a channel.
        const auto index = [this](const QString &serverId) {
            for (int i = 0; i < m_servers.size(); ++i) {
                if (m_servers.at(i).id == serverId)
                    return i;
            }
            return int(m_servers.size());
        };
        const bool forKey = m_keyWaitsForJoin && id == m_keyJoinServer && ch == m_keyJoinChannel;
        if (!forKey && (m_curChannel.isEmpty() || (m_curAutomatic && index(id) < index(m_curServer)))) {
            setCurrentChannel(id, ch);
            m_curAutomatic = true;
        }
        if (forKey) { // joined for a channel key: its talk starts now, if the key is still down
            m_keyWaitsForJoin = false;
            if (m_wantTalk && id == m_talkServer && ch == m_talkChannel)
                m_sessions.value(id)->startTalking(ch);
        }
        if (id == m_pendingTalkServer && ch == m_pendingTalkChannel) {
            m_pendingTalkServer.clear();
            m_pendingTalkChannel.clear();
            setCurrentChannel(id, ch);
            setWantTalk(true);
        }
        updateTrayState();
    });
    connect(s, &VoiceSession::left, this, [this, id](const QString &ch) {
        m_tree->setJoined(id, ch, false);
        if (m_curServer == id && m_curChannel == ch)
            setCurrentChannel(QString(), QString());
        updateTrayState();
    });
    connect(s, &VoiceSession::memberJoined, this,
            [this, id](const QString &ch, const QString &m) { m_tree->addMember(id, ch, m); });
    connect(s, &VoiceSession::memberLeft, this,
            [this, id](const QString &ch, const QString &m) { m_tree->removeMember(id, ch, m); });
    connect(s, &VoiceSession::talkerChanged, this, [this, id](const QString &ch, const QString &member) {
        m_tree->setTalker(id, ch, member);
        if (!member.isEmpty())
            Q_EMIT talkStarted(m_tree->serverName(id), ch, member);
        else if (m_wantTalk && m_denied && id == m_talkServer && ch == m_talkChannel) {
            // The floor came free while the key is still held: ask again, like a radio's retry.
            m_denied = false;
            m_sessions.value(id)->startTalking(ch);
        }
        updateTrayState();
    });
    connect(s, &VoiceSession::floorGranted, this, [this, id](const QString &ch) {
        if (!m_wantTalk && m_activation != AppSettings::Activation::Voice) {
            m_sessions.value(id)->stopTalking(); // released before the grant arrived
            return;
        }
        if (!m_wantTalk) { // voice activation: the engine's own request, wherever it talks
            m_talkServer = id;
            m_talkChannel = ch;
        }
        m_denied = false;
        m_transmitting = true;
        m_tree->setSelfTalking(id, ch, true);
        Q_EMIT transmittingChanged(true);
        updateTrayState();
    });
    connect(s, &VoiceSession::floorDenied, this, [this](const QString &ch, const QString &holder) {
        m_denied = true;
        Q_EMIT message(holder.isEmpty() ? tr("Channel %1 is busy").arg(ch)
                                        : tr("Channel %1 is busy: %2 is talking").arg(ch, holder));
        updateTrayState();
    });
    connect(s, &VoiceSession::transmitEnded, this, [this, id](const QString &ch) {
        m_tree->setSelfTalking(id, ch, false);
        if (m_transmitting) {
            m_transmitting = false;
            Q_EMIT transmittingChanged(false);
        }
        leaveKeyChannelWhenDone(); // the over has gone out: a channel joined for the talk is left
        updateTrayState();
    });
    connect(s, &VoiceSession::transmissionReceived, this,
            [this, id](const QString &ch, const QString &member, const QDateTime &started,
                       const QByteArray &pcm) {
                HistoryModel::Entry e;
                e.serverId = id;
                e.channel = ch;
                e.member = member;
                e.started = started;
                e.pcm = pcm;
                m_history->add(e);
            });
}

void SessionManager::join(const QString &serverId, const QString &channel)
{
    if (serverId == m_keyJoinServer && channel == m_keyJoinChannel) { // the user wants to stay there
        m_keyJoinServer.clear();
        m_keyJoinChannel.clear();
    }
    if (VoiceSession *s = m_sessions.value(serverId))
        s->join(channel);
}

void SessionManager::leave(const QString &serverId, const QString &channel)
{
    if (VoiceSession *s = m_sessions.value(serverId))
        s->leave(channel);
}

void SessionManager::setCurrentChannel(const QString &serverId, const QString &channel)
{
    if (serverId == m_curServer && channel == m_curChannel)
        return;
    if (serverId == m_keyJoinServer && channel == m_keyJoinChannel) { // picked: not left after the talk
        m_keyJoinServer.clear();
        m_keyJoinChannel.clear();
    }
    // The user went elsewhere before the join of a "talk on" came back: that talk is off.
    m_pendingTalkServer.clear();
    m_pendingTalkChannel.clear();
    m_curAutomatic = false;
    m_curServer = serverId;
    m_curChannel = channel;
    Q_EMIT currentChannelChanged(serverId, channel);
    emitCurrentConnection();
    updateTrayState();
}

void SessionManager::setMemberGain(const QString &serverId, const QString &member, float gain, bool muted)
{
    m_tree->setMemberGain(serverId, member, gain, muted);
    if (VoiceSession *s = m_sessions.value(serverId))
        s->setMemberGain(member, muted ? 0.0f : gain);
}

QString SessionManager::currentTalker() const
{
    return m_curChannel.isEmpty() ? QString() : m_tree->talker(m_curServer, m_curChannel);
}

void SessionManager::pttPress()
{
    if (m_mode == AppSettings::PttMode::Toggle)
        setWantTalk(!m_wantTalk);
    else
        setWantTalk(true);
}

void SessionManager::pttRelease()
{
    if (m_mode == AppSettings::PttMode::Hold)
        setWantTalk(false);
}

void SessionManager::pttToggle()
{
    setWantTalk(!m_wantTalk);
}

void SessionManager::pttStart()
{
    setWantTalk(true);
}

void SessionManager::pttStop()
{
    setWantTalk(false);
}

void SessionManager::talkOn(const QString &serverId, const QString &channel)
{
    const bool joined = m_tree->isJoined(serverId, channel);
    if (!joined)
        join(serverId, channel);
    if (serverId != m_curServer || channel != m_curChannel) {
        m_curAutomatic = false;
        m_curServer = serverId; // becomes current once joined; talking waits for the join
        m_curChannel = channel;
        Q_EMIT currentChannelChanged(serverId, channel);
        emitCurrentConnection();
    }
    if (joined) {
        pttToggle();
        return;
    }
    if (m_wantTalk) // talking elsewhere: stop there, start here once joined
        setWantTalk(false);
    m_pendingTalkServer = serverId;
    m_pendingTalkChannel = channel;
}

bool SessionManager::startChannelTalk(const QString &channel)
{
    if (m_wantTalk || channel.isEmpty())
        return false; // one talk at a time
    const QString id = focusServer();
    VoiceSession *s = m_sessions.value(id);
    if (!s || m_tree->state(id) != ConnectionState::Connected) {
        Q_EMIT message(tr("Not connected: cannot talk on %1").arg(channel));
        return false;
    }
    // Still in the channel of an earlier key talk that has not ended: leave it unless it is this one.
    if (!m_keyJoinChannel.isEmpty() && (m_keyJoinServer != id || m_keyJoinChannel != channel)) {
        leave(m_keyJoinServer, m_keyJoinChannel);
        m_keyJoinServer.clear();
        m_keyJoinChannel.clear();
    }
    m_wantTalk = true;
    m_denied = false;
    m_pendingTalkServer.clear();
    m_talkServer = id;
    m_talkChannel = channel;
    if (m_tree->isJoined(id, channel)) {
        s->startTalking(channel);
    } else {
        m_keyJoinServer = id;
        m_keyJoinChannel = channel;
        m_keyWaitsForJoin = true;
        s->join(channel);
    }
    Q_EMIT pttDownChanged(true);
    updateTrayState();
    return true;
}

void SessionManager::stopChannelTalk()
{
    setWantTalk(false);
    leaveKeyChannelWhenDone();
}

void SessionManager::leaveKeyChannelWhenDone()
{
    if (m_keyJoinChannel.isEmpty() || m_wantTalk)
        return;
    // Transmitting there: the tail and the over go out first (transmitEnded calls this again).
    if (m_transmitting && m_talkServer == m_keyJoinServer && m_talkChannel == m_keyJoinChannel)
        return;
    m_keyWaitsForJoin = false;
    leave(m_keyJoinServer, m_keyJoinChannel);
    m_keyJoinServer.clear();
    m_keyJoinChannel.clear();
}

void SessionManager::setWantTalk(bool want)
{
    if (want == m_wantTalk)
        return;
    if (want) {
        VoiceSession *s = m_sessions.value(m_curServer);
        if (!s || m_curChannel.isEmpty() || !m_tree->isJoined(m_curServer, m_curChannel)) {
            Q_EMIT message(tr("Join a channel to talk"));
            return;
        }
        m_wantTalk = true;
        m_denied = false;
        m_talkServer = m_curServer;
        m_talkChannel = m_curChannel;
        s->startTalking(m_curChannel);
    } else {
        m_wantTalk = false;
        m_denied = false;
        m_pendingTalkServer.clear();
        if (VoiceSession *s = m_sessions.value(m_talkServer))
            s->stopTalking();
        leaveKeyChannelWhenDone();
    }
    Q_EMIT pttDownChanged(m_wantTalk);
    updateTrayState();
}

QString SessionManager::focusServer() const
{
    if (!m_curServer.isEmpty())
        return m_curServer;
    return m_servers.isEmpty() ? QString() : m_servers.first().id;
}

void SessionManager::emitCurrentConnection()
{
    const QString id = focusServer();
    const QModelIndex idx = m_tree->serverIndex(id);
    const ConnectionState state = m_tree->state(id);
    QString detail = idx.data(ServerTreeModel::DetailRole).toString();
    if (state == ConnectionState::Connected) // the words people need about the relay, if any
        detail = relayKind(id) == QLatin1String("broadcast")
                     ? tr("basic relay: no floor control, everyone in one room")
                     : QString();
    Q_EMIT currentConnectionChanged(state, m_retry.value(id), detail);
}

void SessionManager::updateTrayState()
{
    TrayState state = TrayState::Disconnected;
    QString detail;
    bool anyConnected = false;
    QString receiving;
    for (const QString &id : m_tree->serverIds()) {
        if (m_tree->state(id) != ConnectionState::Connected)
            continue;
        anyConnected = true;
        for (const QString &ch : m_tree->channels(id)) {
            const QString who = m_tree->talker(id, ch);
            if (m_tree->isJoined(id, ch) && !who.isEmpty() && receiving.isEmpty())
                receiving = tr("%1 in %2").arg(who, ch);
        }
    }
    if (m_transmitting) {
        state = TrayState::Transmitting;
        detail = m_talkChannel;
    } else if (m_wantTalk && (m_denied || !m_tree->talker(m_talkServer, m_talkChannel).isEmpty())) {
        state = TrayState::Busy;
        detail = m_tree->talker(m_talkServer, m_talkChannel);
    } else if (!receiving.isEmpty()) {
        state = TrayState::Receiving;
        detail = receiving;
    } else if (anyConnected) {
        state = TrayState::Idle;
    }
    if (state != m_trayState || detail != m_trayDetail) {
        m_trayState = state;
        m_trayDetail = detail;
        Q_EMIT trayStateChanged(state, detail);
    }
}

} // namespace tenfour::ui
