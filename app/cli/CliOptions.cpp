#include "cli/CliOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QUrl>

namespace tenfour::cli {

namespace {

bool intInRange(const QString &text, int lo, int hi, int *out)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

} // namespace

bool CliOptions::parse(const QCoreApplication &app, QString *error)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Tenfour push-to-talk voice client without a window.\n\n"
                       "Commands:\n"
                       "  send FILE.wav             transmit a WAV file (any rate/channels) in real time\n"
                       "  record OUT.wav --seconds N  record what the channel plays (48 kHz mono 16-bit)\n"
                       "  talk                      microphone and speaker; Enter toggles talking\n\n"
                       "Without --server an embedded relay is started on 127.0.0.1 and the default\n"
                       "channel is \"echo\", which plays your own transmission back after you stop."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption serverOpt(QStringLiteral("server"),
                                       QStringLiteral("Relay URL (ws:// or wss://)."), QStringLiteral("URL"));
    const QCommandLineOption nameOpt(QStringLiteral("name"), QStringLiteral("Your display name."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption channelOpt(QStringLiteral("channel"),
                                        QStringLiteral("Channel to join (default: echo)."),
                                        QStringLiteral("CH"), QStringLiteral("echo"));
    const QCommandLineOption tokenOpt(QStringLiteral("token"), QStringLiteral("Access token for the relay."),
                                      QStringLiteral("T"));
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"),
                                        QStringLiteral("record: length in seconds."), QStringLiteral("N"));
    const QCommandLineOption pttAlwaysOpt(QStringLiteral("ptt-always"),
                                          QStringLiteral("talk: hold push-to-talk for the whole run."));
    const QCommandLineOption inputOpt(QStringLiteral("input-device"),
                                      QStringLiteral("Microphone, by id or name."), QStringLiteral("DEV"));
    const QCommandLineOption outputOpt(QStringLiteral("output-device"),
                                       QStringLiteral("Speaker, by id or name."), QStringLiteral("DEV"));
    const QCommandLineOption listOpt(QStringLiteral("list-devices"),
                                     QStringLiteral("List audio devices and exit."));
    const QCommandLineOption portOpt(QStringLiteral("embedded-port"),
                                     QStringLiteral("Port of the embedded relay (default 0: any free port)."),
                                     QStringLiteral("PORT"), QStringLiteral("0"));
    const QCommandLineOption bitrateOpt(QStringLiteral("bitrate"),
                                        QStringLiteral("Opus bitrate, 8-64 kbit/s (default 24)."),
                                        QStringLiteral("KBPS"), QStringLiteral("24"));
    const QCommandLineOption dtxOpt(QStringLiteral("dtx"),
                                    QStringLiteral("Opus discontinuous transmission."));
    const QCommandLineOption tailOpt(
        QStringLiteral("tail-ms"),
        QStringLiteral("talk: keep sending this long after release, 0-1000 (default 200)."),
        QStringLiteral("MS"), QStringLiteral("200"));
    const QCommandLineOption prerollOpt(
        QStringLiteral("preroll-ms"),
        QStringLiteral("talk: audio from before the press, 100-200 (default 150)."), QStringLiteral("MS"),
        QStringLiteral("150"));
    const QCommandLineOption audioBackendOpt(
        QStringLiteral("audio-backend"),
        QStringLiteral("Audio backend: auto (PulseAudio when a server answers, else Qt), pulse or qt."),
        QStringLiteral("auto|pulse|qt"), QStringLiteral("auto"));
    const QCommandLineOption sinkBufferOpt(
        QStringLiteral("sink-buffer-ms"),
        QStringLiteral("Speaker buffer, 10-200 ms (default 20; at least 40 with the qt backend)."),
        QStringLiteral("MS"), QStringLiteral("20"));
    const QCommandLineOption sourceBufferOpt(QStringLiteral("source-buffer-ms"),
                                             QStringLiteral("Microphone buffer, 5-100 ms (default 10)."),
                                             QStringLiteral("MS"), QStringLiteral("10"));
    const QCommandLineOption verboseOpt(QStringLiteral("verbose"),
                                        QStringLiteral("Log protocol and audio events."));
    const QCommandLineOption nsOpt(QStringLiteral("noise-suppression"),
                                   QStringLiteral("Noise suppression of what is sent, on|off (default off)."),
                                   QStringLiteral("on|off"), QStringLiteral("off"));
    const QCommandLineOption agcOpt(QStringLiteral("agc"),
                                    QStringLiteral("Automatic gain control of what is sent, on|off."),
                                    QStringLiteral("on|off"), QStringLiteral("off"));
    const QCommandLineOption gainOpt(QStringLiteral("input-gain"),
                                     QStringLiteral("Gain of what is sent, -20..20 dB (default 0)."),
                                     QStringLiteral("DB"), QStringLiteral("0"));
    const QCommandLineOption vadOpt(QStringLiteral("vad"),
                                    QStringLiteral("talk: voice activation above this level, -80..0 dBFS."),
                                    QStringLiteral("DBFS"));
    p.addOptions({serverOpt, nameOpt, channelOpt, tokenOpt, secondsOpt, pttAlwaysOpt, inputOpt, outputOpt,
                  listOpt, portOpt, bitrateOpt, dtxOpt, tailOpt, prerollOpt, sinkBufferOpt, sourceBufferOpt,
                  verboseOpt, audioBackendOpt});
    p.addOptions({nsOpt, agcOpt, gainOpt, vadOpt});
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("send | record | talk"));
    p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("WAV file (send, record)"),
                            QStringLiteral("[FILE]"));

    // parse() rather than process(): usage errors come back to the caller, which prints them
    // its own way; --help and --version still answer here, before anything starts.
    if (!p.parse(app.arguments())) {
        *error = p.errorText();
        return false;
    }
    if (p.isSet(QStringLiteral("help")))
        p.showHelp(0);
    if (p.isSet(QStringLiteral("version")))
        p.showVersion();

    server = p.value(serverOpt);
    if (!server.isEmpty()) {
        const QUrl url(server);
        if (!url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
            *error = QStringLiteral("--server wants a ws:// or wss:// URL, got \"%1\"").arg(server);
            return false;
        }
    }
    name = p.value(nameOpt).trimmed();
    if (name.isEmpty())
        name = qEnvironmentVariable("USER", QStringLiteral("tenfour-cli"));
    channel = p.value(channelOpt).trimmed();
    if (channel.isEmpty()) {
        *error = QStringLiteral("--channel must not be empty");
        return false;
    }
    token = p.value(tokenOpt);
    pttAlways = p.isSet(pttAlwaysOpt);
    inputDevice = p.value(inputOpt);
    outputDevice = p.value(outputOpt);
    dtx = p.isSet(dtxOpt);
    verbose = p.isSet(verboseOpt);
    int portValue = 0;
    if (!intInRange(p.value(portOpt), 0, 65535, &portValue)) {
        *error = QStringLiteral("--embedded-port wants 0-65535");
        return false;
    }
    embeddedPort = quint16(portValue);
    if (!intInRange(p.value(bitrateOpt), 8, 64, &bitrateKbps)) {
        *error = QStringLiteral("--bitrate wants 8-64 (kbit/s)");
        return false;
    }
    if (!intInRange(p.value(tailOpt), 0, 1000, &tailMs)) {
        *error = QStringLiteral("--tail-ms wants 0-1000");
        return false;
    }
    if (!intInRange(p.value(prerollOpt), 100, 200, &prerollMs)) {
        *error = QStringLiteral("--preroll-ms wants 100-200");
        return false;
    }
    if (!intInRange(p.value(sinkBufferOpt), 10, 200, &sinkBufferMs)) {
        *error = QStringLiteral("--sink-buffer-ms wants 10-200");
        return false;
    }
    if (!intInRange(p.value(sourceBufferOpt), 5, 100, &sourceBufferMs)) {
        *error = QStringLiteral("--source-buffer-ms wants 5-100");
        return false;
    }
    audioBackend = p.value(audioBackendOpt).trimmed().toLower();
    if (audioBackend != QLatin1String("auto") && audioBackend != QLatin1String("pulse") &&
        audioBackend != QLatin1String("qt")) {
        *error = QStringLiteral("--audio-backend wants auto, pulse or qt");
        return false;
    }

    const auto onOff = [&](const QCommandLineOption &o, bool *out) {
        const QString v = p.value(o).trimmed().toLower();
        if (v != QLatin1String("on") && v != QLatin1String("off")) {
            *error = QStringLiteral("--%1 wants on or off").arg(o.names().constFirst());
            return false;
        }
        *out = v == QLatin1String("on");
        return true;
    };
    if (!onOff(nsOpt, &noiseSuppression) || !onOff(agcOpt, &autoGain))
        return false;
    if (!intInRange(p.value(gainOpt), -20, 20, &inputGainDb)) {
        *error = QStringLiteral("--input-gain wants -20..20 (dB)");
        return false;
    }
    voiceActivation = p.isSet(vadOpt);
    if (voiceActivation && !intInRange(p.value(vadOpt), -80, 0, &vadThresholdDb)) {
        *error = QStringLiteral("--vad wants -80..0 (dBFS)");
        return false;
    }

    if (p.isSet(listOpt)) {
        command = Command::ListDevices;
        return true;
    }
    const QStringList args = p.positionalArguments();
    if (args.isEmpty()) {
        *error = QStringLiteral("no command given (send, record or talk); see --help");
        return false;
    }
    const QString cmd = args.first();
    if (cmd == QLatin1String("send") || cmd == QLatin1String("record")) {
        command = cmd == QLatin1String("send") ? Command::Send : Command::Record;
        if (args.size() != 2) {
            *error = QStringLiteral("%1 wants exactly one FILE.wav").arg(cmd);
            return false;
        }
        file = args.at(1);
        if (command == Command::Record) {
            bool ok = false;
            seconds = p.value(secondsOpt).toDouble(&ok);
            if (!p.isSet(secondsOpt) || !ok || seconds <= 0 || seconds > 24 * 3600) {
                *error = QStringLiteral("record wants --seconds N (N > 0)");
                return false;
            }
        }
    } else if (cmd == QLatin1String("talk")) {
        command = Command::Talk;
        if (args.size() != 1) {
            *error = QStringLiteral("talk takes no further arguments");
            return false;
        }
    } else {
        *error = QStringLiteral("unknown command \"%1\" (send, record or talk)").arg(cmd);
        return false;
    }
    return true;
}

} // namespace tenfour::cli
