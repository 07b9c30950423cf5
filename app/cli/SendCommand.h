#pragma once
// tenfour-cli send FILE.wav: the file as one transmission (talk, frames in real time, over).
// Exits 0 once the relay acknowledged the `over`; non-zero when the floor is denied (busy),
// the relay refuses us, cannot be reached or the transmission is cut short.

#include "cli/Command.h"
#include "engine/PacedFileSource.h"
#include "engine/Transmitter.h"
#include "engine/Uplink.h"

#include <QTimer>

namespace tenfour::cli {

class SendCommand : public Command {
    Q_OBJECT
public:
    SendCommand(const CliOptions &options, const QUrl &url, QObject *parent = nullptr);
    // Reads the file before anything connects, so a bad file fails at once.
    bool load(QString *error);

protected:
    void onJoined(bool first) override;

private:
    engine::PacedFileSource m_source;
    engine::Transmitter m_transmitter;
    engine::Uplink m_uplink;
    QTimer m_deadline;
};

} // namespace tenfour::cli
