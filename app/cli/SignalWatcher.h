#pragma once
// Turns SIGINT/SIGTERM into a Qt signal through a self-pipe, so the program can stop cleanly
// (close its audio streams, say goodbye to the relay) instead of dying mid-write.

#include <QObject>

class QSocketNotifier;

namespace tenfour::cli {

class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    static void handler(int sig);
    static int s_fds[2];
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace tenfour::cli
