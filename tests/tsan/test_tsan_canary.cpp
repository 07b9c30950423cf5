// The check of the checker: a data race that ThreadSanitizer must report in this build, with the
// preset's options and tests/tsan.supp, after a child process was started the way
// test_pulse_backend starts its own (ChildProcess, posix_spawn). ctest passes it only when the
// output holds TSan's report (PASS_REGULAR_EXPRESSION), so it fails when something blinds TSan:
// a suppression that reaches our code, an option such as die_after_fork=0 after a vfork-like
// child (how Qt 6.4's QProcess starts one: TSan then stopped checking the whole test), or a
// build without -fsanitize=thread.

#include "ChildProcess.h"

#include <cstdio>
#include <thread>

namespace {

int g_counter = 0; // written by two threads with nothing ordering them: the race

void bump()
{
    for (int i = 0; i < 100000; ++i)
        ++g_counter;
}

} // namespace

int main()
{
    tenfour::testing::ChildProcess child;
    if (!child.start(QStringLiteral("true"), {}) || !child.waitForFinished(5000) || !child.succeeded()) {
        std::puts("could not run a child process");
        return 1;
    }
    std::thread a(bump);
    std::thread b(bump);
    a.join();
    b.join();
    std::printf("counter %d\n", g_counter);
    return 0;
}
