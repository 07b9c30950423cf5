#pragma once
// Everything a RelayServer can be told: channels, timers, auth, limits, TLS. The executable
// fills it from a config file and the command line (both go through applySetting(), so every
// command-line option has a config-file key of the same name); tests and the desktop app set
// the members directly. docs/protocol.md, "Relay configuration", lists every key.

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace tenfour::relay {

// The channel that plays a member's own transmission back to it (the microphone test).
inline constexpr char kEchoChannel[] = "echo";

struct RelayConfig {
    // Channels that always exist (besides "echo"). Clients may create others on `join` while
    // allowAdHocChannels is set; an ad-hoc channel disappears with its last member.
    QStringList channels;
    bool allowAdHocChannels = true;

    // Floor timers.
    int maxTalkMs = 60000;    // a transmission is revoked ("max_time") after this long
    int idleRevokeMs = 4000;  // ... or ("idle") after this long without an audio frame
    int helloTimeoutMs = 10000; // from TCP accept to `hello`, WebSocket (and TLS) handshake included

    // Auth: empty = open relay; otherwise `hello` needs a token signed with this secret.
    QByteArray tokenSecret;

    // Limits. 0 disables the ones marked "0 = off".
    qint64 maxMessageBytes = 64 * 1024;  // any WebSocket message or frame above: close 1009
    double audioRateFactor = 2.0;        // audio frames per transmission, x real time (0 = off)
    double controlRate = 10.0;           // control messages per second, sustained (0 = off)
    int controlBurst = 40;               // ... and in a burst
    int maxConnections = 10000;          // all connections (0 = off)
    int maxConnectionsPerIp = 64;        // per client address (0 = off)
    bool limitLoopback = false;          // count loopback clients too (off: the local machine is trusted)
    bool trustProxyHeaders = true;       // a loopback peer's X-Real-IP / X-Forwarded-For is the client address
    qint64 maxQueuedBytes = 64 * 1024;   // a receiver with more unsent bytes gets no audio until it drains
    qint64 maxQueuedBytesHard = 1024 * 1024; // ... and is disconnected above this
    int maxChannels = 1000;              // existing channels, ad-hoc ones included (0 = off)
    int maxChannelsPerConnection = 32;   // channels one connection may be in (0 = off)
    int socketSendBuffer = 0;            // SO_SNDBUF of accepted sockets, bytes (0 = the OS default, autotuned)
    QStringList allowedOrigins;          // empty = any; otherwise a browser's Origin must be listed
    int pingIntervalMs = 30000;          // relay pings; a peer silent for 3 intervals is dropped (0 = off)
    int closeGraceMs = 2000;             // a closed connection that does not answer the close frame is dropped after this

    // TLS (wss://): PEM certificate (chain) and private key; both empty = plain ws://.
    QString tlsCertificateFile;
    QString tlsKeyFile;
};

// The executable's settings: a RelayConfig plus what only a process has.
struct RelayOptions {
    RelayConfig config;
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080;
    int statsIntervalMs = 0; // 0 = only on SIGUSR1
};

// A channel name or display name: 1..64 UTF-16 units, no control characters, no leading or
// trailing white space.
bool isValidName(const QString &name);

// "500ms", "4s", "90m", "24h", "7d"; a bare number is seconds. Returns -1 when malformed.
qint64 parseDurationMs(const QString &text);
// "HOST:PORT", "[v6]:PORT", ":PORT" or "PORT" (host then 127.0.0.1).
bool parseListen(const QString &text, QHostAddress &address, quint16 &port, QString *error);

// Applies one setting by its option name ("max-talk", "channel", ...), as given on the command
// line or on a config-file line. Repeatable keys (channel, allow-origin) append.
bool applySetting(RelayOptions &options, const QString &key, const QString &value, QString *error);
// Names of the settings that take no value (flags): "no-ad-hoc", ...; a config file gives them
// a value of true/false, yes/no, on/off or 1/0.
QStringList flagSettings();
// Names of the settings that take a value.
QStringList valueSettings();

// Reads a config file: one "key = value" (or "key value") per line, '#' starts a comment.
bool loadConfigFile(const QString &path, RelayOptions &options, QString *error);
bool parseConfigText(const QString &text, RelayOptions &options, QString *error);

// Checks the cross-field rules (positive timers, TLS files in pairs, ...).
bool validateConfig(const RelayConfig &config, QString *error);

} // namespace tenfour::relay
