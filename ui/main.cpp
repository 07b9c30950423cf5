// tenfour: the desktop push-to-talk client. --version, --help and --ptt are answered before any
// QApplication exists, so they work without a display (packaging checks, compositor bindings).

#include "ui/AppController.h"
#include "ui/AppSettings.h"
#include "ui/CommandLine.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/EngineVoiceBackend.h"
#include "ui/ScreenshotTaker.h"
#include "ui/SingleInstance.h"

#include <QApplication>
#include <QHostAddress>
#include <QSettings>
#include <QTimer>
#include <cstdio>

#include "tenfour/Version.h"

#ifdef TENFOUR_HAVE_EMBEDDED_RELAY
#include "relay/RelayServer.h"
#endif

using namespace tenfour::ui;

namespace {

int answerWithoutDisplay(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tenfour"));
    LanguageManager language;
    language.apply(QString());
    const CommandLine cl = CommandLine::parse(QCoreApplication::arguments());
    switch (cl.action) {
    case CommandLine::Action::Version:
        std::printf("tenfour %s\n", tenfour::kVersion);
        return 0;
    case CommandLine::Action::Help:
        std::printf("%s", qPrintable(cl.helpText));
        return 0;
    case CommandLine::Action::Error:
        std::fprintf(stderr, "tenfour: %s\n%s", qPrintable(cl.error), qPrintable(cl.helpText));
        return 2;
    case CommandLine::Action::Ptt: {
        const QString name = qEnvironmentVariable("TENFOUR_INSTANCE", SingleInstance::defaultName());
        if (!SingleInstance::send(name, cl.toMessage())) {
            std::fprintf(stderr, "%s\n",
                         qPrintable(QCoreApplication::translate("main", "tenfour: Tenfour is not running")));
            return 1;
        }
        return 0;
    }
    case CommandLine::Action::Run:
        break;
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (CommandLine::parse(args).action != CommandLine::Action::Run)
        return answerWithoutDisplay(argc, argv);

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tenfour"));
    QApplication::setApplicationName(QStringLiteral("tenfour"));
    QApplication::setApplicationVersion(QString::fromLatin1(tenfour::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("org.tenfour.Tenfour"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tenfour.svg")));
    QApplication::setQuitOnLastWindowClosed(false); // the tray keeps running
    // Parsed from argv as it came: under xcb, QApplication takes `--name` as its own -name option
    // (the X11 window class) and removes it from arguments().
    const CommandLine cl = CommandLine::parse(args);

    QSettings settings;
    EngineVoiceBackend backend;
    AppController::Options options;
    options.globalPtt = cl.screenshotsDir.isEmpty();
#ifdef TENFOUR_HAVE_EMBEDDED_RELAY
    // "This computer": a relay in this process, on loopback unless the user opened it to the LAN.
    tenfour::relay::RelayServer relay{tenfour::relay::RelayConfig{}};
    {
        QSettings peek;
        const bool lan = AppSettings::load(peek).embeddedLan;
        QString error;
        if (relay.listen(lan ? QHostAddress::Any : QHostAddress::LocalHost, 0, &error))
            options.embeddedUrl = relay.url();
        else
            std::fprintf(stderr, "tenfour: the built-in server cannot start: %s\n", qPrintable(error));
    }
#endif
    options.instanceName = qEnvironmentVariable("TENFOUR_INSTANCE");
    if (!cl.screenshotsDir.isEmpty()) // screenshots never meet a running instance
        options.instanceName =
            QStringLiteral("tenfour-screenshots-%1").arg(QCoreApplication::applicationPid());
    AppController controller(&backend, &settings, cl, options);
    if (!controller.claimInstance())
        return 0; // the running instance came forward
    QObject::connect(&controller, &AppController::quitRequested, &app, &QApplication::quit);
    controller.start(cl.screenshotsDir.isEmpty());

    if (!cl.screenshotsDir.isEmpty()) {
        QTimer::singleShot(500, &app, [&] {
            ScreenshotTaker shots(cl.screenshotsDir);
            const QStringList files = shots.takeAll(controller.window(), controller.tray());
            for (const QString &f : files)
                std::printf("%s\n", qPrintable(f));
            for (const QString &e : shots.errors())
                std::fprintf(stderr, "tenfour: %s\n", qPrintable(e));
            QCoreApplication::exit(shots.errors().isEmpty() && !files.isEmpty() ? 0 : 1);
        });
    }
    return app.exec();
}
