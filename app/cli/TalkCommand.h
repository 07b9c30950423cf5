#pragma once
// tenfour-cli talk: microphone and speaker through the VoiceEngine. Enter toggles talking;
// with --ptt-always push-to-talk is held for the whole run (the mouth-to-ear harness needs an
// always-transmitting talker) and pressed again whenever the relay ends a transmission
// (max talk time, a reconnect). Runs until Ctrl+C / SIGTERM.

#include "cli/Command.h"
#include "engine/VoiceEngine.h"

#include <QSocketNotifier>
#include <QTimer>
#include <memory>

namespace tenfour::cli {

class TalkCommand : public Command {
    Q_OBJECT
public:
    TalkCommand(const CliOptions &options, const QUrl &url, QObject *parent = nullptr);
    ~TalkCommand() override;

    void stop() override;

protected:
    void onJoined(bool first) override;
    bool failFast() const override { return false; } // a talk client waits for its relay

private:
    void readStdin();
    void setTalking(bool on);
    void repressLater();
    void printStats();

    std::unique_ptr<engine::VoiceEngine> m_engine;
    QSocketNotifier *m_stdin = nullptr;
    QTimer m_repress;
    QTimer m_stats; // --verbose: a line of counters every 2 s
    bool m_talking = false;
};

} // namespace tenfour::cli
