// End to end through real PulseAudio devices: speech written in real time into client A's
// microphone (a pipe source) must come out of client B's speaker (a null sink, recorded from its
// monitor). Both clients are the real `tenfour-cli talk`, A with --ptt-always, on a real relay.
// Needs the PulseAudio of scripts/test-env.sh (PULSE_SERVER, TENFOUR_TEST_MIC_A_FIFO, sinks
// spkA/spkB, sources micA/micB); skips without it unless TENFOUR_REQUIRE_AUDIO=1.
// TENFOUR_KEEP_TEST_FILES=1 keeps the generated speech for a look after a failure.

#include "E2eProcess.h"
#include "SpeechCompare.h"

#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fcntl.h>
#include <memory>
#include <thread>
#include <unistd.h>

using namespace tenfour::test;

namespace {

bool pulseReachable(QString *why)
{
    if (qEnvironmentVariableIsEmpty("TENFOUR_TEST_MIC_A_FIFO")) {
        *why = QStringLiteral("TENFOUR_TEST_MIC_A_FIFO is not set (run under scripts/test-env.sh)");
        return false;
    }
    QProcess p;
    p.start(QStringLiteral("pactl"),
            {QStringLiteral("list"), QStringLiteral("short"), QStringLiteral("sinks")});
    if (!p.waitForFinished(5000) || p.exitCode() != 0) {
        *why = QStringLiteral("no PulseAudio reachable (pactl: %1)")
                   .arg(QString::fromUtf8(p.readAllStandardError()).trimmed());
        return false;
    }
    if (!p.readAllStandardOutput().contains("spkB")) {
        *why = QStringLiteral("PulseAudio has no sink spkB (not the test configuration)");
        return false;
    }
    return true;
}

// The microphone: a thread that writes 20 ms chunks into the FIFO, each due at start + k * 20 ms
// (a pipe source does not pace by itself; it would swallow a whole file at once). It writes
// silence until speak(), then the speech, then silence again until stopped.
class FifoFeeder {
public:
    explicit FifoFeeder(const QString &path)
    {
        m_fd = ::open(path.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK);
    }
    ~FifoFeeder()
    {
        stop();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isOpen() const { return m_fd >= 0; }
    int dropped() const { return m_dropped.load(); }
    bool speechDone() const { return m_done.load(); }

    void start(std::vector<qint16> speech)
    {
        m_speech = std::move(speech);
        m_thread = std::thread([this] { run(); });
    }
    void speak() { m_speak.store(true); }
    void stop()
    {
        m_quit.store(true);
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    void run()
    {
        constexpr size_t kChunk = 960;
        const auto start = std::chrono::steady_clock::now();
        size_t pos = 0;
        for (qint64 k = 0; !m_quit.load(); ++k) {
            std::this_thread::sleep_until(start + std::chrono::milliseconds(20 * k));
            qint16 buf[kChunk] = {};
            if (m_speak.load() && pos < m_speech.size()) {
                const size_t n = std::min(kChunk, m_speech.size() - pos);
                std::copy(m_speech.begin() + long(pos), m_speech.begin() + long(pos + n), buf);
                pos += n;
                if (pos >= m_speech.size())
                    m_done.store(true);
            }
            if (::write(m_fd, buf, sizeof buf) != ssize_t(sizeof buf))
                m_dropped.fetch_add(1); // a full FIFO: dropped, never queued late
        }
    }

    int m_fd = -1;
    std::vector<qint16> m_speech;
    std::thread m_thread;
    std::atomic<bool> m_speak{false}, m_done{false}, m_quit{false};
    std::atomic<int> m_dropped{0};
};

// The ear: parec on a sink's monitor, its raw output read here as it comes. Seen on
// PulseAudio 16: a null sink's monitor delivers its first data only 1.3-1.6 s after the first
// reader connects, and a client that starts playing before that has its stream stalled for as
// long (the receive path then catches up by dropping and shortening audio). So clients start
// only once the ear hears something (waitLive()).
class Ear : public QObject {
public:
    explicit Ear(const char *monitor)
    {
        connect(&m_proc, &QProcess::readyReadStandardOutput, this, [this] {
            if (m_firstMs < 0)
                m_firstMs = m_clock.elapsed();
            m_bytes += m_proc.readAllStandardOutput();
        });
        m_clock.start();
        m_proc.start(QStringLiteral("parec"),
                     {QStringLiteral("--latency-msec=20"), QStringLiteral("-d"), QString::fromLatin1(monitor),
                      QStringLiteral("--raw"), QStringLiteral("--format=s16le"),
                      QStringLiteral("--rate=48000"), QStringLiteral("--channels=1")});
    }
    ~Ear() override { stop(); }
    bool waitLive()
    {
        return m_proc.waitForStarted(5000) && QTest::qWaitFor([this] { return m_firstMs >= 0; }, 5000);
    }
    void stop() { stopProcess(m_proc); }
    void clear() { m_bytes.clear(); }
    std::vector<float> samples() const
    {
        std::vector<float> out(size_t(m_bytes.size() / 2));
        for (size_t i = 0; i < out.size(); ++i)
            out[i] = float(qFromLittleEndian<qint16>(m_bytes.constData() + 2 * i)) / 32768.0f;
        return out;
    }
    double peakDb() const
    {
        float peak = 0;
        for (float v : samples())
            peak = std::max(peak, std::abs(v));
        return peak > 0 ? 20.0 * std::log10(double(peak)) : -120.0;
    }

private:
    QProcess m_proc;
    QElapsedTimer m_clock;
    qint64 m_firstMs = -1;
    QByteArray m_bytes;
};

// An idle reader on a source for the whole test, as the mouth-to-ear harness keeps them: a pipe
// source reads its FIFO only while some stream records from it (else what is written before a
// client opens it reaches the client as one stale burst).
class Pin {
public:
    explicit Pin(const char *source)
    {
        m_proc.start(QStringLiteral("parecord"),
                     {QStringLiteral("--latency-msec=20"), QStringLiteral("-d"), QString::fromLatin1(source),
                      QStringLiteral("--raw"), QStringLiteral("/dev/null")});
    }
    ~Pin() { stopProcess(m_proc); }
    bool started() { return m_proc.waitForStarted(5000); }

private:
    QProcess m_proc;
};

std::vector<qint16> toPcm(const std::vector<float> &x)
{
    std::vector<qint16> pcm;
    pcm.reserve(x.size());
    for (float s : x)
        pcm.push_back(qint16(std::lrint(std::clamp(s, -1.0f, 1.0f) * 32767.0f)));
    return pcm;
}

QProcessEnvironment clientEnv(const char *source, const char *sink)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PULSE_SOURCE"), QString::fromLatin1(source));
    env.insert(QStringLiteral("PULSE_SINK"), QString::fromLatin1(sink));
    return env;
}

} // namespace

class TestE2eAudio : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString why;
        if (!pulseReachable(&why)) {
            if (qEnvironmentVariable("TENFOUR_REQUIRE_AUDIO") == QLatin1String("1"))
                QFAIL(qPrintable(QStringLiteral("TENFOUR_REQUIRE_AUDIO=1 but %1").arg(why)));
            QSKIP(qPrintable(why));
        }
        // Both ears (and the microphone pin) warm up together: each needs over a second.
        m_pinMic = std::make_unique<Pin>("micA");
        m_earA = std::make_unique<Ear>("spkA.monitor");
        m_earB = std::make_unique<Ear>("spkB.monitor");
        QVERIFY2(m_pinMic->started(), "parecord (pulseaudio-utils) did not start");
        QVERIFY2(m_earA->waitLive() && m_earB->waitLive(), "no data from the sinks' monitors (parec)");
    }
    void cleanupTestCase()
    {
        m_earA.reset();
        m_earB.reset();
        m_pinMic.reset();
    }

    void micOfAReachesSpeakerOfB()
    {
        QTemporaryDir dir;
        dir.setAutoRemove(qEnvironmentVariableIsEmpty("TENFOUR_KEEP_TEST_FILES"));
        const QString speechWav = dir.filePath(QStringLiteral("speech.wav"));
        QString error;
        QVERIFY2(makeSpeech(speechWav, QStringLiteral("Tenfour audio test. One, two, three. Over."), &error),
                 qPrintable(error));
        const std::vector<float> speech = loadMono48k(speechWav, &error);
        QVERIFY2(!speech.empty(), qPrintable(error));

        QProcess relay;
        const QUrl url = startRelay(relay);
        QVERIFY(url.isValid());

        Ear &ear = *m_earB;
        ear.clear();

        const QStringList common{QStringLiteral("--server"), url.toString(), QStringLiteral("--channel"),
                                 QStringLiteral("audio-e2e")};
        QProcess b;
        b.setProcessEnvironment(clientEnv("micB", "spkB"));
        b.setProcessChannelMode(QProcess::MergedChannels);
        b.start(cliPath(), common + QStringList{QStringLiteral("--name"), QStringLiteral("B"),
                                                QStringLiteral("talk"), QStringLiteral("--verbose")});
        QByteArray bOut;
        QVERIFY2(waitForOutput(b, "joined channel", &bOut), bOut.constData());

        // A's microphone carries silence from before A starts (a real microphone is never
        // empty), so A transmits from the moment it has joined.
        FifoFeeder feeder(qEnvironmentVariable("TENFOUR_TEST_MIC_A_FIFO"));
        QVERIFY2(feeder.isOpen(), "cannot open micA's FIFO for writing");
        feeder.start(toPcm(speech));

        QProcess a;
        a.setProcessEnvironment(clientEnv("micA", "spkA"));
        a.setProcessChannelMode(QProcess::MergedChannels);
        a.start(cliPath(),
                common + QStringList{QStringLiteral("--name"), QStringLiteral("A"), QStringLiteral("talk"),
                                     QStringLiteral("--ptt-always"), QStringLiteral("--verbose")});
        QByteArray aOut;
        QVERIFY2(waitForOutput(a, "talking in", &aOut), aOut.constData());
        QVERIFY2(aOut.contains("(micA)"), aOut.constData()); // PULSE_SOURCE chose the microphone
        QVERIFY2(waitForOutput(b, "A is talking", &bOut), bOut.constData());
        QVERIFY2(bOut.contains("(spkB)"), bOut.constData()); // PULSE_SINK chose the speaker

        QTest::qWait(300); // B's jitter buffer settles on the silence
        feeder.speak();
        QVERIFY(QTest::qWaitFor([&] { return feeder.speechDone(); }, 20000));
        QTest::qWait(600); // the last of it through the jitter buffer and the speaker
        feeder.stop();

        stopProcess(a);
        stopProcess(b);
        stopProcess(relay);
        aOut += a.readAll();
        bOut += b.readAll();
        // SIGTERM is a clean stop (no crash, no leak under ASan).
        QVERIFY2(a.exitStatus() == QProcess::NormalExit && a.exitCode() == 0, aOut.constData());
        QVERIFY2(b.exitStatus() == QProcess::NormalExit && b.exitCode() == 0, bOut.constData());

        const std::vector<float> heard = ear.samples(); // from B's start to now
        QVERIFY2(heard.size() > speech.size(), "too little recorded");
        const SpeechMatch m = compareSpeech(speech, heard);
        qInfo().noquote() << "microphone A -> speaker B:" << m.describe()
                          << "; FIFO chunks dropped:" << feeder.dropped();
        if (m.recordedPeakDb <= -30.0 || m.correlation < 0.8) // the clients' own account, for the log
            qInfo().noquote() << "client A:\n" << aOut << "\nclient B:\n" << bOut;
        QVERIFY2(m.recordedPeakDb > -30.0, qPrintable(m.describe()));
        QVERIFY2(m.correlation >= 0.8, qPrintable(m.describe()));
    }

    void enterTogglesTalkingAndTheEchoChannelPlaysItBack()
    {
        // What scripts/start.sh runs: no --server (embedded relay), channel "echo", Enter to talk.
        Ear &ear = *m_earA;
        FifoFeeder feeder(qEnvironmentVariable("TENFOUR_TEST_MIC_A_FIFO"));
        QVERIFY(feeder.isOpen());
        std::vector<float> tone(48000 * 2);
        for (size_t i = 0; i < tone.size(); ++i)
            tone[i] = float(0.3 * std::sin(2 * M_PI * 500.0 * double(i) / 48000.0));
        feeder.start(toPcm(tone));
        feeder.speak(); // a tone in the microphone from the start

        QProcess me;
        me.setProcessEnvironment(clientEnv("micA", "spkA"));
        me.setProcessChannelMode(QProcess::MergedChannels);
        me.start(cliPath(), {QStringLiteral("--name"), QStringLiteral("Me"), QStringLiteral("talk")});
        QByteArray out;
        QVERIFY2(waitForOutput(me, "press Enter to talk", &out), out.constData());
        QVERIFY(out.contains("joined channel \"echo\""));
        ear.clear();
        me.write("\n");
        QVERIFY2(waitForOutput(me, "talking in \"echo\"", &out), out.constData());
        QTest::qWait(800);
        me.write("\n");
        QVERIFY2(waitForOutput(me, "stopped talking", &out), out.constData());
        // Nothing of it was heard while talking; the relay plays it back after the release.
        QVERIFY2(ear.peakDb() < -60.0, qPrintable(QString::number(ear.peakDb())));
        QVERIFY2(waitForOutput(me, "Me is talking in \"echo\"", &out), out.constData());
        QTest::qWait(1000);
        const double echoDb = ear.peakDb();
        feeder.stop();
        stopProcess(me);
        out += me.readAll();
        QVERIFY2(me.exitStatus() == QProcess::NormalExit && me.exitCode() == 0, out.constData());
        qInfo().noquote() << QStringLiteral("echo playback peak %1 dBFS").arg(echoDb, 0, 'f', 1);
        QVERIFY2(echoDb > -20.0,
                 qPrintable(QString::number(echoDb) + QStringLiteral("\n") + QString::fromUtf8(out)));
    }

private:
    std::unique_ptr<Pin> m_pinMic;
    std::unique_ptr<Ear> m_earA, m_earB;
};

QTEST_GUILESS_MAIN(TestE2eAudio)
#include "test_e2e_audio.moc"
