#pragma once
// The backend of a build without the voice engine: every session reports, in words, that it
// cannot connect. It keeps the UI honest (no silent failure) until EngineVoiceBackend exists.

#include "ui/VoiceBackend.h"

namespace tenfour::ui {

class OfflineVoiceBackend : public VoiceBackend {
    Q_OBJECT
public:
    using VoiceBackend::VoiceBackend;
    VoiceSession *createSession(QObject *parent) override;
    void applySettings(const AppSettings &) override {}
    void setSpeakerMuted(bool) override {}
    void setMonitoring(bool) override {}
    void play(const QByteArray &pcm) override;
    void stopPlayback() override {}
};

} // namespace tenfour::ui
