// Fault: the audio devices a client uses disappear mid-transmission and come back, on the test
// PulseAudio (scripts/test-env.sh; label "audio"). Backend-agnostic: only tenfour-cli's own
// options (--input-device, --output-device) and what it prints are used.
//  - The talker (`tenfour-cli talk --ptt-always --input-device faultMic`) loses its microphone
//    (`pactl unload-module` of the pipe source) while the default microphone (micA) is silent:
//    the user is told, the transmission ends cleanly (the relay revokes the silent floor,
//    "idle"; nobody stays "talking"), nothing crashes. When the default microphone delivers
//    sound, the next transmission comes from it; when faultMic is loaded again, it is used again.
//  - The listener (`tenfour-cli talk --output-device faultSpk`) loses its speaker (the null
//    sink unloaded): told, falls back to the default speaker, back to faultSpk when it returns.
// An in-process observer session reports what the relay forwards.

#include "FaultUtil.h"
#include "net/RelaySession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <fcntl.h>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace tenfour;
using namespace tenfour::test;

namespace {

const QString kChannel = QStringLiteral("devfault");

QString pactl(const QStringList &args, bool *ok = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("pactl"), args);
    const bool good = p.waitForFinished(5000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (ok)
        *ok = good;
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// A microphone: writes a 440 Hz tone into a pipe source's FIFO in real time (20 ms chunks, each
// due at start + k * 20 ms) while enabled. A FIFO whose source was unloaded is reopened.
class ToneFeeder {
public:
    explicit ToneFeeder(const QString &path) : m_path(path.toLocal8Bit())
    {
        m_thread = std::thread([this] { run(); });
    }
    ~ToneFeeder()
    {
        m_quit.store(true);
        m_thread.join();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    void setEnabled(bool on) { m_enabled.store(on); }
    void setPath(const QString &path)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_path = path.toLocal8Bit();
        m_reopen = true;
    }

private:
    void run()
    {
        qint16 tone[960];
        for (int i = 0; i < 960; ++i)
            tone[i] = qint16(8000 * std::sin(2 * M_PI * 440 * i / 48000.0));
        const auto start = std::chrono::steady_clock::now();
        for (qint64 k = 0; !m_quit.load(); ++k) {
            std::this_thread::sleep_until(start + std::chrono::milliseconds(20 * k));
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (m_reopen && m_fd >= 0) {
                    ::close(m_fd);
                    m_fd = -1;
                }
                m_reopen = false;
                if (m_fd < 0)
                    m_fd = ::open(m_path.constData(), O_WRONLY | O_NONBLOCK);
            }
            if (m_fd < 0 || !m_enabled.load())
                continue;
            if (::write(m_fd, tone, sizeof tone) < 0 && errno == EPIPE) {
                ::close(m_fd); // the source went away
                m_fd = -1;
            }
        }
    }

    QByteArray m_path;
    std::mutex m_mutex;
    bool m_reopen = false;
    int m_fd = -1;
    std::thread m_thread;
    std::atomic<bool> m_enabled{true}, m_quit{false};
};

} // namespace

class TestFaultAudioDevice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        ::signal(SIGPIPE, SIG_IGN); // a FIFO whose source was unloaded
        bool ok = false;
        const QString sources =
            pactl({QStringLiteral("list"), QStringLiteral("short"), QStringLiteral("sources")}, &ok);
        if (!ok || !sources.contains(QLatin1String("micA")) ||
            qEnvironmentVariableIsEmpty("TENFOUR_TEST_MIC_A_FIFO")) {
            const QString why =
                QStringLiteral("no test PulseAudio (source micA); run under scripts/test-env.sh");
            if (qEnvironmentVariable("TENFOUR_REQUIRE_AUDIO") == QLatin1String("1"))
                QFAIL(qPrintable(QStringLiteral("TENFOUR_REQUIRE_AUDIO=1 but ") + why));
            QSKIP(qPrintable(why));
        }
        QCOMPARE(pactl({QStringLiteral("get-default-source")}), QStringLiteral("micA"));
        QCOMPARE(pactl({QStringLiteral("get-default-sink")}), QStringLiteral("spkA"));
    }

    void cleanup()
    {
        for (const QString &m : std::as_const(m_modules))
            pactl({QStringLiteral("unload-module"), m});
        m_modules.clear();
    }

    void devicesVanishMidTransmissionAndComeBack()
    {
        QTemporaryDir dir;
        QElapsedTimer clock;
        clock.start();
        QString micModule = loadMic(dir.filePath(QStringLiteral("mic1.fifo")));
        QString spkModule = loadModule({QStringLiteral("module-null-sink"),
                                        QStringLiteral("sink_name=faultSpk"), QStringLiteral("format=s16le"),
                                        QStringLiteral("rate=48000"), QStringLiteral("channels=1")});
        QVERIFY(!micModule.isEmpty() && !spkModule.isEmpty());
        ToneFeeder mic(dir.filePath(QStringLiteral("mic1.fifo")));
        ToneFeeder defaultMic(qEnvironmentVariable("TENFOUR_TEST_MIC_A_FIFO"));
        defaultMic.setEnabled(false); // the default microphone is silent at first

        QProcess relay;
        const QUrl url = startRelayAt(relay, 0);
        QVERIFY(url.isValid());

        net::RelaySession observer;
        net::RelaySession::Options o;
        o.url = url;
        o.name = QStringLiteral("Observer");
        observer.open(o);
        observer.join(kChannel);
        QSignalSpy talkStarted(&observer, &net::RelaySession::talkStarted);
        QSignalSpy talkEnded(&observer, &net::RelaySession::talkEnded);
        QSignalSpy audio(&observer, &net::RelaySession::audioReceived);
        QVERIFY(waitFor([&] { return observer.isJoined(kChannel); }, 5000));

        QProcess listener;
        listener.start(cliPath(), {QStringLiteral("--server"), url.toString(), QStringLiteral("--name"),
                                   QStringLiteral("Listener"), QStringLiteral("--channel"), kChannel,
                                   QStringLiteral("--output-device"), QStringLiteral("faultSpk"),
                                   QStringLiteral("talk")});
        StderrLines listenerErr(listener, clock);
        QProcess talker;
        talker.start(cliPath(), {QStringLiteral("--server"), url.toString(), QStringLiteral("--name"),
                                 QStringLiteral("Talker"), QStringLiteral("--channel"), kChannel,
                                 QStringLiteral("--ptt-always"), QStringLiteral("--input-device"),
                                 QStringLiteral("faultMic"), QStringLiteral("talk")});
        StderrLines talkerErr(talker, clock);
        auto readers = {&listenerErr, &talkerErr};
        auto both = [&] {
            return talker.state() == QProcess::Running && listener.state() == QProcess::Running;
        };

        // Talking on faultMic, heard on faultSpk.
        QVERIFY2(waitFor([&] { return talkStarted.count() == 1 && audio.count() >= 25; }, 10000, readers),
                 qPrintable(talkerErr.all()));
        QVERIFY2(waitFor([&] { return listenerErr.count(QStringLiteral("faultSpk")) >= 1; }, 3000, readers),
                 qPrintable(listenerErr.all()));

        // Both devices vanish mid-transmission.
        pactl({QStringLiteral("unload-module"), micModule});
        pactl({QStringLiteral("unload-module"), spkModule});
        m_modules.clear();
        QVERIFY2(waitFor([&] { return talkerErr.count(QStringLiteral("disappeared")) >= 1; }, 5000, readers),
                 qPrintable(talkerErr.all()));
        QVERIFY2(
            waitFor([&] { return listenerErr.count(QStringLiteral("disappeared")) >= 1; }, 5000, readers),
            qPrintable(listenerErr.all()));
        QVERIFY(listenerErr.count(QStringLiteral("speaker: Null Output (spkA)")) >= 1 ||
                waitFor([&] { return listenerErr.count(QStringLiteral("(spkA)")) >= 1; }, 3000, readers));
        // The default microphone is silent: the floor is not held for ever. The relay revokes the
        // silent transmission (idle, 4 s), the talker is told, the observer sees it end.
        QVERIFY2(waitFor([&] { return talkEnded.count() == 1; }, 8000, readers), qPrintable(talkerErr.all()));
        QCOMPARE(talkEnded.at(0).at(2).toString(), QStringLiteral("idle"));
        QVERIFY2(waitFor([&] { return talkerErr.count(QStringLiteral("transmission ended")) >= 1; }, 2000,
                         readers),
                 qPrintable(talkerErr.all()));
        QVERIFY(both());

        // The default microphone speaks: the next transmission comes from it.
        const int framesBefore = audio.count();
        defaultMic.setEnabled(true);
        QVERIFY2(waitFor([&] { return talkStarted.count() == 2 && audio.count() >= framesBefore + 25; }, 8000,
                         readers),
                 qPrintable(talkerErr.all()));

        // The devices come back: used again.
        micModule = loadMic(dir.filePath(QStringLiteral("mic2.fifo")));
        mic.setPath(dir.filePath(QStringLiteral("mic2.fifo")));
        spkModule = loadModule({QStringLiteral("module-null-sink"), QStringLiteral("sink_name=faultSpk"),
                                QStringLiteral("format=s16le"), QStringLiteral("rate=48000"),
                                QStringLiteral("channels=1")});
        QVERIFY(!micModule.isEmpty() && !spkModule.isEmpty());
        QVERIFY2(waitFor([&] { return talkerErr.count(QStringLiteral("is back; using it again")) >= 1; },
                         8000, readers),
                 qPrintable(talkerErr.all()));
        QVERIFY2(waitFor([&] { return listenerErr.count(QStringLiteral("is back; using it again")) >= 1; },
                         8000, readers),
                 qPrintable(listenerErr.all()));
        defaultMic.setEnabled(false); // from now on only faultMic has sound
        const int framesAfter = audio.count();
        QVERIFY2(waitFor([&] { return audio.count() >= framesAfter + 50; }, 8000, readers),
                 qPrintable(talkerErr.all()));
        QVERIFY(both());
        qInfo().noquote() << "talker:\n" << talkerErr.all() << "listener:\n" << listenerErr.all();

        // A clean end: Ctrl+C (SIGTERM) ends the transmission, the floor is free.
        talker.terminate();
        QVERIFY(talker.waitForFinished(5000));
        QCOMPARE(talker.exitStatus(), QProcess::NormalExit);
        QVERIFY(waitFor([&] { return talkEnded.count() == talkStarted.count(); }, 3000));
        stopProcess(listener);
        QCOMPARE(listener.exitStatus(), QProcess::NormalExit);
        observer.close();
        stopProcess(relay);
    }

private:
    QString loadModule(const QStringList &args)
    {
        bool ok = false;
        const QString id = pactl(QStringList{QStringLiteral("load-module")} + args, &ok);
        if (!ok)
            return QString();
        m_modules << id;
        return id;
    }
    QString loadMic(const QString &fifo)
    {
        return loadModule({QStringLiteral("module-pipe-source"), QStringLiteral("source_name=faultMic"),
                           QStringLiteral("file=%1").arg(fifo), QStringLiteral("format=s16le"),
                           QStringLiteral("rate=48000"), QStringLiteral("channels=1")});
    }

    QStringList m_modules;
};

QTEST_GUILESS_MAIN(TestFaultAudioDevice)
#include "test_fault_audio_device.moc"
