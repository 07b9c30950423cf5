#include "engine/VoiceEngine.h"

#include "audio/PlayoutMixer.h"
#include "device/AudioBackendRegistry.h"
#include "device/CaptureBackend.h"
#include "device/DeviceCatalog.h"
#include "device/DeviceWatcher.h"
#include "device/PlayoutBackend.h"
#include "engine/Receiver.h"
#include "engine/Uplink.h"
#include "net/RelaySession.h"

#include <QThread>
#include <algorithm>
#include <cmath>

namespace tenfour::engine {

namespace {

constexpr int kLossIntervalMs = 2000;
constexpr int kMaxExpectedLoss = 25; // beyond this FEC costs more than it saves
constexpr int kMaxDeviceFailures = 3;

QString kindOf(QAudioDevice::Mode mode)
{
    return mode == QAudioDevice::Input ? QStringLiteral("microphone") : QStringLiteral("speaker");
}

QString describe(const QAudioDevice &d)
{
    return d.isNull() ? QStringLiteral("(none)") : QStringLiteral("\"%1\"").arg(d.description());
}

} // namespace

VoiceEngine::VoiceEngine(net::RelaySession *session, const Config &config, QObject *parent)
    : QObject(parent), m_session(session), m_config(config),
      m_mixer(std::make_unique<audio::PlayoutMixer>(config.jitter)),
      m_transmitter(std::make_unique<Transmitter>(config.transmit)),
      m_receiver(new Receiver(m_mixer.get(), this)), m_uplink(new Uplink(m_transmitter.get(), session, this)),
      m_watcher(new device::DeviceWatcher(this))
{
    m_receiver->attach(session);

    // Audio cues are local: the mixer plays them, nothing goes to the relay.
    m_mixer->setMasterVolume(config.outputVolume);
    setCue(audio::CuePlayer::Cue::Permit, config.cuePermit.enabled, config.cuePermit.volume);
    setCue(audio::CuePlayer::Cue::End, config.cueEnd.enabled, config.cueEnd.volume);
    setCue(audio::CuePlayer::Cue::Busy, config.cueBusy.enabled, config.cueBusy.volume);
    audio::CuePlayer *cues = &m_mixer->cues();
    connect(m_uplink, &Uplink::talkGranted, this, [cues] { cues->trigger(audio::CuePlayer::Cue::Permit); });
    connect(m_uplink, &Uplink::talkDenied, this, [cues] { cues->trigger(audio::CuePlayer::Cue::Busy); });
    connect(session, &net::RelaySession::talkEnded, this,
            [cues] { cues->trigger(audio::CuePlayer::Cue::End); });

    m_watcher->setInterval(config.devicePollMs);
    connect(m_watcher, &device::DeviceWatcher::deviceRemoved, this, &VoiceEngine::onDeviceRemoved);
    connect(m_watcher, &device::DeviceWatcher::deviceAdded, this, &VoiceEngine::onDeviceAdded);

    m_lossTimer.setInterval(kLossIntervalMs);
    connect(&m_lossTimer, &QTimer::timeout, this, &VoiceEngine::updateExpectedLoss);
}

VoiceEngine::~VoiceEngine()
{
    stop();
}

void VoiceEngine::start()
{
    if (m_running)
        return;
    m_running = true;
    m_transmitter->start();
    if ((m_config.capture || m_config.playout) && !m_backend) {
        QString notice;
        m_backend = device::AudioBackendRegistry::platformDefault().create(m_config.audioBackend, &notice);
        if (!notice.isEmpty())
            Q_EMIT deviceNotice(notice);
    }
    if (m_config.playout && m_backend) {
        // Playout first and at once: the speaker is ready before anyone talks.
        m_playoutThread = new QThread(this);
        m_playoutThread->setObjectName(QStringLiteral("tenfour-playout"));
        m_sink = m_backend->createPlayout(m_mixer.get()).release();
        m_sink->setSleepWhenIdleMs(m_config.speakerSleepMs);
        m_sink->moveToThread(m_playoutThread);
        connect(m_sink, &device::PlayoutBackend::started, this,
                [this](const QByteArray &id, const QString &desc, const QString &fmt, int ms) {
                    m_outputFailures = 0;
                    Q_EMIT outputOpened(id, desc, fmt, ms);
                });
        connect(m_sink, &device::PlayoutBackend::failed, this, &VoiceEngine::onOutputFailed);
        m_playoutThread->start(QThread::TimeCriticalPriority);
        openOutput(QString());
    }
    if (m_config.capture && m_backend) {
        m_captureThread = new QThread(this);
        m_captureThread->setObjectName(QStringLiteral("tenfour-capture"));
        m_capture = m_backend->createCapture(m_transmitter->queue()).release();
        m_capture->moveToThread(m_captureThread);
        connect(m_capture, &device::CaptureBackend::started, this,
                [this](const QByteArray &id, const QString &desc, const QString &fmt) {
                    m_inputFailures = 0;
                    Q_EMIT inputOpened(id, desc, fmt);
                });
        connect(m_capture, &device::CaptureBackend::failed, this, &VoiceEngine::onInputFailed);
        m_captureThread->start(QThread::HighestPriority);
        openInput(QString());
    }
    if (m_config.capture || m_config.playout)
        m_watcher->start();
    m_lossTimer.start();
}

void VoiceEngine::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_lossTimer.stop();
    m_watcher->stop();
    // Devices are stopped in their own threads (their timers live there), then the threads end.
    if (m_capture) {
        QMetaObject::invokeMethod(
            m_capture, [c = m_capture] { c->stop(); }, Qt::BlockingQueuedConnection);
        m_captureThread->quit();
        m_captureThread->wait();
        delete m_capture;
        m_capture = nullptr;
        delete m_captureThread;
        m_captureThread = nullptr;
    }
    if (m_sink) {
        QMetaObject::invokeMethod(
            m_sink, [s = m_sink] { s->stop(); }, Qt::BlockingQueuedConnection);
        m_playoutThread->quit();
        m_playoutThread->wait();
        delete m_sink;
        m_sink = nullptr;
        delete m_playoutThread;
        m_playoutThread = nullptr;
    }
    m_transmitter->stop();
}

void VoiceEngine::setChannel(const QString &channel)
{
    m_uplink->setChannel(channel);
}

void VoiceEngine::setPttPressed(bool pressed)
{
    m_transmitter->setPressed(pressed);
}

bool VoiceEngine::pttPressed() const
{
    return m_transmitter->pressed();
}

float VoiceEngine::inputPeak() const
{
    return m_capture ? m_transmitter->processedPeak() : 0.0f;
}

void VoiceEngine::setOutputVolume(float gain)
{
    m_mixer->setMasterVolume(gain);
}

void VoiceEngine::setCue(audio::CuePlayer::Cue cue, bool enabled, int volumePercent)
{
    m_mixer->cues().setEnabled(cue, enabled);
    m_mixer->cues().setVolume(cue, volumePercent);
}

quint64 VoiceEngine::samplesPlayed() const
{
    return m_sink ? m_sink->framesPulled() : 0;
}

QString VoiceEngine::audioBackendId() const
{
    return m_backend ? m_backend->id() : QString();
}

void VoiceEngine::setInputDevice(const QString &idOrName)
{
    m_config.inputDevice = idOrName;
    m_inputFailures = 0;
    if (m_capture)
        openInput(QString());
}

void VoiceEngine::setOutputDevice(const QString &idOrName)
{
    m_config.outputDevice = idOrName;
    m_outputFailures = 0;
    if (m_sink)
        openOutput(QString());
}

QAudioDevice VoiceEngine::pick(QAudioDevice::Mode mode, const QString &preferred, const QByteArray &avoid,
                               QString *notice)
{
    QAudioDevice d = device::DeviceCatalog::find(mode, preferred);
    if (!d.isNull() && d.id() != avoid)
        return d;
    if (!preferred.isEmpty() && notice->isEmpty())
        *notice = QStringLiteral("%1 \"%2\" is not available").arg(kindOf(mode), preferred);
    d = device::DeviceCatalog::defaultDevice(mode);
    if (d.isNull() || d.id() == avoid) {
        d = QAudioDevice();
        for (const QAudioDevice &other : device::DeviceCatalog::devices(mode)) {
            if (other.id() != avoid) {
                d = other;
                break;
            }
        }
    }
    if (!notice->isEmpty())
        *notice += d.isNull() ? QStringLiteral("; no other %1 found").arg(kindOf(mode))
                              : QStringLiteral("; using %1 instead").arg(describe(d));
    return d;
}

void VoiceEngine::openInput(const QString &why)
{
    QString notice = why;
    const QAudioDevice d = pick(QAudioDevice::Input, m_config.inputDevice, QByteArray(), &notice);
    if (!notice.isEmpty())
        Q_EMIT deviceNotice(notice);
    if (d.isNull()) {
        m_inputId.clear();
        Q_EMIT audioError(QStringLiteral("no microphone found"));
        return;
    }
    m_inputId = d.id();
    const int ms = m_config.sourceBufferMs;
    QMetaObject::invokeMethod(
        m_capture, [c = m_capture, d, ms] { c->start(d, ms); }, Qt::QueuedConnection);
}

void VoiceEngine::openOutput(const QString &why)
{
    QString notice = why;
    const QAudioDevice d = pick(QAudioDevice::Output, m_config.outputDevice, QByteArray(), &notice);
    if (!notice.isEmpty())
        Q_EMIT deviceNotice(notice);
    if (d.isNull()) {
        m_outputId.clear();
        Q_EMIT audioError(QStringLiteral("no speaker found"));
        return;
    }
    m_outputId = d.id();
    const int ms = m_config.sinkBufferMs;
    QMetaObject::invokeMethod(
        m_sink, [s = m_sink, d, ms] { s->start(d, ms); }, Qt::QueuedConnection);
}

void VoiceEngine::onDeviceRemoved(QAudioDevice::Mode mode, const QByteArray &id)
{
    if (mode == QAudioDevice::Input && m_capture && id == m_inputId) {
        openInput(QStringLiteral("microphone \"%1\" disappeared").arg(QString::fromUtf8(id)));
    } else if (mode == QAudioDevice::Output && m_sink && id == m_outputId) {
        openOutput(QStringLiteral("speaker \"%1\" disappeared").arg(QString::fromUtf8(id)));
    }
}

void VoiceEngine::onDeviceAdded(QAudioDevice::Mode mode, const QByteArray &id)
{
    // The chosen device is back: use it again.
    const QString &preferred = mode == QAudioDevice::Input ? m_config.inputDevice : m_config.outputDevice;
    if (preferred.isEmpty())
        return;
    const QAudioDevice d = device::DeviceCatalog::find(mode, preferred);
    if (d.isNull() || d.id() != id)
        return;
    if (mode == QAudioDevice::Input && m_capture && m_inputId != id) {
        Q_EMIT deviceNotice(QStringLiteral("microphone %1 is back; using it again").arg(describe(d)));
        m_inputFailures = 0;
        openInput(QString());
    } else if (mode == QAudioDevice::Output && m_sink && m_outputId != id) {
        Q_EMIT deviceNotice(QStringLiteral("speaker %1 is back; using it again").arg(describe(d)));
        m_outputFailures = 0;
        openOutput(QString());
    }
}

void VoiceEngine::onInputFailed(const QByteArray &id, const QString &reason)
{
    Q_EMIT audioError(reason);
    if (!m_capture || ++m_inputFailures > kMaxDeviceFailures)
        return;
    // Another microphone, if there is one.
    QString notice;
    const QAudioDevice d = pick(QAudioDevice::Input, QString(), id, &notice);
    if (d.isNull())
        return;
    Q_EMIT deviceNotice(QStringLiteral("switching to microphone %1").arg(describe(d)));
    m_inputId = d.id();
    const int ms = m_config.sourceBufferMs;
    QMetaObject::invokeMethod(
        m_capture, [c = m_capture, d, ms] { c->start(d, ms); }, Qt::QueuedConnection);
}

void VoiceEngine::onOutputFailed(const QByteArray &id, const QString &reason)
{
    Q_EMIT audioError(reason);
    if (!m_sink || ++m_outputFailures > kMaxDeviceFailures)
        return;
    QString notice;
    const QAudioDevice d = pick(QAudioDevice::Output, QString(), id, &notice);
    if (d.isNull())
        return;
    Q_EMIT deviceNotice(QStringLiteral("switching to speaker %1").arg(describe(d)));
    m_outputId = d.id();
    const int ms = m_config.sinkBufferMs;
    QMetaObject::invokeMethod(
        m_sink, [s = m_sink, d, ms] { s->start(d, ms); }, Qt::QueuedConnection);
}

void VoiceEngine::updateExpectedLoss()
{
    // What this client's receive path lost (concealed) or got too late, over the last interval:
    // the best estimate of the loss our own packets meet on the way through the same relay.
    const audio::PlayoutMixer::Stats s = m_mixer->stats();
    const quint64 played = s.played - std::exchange(m_lastPlayed, s.played);
    const quint64 concealed = s.concealed - std::exchange(m_lastConcealed, s.concealed);
    const quint64 late = s.late - std::exchange(m_lastLate, s.late);
    const quint64 total = played + concealed;
    if (total < 25) // under half a second of audio: no evidence, keep the setting
        return;
    const double lossPct = 100.0 * double(concealed + late) / double(total + late);
    const int floor = m_config.transmit.expectedLossPercent;
    m_transmitter->setExpectedLossPercent(std::clamp(int(std::lround(lossPct)), floor, kMaxExpectedLoss));
}

} // namespace tenfour::engine
