#pragma once
// Pushes like a real-time producer would, but without the waiting: never more than the queue
// holds, so no frame is dropped however slowly the worker runs (ASan, a busy CI machine).

#include "engine/Transmitter.h"

#include <QTest>

inline void pushPaced(tenfour::engine::Transmitter &tx, const tenfour::device::CaptureFrame &f)
{
    QVERIFY(QTest::qWaitFor([&] { return tx.queue()->sizeApprox() < 40; }, 5000));
    QVERIFY(tx.queue()->push(f));
}
