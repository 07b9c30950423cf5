#pragma once
// The command line of tenfour-cli: parsing and validation only, nothing starts here.

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace tenfour::cli {

struct CliOptions {
    enum class Command { None, Send, Record, Talk, ListDevices };

    Command command = Command::None;
    QString server; // empty: start an embedded relay
    quint16 embeddedPort = 0;
    QString name;
    QString channel;
    QString token;
    QString file;       // send: input WAV; record: output WAV
    double seconds = 0; // record
    bool pttAlways = false;
    QString inputDevice; // id or name; empty = default
    QString outputDevice;
    int bitrateKbps = 24;
    bool dtx = false;
    int tailMs = 200;
    int prerollMs = 150;
    QString audioBackend = QStringLiteral("auto"); // auto | pulse | qt
    int sinkBufferMs = 20;
    int sourceBufferMs = 10;
    bool verbose = false;
    // Capture processing (send and talk): off unless asked, so a sent file goes out as it is.
    bool noiseSuppression = false;
    bool autoGain = false;
    int inputGainDb = 0;
    bool voiceActivation = false; // talk: --vad DBFS transmits while the voice is above it
    int vadThresholdDb = -40;

    // Parses argv. --help and --version print and exit(0) here, before anything starts.
    // Returns false with a message (for stderr) on a usage error.
    bool parse(const QCoreApplication &app, QString *error);
};

} // namespace tenfour::cli
