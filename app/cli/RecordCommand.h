#pragma once
// tenfour-cli record OUT.wav --seconds N: what the channel plays, through the same receive path
// the speaker plays from (jitter buffers, decoders, PlayoutMixer), clocked by a timer instead of
// a sound card; 48 kHz mono 16-bit, silence included, starting when the channel is joined.
// Prints "recording ..." on stdout once it runs (scripts and tests wait for that line).

#include "audio/PlayoutMixer.h"
#include "cli/Command.h"
#include "engine/MixRecorder.h"
#include "engine/Receiver.h"

namespace tenfour::cli {

class RecordCommand : public Command {
    Q_OBJECT
public:
    RecordCommand(const CliOptions &options, const QUrl &url, QObject *parent = nullptr);

protected:
    void onJoined(bool first) override;

private:
    audio::PlayoutMixer m_mixer;
    engine::Receiver m_receiver;
    engine::MixRecorder m_recorder;
};

} // namespace tenfour::cli
