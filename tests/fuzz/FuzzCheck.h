#pragma once
// Shared by the fuzz targets: FUZZ_CHECK aborts on a broken invariant (libFuzzer then keeps the
// input as a crash artifact), and quietQt() silences Qt's debug/warning output, which the
// malformed inputs trigger on purpose and which would otherwise slow the run to a crawl.

#include <QString>
#include <QtGlobal>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                                     \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);                \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (0)

inline void quietQt()
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &msg) {
        if (type == QtFatalMsg) {
            std::fprintf(stderr, "qFatal: %s\n", qPrintable(msg));
            std::abort();
        }
    });
}
