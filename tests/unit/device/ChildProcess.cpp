#include "ChildProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

extern char **environ;

namespace tenfour::testing {

namespace {

// argv/envp for posix_spawn: the strings are kept alive by `storage`.
std::vector<char *> cStrings(const std::vector<QByteArray> &storage)
{
    std::vector<char *> out;
    out.reserve(storage.size() + 1);
    for (const QByteArray &s : storage)
        out.push_back(const_cast<char *>(s.constData()));
    out.push_back(nullptr);
    return out;
}

std::vector<QByteArray> environmentWith(const QStringList &env)
{
    std::vector<QByteArray> out;
    QList<QByteArray> names;
    for (const QString &e : env) {
        out.push_back(e.toLocal8Bit());
        names << out.back().left(out.back().indexOf('=') + 1);
    }
    for (char **e = environ; *e; ++e) {
        const QByteArray var(*e);
        const bool replaced =
            std::any_of(names.begin(), names.end(), [&](const QByteArray &n) { return var.startsWith(n); });
        if (!replaced)
            out.push_back(var);
    }
    return out;
}

} // namespace

ChildProcess::~ChildProcess()
{
    if (m_pid > 0 && !m_ended) {
        ::kill(m_pid, SIGKILL);
        reap(true);
    }
}

bool ChildProcess::start(const QString &program, const QStringList &args, const QString &stdoutFile,
                         const QStringList &env)
{
    std::vector<QByteArray> argStorage{program.toLocal8Bit()};
    for (const QString &a : args)
        argStorage.push_back(a.toLocal8Bit());
    const std::vector<QByteArray> envStorage = environmentWith(env);
    const std::vector<char *> argv = cStrings(argStorage);
    const std::vector<char *> envp = cStrings(envStorage);
    const QByteArray out = stdoutFile.isEmpty() ? QByteArray("/dev/null") : stdoutFile.toLocal8Bit();

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    const int rc = posix_spawnp(&m_pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        qWarning("cannot start %s: %s", argv[0], strerror(rc));
        m_pid = -1;
        return false;
    }
    m_ended = false;
    return true;
}

bool ChildProcess::reap(bool block)
{
    if (m_pid <= 0 || m_ended)
        return m_ended;
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(m_pid, &status, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == m_pid) {
        m_status = status;
        m_ended = true;
    }
    return m_ended;
}

bool ChildProcess::waitForFinished(int timeoutMs)
{
    if (m_pid <= 0)
        return false;
    QElapsedTimer t;
    t.start();
    while (!reap(false)) {
        if (t.hasExpired(timeoutMs))
            return false;
        QThread::msleep(2);
    }
    return true;
}

void ChildProcess::terminate()
{
    if (m_pid > 0 && !m_ended)
        ::kill(m_pid, SIGTERM);
}

void ChildProcess::kill()
{
    if (m_pid > 0 && !m_ended)
        ::kill(m_pid, SIGKILL);
}

bool ChildProcess::isRunning()
{
    return m_pid > 0 && !reap(false);
}

bool ChildProcess::succeeded() const
{
    return m_ended && WIFEXITED(m_status) && WEXITSTATUS(m_status) == 0;
}

QString runForOutput(const QString &program, const QStringList &args, bool *ok, int timeoutMs)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("stdout"));
    ChildProcess p;
    const bool good =
        dir.isValid() && p.start(program, args, file) && p.waitForFinished(timeoutMs) && p.succeeded();
    if (ok)
        *ok = good;
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

} // namespace tenfour::testing
