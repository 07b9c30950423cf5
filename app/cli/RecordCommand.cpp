#include "cli/RecordCommand.h"

#include <cstdio>

namespace tenfour::cli {

RecordCommand::RecordCommand(const CliOptions &options, const QUrl &url, QObject *parent)
    : Command(options, url, parent), m_receiver(&m_mixer), m_recorder(&m_mixer)
{
    m_receiver.attach(&m_session);
    connect(&m_session, &net::RelaySession::talkStarted, this,
            [this](const QString &, quint32, const QString &, const QString &name) {
                if (m_options.verbose)
                    note(QStringLiteral("%1 is talking").arg(name));
            });
    connect(&m_recorder, &engine::MixRecorder::finished, this, [this](bool ok, const QString &error) {
        if (!ok) {
            finish(kExitError, error);
            return;
        }
        if (m_options.verbose) {
            const audio::PlayoutMixer::Stats s = m_mixer.stats();
            note(QStringLiteral("recorded %1 frames: %2 played, %3 concealed, %4 late")
                     .arg(m_recorder.framesWritten())
                     .arg(s.played)
                     .arg(s.concealed)
                     .arg(s.late));
        }
        finish(kExitOk);
    });
}

void RecordCommand::onJoined(bool first)
{
    if (!first)
        return; // after a reconnect the recording simply goes on
    QString error;
    if (!m_recorder.start(m_options.file, m_options.seconds, &error)) {
        finish(kExitError, error);
        return;
    }
    std::printf("recording %s for %.2f s\n", qPrintable(m_options.file), m_options.seconds);
    std::fflush(stdout);
}

} // namespace tenfour::cli
