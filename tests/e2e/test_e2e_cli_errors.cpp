// tenfour-cli's answers when things go wrong, against the real relay: a busy channel, a refused
// token, nobody listening; and the embedded relay's echo channel when no --server is given.

#include "E2eProcess.h"
#include "engine/WavFile.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <vector>

using namespace tenfour::test;

namespace {

// A tone file written here, so these tests need no speech synthesiser.
QString makeTone(const QTemporaryDir &dir, const QString &name, double seconds)
{
    std::vector<qint16> s(size_t(seconds * 16000));
    for (size_t i = 0; i < s.size(); ++i)
        s[i] = qint16(std::lround(10000.0 * std::sin(2 * M_PI * 330.0 * double(i) / 16000.0)));
    const QString path = dir.filePath(name);
    QString error;
    if (!tenfour::engine::WavFile::write16(path, s.data(), qint64(s.size()), 16000, 1, &error))
        return QString();
    return path;
}

QStringList args(const QUrl &url, const QString &name, const QStringList &rest)
{
    QStringList a{QStringLiteral("--name"), name, QStringLiteral("--channel"), QStringLiteral("errs")};
    if (url.isValid())
        a = QStringList{QStringLiteral("--server"), url.toString()} + a;
    return a + rest;
}

struct Result {
    int code = -1;
    QString err;
};

Result run(QProcess &p, int timeoutMs)
{
    Result r;
    if (!p.waitForFinished(timeoutMs)) {
        stopProcess(p);
        r.err = QStringLiteral("(timed out)");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestE2eCliErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void secondSenderIsDeniedWhileTheChannelIsBusy()
    {
        QTemporaryDir dir;
        const QString longTone = makeTone(dir, QStringLiteral("a.wav"), 2.0);
        const QString shortTone = makeTone(dir, QStringLiteral("b.wav"), 0.5);
        QProcess relay;
        const QUrl url = startRelay(relay);
        QVERIFY(url.isValid());

        QProcess a;
        a.setProcessChannelMode(QProcess::MergedChannels);
        a.start(cliPath(), args(url, QStringLiteral("Alice"),
                                {QStringLiteral("--verbose"), QStringLiteral("send"), longTone}));
        QByteArray seen;
        QVERIFY2(waitForOutput(a, "floor granted", &seen), seen.constData());

        QProcess b;
        b.start(cliPath(), args(url, QStringLiteral("Bob"), {QStringLiteral("send"), shortTone}));
        const Result rb = run(b, 10000);
        QCOMPARE(rb.code, 3);
        QVERIFY2(rb.err.contains(QLatin1String("busy")) && rb.err.contains(QLatin1String("Alice")),
                 qPrintable(rb.err));

        const Result ra = run(a, 10000);
        QCOMPARE(ra.code, 0);
        stopProcess(relay);
    }

    void refusedTokenIsUnauthorized()
    {
        QTemporaryDir dir;
        const QString tone = makeTone(dir, QStringLiteral("t.wav"), 0.2);
        QProcess relay;
        const QUrl url = startRelay(relay, {QStringLiteral("--token-secret"), QStringLiteral("sesame")});
        QVERIFY(url.isValid());
        QProcess p;
        p.start(cliPath(),
                args(url, QStringLiteral("Eve"),
                     {QStringLiteral("--token"), QStringLiteral("forged"), QStringLiteral("send"), tone}));
        const Result r = run(p, 10000);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QLatin1String("unauthorized")), qPrintable(r.err));
        stopProcess(relay);
    }

    void unreachableRelayFailsQuickly()
    {
        QTemporaryDir dir;
        const QString tone = makeTone(dir, QStringLiteral("t.wav"), 0.2);
        quint16 port;
        {
            QTcpServer probe; // a port that was free a moment ago and has nobody listening now
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QProcess p;
        QElapsedTimer t;
        t.start();
        p.start(cliPath(), args(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)), QStringLiteral("X"),
                                {QStringLiteral("send"), tone}));
        const Result r = run(p, 10000);
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(QLatin1String("cannot reach")), qPrintable(r.err));
        QVERIFY(t.elapsed() < 5000);
    }

    void badFileSaysWhyBeforeConnecting()
    {
        QTemporaryDir dir;
        const QString junk = dir.filePath(QStringLiteral("junk.wav"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not audio");
        f.close();
        QProcess p;
        p.start(cliPath(), args(QUrl(QStringLiteral("ws://127.0.0.1:9/")), QStringLiteral("X"),
                                {QStringLiteral("send"), junk}));
        const Result r = run(p, 10000);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("not a RIFF/WAVE")), qPrintable(r.err));
    }

    void withoutServerTheEmbeddedRelayEchoes()
    {
        QTemporaryDir dir;
        const QString tone = makeTone(dir, QStringLiteral("t.wav"), 0.5);
        QProcess p;
        // No --server, no --channel: the embedded relay and its echo channel.
        p.start(cliPath(), {QStringLiteral("--name"), QStringLiteral("Me"), QStringLiteral("--verbose"),
                            QStringLiteral("send"), tone});
        const Result r = run(p, 10000);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QLatin1String("embedded relay listening on ws://127.0.0.1:")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("joined channel \"echo\"")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("acknowledged")), qPrintable(r.err));
    }

    void helpAndVersionAnswerWithoutStartingAnything()
    {
        QProcess p;
        p.start(cliPath(), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("tenfour-cli "));
        p.start(cliPath(), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray help = p.readAllStandardOutput();
        QVERIFY(help.contains("--ptt-always") && help.contains("record OUT.wav --seconds N"));
        p.start(cliPath(), {QStringLiteral("record"), QStringLiteral("x.wav")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("--seconds"));
    }
};

QTEST_GUILESS_MAIN(TestE2eCliErrors)
#include "test_e2e_cli_errors.moc"
