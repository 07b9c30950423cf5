// The real tenfour-relay executable: its listening line (port 0 picks a free port), a session
// through it, the stats line on SIGUSR1, a clean exit 0 on SIGTERM, --help, --version, the
// token command, config files and usage errors.

#include "RelayTestUtil.h"

#include "tenfour/Version.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace relaytest;

namespace {

const QString kExe = QStringLiteral(TENFOUR_RELAY_EXE);

// A started relay process and the URL from its listening line.
struct RelayProcess {
    QProcess proc;
    QUrl url;
    QByteArray out; // everything read from stdout so far

    bool start(const QStringList &args)
    {
        proc.setProcessChannelMode(QProcess::SeparateChannels);
        proc.start(kExe, args);
        if (!proc.waitForStarted(5000))
            return false;
        static const QRegularExpression re(QStringLiteral("^listening on (wss?://127\\.0\\.0\\.1:(\\d+)/)$"),
                                           QRegularExpression::MultilineOption);
        QRegularExpressionMatch m;
        waitFor(
            [&] {
                out += proc.readAllStandardOutput();
                m = re.match(QString::fromUtf8(out));
                return m.hasMatch() || proc.state() == QProcess::NotRunning;
            },
            5000);
        if (!m.hasMatch()) {
            qWarning("no listening line; stdout: %s stderr: %s", out.constData(),
                     proc.readAllStandardError().constData());
            return false;
        }
        url = QUrl(m.captured(1));
        return m.captured(2).toInt() > 0;
    }
    bool waitLine(const QRegularExpression &re, QString *line, int timeoutMs = 3000)
    {
        return waitFor(
            [&] {
                out += proc.readAllStandardOutput();
                const auto m = re.match(QString::fromUtf8(out));
                if (m.hasMatch() && line)
                    *line = m.captured(0);
                return m.hasMatch();
            },
            timeoutMs);
    }
    bool signal(int sig) { return ::kill(pid_t(proc.processId()), sig) == 0; }
    ~RelayProcess()
    {
        if (proc.state() != QProcess::NotRunning) {
            proc.kill();
            proc.waitForFinished(3000);
        }
    }
};

struct Run {
    int code;
    QString out;
    QString err;
};

Run run(const QStringList &args)
{
    QProcess p;
    p.start(kExe, args);
    p.waitForFinished(10000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestRelayExe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listenTalkStatsTerm()
    {
        RelayProcess r;
        QVERIFY(r.start({"--listen", "127.0.0.1:0", "--channel", "general", "--max-talk", "1s"}));
        QVERIFY(r.out.startsWith("listening on ws://127.0.0.1:")); // the first and only line
        QCOMPARE(r.out.count('\n'), 1);

        Client a(QStringLiteral("Alice")), b(QStringLiteral("Bob"));
        QVERIFY(a.open(r.url) && b.open(r.url));
        const QJsonObject w = a.hello();
        QCOMPARE(w.value("relay").toString(), QString::fromLatin1(tenfour::kRelayId));
        QCOMPARE(w.value("limits").toObject().value("max_talk_ms").toInt(), 1000);
        b.hello();
        QVERIFY(a.join("general").value("t") == QLatin1String("joined"));
        QVERIFY(b.join("general").value("t") == QLatin1String("joined"));
        QVERIFY(a.talk("general", 5).value("t") == QLatin1String("granted"));
        for (quint32 i = 1; i <= 10; ++i)
            a.sendBinary(audioFrame(5, i, 100));
        QVERIFY(b.waitAudio(10));
        b.sendBinary(audioFrame(5, 99, 10)); // dropped: not the holder
        QVERIFY(b.join("general").value("t") == QLatin1String("joined")); // ... once this is answered

        QVERIFY(r.signal(SIGUSR1));
        QString line;
        QVERIFY(r.waitLine(QRegularExpression(QStringLiteral("^stats: .*$"), QRegularExpression::MultilineOption), &line));
        QVERIFY2(line.contains("connections=2"), qPrintable(line));
        QVERIFY2(line.contains("channels=2"), qPrintable(line)); // general + echo
        QVERIFY2(line.contains("forwarded=10"), qPrintable(line));
        QVERIFY2(line.contains("dropped=1"), qPrintable(line));

        QVERIFY(r.signal(SIGTERM));
        QVERIFY(r.proc.waitForFinished(5000));
        QCOMPARE(r.proc.exitStatus(), QProcess::NormalExit);
        QCOMPARE(r.proc.exitCode(), 0);
        QVERIFY(a.waitClosed());
        QCOMPARE(a.closeCode(), 1001);
    }

    void statsInterval()
    {
        RelayProcess r;
        QVERIFY(r.start({"--listen", "127.0.0.1:0", "--stats-interval", "100ms"}));
        QString line;
        QVERIFY(r.waitLine(QRegularExpression(QStringLiteral("^stats: connections=0 .*$"),
                                              QRegularExpression::MultilineOption),
                           &line));
        QVERIFY(r.signal(SIGINT));
        QVERIFY(r.proc.waitForFinished(5000));
        QCOMPARE(r.proc.exitCode(), 0);
    }

    void tokens()
    {
        const Run minted = run({"token", "--secret", "s3cret", "--name", "Alice", "--ttl", "1h"});
        QCOMPARE(minted.code, 0);
        const QString token = minted.out.trimmed();
        QVERIFY(token.contains('.'));
        const Run forged = run({"token", "--secret", "other", "--name", "Mallory"});
        QCOMPARE(forged.code, 0);

        RelayProcess r;
        QVERIFY(r.start({"--listen", "127.0.0.1:0", "--token-secret", "s3cret"}));
        Client a(QStringLiteral("ignored"));
        QVERIFY(a.open(r.url));
        const QJsonObject w = a.hello(token);
        QCOMPARE(w.value("t").toString(), QStringLiteral("welcome"));
        QCOMPARE(w.value("name").toString(), QStringLiteral("Alice"));
        Client m(QStringLiteral("Mallory"));
        QVERIFY(m.open(r.url));
        QCOMPARE(m.hello(forged.out.trimmed()).value("code").toString(), QStringLiteral("unauthorized"));
        QVERIFY(m.waitClosed());
        Client n(QStringLiteral("Nobody"));
        QVERIFY(n.open(r.url));
        QCOMPARE(n.hello().value("code").toString(), QStringLiteral("unauthorized"));

        QCOMPARE(run({"token", "--name", "Alice"}).code, 2);            // no secret
        QCOMPARE(run({"token", "--secret", "s"}).code, 2);               // no name
        QCOMPARE(run({"token", "--secret", "s", "--name", "A", "--ttl", "soon"}).code, 2);
    }

    void configFile()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("relay.conf"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# test\nlisten = 127.0.0.1:0\nchannel = lobby, ops\nno-ad-hoc = yes\n");
        f.close();
        RelayProcess r;
        // The command line adds to the file's channels.
        QVERIFY(r.start({"--config", f.fileName(), "--channel", "extra"}));
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(r.url));
        const QJsonObject w = a.hello();
        QStringList names;
        for (const QJsonValue &v : w.value("channels").toArray())
            names << v.toObject().value("ch").toString();
        QCOMPARE(names, (QStringList{"lobby", "ops", "extra", "echo"}));
        QCOMPARE(a.join("party").value("code").toString(), QStringLiteral("no_channel"));
    }

    void helpVersionAndErrors()
    {
        const Run help = run({"--help"});
        QCOMPARE(help.code, 0);
        for (const char *opt : {"--listen", "--channel", "--token-secret", "--tls-cert", "--tls-key", "--max-talk",
                                "--stats-interval", "--config", "--max-connections-per-ip", "--allow-origin"})
            QVERIFY2(help.out.contains(QLatin1String(opt)), opt);
        const Run version = run({"--version"});
        QCOMPARE(version.code, 0);
        QVERIFY2(version.out.contains(QLatin1String(tenfour::kVersion)), qPrintable(version.out));
        QCOMPARE(run({"--token"}).code, 2);
        QCOMPARE(run({"--no-such-option"}).code, 2);
        QCOMPARE(run({"--max-talk", "forever"}).code, 2);
        QCOMPARE(run({"--listen", "nowhere"}).code, 2);
        QCOMPARE(run({"--config", "/nonexistent/relay.conf"}).code, 2);
        QCOMPARE(run({"--tls-cert", "/nonexistent/cert.pem"}).code, 2); // no key
        const Run tls = run({"--listen", "127.0.0.1:0", "--tls-cert", "/nonexistent/c.pem", "--tls-key", "/nonexistent/k.pem"});
        QCOMPARE(tls.code, 1);
        QVERIFY2(tls.err.contains("c.pem"), qPrintable(tls.err));

        // A taken port: exit 1 with a message.
        RelayProcess first;
        QVERIFY(first.start({"--listen", "127.0.0.1:0"}));
        const Run taken = run({"--listen", QStringLiteral("127.0.0.1:%1").arg(first.url.port())});
        QCOMPARE(taken.code, 1);
        QVERIFY2(taken.err.contains("cannot listen"), qPrintable(taken.err));
    }
};

QTEST_GUILESS_MAIN(TestRelayExe)
#include "test_relay_exe.moc"
