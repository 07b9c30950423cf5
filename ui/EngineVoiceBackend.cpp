#include "ui/EngineVoiceBackend.h"

#include "ui/EngineVoiceSession.h"

#include "audio/AudioFormat.h"

#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>
#include <cmath>

namespace tenfour::ui {

namespace {

// The meter wants ~30 updates a second; the capture peak is refreshed per 20 ms frame.
constexpr int kLevelPollMs = 33;

QAudioDevice findOutput(const QByteArray &id)
{
    const QList<QAudioDevice> outs = QMediaDevices::audioOutputs();
    for (const QAudioDevice &d : outs) {
        if (d.id() == id)
            return d;
    }
    return QMediaDevices::defaultAudioOutput();
}

} // namespace

EngineVoiceBackend::EngineVoiceBackend(QObject *parent) : VoiceBackend(parent)
{
    m_levelTimer.setInterval(kLevelPollMs);
    connect(&m_levelTimer, &QTimer::timeout, this, &EngineVoiceBackend::pollLevel);
    m_levelTimer.start();
}

EngineVoiceBackend::~EngineVoiceBackend()
{
    stopPlayback();
}

QList<EngineVoiceSession *> EngineVoiceBackend::liveSessions()
{
    QList<EngineVoiceSession *> out;
    for (const QPointer<EngineVoiceSession> &s : std::as_const(m_sessions)) {
        if (s)
            out << s.data();
    }
    return out;
}

VoiceSession *EngineVoiceBackend::createSession(QObject *parent)
{
    // The first session takes the microphone so the meter works before anyone talks.
    const bool capture = !m_talker;
    auto *s = new EngineVoiceSession(this, m_config, capture, parent);
    if (capture)
        m_talker = s;
    if (m_speakerMuted)
        s->setSpeakerMuted(true);
    m_sessions << s;
    // No hand-over on destruction: the next startTalking() takes the microphone, and a hand-over
    // would reopen it for every session while the application shuts down.
    connect(s, &QObject::destroyed, this, [this] { m_sessions.removeAll(QPointer<EngineVoiceSession>()); });
    return s;
}

EngineVoiceSession *EngineVoiceBackend::talker() const
{
    return m_talker.data();
}

void EngineVoiceBackend::makeTalker(EngineVoiceSession *session)
{
    if (m_talker == session)
        return;
    if (m_talker)
        m_talker->setCapture(false);
    m_talker = session;
    if (session)
        session->setCapture(true);
}

void EngineVoiceBackend::applySettings(const AppSettings &s)
{
    m_config.inputDevice = QString::fromUtf8(s.inputDevice);
    m_config.outputDevice = QString::fromUtf8(s.outputDevice);
    m_outputDevice = s.outputDevice;
    m_config.transmit.bitrate = s.bitrateKbps * 1000;
    m_config.transmit.preRollMs = s.preRollMs;
    m_config.transmit.tailMs = s.releaseTailMs;
    m_config.jitter.minDelayMs = s.jitterMinMs;
    m_config.jitter.maxDelayMs = qMax(s.jitterMaxMs, s.jitterMinMs);
    m_config.transmit.processing.noiseSuppression = s.noiseSuppression;
    m_config.transmit.processing.autoGain = s.autoGain;
    m_config.transmit.processing.inputGainDb = s.inputGainDb;
    m_config.transmit.voiceActivation = s.activation == AppSettings::Activation::Voice;
    m_config.transmit.voiceThresholdDb = s.voiceThresholdDb;
    m_config.outputVolume = float(s.outputVolume) / 100.0f;
    m_config.cuePermit = {s.cuePermit, s.cuePermitVolume};
    m_config.cueEnd = {s.cueEnd, s.cueEndVolume};
    m_config.cueBusy = {s.cueBusy, s.cueBusyVolume};
    const QList<EngineVoiceSession *> live = liveSessions();
    for (EngineVoiceSession *session : live)
        session->applyConfig(m_config);
}

void EngineVoiceBackend::setSpeakerMuted(bool muted)
{
    m_speakerMuted = muted;
    const QList<EngineVoiceSession *> live = liveSessions();
    for (EngineVoiceSession *session : live)
        session->setSpeakerMuted(muted);
}

void EngineVoiceBackend::setMonitoring(bool)
{
    // The talk session's engine keeps the microphone open all the time (it needs the pre-roll),
    // so the meter always has a level: nothing to switch.
}

void EngineVoiceBackend::pollLevel()
{
    if (!m_talker || !m_talker->engine())
        return;
    const float peak = m_talker->engine()->inputPeak();
    const float db = peak > 0.00001f ? 20.0f * std::log10(peak) : -100.0f;
    Q_EMIT inputLevel(qBound(-100.0f, db, 0.0f));
}

void EngineVoiceBackend::play(const QByteArray &pcm)
{
    stopPlayback();
    QAudioFormat f;
    f.setSampleRate(audio::kSampleRate);
    f.setChannelCount(1);
    f.setSampleFormat(QAudioFormat::Int16);
    const QAudioDevice device = findOutput(m_outputDevice);
    if (device.isNull() || !device.isFormatSupported(f)) {
        Q_EMIT audioError(tr("No speaker to play the recording on"));
        Q_EMIT playbackFinished();
        return;
    }
    m_playBuffer.setData(pcm);
    m_playBuffer.open(QIODevice::ReadOnly);
    m_player = new QAudioSink(device, f, this);
    connect(m_player, &QAudioSink::stateChanged, this, [this](QAudio::State st) {
        if (st == QAudio::IdleState || st == QAudio::StoppedState)
            QMetaObject::invokeMethod(this, &EngineVoiceBackend::stopPlayback, Qt::QueuedConnection);
    });
    m_player->start(&m_playBuffer); // pull mode: push mode drops what does not fit
}

void EngineVoiceBackend::stopPlayback()
{
    if (!m_player)
        return;
    QAudioSink *p = m_player;
    m_player = nullptr;
    p->disconnect(this);
    p->stop();
    p->deleteLater();
    m_playBuffer.close();
    Q_EMIT playbackFinished();
}

} // namespace tenfour::ui
