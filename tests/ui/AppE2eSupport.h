#pragma once
// What the end-to-end tests of the real `tenfour` app share: waiting for a child process to
// print something, stopping it, feeding the test PulseAudio's pipe source micA in real time,
// and the level of each 20 ms frame of a recording.

#include <QByteArray>
#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fcntl.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace app_e2e {

constexpr double kToneAmplitude = 0.3;

inline bool waitForOutput(QProcess &p, const QByteArray &needle, QByteArray *seen, int ms)
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

inline void stopProcess(QProcess &p)
{
    if (p.state() == QProcess::NotRunning)
        return;
    p.terminate();
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished(3000);
    }
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

} // namespace app_e2e
