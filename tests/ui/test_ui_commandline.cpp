// Command line parsing, the single-instance channel (show, --ptt), and the executable answering
// --version and --help without a display.

#include "ui/CommandLine.h"
#include "ui/SingleInstance.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include <atomic>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace tenfour::ui;

namespace {
QStringList argv(std::initializer_list<const char *> a)
{
    QStringList l{QStringLiteral("tenfour")};
    for (const char *s : a)
        l << QString::fromUtf8(s);
    return l;
}
QString exe()
{
    return qEnvironmentVariable("TENFOUR_BUILD_DIR") + QStringLiteral("/ui/tenfour");
}
} // namespace

class TestUiCommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesRunOptions()
    {
        const CommandLine cl = CommandLine::parse(
            argv({"--server", "wss://x.example/relay", "--channel", "ops", "--name", "Li", "--minimized"}));
        QCOMPARE(cl.action, CommandLine::Action::Run);
        QCOMPARE(cl.server, QUrl(QStringLiteral("wss://x.example/relay")));
        QCOMPARE(cl.channel, QStringLiteral("ops"));
        QCOMPARE(cl.name, QStringLiteral("Li"));
        QVERIFY(cl.minimized);
        QCOMPARE(cl.toMessage(), (QStringList{QStringLiteral("show"), QStringLiteral("server"),
                                              QStringLiteral("wss://x.example/relay"),
                                              QStringLiteral("channel"), QStringLiteral("ops")}));
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("http url") << argv({"--server", "http://x.example/"});
        QTest::newRow("no host") << argv({"--server", "ws://"});
        QTest::newRow("bad ptt") << argv({"--ptt", "hold"});
        QTest::newRow("unknown") << argv({"--frobnicate"});
        QTest::newRow("positional") << argv({"extra"});
    }
    void rejectsBadInput()
    {
        QFETCH(QStringList, args);
        const CommandLine cl = CommandLine::parse(args);
        QCOMPARE(cl.action, CommandLine::Action::Error);
        QVERIFY(!cl.error.isEmpty());
    }

    void pttAndInfoActions()
    {
        QCOMPARE(CommandLine::parse(argv({"--version"})).action, CommandLine::Action::Version);
        QCOMPARE(CommandLine::parse(argv({"--help"})).action, CommandLine::Action::Help);
        const CommandLine ptt = CommandLine::parse(argv({"--ptt", "toggle"}));
        QCOMPARE(ptt.action, CommandLine::Action::Ptt);
        QCOMPARE(ptt.toMessage(), (QStringList{QStringLiteral("ptt"), QStringLiteral("toggle")}));
    }

    void singleInstanceDeliversMessages()
    {
        const QString name = QStringLiteral("tenfour-test-%1").arg(QCoreApplication::applicationPid());
        SingleInstance first(name);
        QVERIFY2(first.listen(), qPrintable(first.errorString()));
        SingleInstance second(name);
        QVERIFY(!second.listen()); // someone answers: not ours to take
        QSignalSpy got(&first, &SingleInstance::messageReceived);
        // send() blocks until the answer, so the first instance must run its loop meanwhile:
        // use the executable, as a user's second start would.
        QProcess p;
        p.setProcessEnvironment([&] {
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("TENFOUR_INSTANCE"), name);
            env.remove(QStringLiteral("DISPLAY"));
            return env;
        }());
        p.start(exe(), {QStringLiteral("--ptt"), QStringLiteral("press")});
        QVERIFY(got.wait(5000));
        QCOMPARE(got.first().first().toStringList(),
                 (QStringList{QStringLiteral("ptt"), QStringLiteral("press")}));
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
    }

    void pttWithoutRunningInstanceFails()
    {
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TENFOUR_INSTANCE"),
                   QStringLiteral("tenfour-test-nobody-%1").arg(QCoreApplication::applicationPid()));
        p.setProcessEnvironment(env);
        p.start(exe(), {QStringLiteral("--ptt"), QStringLiteral("press")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("not running"));
    }

    void staleSocketIsTakenOver()
    {
        // What a crashed (SIGKILLed) instance leaves: a socket file bound and listened on, whose
        // descriptor the kernel closed. Nobody accepts on it, but the path is taken.
        const QString name = QStringLiteral("tenfour-test-stale-%1").arg(QCoreApplication::applicationPid());
        const QByteArray path =
            QFile::encodeName(QDir::cleanPath(QDir::tempPath()) + QLatin1Char('/') + name);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        QVERIFY(size_t(path.size()) < sizeof(addr.sun_path));
        memcpy(addr.sun_path, path.constData(), size_t(path.size()));
        ::unlink(path.constData());
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        QCOMPARE(::bind(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)), 0);
        QCOMPARE(::listen(fd, 1), 0);
        ::close(fd);
        struct stat st {};
        QCOMPARE(::lstat(path.constData(), &st), 0);
        QVERIFY(S_ISSOCK(st.st_mode));
        QVERIFY(!SingleInstance::send(name, {QStringLiteral("show")}, 500)); // really nobody there

        SingleInstance next(name);
        QVERIFY2(next.listen(), qPrintable(next.errorString()));
        // The path is the new instance's now: a second start reaches it.
        QSignalSpy received(&next, &SingleInstance::messageReceived);
        std::atomic<int> answered{-1};
        // From another thread: send() waits for the answer, which this thread's loop gives.
        std::thread second([&] { answered = SingleInstance::send(name, {QStringLiteral("show")}) ? 1 : 0; });
        QTRY_VERIFY(answered != -1);
        second.join();
        QCOMPARE(int(answered), 1);
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.at(0).at(0).toStringList(), QStringList{QStringLiteral("show")});
        SingleInstance third(name);
        QVERIFY(!third.listen()); // and it is not taken from a live instance
    }

    void versionAndHelpWithoutDisplay()
    {
        auto env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM")); // would otherwise hide a need for a display
        for (const char *opt : {"--version", "--help"}) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(exe(), {QString::fromLatin1(opt)});
            QVERIFY(p.waitForFinished(5000));
            QCOMPARE(p.exitCode(), 0);
            const QByteArray out = p.readAllStandardOutput();
            if (qstrcmp(opt, "--version") == 0)
                QVERIFY2(out.startsWith("tenfour 0."), out.constData());
            else
                QVERIFY2(out.contains("--ptt") && out.contains("--server"), out.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestUiCommandLine)
#include "test_ui_commandline.moc"
