#pragma once
// VoiceBackend over the voice engine: one EngineVoiceSession per server. There is one
// microphone, so only the session the user last talked on (at first: the first one made) has
// a capturing engine; the others only play. The level meter polls that engine's input peak.
// History replay uses a plain QAudioSink of its own, apart from the engines' playout.

#include "ui/VoiceBackend.h"

#include "engine/VoiceEngine.h"

#include <QBuffer>
#include <QList>
#include <QPointer>
#include <QTimer>

class QAudioSink;

namespace tenfour::ui {

class EngineVoiceSession;

class EngineVoiceBackend : public VoiceBackend {
    Q_OBJECT
public:
    explicit EngineVoiceBackend(QObject *parent = nullptr);
    ~EngineVoiceBackend() override;

    VoiceSession *createSession(QObject *parent) override;
    void applySettings(const AppSettings &settings) override;
    void setSpeakerMuted(bool muted) override;
    void setMonitoring(bool on) override;
    void play(const QByteArray &pcm) override;
    void stopPlayback() override;

    // Moves the microphone to `session` (called when it starts talking).
    void makeTalker(EngineVoiceSession *session);
    EngineVoiceSession *talker() const;

private:
    void pollLevel();
    QList<EngineVoiceSession *> liveSessions();

    engine::VoiceEngine::Config m_config;
    QList<QPointer<EngineVoiceSession>> m_sessions;
    QPointer<EngineVoiceSession> m_talker;
    bool m_speakerMuted = false;
    QByteArray m_outputDevice;
    QTimer m_levelTimer;
    QAudioSink *m_player = nullptr;
    QBuffer m_playBuffer;
};

} // namespace tenfour::ui
