// End to end through real PulseAudio devices: speech written in real time into client A's
// microphone (a pipe source) must come out of client B's speaker (a null sink, recorded from its
// monitor). Both clients are the real `tenfour-cli talk`, A with --ptt-always, on a real relay.
// Needs the PulseAudio of scripts/test-env.sh (PULSE_SERVER, TENFOUR_TEST_MIC_A_FIFO, sinks
// spkA/spkB, sources micA/micB); skips without it unless TENFOUR_REQUIRE_AUDIO=1.

#include "E2eProcess.h"
#include "SpeechCompare.h"

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fcntl.h>
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
    p.start(QStringLiteral("pactl"), {QStringLiteral("list"), QStringLiteral("short"), QStringLiteral("sinks")});
    if (!p.waitForFinished(5000) || p.exitCode() != 0) {
        *why = QStringLiteral("no PulseAudio reachable (pactl: %1)").arg(QString::fromUtf8(p.readAllStandardError()).trimmed());
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
    explicit FifoFeeder(const QString &path) { m_fd = ::open(path.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK); }
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

        // The recorder of B's speaker first: it also pins the null sink to a 20 ms latency.
        const QString rawPath = dir.filePath(QStringLiteral("spkB.raw"));
        QProcess rec;
        rec.start(QStringLiteral("parecord"),
                  {QStringLiteral("--latency-msec=20"), QStringLiteral("-d"), QStringLiteral("spkB.monitor"),
                   QStringLiteral("--raw"), QStringLiteral("--format=s16le"), QStringLiteral("--rate=48000"),
                   QStringLiteral("--channels=1"), rawPath});
        QVERIFY2(rec.waitForStarted(5000), "parecord (pulseaudio-utils) did not start");

        const QStringList common{QStringLiteral("--server"), url.toString(), QStringLiteral("--channel"),
                                 QStringLiteral("audio-e2e")};
        QProcess b;
        b.setProcessEnvironment(clientEnv("micB", "spkB"));
        b.setProcessChannelMode(QProcess::MergedChannels);
        b.start(cliPath(), common + QStringList{QStringLiteral("--name"), QStringLiteral("B"), QStringLiteral("talk"),
                                                QStringLiteral("--verbose")});
        QByteArray bOut;
        QVERIFY2(waitForOutput(b, "joined channel", &bOut), bOut.constData());

        // A's microphone carries silence from before A starts (a real microphone is never
        // empty), so A transmits from the moment it has joined.
        FifoFeeder feeder(qEnvironmentVariable("TENFOUR_TEST_MIC_A_FIFO"));
        QVERIFY2(feeder.isOpen(), "cannot open micA's FIFO for writing");
        std::vector<qint16> pcm;
        for (float s : speech)
            pcm.push_back(qint16(std::lrint(std::clamp(s, -1.0f, 1.0f) * 32767.0f)));
        feeder.start(std::move(pcm));

        QProcess a;
        a.setProcessEnvironment(clientEnv("micA", "spkA"));
        a.setProcessChannelMode(QProcess::MergedChannels);
        a.start(cliPath(), common + QStringList{QStringLiteral("--name"), QStringLiteral("A"), QStringLiteral("talk"),
                                                QStringLiteral("--ptt-always")});
        QByteArray aOut;
        QVERIFY2(waitForOutput(a, "talking in", &aOut), aOut.constData());
        QVERIFY2(aOut.contains("(micA)"), aOut.constData()); // PULSE_SOURCE chose the microphone
        QVERIFY2(waitForOutput(b, "A is talking", &bOut), bOut.constData());
        QVERIFY2(bOut.contains("(spkB)"), bOut.constData()); // PULSE_SINK chose the speaker

        QTest::qWait(500); // B's jitter buffer settles on the silence
        feeder.speak();
        QVERIFY(QTest::qWaitFor([&] { return feeder.speechDone(); }, 20000));
        QTest::qWait(1000); // the last of it through the jitter buffer and the speaker
        feeder.stop();

        rec.terminate();
        QVERIFY(rec.waitForFinished(5000));
        stopProcess(a);
        stopProcess(b);
        stopProcess(relay);
        aOut += a.readAll();
        bOut += b.readAll();

        const std::vector<float> played = loadRaw48k(rawPath);
        QVERIFY2(played.size() > speech.size(), qPrintable(QStringLiteral("only %1 samples recorded").arg(played.size())));
        const SpeechMatch m = compareSpeech(speech, played);
        qInfo().noquote() << "microphone A -> speaker B:" << m.describe() << "; FIFO chunks dropped:" << feeder.dropped();
        QVERIFY2(m.recordedPeakDb > -30.0, qPrintable(m.describe() + QStringLiteral("\nB:\n") + QString::fromUtf8(bOut)));
        QVERIFY2(m.correlation >= 0.8, qPrintable(m.describe() + QStringLiteral("\nA:\n") + QString::fromUtf8(aOut)
                                                  + QStringLiteral("\nB:\n") + QString::fromUtf8(bOut)));
    }
};

QTEST_GUILESS_MAIN(TestE2eAudio)
#include "test_e2e_audio.moc"
