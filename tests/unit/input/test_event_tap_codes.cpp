// The decoding part of the macOS event tap (EventTapListener cannot be built here): flag words
// as a kCGEventFlagsChanged event carries them, built from Apple's documented bit values.

#include "input/PttKey.h"
#include "input/mac/EventTapCodes.h"

#include <QtTest>

using tenfour::input::PttKey;
using tenfour::input::mac::EventTapCodes;

namespace {
// kCGEventFlagMask* (CGEventTypes.h) and NX_DEVICE*KEYMASK (IOLLEvent.h), spelled out again here
// so a typo in EventTapCodes.cpp cannot hide behind a shared constant.
constexpr quint64 kControl = 0x40000, kShift = 0x20000, kOption = 0x80000, kCommand = 0x100000;
constexpr quint64 kLeftCtl = 0x1, kRightCtl = 0x2000, kRightShift = 0x4, kLeftCmd = 0x8;
constexpr quint64 kNonCoalesced = 0x100; // kCGEventFlagMaskNonCoalesced, set on most events
} // namespace

class TestEventTapCodes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rightControlAloneGoesDownAndUp()
    {
        const unsigned rc = EventTapCodes::keyCodeForModifierName("Control_R");
        QCOMPARE(rc, 0x3Eu); // kVK_RightControl
        QCOMPARE(EventTapCodes::modifierKeyDown(rc, kNonCoalesced | kControl | kRightCtl), 1);
        QCOMPARE(EventTapCodes::modifierKeyDown(rc, kNonCoalesced), 0);
    }

    void sidesAreToldApart()
    {
        const unsigned rc = EventTapCodes::keyCodeForModifierName("Control_R");
        const unsigned lc = EventTapCodes::keyCodeForModifierName("Control_L");
        QCOMPARE(lc, 0x3Bu); // kVK_Control
        // Left Ctrl still held while Right Ctrl goes up: the generic Control flag stays set.
        QCOMPARE(EventTapCodes::modifierKeyDown(rc, kControl | kLeftCtl), 0);
        QCOMPARE(EventTapCodes::modifierKeyDown(lc, kControl | kLeftCtl), 1);
        // Right Ctrl goes down while Left Ctrl is held.
        QCOMPARE(EventTapCodes::modifierKeyDown(rc, kControl | kLeftCtl | kRightCtl), 1);
    }

    void everySidedModifierHasItsOwnBit()
    {
        const char *names[] = {"Control_L", "Control_R", "Shift_L", "Shift_R",
                               "Alt_L",     "Alt_R",     "Super_L", "Super_R"};
        QList<quint64> bits;
        for (const char *n : names) {
            const unsigned code = EventTapCodes::keyCodeForModifierName(n);
            QVERIFY2(code, n);
            const quint64 bit = EventTapCodes::deviceFlagForKeyCode(code);
            QVERIFY2(bit && (bit & (bit - 1)) == 0, n); // exactly one bit
            QVERIFY2(!bits.contains(bit), n);
            bits << bit;
        }
        QCOMPARE(EventTapCodes::deviceFlagForKeyCode(EventTapCodes::keyCodeForModifierName("Shift_R")),
                 kRightShift);
        QCOMPARE(EventTapCodes::deviceFlagForKeyCode(EventTapCodes::keyCodeForModifierName("Super_L")),
                 kLeftCmd);
    }

    void otherKeysAreNoSidedModifier()
    {
        QCOMPARE(EventTapCodes::keyCodeForModifierName("F8"), 0u);
        QCOMPARE(EventTapCodes::modifierKeyDown(0x39 /* kVK_CapsLock */, 0x10000), -1);
        QCOMPARE(EventTapCodes::modifierKeyDown(0x3F /* kVK_Function */, 0x800000), -1);
    }

    void modifiersUsePttKeyBits()
    {
        QCOMPARE(EventTapCodes::modifiers(kNonCoalesced), 0u);
        QCOMPARE(EventTapCodes::modifiers(kShift | kControl | kOption | kCommand),
                 unsigned(PttKey::Shift | PttKey::Control | PttKey::Alt | PttKey::Super));
        QCOMPARE(EventTapCodes::modifiers(kControl | kRightCtl), unsigned(PttKey::Control));
        // What the backend compares: "Shift+Mouse9" needs Shift among the held modifiers.
        const PttKey k = PttKey::fromString(QStringLiteral("Shift+Mouse9"));
        QVERIFY(k.isValid());
        QCOMPARE(EventTapCodes::modifiers(kShift) & k.modifiers(), k.modifiers());
        QVERIFY((EventTapCodes::modifiers(kControl) & k.modifiers()) != k.modifiers());
    }

    void mouseButtonsFollowX11Numbers()
    {
        QCOMPARE(EventTapCodes::x11Button(0), 1u); // left
        QCOMPARE(EventTapCodes::x11Button(1), 3u); // right
        QCOMPARE(EventTapCodes::x11Button(2), 2u); // middle
        QCOMPARE(EventTapCodes::x11Button(3), 8u); // back, "Mouse8" in PttKey
        QCOMPARE(EventTapCodes::x11Button(4), 9u); // forward
        QCOMPARE(EventTapCodes::x11Button(-1), 0u);
    }
};

QTEST_APPLESS_MAIN(TestEventTapCodes)
#include "test_event_tap_codes.moc"
