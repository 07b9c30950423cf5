#include "ui/EngineVoiceSession.h"

#include "ui/EngineVoiceBackend.h"

#include "audio/AudioFormat.h"
#include "codec/OpusDecoder.h"
#include "engine/Receiver.h"
#include "net/RelaySession.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tenfour::ui {

namespace {

// The history keeps at most this much of one transmission (48 kHz s16: ~5.5 MiB).
constexpr int kMaxHistoryBytes = 60 * audio::kSampleRate * 2;

ConnectionState toUi(net::RelaySession::State s)
{
    switch (s) {
    case net::RelaySession::State::Disconnected:
        return ConnectionState::Disconnected;
    case net::RelaySession::State::Connecting:
        return ConnectionState::Connecting;
    case net::RelaySession::State::Connected:
        return ConnectionState::Connected;
    case net::RelaySession::State::Reconnecting:
        return ConnectionState::Reconnecting;
    case net::RelaySession::State::Unauthorized:
        return ConnectionState::Unauthorized;
    case net::RelaySession::State::Failed:
        break;
    }
    return ConnectionState::Failed;
}

} // namespace

EngineVoiceSession::EngineVoiceSession(EngineVoiceBackend *backend, const engine::VoiceEngine::Config &config,
                                       bool capture, QObject *parent)
    : VoiceSession(parent), m_backend(backend), m_relay(new net::RelaySession(this)), m_config(config),
      m_capture(capture)
{
    connect(m_relay, &net::RelaySession::stateChanged, this,
            [this](net::RelaySession::State s, int retryInMs, const QString &detail) {
                // Round up: "retrying in 0 s" while a retry is still pending reads as a bug.
                Q_EMIT stateChanged(toUi(s), (retryInMs + 999) / 1000, detail);
            });
    connect(m_relay, &net::RelaySession::joined, this, &EngineVoiceSession::onJoined);
    connect(m_relay, &net::RelaySession::left, this, [this](const QString &channel) {
        // Voice activation must not keep aiming at a channel we left (a channel key's talk ends
        // with a leave): back to the first channel still joined, or none.
        if (channel == m_talkChannel) {
            m_talkChannel = m_relay->channels().value(0);
            if (m_engine)
                m_engine->setChannel(m_talkChannel);
        }
        Q_EMIT left(channel);
    });
    connect(
        m_relay, &net::RelaySession::memberJoined, this,
        [this](const QString &ch, const QString &, const QString &name) { Q_EMIT memberJoined(ch, name); });
    connect(m_relay, &net::RelaySession::memberLeft, this,
            [this](const QString &ch, const QString &, const QString &name) { Q_EMIT memberLeft(ch, name); });
    connect(m_relay, &net::RelaySession::granted, this,
            [this](const QString &ch, quint32) { Q_EMIT floorGranted(ch); });
    connect(m_relay, &net::RelaySession::denied, this,
            [this](const QString &ch, quint32, const QString &, const QString &holder) {
                // The transmitter would otherwise keep "talking" into a floor it does not have.
                if (m_engine)
                    m_engine->setPttPressed(false);
                Q_EMIT floorDenied(ch, holder);
            });
    connect(m_relay, &net::RelaySession::transmitEnded, this,
            [this](const QString &ch, quint32, const QString &) { Q_EMIT transmitEnded(ch); });
    connect(m_relay, &net::RelaySession::talkStarted, this,
            [this](const QString &ch, quint32 sid, const QString &, const QString &name) {
                onTalkStarted(ch, sid, name);
            });
    connect(m_relay, &net::RelaySession::audioReceived, this,
            [this](quint32 sid, quint32, const QByteArray &opus) { onAudio(sid, opus); });
    connect(m_relay, &net::RelaySession::talkEnded, this,
            [this](const QString &ch, quint32 sid, const QString &) { onTalkEnded(ch, sid); });
    connect(m_relay, &net::RelaySession::relayKindChanged, this,
            [this](net::RelayKind kind) { Q_EMIT relayKindChanged(net::relayKindName(kind)); });
    buildEngine();
}

EngineVoiceSession::~EngineVoiceSession()
{
    m_engine.reset(); // stops its threads before the relay session goes
}

void EngineVoiceSession::buildEngine()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
    engine::VoiceEngine::Config c = m_config;
    c.capture = m_capture;
    m_engine = std::make_unique<engine::VoiceEngine>(m_relay, c);
    connect(m_engine.get(), &engine::VoiceEngine::audioError, m_backend, &VoiceBackend::audioError);
    connect(m_engine.get(), &engine::VoiceEngine::deviceNotice, m_backend, &VoiceBackend::audioError);
    if (!m_talkChannel.isEmpty())
        m_engine->setChannel(m_talkChannel);
    applyGains();
    if (m_opened)
        m_engine->start();
}

void EngineVoiceSession::open(const QUrl &url, const QString &name, const QString &secret)
{
    net::RelaySession::Options o;
    o.url = url;
    o.name = name;
    o.token = secret;
    o.kindHint = net::relayKindFromName(m_relayKindHint);
    m_relay->open(o);
    if (!m_opened) {
        m_opened = true;
        m_engine->start();
    }
}

void EngineVoiceSession::close()
{
    m_relay->close();
    if (m_opened)
        m_engine->stop();
    m_opened = false;
    m_incoming.clear();
}

void EngineVoiceSession::join(const QString &channel)
{
    m_relay->join(channel);
}

void EngineVoiceSession::leave(const QString &channel)
{
    m_relay->leave(channel);
}

void EngineVoiceSession::startTalking(const QString &channel)
{
    m_backend->makeTalker(this); // may rebuild our engine with the microphone
    m_talkChannel = channel;
    m_engine->setChannel(channel);
    m_engine->setPttPressed(true);
}

void EngineVoiceSession::stopTalking()
{
    if (m_engine)
        m_engine->setPttPressed(false);
}

void EngineVoiceSession::setMemberGain(const QString &member, float gain)
{
    m_gains.insert(member, gain);
    m_engine->receiver()->setSpeakerGain(member, gain);
}

void EngineVoiceSession::setCapture(bool capture)
{
    if (capture == m_capture)
        return;
    m_capture = capture;
    buildEngine();
}

void EngineVoiceSession::applyConfig(const engine::VoiceEngine::Config &config)
{
    const bool rebuild = config.jitter.minDelayMs != m_config.jitter.minDelayMs ||
                         config.jitter.maxDelayMs != m_config.jitter.maxDelayMs;
    const bool inputChanged = config.inputDevice != m_config.inputDevice;
    const bool outputChanged = config.outputDevice != m_config.outputDevice;
    m_config = config;
    if (rebuild) { // the jitter bounds are fixed when the engine is made
        buildEngine();
        return;
    }
    if (inputChanged)
        m_engine->setInputDevice(config.inputDevice);
    if (outputChanged)
        m_engine->setOutputDevice(config.outputDevice);
    engine::Transmitter *t = m_engine->transmitter();
    t->setBitrate(config.transmit.bitrate);
    t->setPreRollMs(config.transmit.preRollMs);
    t->setTailMs(config.transmit.tailMs);
    // Capture processing, voice activation, volume and cues change live (lock-free setters).
    t->setNoiseSuppression(config.transmit.processing.noiseSuppression);
    t->setAutoGain(config.transmit.processing.autoGain);
    t->setInputGainDb(config.transmit.processing.inputGainDb);
    t->setVoiceThresholdDb(config.transmit.voiceThresholdDb);
    t->setVoiceActivation(config.transmit.voiceActivation);
    m_engine->setOutputVolume(m_speakerMuted ? 0.0f : config.outputVolume);
    m_engine->setCue(audio::CuePlayer::Cue::Permit, config.cuePermit.enabled, config.cuePermit.volume);
    m_engine->setCue(audio::CuePlayer::Cue::End, config.cueEnd.enabled, config.cueEnd.volume);
    m_engine->setCue(audio::CuePlayer::Cue::Busy, config.cueBusy.enabled, config.cueBusy.volume);
}

void EngineVoiceSession::setSpeakerMuted(bool muted)
{
    m_speakerMuted = muted;
    applyGains();
}

void EngineVoiceSession::applyGains()
{
    engine::Receiver *r = m_engine->receiver();
    for (auto it = m_gains.cbegin(); it != m_gains.cend(); ++it)
        r->setSpeakerGain(it.key(), it.value());
    // Muting the speaker mutes every speaker we know of, and onTalkStarted() mutes the ones that
    // appear while muted; the master volume at 0 silences the audio cues as well.
    m_engine->setOutputVolume(m_speakerMuted ? 0.0f : m_config.outputVolume);
    for (const Incoming &in : std::as_const(m_incoming))
        r->setSpeakerMuted(in.member, m_speakerMuted);
}

void EngineVoiceSession::onJoined(const QString &channel, const QJsonArray &members,
                                  const QJsonObject &talker)
{
    QStringList names;
    for (const QJsonValue &m : members)
        names << m.toObject().value(QStringLiteral("name")).toString();
    Q_EMIT joined(channel, names);
    // Voice activation transmits without a press: until the user talks somewhere, it goes to
    // the first channel joined.
    if (m_talkChannel.isEmpty()) {
        m_talkChannel = channel;
        m_engine->setChannel(channel);
    }
    const QString holder = talker.value(QStringLiteral("name")).toString();
    if (!holder.isEmpty())
        Q_EMIT talkerChanged(channel, holder);
}

void EngineVoiceSession::onTalkStarted(const QString &channel, quint32 sid, const QString &name)
{
    Incoming in;
    in.channel = channel;
    in.member = name;
    in.started = QDateTime::currentDateTime();
    in.decoder = std::make_shared<codec::OpusDecoder>();
    m_incoming.insert(sid, in);
    if (m_speakerMuted)
        m_engine->receiver()->setSpeakerMuted(name, true);
    Q_EMIT talkerChanged(channel, name);
}

void EngineVoiceSession::onAudio(quint32 sid, const QByteArray &opus)
{
    auto it = m_incoming.find(sid);
    if (it == m_incoming.end() || !it->decoder->isValid() || it->pcm.size() >= kMaxHistoryBytes)
        return;
    constexpr int kMaxSamples = audio::kMaxDecodedSamples; // 120 ms, the longest Opus packet
    const qsizetype at = it->pcm.size();
    it->pcm.resize(at + kMaxSamples * 2);
    const int n =
        it->decoder->decode(reinterpret_cast<const unsigned char *>(opus.constData()), int(opus.size()),
                            reinterpret_cast<qint16 *>(it->pcm.data() + at), kMaxSamples);
    it->pcm.resize(at + qMax(n, 0) * 2);
}

void EngineVoiceSession::onTalkEnded(const QString &channel, quint32 sid)
{
    const Incoming in = m_incoming.take(sid);
    Q_EMIT talkerChanged(channel, QString());
    if (!in.member.isEmpty() && !in.pcm.isEmpty())
        Q_EMIT transmissionReceived(channel, in.member, in.started, in.pcm);
}

} // namespace tenfour::ui
