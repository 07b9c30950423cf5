#pragma once
// A stand-in for the engine in widget tests: records what the UI asked for, and lets the test
// emit what a relay would report. It holds no logic to test; the UI around it is under test.

#include "ui/VoiceBackend.h"
#include "ui/VoiceSession.h"

#include <QList>
#include <QPointer>

class FakeVoiceSession : public tenfour::ui::VoiceSession {
    Q_OBJECT
public:
    using VoiceSession::VoiceSession;
    void open(const QUrl &u, const QString &n, const QString &s) override
    {
        url = u;
        name = n;
        secret = s;
        calls << QStringLiteral("open");
    }
    void close() override { calls << QStringLiteral("close"); }
    void join(const QString &ch) override { calls << QStringLiteral("join:") + ch; }
    void leave(const QString &ch) override { calls << QStringLiteral("leave:") + ch; }
    void startTalking(const QString &ch) override { calls << QStringLiteral("talk:") + ch; }
    void stopTalking() override { calls << QStringLiteral("stop"); }
    void setMemberGain(const QString &m, float g) override
    {
        calls << QStringLiteral("gain:%1:%2").arg(m).arg(double(g), 0, 'f', 2);
    }

    QUrl url;
    QString name;
    QString secret;
    QStringList calls;
};

class FakeVoiceBackend : public tenfour::ui::VoiceBackend {
    Q_OBJECT
public:
    using VoiceBackend::VoiceBackend;
    tenfour::ui::VoiceSession *createSession(QObject *parent) override
    {
        auto *s = new FakeVoiceSession(parent);
        sessions << s;
        return s;
    }
    void applySettings(const tenfour::ui::AppSettings &s) override { applied = s; }
    void setSpeakerMuted(bool m) override { speakerMuted = m; }
    void setMonitoring(bool on) override { monitoring = on; }
    void play(const QByteArray &pcm) override { played << pcm; }
    void stopPlayback() override { ++stops; }

    FakeVoiceSession *last() const { return sessions.isEmpty() ? nullptr : sessions.last().data(); }

    QList<QPointer<FakeVoiceSession>> sessions;
    tenfour::ui::AppSettings applied;
    bool speakerMuted = false;
    bool monitoring = false;
    QList<QByteArray> played;
    int stops = 0;
};
