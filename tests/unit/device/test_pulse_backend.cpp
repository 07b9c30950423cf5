// The native PulseAudio backend against the real test PulseAudio (scripts/test-env.sh, label
// "audio"), no mocks:
//  - PulsePlayoutStream plays what the PlayoutMixer renders (a 1 kHz Opus tone, packets arriving
//    in real time from another thread) onto a null sink, recorded from its monitor with parecord:
//    the tone is there, whole, without gaps, at the right pitch, and the stream's latency is what
//    was asked for (20 ms), not Qt's 40+.
//  - PulseCaptureStream delivers, bit-exact and in order, the samples written in real time into
//    a pipe source's FIFO, as 20 ms frames in the CaptureQueue.
//  - Both report failed(id, ...) when their device is unloaded (the engine's fallback hook).
//  - The registry picks "pulse" when the server answers and "qt" when it does not.
// It also runs under ThreadSanitizer (tests/tsan): libpulse's mainloop thread runs the playout
// and capture callbacks while other threads feed the mixer and read the queue.

#include "PulseTestKit.h"
#include "audio/PlayoutMixer.h"
#include "device/AudioBackendRegistry.h"
#include "device/CaptureQueue.h"
#include "device/MonotonicClock.h"
#include "device/pulse/PulseCaptureStream.h"
#include "device/pulse/PulsePlayoutStream.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace tenfour;

using namespace tenfour::testing;

class TestPulseBackend : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        ::signal(SIGPIPE, SIG_IGN); // a FIFO whose source was unloaded
        bool ok = false;
        const QString sinks =
            pactl({QStringLiteral("list"), QStringLiteral("short"), QStringLiteral("sinks")}, &ok);
        if (!ok || !sinks.contains(QLatin1String("spkA"))) {
            const QString why =
                QStringLiteral("no test PulseAudio (sink spkA); run under scripts/test-env.sh");
            if (qEnvironmentVariable("TENFOUR_REQUIRE_AUDIO") == QLatin1String("1"))
                QFAIL(qPrintable(QStringLiteral("TENFOUR_REQUIRE_AUDIO=1 but ") + why));
            QSKIP(qPrintable(why));
        }
    }

    void cleanup() { m_modules.unloadAll(); }

    void registryPrefersPulseWhenTheServerAnswers()
    {
        const device::AudioBackendRegistry r = device::AudioBackendRegistry::platformDefault();
        QCOMPARE(r.ids(), QStringList({QStringLiteral("pulse"), QStringLiteral("qt")}));
        QString notice;
        QCOMPARE(r.create(QStringLiteral("auto"), &notice)->id(), QStringLiteral("pulse"));
        QVERIFY(notice.isEmpty());
        QCOMPARE(r.create(QStringLiteral("qt"), &notice)->id(), QStringLiteral("qt"));
        QVERIFY(notice.isEmpty());

        // No server: "auto" quietly takes Qt; asking for pulse says why it did not get it.
        const QByteArray saved = qgetenv("PULSE_SERVER");
        qputenv("PULSE_SERVER", "unix:/nonexistent/tenfour-test.sock");
        const auto autoPick = r.create(QStringLiteral("auto"), &notice);
        QString named;
        const auto pulsePick = r.create(QStringLiteral("pulse"), &named);
        qputenv("PULSE_SERVER", saved);
        QCOMPARE(autoPick->id(), QStringLiteral("qt"));
        QVERIFY2(notice.isEmpty(), qPrintable(notice));
        QCOMPARE(pulsePick->id(), QStringLiteral("qt"));
        QVERIFY2(named.contains(QLatin1String("\"pulse\" is not usable")), qPrintable(named));
    }

    void playoutPlaysWhatTheMixerRendersWithLowLatency()
    {
        SinkRecorder rec;
        QVERIFY(loadRecordedSink(rec));
        const QAudioDevice dev = waitForDevice(QAudioDevice::Output, kSink);
        QVERIFY(!dev.isNull());

        audio::PlayoutMixer mixer;
        device::PulsePlayoutStream out(&mixer);
        QSignalSpy started(&out, &device::PlayoutBackend::started);
        QSignalSpy failed(&out, &device::PlayoutBackend::failed);
        out.start(dev, 20);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(0).toByteArray(), kSink.toUtf8());
        const int bufferMs = started.at(0).at(3).toInt();
        QVERIFY2(bufferMs > 0 && bufferMs <= 20, qPrintable(QString::number(bufferMs)));

        QTest::qWait(500);
        // Stream buffer + sink together: ~20 ms asked. Qt 6.4's sink could not go below 40.
        const qint64 latency = out.latencyUs();
        QVERIFY2(latency > 0 && latency < 35000, qPrintable(QString::number(latency)));

        // The speaker pulls in real time.
        const quint64 pulled0 = out.framesPulled();
        const quint64 underrunsBefore = out.underruns();
        QElapsedTimer t;
        t.start();
        std::thread talker([&] { sendTone(mixer, 75); }); // 1.5 s
        QTest::qWait(1000);
        const double rate = double(out.framesPulled() - pulled0) * 1000.0 / double(t.elapsed());
        talker.join();
        QVERIFY2(std::abs(rate - 48000.0) < 2400.0, qPrintable(QString::number(rate)));
        QTest::qWait(600);
        const quint64 underruns = out.underruns() - underrunsBefore;
        const audio::PlayoutMixer::Stats mixed = mixer.stats();
        QVERIFY(rec.stop());
        const QByteArray recorded = rec.recorded();
        QCOMPARE(out.currentDevice(), kSink.toUtf8());

        // The sink is removed: PulseAudio (>= 14) moves the stream to another sink, or kills it
        // and we report failed(id). Either way it must not stall silently; the engine's device
        // watcher then reopens on the device of its choice (test_device_fallback).
        unloadAll();
        QVERIFY(QTest::qWaitFor([&] { return failed.count() == 1 || out.currentDevice() != kSink.toUtf8(); },
                                5000));
        if (failed.isEmpty()) {
            const quint64 before = out.framesPulled();
            QVERIFY2(QTest::qWaitFor([&] { return out.framesPulled() > before + 4800; }, 5000),
                     "the moved stream does not play");
        } else {
            QCOMPARE(failed.at(0).at(0).toByteArray(), kSink.toUtf8());
        }
        out.stop();

        // What the sink played: the whole tone, no gaps, at 1 kHz.
        const auto *s = reinterpret_cast<const qint16 *>(recorded.constData());
        const ToneSpan tone = findTone(recorded);
        QVERIFY2(tone.first >= 0, "the tone was not played");
        const int first = tone.first, last = tone.last, quiet = tone.quiet, toneMs = tone.ms();
        qInfo("played %d ms of tone, %d quiet 10 ms blocks inside; stream underruns %llu (while the tone "
              "played), jitter-buffer underruns %llu, concealed %llu; latency %lld us, buffer %d ms",
              toneMs, quiet, static_cast<unsigned long long>(underruns),
              static_cast<unsigned long long>(mixed.underruns),
              static_cast<unsigned long long>(mixed.concealed), static_cast<long long>(latency), bufferMs);
        QVERIFY2(std::abs(toneMs - 1500) <= 60, qPrintable(QString::number(toneMs)));
        QCOMPARE(quiet, 0);
        int crossings = 0;
        const int from = (first + 20) * 480, to = (last - 20) * 480; // the steady middle
        for (int i = from + 1; i < to; ++i)
            crossings += (s[i - 1] < 0) != (s[i] < 0) ? 1 : 0;
        const double hz = crossings / 2.0 / (double(to - from) / 48000.0);
        QVERIFY2(std::abs(hz - 1000.0) < 20.0, qPrintable(QString::number(hz)));
    }

    // An idle speaker sleeps (the stream corked: no wake-ups for silence) and the first packet
    // wakes it in time for the whole transmission; a cue wakes it as well; it sleeps again after.
    void speakerSleepsWhileIdleAndWakesForAPacketOrCue()
    {
        SinkRecorder rec;
        QVERIFY(loadRecordedSink(rec));
        const QAudioDevice dev = waitForDevice(QAudioDevice::Output, kSink);
        QVERIFY(!dev.isNull());

        audio::PlayoutMixer mixer;
        device::PulsePlayoutStream out(&mixer);
        out.setSleepWhenIdleMs(300);
        QSignalSpy failed(&out, &device::PlayoutBackend::failed);
        out.start(dev, 20);
        QVERIFY(failed.isEmpty());
        QVERIFY2(QTest::qWaitFor([&] { return out.framesPulled() > 0; }, 3000), "the stream never started");
        QVERIFY2(QTest::qWaitFor(streamCorked, 3000), "the idle stream was not corked");
        const quint64 asleepAt = out.framesPulled();
        QTest::qWait(500);
        QCOMPARE(out.framesPulled(), asleepAt); // asleep: nothing pulled
        QCOMPARE(out.wakeups(), quint64(0));

        std::thread talker([&] { sendTone(mixer, 50); }); // 1 s
        QVERIFY2(QTest::qWaitFor([&] { return out.framesPulled() > asleepAt + 9600; }, 3000), "no wake-up");
        talker.join();
        QCOMPARE(out.wakeups(), quint64(1));
        QVERIFY2(QTest::qWaitFor(streamCorked, 3000), "the stream did not go back to sleep");
        QTest::qWait(200);
        const ToneSpan tone = findTone(rec.recorded());
        qInfo("woken tone: %d ms, %d quiet 10 ms blocks inside", tone.ms(), tone.quiet);
        QVERIFY2(std::abs(tone.ms() - 1000) <= 60, qPrintable(QString::number(tone.ms())));
        QCOMPARE(tone.quiet, 0);

        // A local cue (no packet at all) wakes it too.
        mixer.cues().setEnabled(audio::CuePlayer::Cue::Permit, true);
        const quint64 before = out.framesPulled();
        mixer.cues().trigger(audio::CuePlayer::Cue::Permit);
        QVERIFY2(QTest::qWaitFor([&] { return out.framesPulled() > before + 4800; }, 3000),
                 "a cue did not wake it");
        QCOMPARE(out.wakeups(), quint64(2));
        QVERIFY(QTest::qWaitFor(streamCorked, 3000));
        out.stop();
        QVERIFY(rec.stop());
        QVERIFY(failed.isEmpty());
    }

    void captureDeliversWhatThePipeSourceGets()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("mic.fifo"));
        QVERIFY(load({QStringLiteral("module-pipe-source"), QStringLiteral("source_name=") + kMic,
                      QStringLiteral("file=") + fifo, QStringLiteral("format=s16le"),
                      QStringLiteral("rate=48000"), QStringLiteral("channels=1")}));
        const QAudioDevice dev = waitForDevice(QAudioDevice::Input, kMic);
        QVERIFY(!dev.isNull());

        device::CaptureQueue queue;
        device::PulseCaptureStream in(&queue);
        QSignalSpy started(&in, &device::CaptureBackend::started);
        QSignalSpy failed(&in, &device::CaptureBackend::failed);
        in.start(dev, 10);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(0).toByteArray(), kMic.toUtf8());

        // The microphone: a sawtooth (+1 per sample), so every sample says where it belongs,
        // written in 20 ms chunks on a real-time schedule.
        std::atomic<bool> quit{false};
        struct Joiner { // the feeder ends with the test function, also when a check fails
            std::atomic<bool> &quit;
            std::thread thread;
            ~Joiner()
            {
                quit.store(true);
                if (thread.joinable())
                    thread.join();
            }
        } feeder{quit, std::thread([&] {
                     const int fd = ::open(fifo.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK);
                     if (fd < 0)
                         return;
                     qint16 chunk[960];
                     quint16 next = 0;
                     const auto start = std::chrono::steady_clock::now();
                     for (int k = 0; !quit.load(); ++k) {
                         std::this_thread::sleep_until(start + std::chrono::milliseconds(20 * k));
                         for (qint16 &v : chunk)
                             v = qint16(next++);
                         if (::write(fd, chunk, sizeof chunk) < 0)
                             break;
                     }
                     ::close(fd);
                 })};

        std::vector<qint16> got;
        std::vector<qint64> popUs;
        qint64 lastStamp = 0;
        bool stampsIncrease = true;
        QElapsedTimer t;
        t.start();
        device::CaptureFrame frame;
        while (t.elapsed() < 2000) {
            queue.wait(50);
            while (queue.pop(frame)) {
                got.insert(got.end(), frame.samples, frame.samples + audio::kFrameSamples);
                popUs.push_back(device::monotonicUs());
                stampsIncrease = stampsIncrease && frame.captureUs > lastStamp;
                lastStamp = frame.captureUs;
            }
        }
        const float peak = in.peak();
        const quint64 frames = in.framesCaptured();
        QCOMPARE(in.currentDevice(), kMic.toUtf8());

        // The source is removed: moved elsewhere by PulseAudio, or failed(id); never a silent stall.
        unloadAll();
        QVERIFY(QTest::qWaitFor([&] { return failed.count() == 1 || in.currentDevice() != kMic.toUtf8(); },
                                5000));
        if (!failed.isEmpty())
            QCOMPARE(failed.at(0).at(0).toByteArray(), kMic.toUtf8());
        in.stop();
        quit.store(true);

        QVERIFY(quint64(popUs.size()) <= frames && quint64(popUs.size()) + 2 >= frames);
        QVERIFY2(frames >= 90 && frames <= 110, qPrintable(QString::number(frames))); // 2 s = 100 frames
        QVERIFY(stampsIncrease);
        QVERIFY2(peak > 0.9f, qPrintable(QString::number(peak)));
        // In order and complete from the first sawtooth sample on (before it: the source's
        // silence while nobody wrote).
        size_t i = 0;
        while (i < got.size() && got[i] == 0)
            ++i;
        int breaks = 0;
        size_t onRamp = 0;
        for (size_t k = i + 1; k < got.size(); ++k) {
            if (qint16(got[k - 1] + 1) == got[k])
                ++onRamp;
            else
                ++breaks;
        }
        std::vector<qint64> gaps;
        for (size_t k = 1; k < popUs.size(); ++k)
            gaps.push_back(popUs[k] - popUs[k - 1]);
        std::sort(gaps.begin(), gaps.end());
        qInfo(
            "captured %llu frames, %zu samples on the ramp, %d breaks; frames arrive every %lld us (median), "
            "fragment %d ms",
            static_cast<unsigned long long>(frames), onRamp, breaks,
            static_cast<long long>(gaps.empty() ? 0 : gaps[gaps.size() / 2]), in.fragmentMs());
        QVERIFY2(breaks <= 1, qPrintable(QString::number(breaks))); // a late feeder tick may cut once
        QVERIFY2(onRamp >= size_t(48000 * 17 / 10), qPrintable(QString::number(onRamp)));
    }

    void serverGoneIsReportedAsFailed()
    {
        // A second, private PulseAudio with a sink and a source of the same names as devices the
        // test server lists (Qt's catalog, which hands out the QAudioDevice, talks to that one).
        QVERIFY(load({QStringLiteral("module-null-sink"), QStringLiteral("sink_name=") + kSink}));
        QVERIFY(load({QStringLiteral("module-null-source"), QStringLiteral("source_name=") + kMic}));
        const QAudioDevice spk = waitForDevice(QAudioDevice::Output, kSink);
        const QAudioDevice mic = waitForDevice(QAudioDevice::Input, kMic);
        QVERIFY(!spk.isNull() && !mic.isNull());

        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("runtime")));
        QFile::setPermissions(dir.filePath(QStringLiteral("runtime")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QString sock = dir.filePath(QStringLiteral("priv.sock"));
        QFile cfg(dir.filePath(QStringLiteral("priv.pa")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(QStringLiteral("load-module module-native-protocol-unix auth-anonymous=1 socket=%1\n"
                                 "load-module module-null-sink sink_name=%2 rate=48000 channels=1\n"
                                 "load-module module-null-source source_name=%3 rate=48000 channels=1\n")
                      .arg(sock, kSink, kMic)
                      .toUtf8());
        cfg.close();
        ChildProcess server; // its log goes to the test's standard error
        QVERIFY(server.start(QStringLiteral("pulseaudio"),
                             {QStringLiteral("-n"), QStringLiteral("-F"), cfg.fileName(),
                              QStringLiteral("--daemonize=no"), QStringLiteral("--exit-idle-time=-1"),
                              QStringLiteral("--disallow-exit"), QStringLiteral("--log-target=stderr"),
                              QStringLiteral("--log-level=error")},
                             QString(),
                             {QStringLiteral("XDG_RUNTIME_DIR=") + dir.filePath(QStringLiteral("runtime")),
                              QStringLiteral("HOME=") + dir.path()}));
        QVERIFY2(QTest::qWaitFor([&] { return QFile::exists(sock); }, 10000),
                 "the private server did not start");

        audio::PlayoutMixer mixer;
        device::CaptureQueue queue;
        device::PulsePlayoutStream out(&mixer);
        device::PulseCaptureStream in(&queue);
        QSignalSpy outFailed(&out, &device::PlayoutBackend::failed);
        QSignalSpy inFailed(&in, &device::CaptureBackend::failed);
        const QByteArray saved = qgetenv("PULSE_SERVER");
        qputenv("PULSE_SERVER", QStringLiteral("unix:%1").arg(sock).toUtf8());
        out.start(spk, 20);
        in.start(mic, 10);
        qputenv("PULSE_SERVER", saved);
        QVERIFY(outFailed.isEmpty() && inFailed.isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return out.framesPulled() > 4800 && in.framesCaptured() > 5; }, 5000));

        server.kill(); // the server crashes
        QVERIFY(server.waitForFinished(5000));
        QVERIFY(QTest::qWaitFor([&] { return outFailed.count() == 1 && inFailed.count() == 1; }, 5000));
        QCOMPARE(outFailed.at(0).at(0).toByteArray(), kSink.toUtf8());
        QCOMPARE(inFailed.at(0).at(0).toByteArray(), kMic.toUtf8());
        QVERIFY(out.currentDevice().isEmpty() && in.currentDevice().isEmpty()); // torn down
        QTest::qWait(200);
        QCOMPARE(outFailed.count() + inFailed.count(), 2); // once each
        qInfo().noquote() << "reported:" << outFailed.at(0).at(1).toString() << "/"
                          << inFailed.at(0).at(1).toString();
    }

    void failsCleanlyWithoutTheDevice()
    {
        // A device Qt listed a moment ago that is gone when the stream opens: failed(), no hang.
        QVERIFY(load({QStringLiteral("module-null-sink"), QStringLiteral("sink_name=") + kSink}));
        const QAudioDevice dev = waitForDevice(QAudioDevice::Output, kSink);
        QVERIFY(!dev.isNull());
        unloadAll();
        audio::PlayoutMixer mixer;
        device::PulsePlayoutStream out(&mixer);
        QSignalSpy failed(&out, &device::PlayoutBackend::failed);
        QElapsedTimer t;
        t.start();
        out.start(dev, 20);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).toByteArray(), kSink.toUtf8());
        QVERIFY(t.elapsed() < 3000);
        QTest::qWait(200);
        QCOMPARE(failed.count(), 1); // reported once
    }

private:
    bool load(const QStringList &args) { return m_modules.load(args); }
    void unloadAll() { m_modules.unloadAll(); }
    // Loads the null sink kSink and records its monitor.
    bool loadRecordedSink(SinkRecorder &rec)
    {
        return load({QStringLiteral("module-null-sink"), QStringLiteral("sink_name=") + kSink,
                     QStringLiteral("format=s16le"), QStringLiteral("rate=48000"),
                     QStringLiteral("channels=1")}) &&
               rec.start(kSink);
    }

    LoadedModules m_modules;
};

QTEST_GUILESS_MAIN(TestPulseBackend)
#include "test_pulse_backend.moc"
