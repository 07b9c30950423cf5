// The decisions of the Windows low-level hook (LowLevelHookListener), which cannot run here:
// what it reports, and what it swallows. Fed with the event sequences a hook sees.

#include "input/win/KeySwallowFilter.h"

#include <QtTest>

using tenfour::input::win::KeySwallowFilter;

namespace {
constexpr unsigned kF8 = 0x77;       // VK_F8
constexpr unsigned kA = 0x41;        // 'A'
constexpr unsigned kRControl = 0xA3; // VK_RCONTROL

// A backend stand-in: F8, Right Ctrl and the given mouse buttons are bound.
struct Bound {
    QList<unsigned> codes{kF8, kRControl};
    QStringList log;
    bool operator()(unsigned code, bool down)
    {
        log << QStringLiteral("%1%2").arg(down ? QLatin1Char('+') : QLatin1Char('-')).arg(code, 0, 16);
        return codes.contains(code);
    }
};
} // namespace

class TestKeySwallowFilter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void swallowsExactlyTheBoundKey()
    {
        KeySwallowFilter f;
        Bound b;
        const KeySwallowFilter::Report report = std::ref(b);
        QVERIFY(f.handle(kF8, true, report));
        QVERIFY(f.handle(kF8, false, report));
        QVERIFY(!f.handle(kA, true, report));
        QVERIFY(!f.handle(kA, false, report));
        QCOMPARE(b.log, (QStringList{QStringLiteral("+77"), QStringLiteral("-77"), QStringLiteral("+41"),
                                     QStringLiteral("-41")}));
    }

    void autorepeatIsReportedOnceAndSharesThePressFate()
    {
        KeySwallowFilter f;
        Bound b;
        const KeySwallowFilter::Report report = std::ref(b);
        QVERIFY(f.handle(kRControl, true, report));
        for (int i = 0; i < 5; ++i)
            QVERIFY(f.handle(kRControl, true, report)); // repeats: swallowed, not reported
        QVERIFY(!f.handle(kA, true, report));
        QVERIFY(!f.handle(kA, true, report)); // an unbound key's repeats pass
        QVERIFY(f.handle(kRControl, false, report));
        QCOMPARE(b.log, (QStringList{QStringLiteral("+a3"), QStringLiteral("+41"), QStringLiteral("-a3")}));
    }

    void releaseFollowsItsPressNotTheCurrentBinding()
    {
        KeySwallowFilter f;
        Bound b;
        const KeySwallowFilter::Report report = std::ref(b);
        // Pressed while unbound, bound while held: the focused program saw the press, so it must
        // see the release too (no stuck key there).
        QVERIFY(!f.handle(kA, true, report));
        b.codes << kA;
        QVERIFY(!f.handle(kA, false, report));
        // And the other way round: a swallowed press keeps its release swallowed.
        QVERIFY(f.handle(kF8, true, report));
        b.codes.clear();
        QVERIFY(f.handle(kF8, false, report));
    }

    void releaseWithoutPressPassesUnreported()
    {
        // Held before the hook was installed: only the release arrives.
        KeySwallowFilter f;
        Bound b;
        const KeySwallowFilter::Report report = std::ref(b);
        QVERIFY(!f.handle(kF8, false, report));
        QVERIFY(b.log.isEmpty());
        QVERIFY(!f.isDown(kF8));
    }

    void leftMouseButtonIsNeverSwallowed()
    {
        KeySwallowFilter f;
        Bound b;
        b.codes = {KeySwallowFilter::kMouseButtonBase + 1, KeySwallowFilter::kMouseButtonBase + 8};
        const KeySwallowFilter::Report report = std::ref(b);
        QVERIFY(!f.handle(KeySwallowFilter::kMouseButtonBase + 1, true, report)); // still reported
        QVERIFY(!f.handle(KeySwallowFilter::kMouseButtonBase + 1, false, report));
        QVERIFY(f.handle(KeySwallowFilter::kMouseButtonBase + 8, true, report));
        QVERIFY(f.handle(KeySwallowFilter::kMouseButtonBase + 8, false, report));
        QCOMPARE(b.log.size(), 4);
    }

    void resetForgetsHeldKeys()
    {
        KeySwallowFilter f;
        Bound b;
        const KeySwallowFilter::Report report = std::ref(b);
        QVERIFY(f.handle(kF8, true, report));
        QVERIFY(f.isDown(kF8));
        f.reset();
        QVERIFY(!f.isDown(kF8));
        QVERIFY(!f.handle(kF8, false, report)); // its release now passes, unreported
        QCOMPARE(b.log, QStringList{QStringLiteral("+77")});
    }

    void outOfRangeCodesPass()
    {
        KeySwallowFilter f;
        Bound b;
        b.codes = {KeySwallowFilter::kCodeCount + 3};
        const KeySwallowFilter::Report report = std::ref(b);
        QVERIFY(!f.handle(KeySwallowFilter::kCodeCount + 3, true, report));
        QVERIFY(b.log.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestKeySwallowFilter)
#include "test_key_swallow_filter.moc"
