// tenfour-relay: the headless relay (docs/protocol.md, "Running the relay").
//
//   tenfour-relay [--listen HOST:PORT] [--channel NAME]... [--config FILE] [options]
//   tenfour-relay token --secret S --name NAME [--ttl 24h]
//
// Prints "listening on ws://HOST:PORT/" once ready; SIGUSR1 prints a stats line; SIGTERM and
// SIGINT close every connection and exit 0.

#include "relay/RelayConfig.h"
#include "relay/RelayServer.h"
#include "relay/Token.h"

#include "tenfour/Version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tenfour::relay;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int sig)
{
    const unsigned char b = static_cast<unsigned char>(sig);
    const ssize_t n = ::write(signalPipe[1], &b, 1);
    (void)n;
}

void printLine(const QString &line)
{
    std::fputs(line.toLocal8Bit().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

[[noreturn]] void die(int code, const QString &message)
{
    std::fprintf(stderr, "tenfour-relay: %s\n", message.toLocal8Bit().constData());
    std::exit(code);
}

// One description per setting, shared by --help of the relay.
struct OptionHelp {
    const char *name;
    const char *valueName; // null: a flag
    const char *help;
};

const OptionHelp kOptions[] = {
    {"listen", "HOST:PORT", "Address and port to listen on (default 127.0.0.1:8080; port 0 = any free port)."},
    {"channel", "NAME", "A channel that always exists; repeat or separate with commas."},
    {"no-ad-hoc", nullptr, "Refuse joins of channels that are not configured."},
    {"max-talk", "DURATION", "Longest transmission before the floor is revoked (default 60s)."},
    {"idle-revoke", "DURATION", "Silence after which the floor is revoked (default 4s)."},
    {"hello-timeout", "DURATION", "Time a new connection has to say hello (default 10s)."},
    {"token-secret", "SECRET", "Require tokens signed with SECRET in hello (see the token command)."},
    {"token-secret-file", "FILE", "Like --token-secret, the secret read from FILE."},
    {"max-message", "BYTES", "Largest WebSocket message; above it the connection is closed with 1009 (default 64k)."},
    {"audio-rate", "FACTOR", "Audio frames allowed per transmission, times real time (default 2; 0 = no limit)."},
    {"control-rate", "N", "Control messages per second per connection (default 10; 0 = no limit)."},
    {"control-burst", "N", "Control messages allowed in a burst (default 40)."},
    {"max-connections", "N", "Most connections in all (default 10000; 0 = no limit)."},
    {"max-connections-per-ip", "N", "Most connections per client address (default 64; 0 = no limit)."},
    {"limit-loopback", nullptr, "Apply the per-address limit to loopback clients too."},
    {"no-proxy-headers", nullptr, "Ignore X-Real-IP / X-Forwarded-For from a proxy on this machine."},
    {"max-queue", "BYTES", "Unsent bytes above which a receiver gets no audio (default 64k)."},
    {"max-queue-hard", "BYTES", "Unsent bytes above which a receiver is disconnected (default 1m)."},
    {"max-channels", "N", "Most channels, ad-hoc ones included (default 1000; 0 = no limit)."},
    {"max-channels-per-connection", "N", "Most channels one connection may join (default 32; 0 = no limit)."},
    {"close-grace", "DURATION", "Time a closed connection has to answer the close frame (default 2s)."},
    {"socket-send-buffer", "BYTES", "Kernel send buffer of each connection (default: the OS's, autotuned)."},
    {"allow-origin", "ORIGIN", "Accept browsers only from this Origin; repeatable (default: any)."},
    {"ping-interval", "DURATION", "WebSocket ping interval; silent peers are dropped after 3 (default 30s; 0 = off)."},
    {"tls-cert", "FILE", "PEM certificate (chain): serve wss:// (needs --tls-key)."},
    {"tls-key", "FILE", "PEM private key of --tls-cert."},
    {"stats-interval", "DURATION", "Print a stats line this often (default: only on SIGUSR1)."},
};

int runToken(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Mints a token for a relay started with --token-secret."));
    p.addHelpOption();
    const QCommandLineOption secret(QStringLiteral("secret"), QStringLiteral("The relay's token secret."),
                                    QStringLiteral("SECRET"));
    const QCommandLineOption secretFile(QStringLiteral("secret-file"), QStringLiteral("Read the secret from FILE."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("The name the relay will show."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption ttl(QStringLiteral("ttl"), QStringLiteral("How long the token is valid (default 24h)."),
                                 QStringLiteral("DURATION"), QStringLiteral("24h"));
    p.addOptions({secret, secretFile, name, ttl});
    if (!p.parse(args))
        die(2, p.errorText());
    if (p.isSet(QStringLiteral("help")))
        p.showHelp(0);
    if (!p.positionalArguments().isEmpty())
        die(2, QStringLiteral("token: unexpected argument %1").arg(p.positionalArguments().first()));
    RelayOptions o;
    QString why;
    if (p.isSet(secretFile)) {
        if (!applySetting(o, QStringLiteral("token-secret-file"), p.value(secretFile), &why))
            die(2, why);
    } else if (p.isSet(secret)) {
        if (!applySetting(o, QStringLiteral("token-secret"), p.value(secret), &why))
            die(2, why);
    } else {
        die(2, QStringLiteral("token: --secret or --secret-file is required"));
    }
    if (!p.isSet(name) || !isValidName(p.value(name)))
        die(2, QStringLiteral("token: --name is required (1 to 64 characters, no control characters)"));
    const qint64 ttlMs = parseDurationMs(p.value(ttl));
    if (ttlMs < 1000)
        die(2, QStringLiteral("token: bad --ttl \"%1\" (e.g. 3600, 90m, 24h, 7d)").arg(p.value(ttl)));
    printLine(QString::fromLatin1(TokenMinter(o.config.tokenSecret).mint(p.value(name), ttlMs / 1000)));
    return 0;
}

void raiseFileLimit()
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tenfour-relay"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(tenfour::kVersion));

    const QStringList args = QCoreApplication::arguments();
    if (args.size() > 1 && args.at(1) == QLatin1String("token"))
        return runToken(args.mid(1));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The Tenfour push-to-talk relay (docs/protocol.md).\n"
                       "Also: tenfour-relay token --secret S --name NAME [--ttl 24h] mints a token.\n"
                       "DURATION: 500ms, 4s, 90m, 24h, 7d (a bare number is seconds)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("Read settings from FILE (\"key = value\" lines, the option "
                                                   "names without --); the command line wins."),
                                    QStringLiteral("FILE"));
    parser.addOption(config);
    for (const OptionHelp &o : kOptions) {
        if (o.valueName)
            parser.addOption(QCommandLineOption(QString::fromLatin1(o.name), QString::fromLatin1(o.help),
                                                QString::fromLatin1(o.valueName)));
        else
            parser.addOption(QCommandLineOption(QString::fromLatin1(o.name), QString::fromLatin1(o.help)));
    }
    if (!parser.parse(args))
        die(2, parser.errorText() + QStringLiteral(" (see --help)"));
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        die(2, QStringLiteral("unexpected argument %1 (see --help)").arg(parser.positionalArguments().first()));

    RelayOptions options;
    QString why;
    if (parser.isSet(config) && !loadConfigFile(parser.value(config), options, &why))
        die(2, why);
    for (const OptionHelp &o : kOptions) {
        const QString name = QString::fromLatin1(o.name);
        if (!parser.isSet(name))
            continue;
        if (!o.valueName) {
            if (!applySetting(options, name, QStringLiteral("true"), &why))
                die(2, why);
            continue;
        }
        for (const QString &value : parser.values(name)) {
            if (!applySetting(options, name, value, &why))
                die(2, why);
        }
    }
    if (!validateConfig(options.config, &why))
        die(2, why);

    raiseFileLimit();
    std::signal(SIGPIPE, SIG_IGN);
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, signalPipe) != 0)
        die(1, QStringLiteral("socketpair failed"));

    RelayServer server(options.config);
    if (!server.listen(options.address, options.port, &why))
        die(1, why);

    auto printStats = [&server] { printLine(server.stats().toLine()); };
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        unsigned char sig = 0;
        if (::read(signalPipe[0], &sig, 1) != 1)
            return;
        if (sig == SIGUSR1) {
            printStats();
            return;
        }
        server.close();
        QCoreApplication::exit(0);
    });
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGUSR1, &sa, nullptr);

    QTimer statsTimer;
    if (options.statsIntervalMs > 0) {
        QObject::connect(&statsTimer, &QTimer::timeout, &app, printStats);
        statsTimer.start(options.statsIntervalMs);
    }

    const QHostAddress a = options.address;
    QString host = a.toString();
    if (a.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    if (a == QHostAddress::Any)
        host = QStringLiteral("0.0.0.0");
    printLine(QStringLiteral("listening on %1://%2:%3/")
                  .arg(server.url().scheme(), host)
                  .arg(server.port()));
    return app.exec();
}
