#pragma once
// VoiceSession over the engine: one RelaySession (the connection to one server) and the
// VoiceEngine that plays what it receives. Only the session the user talks on captures: the
// backend decides which (one microphone), and this session rebuilds its engine when that changes.
// Incoming transmissions are also decoded here, once more, for the history.

#include "ui/VoiceSession.h"

#include "engine/VoiceEngine.h"

#include <QHash>
#include <memory>

namespace tenfour::net {
class RelaySession;
}
namespace tenfour::codec {
class OpusDecoder;
}

namespace tenfour::ui {

class EngineVoiceBackend;

class EngineVoiceSession : public VoiceSession {
    Q_OBJECT
public:
    EngineVoiceSession(EngineVoiceBackend *backend, const engine::VoiceEngine::Config &config, bool capture,
                       QObject *parent = nullptr);
    ~EngineVoiceSession() override;

    void open(const QUrl &url, const QString &name, const QString &secret) override;
    void setRelayKindHint(const QString &kind) override { m_relayKindHint = kind; }
    void close() override;
    void join(const QString &channel) override;
    void leave(const QString &channel) override;
    void startTalking(const QString &channel) override;
    void stopTalking() override;
    void setMemberGain(const QString &member, float gain) override;

    // Rebuilds the engine with or without the microphone (the backend moves it between sessions).
    void setCapture(bool capture);
    bool hasCapture() const { return m_capture; }
    // Devices, transmit and jitter settings; a jitter change needs a new engine.
    void applyConfig(const engine::VoiceEngine::Config &config);
    void setSpeakerMuted(bool muted);
    engine::VoiceEngine *engine() const { return m_engine.get(); }
    net::RelaySession *relay() const { return m_relay; }

private:
    struct Incoming {
        QString channel;
        QString member;
        QDateTime started;
        QByteArray pcm;
        std::shared_ptr<codec::OpusDecoder> decoder;
    };

    void buildEngine();
    void onJoined(const QString &channel, const QJsonArray &members, const QJsonObject &talker);
    void onTalkStarted(const QString &channel, quint32 sid, const QString &name);
    void onAudio(quint32 sid, const QByteArray &opus);
    void onTalkEnded(const QString &channel, quint32 sid);
    void applyGains();

    EngineVoiceBackend *m_backend;
    net::RelaySession *m_relay;
    engine::VoiceEngine::Config m_config;
    std::unique_ptr<engine::VoiceEngine> m_engine;
    bool m_capture;
    bool m_opened = false;
    QString m_relayKindHint;
    bool m_speakerMuted = false;
    QString m_talkChannel;
    QHash<QString, float> m_gains; // by member name, kept across engine rebuilds
    QHash<quint32, Incoming> m_incoming;
};

} // namespace tenfour::ui
