#include "engine/Receiver.h"

#include "audio/PlayoutMixer.h"
#include "device/MonotonicClock.h"
#include "net/RelaySession.h"

#include <algorithm>
#include <cstring>

namespace tenfour::engine {

Receiver::Receiver(audio::PlayoutMixer *mixer, QObject *parent)
    : QObject(parent), m_mixer(mixer), m_packet(new audio::IncomingPacket)
{
}

Receiver::~Receiver()
{
    delete m_packet;
}

void Receiver::attach(net::RelaySession *session)
{
    connect(session, &net::RelaySession::talkStarted, this,
            [this](const QString &, quint32 sid, const QString &, const QString &name) {
                streamStarted(sid, name);
            });
    connect(session, &net::RelaySession::audioReceived, this, &Receiver::audioFrame);
    connect(session, &net::RelaySession::talkEnded, this,
            [this](const QString &, quint32 sid, const QString &) { streamEnded(sid); });
}

qint64 Receiver::now() const
{
    return m_clock ? m_clock(m_clockContext) : device::monotonicUs();
}

float Receiver::effectiveGain(const QString &speaker) const
{
    return m_muted.contains(speaker) ? 0.0f : m_gains.value(speaker, 1.0f);
}

void Receiver::control(quint8 kind, quint32 sid, float gain)
{
    audio::IncomingPacket &p = *m_packet;
    p.kind = audio::IncomingPacket::Kind(kind);
    p.sid = sid;
    p.seq = 0;
    p.arrivalUs = now();
    p.gain = gain;
    p.size = 0;
    if (!m_mixer->enqueue(p))
        ++m_refused;
}

void Receiver::setSpeakerGain(const QString &speaker, float gain)
{
    m_gains.insert(speaker, std::clamp(gain, 0.0f, 4.0f));
    for (auto it = m_speakerOfSid.cbegin(); it != m_speakerOfSid.cend(); ++it) {
        if (it.value() == speaker)
            control(audio::IncomingPacket::SetGain, it.key(), effectiveGain(speaker));
    }
}

void Receiver::setSpeakerMuted(const QString &speaker, bool muted)
{
    if (muted)
        m_muted.insert(speaker, true);
    else
        m_muted.remove(speaker);
    setSpeakerGain(speaker, m_gains.value(speaker, 1.0f));
}

void Receiver::streamStarted(quint32 sid, const QString &speaker)
{
    m_speakerOfSid.insert(sid, speaker);
    control(audio::IncomingPacket::StreamStart, sid, effectiveGain(speaker));
}

void Receiver::audioFrame(quint32 sid, quint32 seq, const QByteArray &opus)
{
    if (opus.isEmpty() || opus.size() > audio::kMaxPacketBytes)
        return;
    audio::IncomingPacket &p = *m_packet;
    p.kind = audio::IncomingPacket::Audio;
    p.sid = sid;
    p.seq = seq;
    p.arrivalUs = now();
    p.gain = 1.0f;
    p.size = quint16(opus.size());
    std::memcpy(p.data, opus.constData(), size_t(opus.size()));
    ++m_frames;
    if (!m_mixer->enqueue(p))
        ++m_refused;
}

void Receiver::streamEnded(quint32 sid)
{
    m_speakerOfSid.remove(sid);
    control(audio::IncomingPacket::StreamEnd, sid, 1.0f);
}

void Receiver::endAll()
{
    const QList<quint32> sids = m_speakerOfSid.keys();
    for (quint32 sid : sids)
        streamEnded(sid);
}

} // namespace tenfour::engine
