#include "input/PttKey.h"

#include <QtTest>

using tenfour::input::PttKey;

class TestPttKey : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("F8");
        QTest::newRow("combo") << QStringLiteral("Ctrl+Alt+F8");
        QTest::newRow("modifier only") << QStringLiteral("Control_R");
        QTest::newRow("mouse") << QStringLiteral("Shift+Mouse9");
    }
    void roundTrip()
    {
        QFETCH(QString, text);
        const PttKey k = PttKey::fromString(text);
        QVERIFY(k.isValid());
        QCOMPARE(k.toString(), text);
        QCOMPARE(PttKey::fromString(k.toString()), k);
    }
    void modifiersAreCanonicallyOrdered()
    {
        QCOMPARE(PttKey::fromString(QStringLiteral("alt+ctrl+space")).toString(),
                 QStringLiteral("Ctrl+Alt+space"));
    }
    void rejectsGarbage_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("unknown modifier") << QStringLiteral("Hyperdrive+F8");
        QTest::newRow("bad button") << QStringLiteral("Mouse0");
        QTest::newRow("button words") << QStringLiteral("Mousey");
        QTest::newRow("punctuation") << QStringLiteral("F8;rm");
    }
    void rejectsGarbage()
    {
        QFETCH(QString, text);
        QVERIFY(!PttKey::fromString(text).isValid());
    }
    void displayNames()
    {
        QCOMPARE(PttKey::fromString(QStringLiteral("Control_R")).displayName(), QStringLiteral("Right Ctrl"));
        QCOMPARE(PttKey::fromString(QStringLiteral("Ctrl+Alt+F8")).displayName(),
                 QStringLiteral("Ctrl + Alt + F8"));
        QCOMPARE(PttKey::fromString(QStringLiteral("Mouse8")).displayName(),
                 QStringLiteral("Mouse button 8"));
        QCOMPARE(PttKey::fromString(QStringLiteral("a")).displayName(), QStringLiteral("A"));
    }
    void modifierOnly()
    {
        QVERIFY(PttKey::fromString(QStringLiteral("Shift_L")).isModifierOnly());
        QVERIFY(!PttKey::fromString(QStringLiteral("Shift+F1")).isModifierOnly());
        // A modifier combined with itself is the modifier alone.
        QCOMPARE(PttKey::key(QStringLiteral("Control_L"), PttKey::Control).modifiers(), 0u);
    }
};

QTEST_GUILESS_MAIN(TestPttKey)
#include "test_ptt_key.moc"
