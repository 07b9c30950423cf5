#pragma once
// Helpers of the end-to-end tests: the real executables (paths come from CMake as
// TENFOUR_CLI_PATH / TENFOUR_RELAY_PATH), started with QProcess.

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>

namespace tenfour::test {

inline QString cliPath()
{
    return QStringLiteral(TENFOUR_CLI_PATH);
}

// Waits until the process printed a line containing `needle` on stdout (merged channels off).
inline bool waitForOutput(QProcess &p, const QByteArray &needle, QByteArray *seen, int ms = 10000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        *seen += p.readAllStandardOutput();
        if (seen->contains(needle))
            return true;
        if (p.state() == QProcess::NotRunning)
            return false;
        p.waitForReadyRead(50);
    }
    return false;
}

// Starts tenfour-relay on a free loopback port; returns its URL (empty on failure). `printed`, if
// given, gets what the relay printed meanwhile, for the failure message.
inline QUrl startRelay(QProcess &relay, const QStringList &extra = {}, QByteArray *printed = nullptr)
{
    relay.start(QStringLiteral(TENFOUR_RELAY_PATH),
                QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} + extra);
    QByteArray out;
    QByteArray &seen = printed ? *printed : out;
    if (!waitForOutput(relay, "listening on ", &seen))
        return {};
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("listening on (ws://\\S+)")).match(QString::fromUtf8(seen));
    return m.hasMatch() ? QUrl(m.captured(1)) : QUrl();
}

// Asks the process to end, and kills it if it has not after graceMs.
inline void stopProcess(QProcess &p, int graceMs = 3000)
{
    if (p.state() == QProcess::NotRunning)
        return;
    p.terminate();
    if (!p.waitForFinished(graceMs)) {
        p.kill();
        p.waitForFinished(3000);
    }
}

// espeak-ng -w: deterministic speech, made at run time (22.05 kHz mono, so the sender resamples).
inline bool makeSpeech(const QString &path, const QString &text, QString *error)
{
    QProcess p;
    p.start(QStringLiteral("espeak-ng"), {QStringLiteral("-w"), path, text});
    if (!p.waitForFinished(20000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("espeak-ng failed (Debian package espeak-ng): %1 %2")
                     .arg(p.errorString(), QString::fromUtf8(p.readAllStandardError()));
        return false;
    }
    return true;
}

} // namespace tenfour::test
