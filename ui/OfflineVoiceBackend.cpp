#include "ui/OfflineVoiceBackend.h"

#include "ui/VoiceSession.h"

#include <QTimer>

namespace tenfour::ui {

namespace {

class OfflineVoiceSession : public VoiceSession {
public:
    using VoiceSession::VoiceSession;
    void open(const QUrl &, const QString &, const QString &) override
    {
        QTimer::singleShot(0, this, [this] {
            Q_EMIT stateChanged(ConnectionState::Failed, 0,
                                OfflineVoiceBackend::tr("this build of Tenfour has no voice engine"));
        });
    }
    void close() override {}
    void join(const QString &) override {}
    void leave(const QString &) override {}
    void startTalking(const QString &channel) override
    {
        QTimer::singleShot(0, this, [this, channel] { Q_EMIT transmitEnded(channel); });
    }
    void stopTalking() override {}
    void setMemberGain(const QString &, float) override {}
};

} // namespace

VoiceSession *OfflineVoiceBackend::createSession(QObject *parent)
{
    return new OfflineVoiceSession(parent);
}

void OfflineVoiceBackend::play(const QByteArray &)
{
    Q_EMIT audioError(tr("this build of Tenfour has no voice engine"));
    Q_EMIT playbackFinished();
}

} // namespace tenfour::ui
