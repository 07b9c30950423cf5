#include "cli/TalkCommand.h"

#include "audio/PlayoutMixer.h"
#include "engine/Receiver.h"
#include "engine/Uplink.h"

#include <cstdio>
#include <unistd.h>

namespace tenfour::cli {

namespace {

engine::VoiceEngine::Config engineConfig(const CliOptions &o)
{
    engine::VoiceEngine::Config c;
    c.inputDevice = o.inputDevice;
    c.outputDevice = o.outputDevice;
    c.audioBackend = o.audioBackend;
    c.sourceBufferMs = o.sourceBufferMs;
    c.sinkBufferMs = o.sinkBufferMs;
    c.transmit.bitrate = o.bitrateKbps * 1000;
    c.transmit.dtx = o.dtx;
    c.transmit.preRollMs = o.prerollMs;
    c.transmit.tailMs = o.tailMs;
    c.transmit.processing = {o.noiseSuppression, o.autoGain, o.inputGainDb};
    c.transmit.voiceActivation = o.voiceActivation;
    c.transmit.voiceThresholdDb = o.vadThresholdDb;
    return c;
}

constexpr int kRepressDelayMs = 300; // after the release tail, before the next press

} // namespace

TalkCommand::TalkCommand(const CliOptions &options, const QUrl &url, QObject *parent)
    : Command(options, url, parent),
      m_engine(std::make_unique<engine::VoiceEngine>(&m_session, engineConfig(options)))
{
    m_engine->setChannel(options.channel);
    m_repress.setSingleShot(true);
    connect(&m_repress, &QTimer::timeout, this, [this] {
        if (m_options.pttAlways && m_session.isJoined(m_options.channel))
            setTalking(true);
    });

    connect(m_engine.get(), &engine::VoiceEngine::inputOpened, this,
            [this](const QByteArray &id, const QString &desc, const QString &fmt) {
                note(QStringLiteral("microphone: %1 (%2), %3").arg(desc, QString::fromUtf8(id), fmt));
            });
    connect(m_engine.get(), &engine::VoiceEngine::outputOpened, this,
            [this](const QByteArray &id, const QString &desc, const QString &fmt, int ms) {
                note(QStringLiteral("speaker: %1 (%2), %3, %4 ms buffer")
                         .arg(desc, QString::fromUtf8(id), fmt)
                         .arg(ms));
            });
    connect(m_engine.get(), &engine::VoiceEngine::deviceNotice, this, [this](const QString &m) { note(m); });
    connect(m_engine.get(), &engine::VoiceEngine::audioError, this,
            [this](const QString &m) { note(QStringLiteral("audio error: %1").arg(m)); });

    engine::Uplink *up = m_engine->uplink();
    connect(up, &engine::Uplink::talkGranted, this, [this](const QString &ch) {
        note(QStringLiteral("talking in \"%1\"%2")
                 .arg(ch, m_options.pttAlways ? QString() : QStringLiteral(" (Enter to stop)")));
    });
    connect(up, &engine::Uplink::talkDenied, this,
            [this](const QString &ch, const QString &reason, const QString &who) {
                note(reason == QLatin1String("busy")
                         ? QStringLiteral("\"%1\" is busy: %2 is talking").arg(ch, who)
                         : QStringLiteral("talk denied: %1").arg(reason));
                if (m_options.pttAlways)
                    repressLater();
                else
                    setTalking(false);
            });
    connect(up, &engine::Uplink::talkFailed, this, [this](const QString &reason) {
        note(QStringLiteral("cannot talk: %1").arg(reason));
        if (m_options.pttAlways)
            repressLater();
        else
            setTalking(false);
    });
    connect(up, &engine::Uplink::talkEnded, this, [this](const QString &, quint32, const QString &reason) {
        if (reason != QLatin1String("released"))
            note(QStringLiteral("transmission ended: %1").arg(reason));
        if (m_options.pttAlways && reason != QLatin1String("released"))
            repressLater();
        else if (reason != QLatin1String("released"))
            setTalking(false);
    });
    connect(&m_session, &net::RelaySession::talkStarted, this,
            [this](const QString &ch, quint32, const QString &, const QString &name) {
                note(QStringLiteral("%1 is talking in \"%2\"").arg(name, ch));
            });

    if (options.verbose) {
        connect(&m_stats, &QTimer::timeout, this, &TalkCommand::printStats);
        m_stats.start(2000);
    }
    if (!options.pttAlways) {
        m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_stdin, &QSocketNotifier::activated, this, &TalkCommand::readStdin);
    }
    m_engine->start();
}

TalkCommand::~TalkCommand()
{
    m_engine->stop();
}

void TalkCommand::stop()
{
    setTalking(false);
    m_engine->stop();
    finish(kExitOk);
}

void TalkCommand::setTalking(bool on)
{
    m_talking = on;
    m_engine->setPttPressed(on);
}

void TalkCommand::repressLater()
{
    // Release first so the gate ends this transmission, then press again for a new one.
    setTalking(false);
    m_repress.start(m_options.tailMs + kRepressDelayMs);
}

void TalkCommand::printStats()
{
    engine::Transmitter *tx = m_engine->transmitter();
    const audio::PlayoutMixer::Stats s = m_engine->mixer()->stats();
    note(QStringLiteral(
             "stats: captured %1 (dropped %2), sent %3; received %4; played %5, concealed %6, late %7, "
             "underruns %8, dropped %9, stretched %10, delay %11/%12 ms; speaker pulled %13 s")
             .arg(tx->framesProcessed())
             .arg(tx->queue()->dropped())
             .arg(m_engine->uplink()->framesSent())
             .arg(m_engine->receiver()->framesReceived())
             .arg(s.played)
             .arg(s.concealed)
             .arg(s.late)
             .arg(s.underruns)
             .arg(s.dropped)
             .arg(s.stretched)
             .arg(s.bufferedMs)
             .arg(s.targetDelayMs)
             .arg(double(m_engine->samplesPlayed()) / 48000.0, 0, 'f', 2));
}

void TalkCommand::readStdin()
{
    char buf[256];
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n <= 0) {
        // End of input (e.g. </dev/null): keep running, Enter just is not available.
        m_stdin->setEnabled(false);
        return;
    }
    for (ssize_t i = 0; i < n; ++i) {
        if (buf[i] != '\n')
            continue;
        setTalking(!m_talking);
        if (!m_talking)
            note(QStringLiteral("stopped talking (Enter to talk)"));
    }
}

void TalkCommand::onJoined(bool first)
{
    if (first && !m_options.pttAlways)
        note(QStringLiteral("press Enter to talk, Enter again to stop; Ctrl+C quits"));
    if (m_options.pttAlways && !m_talking)
        setTalking(true);
}

} // namespace tenfour::cli
