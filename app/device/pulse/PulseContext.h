#pragma once
// One connection to the PulseAudio server (works with pipewire-pulse too): a
// pa_threaded_mainloop, whose own thread runs every libpulse callback, and a pa_context on it.
// Each Pulse stream owns one, so a stream that fails (server gone, device removed) is torn down
// and reopened on its own without touching the other direction.
//
// Thread rules (libpulse's): calls into libpulse from other threads happen between lock() and
// unlock(); callbacks run on the mainloop thread with the lock already held, and wake a waiting
// thread with signal(). waitUntil() is how the owner waits for a state change, with a timeout so
// a stuck server cannot hang the engine.

#include <QByteArray>
#include <QString>
#include <functional>

struct pa_context;
struct pa_stream;
struct pa_threaded_mainloop;

namespace tenfour::device {

class PulseContext {
public:
    PulseContext();
    ~PulseContext(); // disconnects and stops the mainloop thread
    PulseContext(const PulseContext &) = delete;
    PulseContext &operator=(const PulseContext &) = delete;

    // Connects (PULSE_SERVER and client.conf honoured by libpulse) and waits up to timeoutMs for
    // the context to be ready. False with *error set otherwise.
    bool connect(const QString &clientName, int timeoutMs, QString *error);

    // True when a PulseAudio server answers within timeoutMs (used to pick the backend).
    static bool probe(int timeoutMs, QString *error);

    pa_threaded_mainloop *mainloop() const { return m_mainloop; }
    pa_context *context() const { return m_context; }
    // libpulse's last error on this context, as text.
    QString lastError() const;

    void lock();
    void unlock();
    // Mainloop thread (in a callback): wakes the thread in waitUntil().
    void signal();
    // With the lock held: waits until done() is true (checked after every signal()) or
    // timeoutMs passes. Returns done().
    bool waitUntil(const std::function<bool()> &done, int timeoutMs);

    // Streams of this context, from the owner thread (both take the lock):
    // the device a stream plays to or records from now (PulseAudio may have moved it), or empty;
    QByteArray deviceName(pa_stream *stream);
    // detaches every callback (none runs after this), disconnects and releases the stream, and
    // sets it to null.
    void releaseStream(pa_stream *&stream);

private:
    pa_threaded_mainloop *m_mainloop = nullptr;
    pa_context *m_context = nullptr;
    bool m_running = false;
};

} // namespace tenfour::device
