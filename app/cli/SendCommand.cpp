#include "cli/SendCommand.h"

namespace tenfour::cli {

namespace {

engine::Transmitter::Config transmitConfig(const CliOptions &o)
{
    engine::Transmitter::Config c;
    c.bitrate = o.bitrateKbps * 1000;
    c.dtx = o.dtx;
    c.preRollMs = 0; // the file starts with the transmission
    c.tailMs = 0;    // ... and ends with it: the source's released end marker stops it at once
    c.processing = {o.noiseSuppression, o.autoGain, o.inputGainDb};
    return c;
}

} // namespace

SendCommand::SendCommand(const CliOptions &options, const QUrl &url, QObject *parent)
    : Command(options, url, parent), m_transmitter(transmitConfig(options)),
      m_uplink(&m_transmitter, &m_session)
{
    m_uplink.setChannel(options.channel);
    connect(&m_uplink, &engine::Uplink::talkGranted, this, [this] {
        if (m_options.verbose)
            note(QStringLiteral("floor granted; sending %1 s").arg(m_source.durationSeconds(), 0, 'f', 2));
    });
    connect(&m_uplink, &engine::Uplink::talkDenied, this,
            [this](const QString &ch, const QString &reason, const QString &talker) {
                m_source.stop();
                finish(kExitDenied,
                       reason == QLatin1String("busy")
                           ? QStringLiteral("channel \"%1\" is busy: %2 is talking").arg(ch, talker)
                           : QStringLiteral("talk denied in \"%1\": %2").arg(ch, reason));
            });
    connect(&m_uplink, &engine::Uplink::talkFailed, this, [this](const QString &reason) {
        finish(kExitUnreachable, QStringLiteral("cannot talk: %1").arg(reason));
    });
    connect(&m_uplink, &engine::Uplink::talkEnded, this,
            [this](const QString &, quint32, const QString &reason) {
                m_source.stop();
                if (reason == QLatin1String("released"))
                    finish(kExitOk, m_options.verbose ? QStringLiteral("sent; the relay acknowledged the end")
                                                      : QString());
                else
                    finish(kExitInterrupted, QStringLiteral("transmission cut short: %1").arg(reason));
            });
    // However the relay behaves, never hang: the file's length plus a generous margin.
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        finish(kExitUnreachable, QStringLiteral("no acknowledgement from the relay in time"));
    });
}

bool SendCommand::load(QString *error)
{
    return m_source.load(m_options.file, error);
}

void SendCommand::onJoined(bool first)
{
    if (!first) {
        finish(kExitInterrupted, QStringLiteral("the connection was lost during the transmission"));
        return;
    }
    m_transmitter.start();
    m_source.start(m_transmitter.queue());
    m_deadline.start(int(m_source.durationSeconds() * 1000) + 15000);
}

} // namespace tenfour::cli
