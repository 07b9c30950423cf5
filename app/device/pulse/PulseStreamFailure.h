#pragma once
// The failure of a Pulse stream after it opened (its device removed, the server gone), told to
// the stream's owner once, on the owner's thread. The stream's state callback runs on the
// mainloop thread, where the owner's objects are not to be touched and where start() may itself
// be waiting for the same state change: so the callback only wakes that waiter and posts the
// news, tagged with the start() it belongs to; news of a stream replaced since is dropped.
//
// Used by PulseCaptureStream and PulsePlayoutStream: arm() in start() with the context locked,
// before the stream is connected, and onState as the stream's state callback (userdata: this).

#include <QObject>
#include <QString>
#include <functional>

struct pa_stream;

namespace tenfour::device {

class PulseContext;

class PulseStreamFailure {
public:
    // Owner thread, context locked. `what` names the device for the message ("speaker \"X\"");
    // onFailure(why) runs on `owner`'s thread, at most once for this start().
    void arm(QObject *owner, PulseContext *ctx, const QString &what,
             std::function<void(const QString &)> onFailure);
    // pa_stream state callback (mainloop thread).
    static void onState(pa_stream *s, void *userdata);

private:
    QObject *m_owner = nullptr;
    PulseContext *m_ctx = nullptr; // mainloop thread reads it; set under the context lock
    QString m_what;
    std::function<void(const QString &)> m_onFailure; // owner thread
    quint64 m_generation = 0;                         // which start(); written with the lock held
    bool m_queued = false;                            // mainloop thread: one report per stream
};

} // namespace tenfour::device
