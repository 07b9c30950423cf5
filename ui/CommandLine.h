#pragma once
// `tenfour [--server URL] [--channel CH] [--name N] [--minimized]`, `--ptt press|release|toggle`,
// `--version`, `--help`. Parsed from a plain string list so --version, --help and --ptt are
// answered before any QApplication (no display needed).

#include <QString>
#include <QStringList>
#include <QUrl>

namespace tenfour::ui {

struct CommandLine {
    enum class Action { Run, Version, Help, Ptt, Error };

    Action action = Action::Run;
    QUrl server;
    QString channel;
    QString name;
    bool minimized = false;
    QString ptt;            // press | release | toggle
    QString screenshotsDir; // hidden: save screenshots of the windows there and quit
    QString error;
    QString helpText;

    static CommandLine parse(const QStringList &arguments);
    // The message a second instance sends to the first: "show" plus this run's options.
    QStringList toMessage() const;
};

} // namespace tenfour::ui
