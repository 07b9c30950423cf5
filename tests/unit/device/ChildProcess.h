#pragma once
// A child process for tests that also run under ThreadSanitizer (tests/tsan), started with
// posix_spawn instead of QProcess.
//
// Why: Qt 6.4's QProcess starts its child with a vfork-like clone (CLONE_VM | CLONE_VFORK, seen
// with strace), and that child runs Qt code in the test's own memory until it execs. TSan then
// takes the test itself for a child after a multi-threaded fork: it stops it at its next new
// thread, and with die_after_fork=0 it silently stops checking it (a race planted between the
// playout callback and a packet thread went unreported). glibc's posix_spawn child runs only
// glibc's own code before exec, out of TSan's sight.

#include <QString>
#include <QStringList>
#include <sys/types.h>

namespace tenfour::testing {

class ChildProcess {
public:
    ChildProcess() = default;
    ~ChildProcess(); // a child still running is killed and reaped
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    // Starts `program` (searched in PATH) with `args`. Its standard output goes to `stdoutFile`
    // (created or truncated), or to /dev/null when empty; standard error stays the test's.
    // `env` entries ("NAME=value") are added to the test's environment, replacing a variable of
    // the same name. False when it could not be started.
    bool start(const QString &program, const QStringList &args, const QString &stdoutFile = QString(),
               const QStringList &env = QStringList());
    // True once the child has ended (within `timeoutMs`). Blocks, like QProcess's.
    bool waitForFinished(int timeoutMs);
    void terminate(); // SIGTERM
    void kill();      // SIGKILL
    bool isRunning();
    // Ended by exit() with status 0.
    bool succeeded() const;

private:
    bool reap(bool block);

    pid_t m_pid = -1;
    int m_status = 0;
    bool m_ended = false;
};

// Runs a program to its end (at most `timeoutMs`) and returns its standard output, trimmed;
// *ok says whether it exited with status 0.
QString runForOutput(const QString &program, const QStringList &args, bool *ok = nullptr,
                     int timeoutMs = 5000);

} // namespace tenfour::testing
