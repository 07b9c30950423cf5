#include "engine/Uplink.h"

#include "engine/Transmitter.h"
#include "net/RelaySession.h"

namespace tenfour::engine {

Uplink::Uplink(Transmitter *transmitter, net::RelaySession *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    m_pending.reserve(kMaxPending);
    // Queued: the transmitter emits on its worker thread.
    connect(transmitter, &Transmitter::transmissionStarted, this, &Uplink::onStarted, Qt::QueuedConnection);
    connect(
        transmitter, &Transmitter::packetReady, this,
        [this](quint32 seq, const QByteArray &opus, qint64) { onPacket(seq, opus); }, Qt::QueuedConnection);
    connect(transmitter, &Transmitter::transmissionEnded, this, &Uplink::onEnded, Qt::QueuedConnection);
    connect(session, &net::RelaySession::granted, this, &Uplink::onGranted);
    connect(session, &net::RelaySession::denied, this, &Uplink::onDenied);
    connect(session, &net::RelaySession::transmitEnded, this, &Uplink::onTransmitEnded);
}

void Uplink::onStarted()
{
    m_pending.clear();
    m_endPending = false;
    m_sid = m_session->requestTalk(m_channel);
    if (m_sid == 0) {
        m_state = State::Dropping;
        Q_EMIT talkFailed(m_session->isConnected() ? QStringLiteral("not in channel \"%1\"").arg(m_channel)
                                                   : QStringLiteral("not connected to the relay"));
        return;
    }
    m_state = State::Requesting;
    Q_EMIT talkRequested(m_channel, m_sid);
}

void Uplink::onPacket(quint32 seq, const QByteArray &opus)
{
    switch (m_state) {
    case State::Requesting:
        if (m_pending.size() >= kMaxPending) {
            m_pending.removeFirst();
            ++m_dropped;
        }
        m_pending.append(Pending{seq, opus});
        break;
    case State::Granted:
        if (m_session->sendAudio(m_sid, seq, opus))
            ++m_sent;
        else
            ++m_dropped;
        break;
    case State::Idle:
    case State::Dropping:
        ++m_dropped;
        break;
    }
}

void Uplink::onEnded()
{
    switch (m_state) {
    case State::Requesting:
        m_endPending = true; // `over` right after the grant and the held-back frames
        break;
    case State::Granted:
        m_session->sendOver(m_sid);
        m_state = State::Idle;
        break;
    case State::Idle:
    case State::Dropping:
        m_state = State::Idle;
        break;
    }
}

void Uplink::onGranted(const QString &channel, quint32 sid)
{
    if (sid != m_sid || m_state != State::Requesting)
        return;
    m_state = State::Granted;
    Q_EMIT talkGranted(channel, sid);
    for (const Pending &p : std::as_const(m_pending)) {
        if (m_session->sendAudio(sid, p.seq, p.opus))
            ++m_sent;
        else
            ++m_dropped;
    }
    m_pending.clear();
    if (m_endPending) {
        m_endPending = false;
        m_session->sendOver(sid);
        m_state = State::Idle;
    }
}

void Uplink::onDenied(const QString &channel, quint32 sid, const QString &reason, const QString &talker)
{
    if (sid != m_sid)
        return;
    m_dropped += quint64(m_pending.size());
    m_pending.clear();
    // Until the release: the rest of this transmission has nowhere to go.
    m_state = m_endPending ? State::Idle : State::Dropping;
    m_endPending = false;
    Q_EMIT talkDenied(channel, reason, talker);
}

void Uplink::onTransmitEnded(const QString &channel, quint32 sid, const QString &reason)
{
    if (sid != m_sid)
        return;
    if (m_state == State::Granted || m_state == State::Requesting) {
        // Revoked (or the connection went) while still talking: drop the rest until the release.
        m_state = State::Dropping;
        m_pending.clear();
        m_endPending = false;
    }
    Q_EMIT talkEnded(channel, sid, reason);
}

} // namespace tenfour::engine
