#pragma once
// What test_pulse_backend needs around the backend under test: pactl, the devices it loads, a
// talker feeding the mixer in real time, a recorder of a null sink's monitor, and the analysis
// of what was recorded. Processes are started with ChildProcess (posix_spawn), so the test runs
// under ThreadSanitizer too (ChildProcess.h says why not QProcess).

#include "ChildProcess.h"

#include <QAudioDevice>
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace tenfour::audio {
class PlayoutMixer;
}

namespace tenfour::testing {

inline const QString kSink = QStringLiteral("tenfourPulseTestSink");
inline const QString kMic = QStringLiteral("tenfourPulseTestMic");

QString pactl(const QStringList &args, bool *ok = nullptr);
// The device Qt lists under `id`, waiting up to 5 s for it to show up (null when it does not).
QAudioDevice waitForDevice(QAudioDevice::Mode mode, const QString &id);
// Whether PulseAudio shows a playback stream of this process corked (paused by the client).
bool streamCorked();

// A talker on the network: 1 kHz at -12 dBFS, one Opus packet every 20 ms from the calling
// thread (the mixer's producer side), stamped on arrival like Receiver does.
void sendTone(audio::PlayoutMixer &mixer, int packets);

double rms(const qint16 *x, int n);
// Where the tone is in a recording of the sink's monitor, in 10 ms blocks: the first and last
// loud block (-1 when none) and the quiet blocks between them (gaps).
struct ToneSpan {
    int first = -1;
    int last = -1;
    int quiet = 0;
    int ms() const { return first < 0 ? 0 : (last - first + 1) * 10; }
};
ToneSpan findTone(const QByteArray &recorded);

// The modules a test loaded, unloaded by index (only those) when it is done.
class LoadedModules {
public:
    ~LoadedModules() { unloadAll(); }
    bool load(const QStringList &args);
    void unloadAll();

private:
    QStringList m_ids;
};

// parecord of a sink's monitor, raw s16le mono 48 kHz, into a file.
class SinkRecorder {
public:
    // Starts recording; waits out the 2 s a fresh null sink renders ahead before it pulls
    // anything (the shared harness's "pins" exist for the same reason).
    bool start(const QString &sink);
    QByteArray recorded() const; // everything so far
    bool stop();                 // true when parecord ended within 5 s

private:
    QTemporaryDir m_dir;
    ChildProcess m_process;
};

} // namespace tenfour::testing
