// tenfour-cli: the voice engine without a window (send a WAV, record a channel, talk).
// Command-line parsing lives in CliOptions, the commands in their own classes; this file only
// puts them together: options, optional embedded relay, the command, the exit code.

#include "cli/CliOptions.h"
#include "cli/RecordCommand.h"
#include "cli/SendCommand.h"
#include "cli/SignalWatcher.h"
#include "cli/TalkCommand.h"
#include "device/DeviceCatalog.h"
#include "relay/RelayServer.h"
#include "tenfour/Version.h"

#include <QCoreApplication>
#include <cstdio>
#include <memory>

using namespace tenfour;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tenfour-cli"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(tenfour::kVersion));

    // --help and --version answer inside parse(), before any audio or network starts.
    cli::CliOptions options;
    QString error;
    if (!options.parse(app, &error)) {
        std::fprintf(stderr, "tenfour-cli: %s\n", qPrintable(error));
        return cli::kExitUsage;
    }

    if (options.command == cli::CliOptions::Command::ListDevices) {
        std::printf("Microphones (id, name):\n%s",
                    qPrintable(device::DeviceCatalog::describe(QAudioDevice::Input)));
        std::printf("Speakers (id, name):\n%s",
                    qPrintable(device::DeviceCatalog::describe(QAudioDevice::Output)));
        return cli::kExitOk;
    }

    // No --server: a relay of our own on the loopback ("this computer").
    std::unique_ptr<relay::RelayServer> embedded;
    QUrl url(options.server);
    if (options.server.isEmpty()) {
        embedded = std::make_unique<relay::RelayServer>(relay::RelayConfig{});
        if (!embedded->listen(QHostAddress::LocalHost, options.embeddedPort, &error)) {
            std::fprintf(stderr, "tenfour-cli: cannot start the embedded relay: %s\n", qPrintable(error));
            return cli::kExitError;
        }
        url = embedded->url();
        std::fprintf(stderr, "tenfour-cli: embedded relay listening on %s\n", qPrintable(url.toString()));
    }

    std::unique_ptr<cli::Command> command;
    switch (options.command) {
    case cli::CliOptions::Command::Send: {
        auto send = std::make_unique<cli::SendCommand>(options, url);
        if (!send->load(&error)) {
            std::fprintf(stderr, "tenfour-cli: %s\n", qPrintable(error));
            return cli::kExitError;
        }
        command = std::move(send);
        break;
    }
    case cli::CliOptions::Command::Record:
        command = std::make_unique<cli::RecordCommand>(options, url);
        break;
    case cli::CliOptions::Command::Talk:
        command = std::make_unique<cli::TalkCommand>(options, url);
        break;
    default:
        return cli::kExitUsage;
    }

    cli::SignalWatcher signals;
    QObject::connect(&signals, &cli::SignalWatcher::terminationRequested, command.get(), &cli::Command::stop);
    QObject::connect(command.get(), &cli::Command::finished, &app,
                     [](int code) { QCoreApplication::exit(code); });
    command->start();
    const int code = app.exec();
    command.reset(); // audio threads and sockets go before the relay and the application
    embedded.reset();
    return code;
}
