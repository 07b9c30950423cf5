#include "ui/CommandLine.h"

#include "ui/ServerConfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace tenfour::ui {

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine cl;
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("CommandLine", "Tenfour: push-to-talk voice for your team."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("CommandLine", "Show this help and exit."));
    const QCommandLineOption version(
        {QStringLiteral("v"), QStringLiteral("version")},
        QCoreApplication::translate("CommandLine", "Show the version and exit."));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QCoreApplication::translate("CommandLine", "Connect to this relay for this run."),
        QStringLiteral("URL"));
    const QCommandLineOption channel(QStringLiteral("channel"),
                                     QCoreApplication::translate("CommandLine", "Join this channel."),
                                     QStringLiteral("CH"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QCoreApplication::translate("CommandLine", "Use this name for this run."),
                                  QStringLiteral("N"));
    const QCommandLineOption minimized(QStringLiteral("minimized"),
                                       QCoreApplication::translate("CommandLine", "Start in the tray."));
    const QCommandLineOption ptt(
        QStringLiteral("ptt"),
        QCoreApplication::translate("CommandLine",
                                    "Drive the running Tenfour's push-to-talk: press, release or toggle."),
        QStringLiteral("press|release|toggle"));
    QCommandLineOption shots(QStringLiteral("screenshots"), QString(), QStringLiteral("DIR"));
    shots.setFlags(QCommandLineOption::HiddenFromHelp);
    p.addOptions({help, version, server, channel, name, minimized, ptt, shots});
    cl.helpText = p.helpText();

    if (!p.parse(arguments)) {
        cl.action = Action::Error;
        cl.error = p.errorText();
        return cl;
    }
    if (!p.positionalArguments().isEmpty()) {
        cl.action = Action::Error;
        cl.error = QCoreApplication::translate("CommandLine", "Unexpected argument: %1")
                       .arg(p.positionalArguments().constFirst());
        return cl;
    }
    if (p.isSet(help)) {
        cl.action = Action::Help;
        return cl;
    }
    if (p.isSet(version)) {
        cl.action = Action::Version;
        return cl;
    }
    if (p.isSet(server)) {
        cl.server = QUrl(p.value(server));
        if (!ServerConfig::isValidUrl(cl.server)) {
            cl.action = Action::Error;
            cl.error = QCoreApplication::translate("CommandLine", "Not a ws:// or wss:// URL: %1")
                           .arg(p.value(server));
            return cl;
        }
    }
    cl.channel = p.value(channel);
    cl.name = p.value(name);
    cl.minimized = p.isSet(minimized);
    cl.screenshotsDir = p.value(shots);
    if (p.isSet(ptt)) {
        cl.ptt = p.value(ptt);
        if (cl.ptt != QLatin1String("press") && cl.ptt != QLatin1String("release") &&
            cl.ptt != QLatin1String("toggle")) {
            cl.action = Action::Error;
            cl.error =
                QCoreApplication::translate("CommandLine", "--ptt takes press, release or toggle, not %1")
                    .arg(cl.ptt);
            return cl;
        }
        cl.action = Action::Ptt;
    }
    return cl;
}

QStringList CommandLine::toMessage() const
{
    if (action == Action::Ptt)
        return {QStringLiteral("ptt"), ptt};
    QStringList m{QStringLiteral("show")};
    if (!server.isEmpty())
        m << QStringLiteral("server") << server.toString();
    if (!channel.isEmpty())
        m << QStringLiteral("channel") << channel;
    return m;
}

} // namespace tenfour::ui
