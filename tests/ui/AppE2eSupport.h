#pragma once
// What the end-to-end tests of the real `tenfour` app share: the relay, the app and the
// recorder started as child processes (on top of the e2e tests' E2eProcess.h), feeding the test
// PulseAudio's pipe source micA in real time, and the levels of a recording.

#include "../e2e/E2eProcess.h"

#include "ui/AppSettings.h"

#include "engine/WavFile.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QString>
#include <QTemporaryDir>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fcntl.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace app_e2e {

constexpr double kToneAmplitude = 0.3;

using tenfour::test::startRelay;
using tenfour::test::waitForOutput;

// The app and the relay get 5 s to quit on SIGTERM here before they are killed.
inline void stopProcess(QProcess &p)
{
    tenfour::test::stopProcess(p, 5000);
}

// A clean profile for the app under dir/config: no first-run guide, F8 as the PTT key, the given
// channel keys, nothing else saved. False if it could not be written.
inline bool writeProfile(const QTemporaryDir &dir, const QList<tenfour::ui::ChannelKey> &channelKeys = {})
{
    QSettings qs(dir.filePath(QStringLiteral("config")) + QStringLiteral("/Tenfour/tenfour.conf"),
                 QSettings::IniFormat);
    tenfour::ui::AppSettings s;
    s.firstRunDone = true;
    s.trayHintShown = true;
    s.pttKey = QStringLiteral("F8");
    s.channelKeys = channelKeys;
    s.save(qs);
    qs.sync();
    return qs.status() == QSettings::NoError;
}

// Starts the app (named "app") on `url` in `channel`, with the profile of writeProfile(dir), its
// home and data under dir too, micA as its microphone and spkB as its speaker; its stderr goes to
// the test's. `platform` is the Qt platform plugin: "xcb" for the global keys under Xvfb.
inline void startApp(QProcess &app, const QTemporaryDir &dir, const QString &instance,
                     const QString &platform, const QString &url, const QString &channel)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("PULSE_SOURCE"), QStringLiteral("micA"));
    env.insert(QStringLiteral("PULSE_SINK"), QStringLiteral("spkB"));
    env.insert(QStringLiteral("TENFOUR_INSTANCE"), instance);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(QStringLiteral(TENFOUR_APP_PATH), {QStringLiteral("--server"), url, QStringLiteral("--channel"),
                                                 channel, QStringLiteral("--name"), QStringLiteral("app")});
}

// Starts `tenfour-cli record` of `channel` into `wav` for `seconds`; true once it says it records.
// `printed` collects what it printed meanwhile, for the failure message.
inline bool startRecorder(QProcess &rec, const QString &url, const QString &name, const QString &channel,
                          const QString &wav, double seconds, QByteArray *printed)
{
    rec.start(QStringLiteral(TENFOUR_CLI_PATH),
              {QStringLiteral("--server"), url, QStringLiteral("--name"), name, QStringLiteral("--channel"),
               channel, QStringLiteral("record"), wav, QStringLiteral("--seconds"),
               QString::number(seconds)});
    return waitForOutput(rec, "recording ", printed, 10000);
}

// Writes 20 ms chunks into the pipe source's FIFO on a steady clock (the source does not pace):
// silence, or a 440 Hz tone while toneOn.
class ToneFeeder {
public:
    explicit ToneFeeder(const QString &path)
    {
        m_fd = ::open(path.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK);
    }
    ~ToneFeeder()
    {
        m_quit.store(true);
        if (m_thread.joinable())
            m_thread.join();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isOpen() const { return m_fd >= 0; }
    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void setTone(bool on) { m_tone.store(on); }

private:
    void run()
    {
        constexpr int kChunk = 960;
        const auto start = std::chrono::steady_clock::now();
        qint64 phase = 0;
        for (qint64 k = 0; !m_quit.load(); ++k) {
            std::this_thread::sleep_until(start + std::chrono::milliseconds(20 * k));
            qint16 buf[kChunk] = {};
            if (m_tone.load()) {
                for (int i = 0; i < kChunk; ++i, ++phase)
                    buf[i] =
                        qint16(kToneAmplitude * 32767 * std::sin(2 * M_PI * 440.0 * double(phase) / 48000.0));
            }
            // A full FIFO drops the chunk: never queued late.
            [[maybe_unused]] const ssize_t n = ::write(m_fd, buf, sizeof buf);
        }
    }

    int m_fd = -1;
    std::thread m_thread;
    std::atomic<bool> m_tone{false}, m_quit{false};
};

// RMS in dBFS of each 20 ms frame.
inline std::vector<double> frameLevels(const std::vector<float> &mono)
{
    std::vector<double> out;
    for (size_t at = 0; at + 960 <= mono.size(); at += 960) {
        double sum = 0;
        for (size_t i = at; i < at + 960; ++i)
            sum += double(mono[i]) * mono[i];
        const double rms = std::sqrt(sum / 960);
        out.push_back(rms > 1e-7 ? 20 * std::log10(rms) : -140.0);
    }
    return out;
}

// What a recording of about `seconds` with one talk in it holds, by 20 ms frame.
struct Levels {
    int longestRun = 0; // the most frames with sound (above -40 dBFS; the tone is -13 dBFS RMS) in a row
    double headPeak = -140, tailPeak = -140, peak = -140;
};

// Reads the recording `wav`; on failure (unreadable, or more than 5 frames short) sets *error.
inline Levels analyse(const QString &wav, double seconds, QString *error)
{
    Levels out;
    tenfour::engine::WavFile file;
    if (!tenfour::engine::WavFile::read(wav, file, error)) {
        if (error->isEmpty())
            *error = QStringLiteral("%1: cannot read the recording").arg(wav);
        return out;
    }
    const std::vector<double> levels = frameLevels(file.toMono());
    if (levels.size() < size_t(seconds * 50) - 5) {
        *error = QStringLiteral("%1: recording too short").arg(wav);
        return out;
    }
    int run = 0;
    for (size_t i = 0; i < levels.size(); ++i) {
        run = levels[i] > -40.0 ? run + 1 : 0;
        out.longestRun = qMax(out.longestRun, run);
        out.peak = qMax(out.peak, levels[i]);
        if (i < 40) // 0 .. 0.8 s: before the press
            out.headPeak = qMax(out.headPeak, levels[i]);
        if (i >= levels.size() - 50) // the last second: long after the release
            out.tailPeak = qMax(out.tailPeak, levels[i]);
    }
    return out;
}

} // namespace app_e2e
