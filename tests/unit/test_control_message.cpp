#include "protocol/ControlMessage.h"

#include <QJsonArray>
#include <QtTest>

using namespace tenfour::protocol;

// JSON with single quotes for readability (moc cannot parse raw string literals).
static QString j(const char *s)
{
    return QString::fromUtf8(s).replace(QLatin1Char('\''), QLatin1Char('"'));
}

class TestControlMessage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesTypeSeqAndUnknownFields()
    {
        ControlMessage m;
        QCOMPARE(parseControlMessage(j("{'t':'join','seq':2,'ch':'general','x':[1]}"), m),
                 ControlError::None);
        QCOMPARE(m.type, QStringLiteral("join"));
        QVERIFY(m.seq.has_value());
        QCOMPARE(*m.seq, 2);
        QCOMPARE(m.body.value(QLatin1String("ch")).toString(), QStringLiteral("general"));
        QVERIFY(m.body.value(QLatin1String("x")).isArray());
    }
    void seqIsOptional()
    {
        ControlMessage m;
        QCOMPARE(parseControlMessage(j("{'t':'over','sid':5}"), m), ControlError::None);
        QVERIFY(!m.seq.has_value());
    }
    void rejectsMalformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("error");
        QTest::newRow("not json") << QStringLiteral("{nope") << int(ControlError::NotJson);
        QTest::newRow("array") << QStringLiteral("[1,2]") << int(ControlError::NotObject);
        QTest::newRow("no t") << j("{'seq':1}") << int(ControlError::MissingType);
        QTest::newRow("t not string") << j("{'t':5}") << int(ControlError::MissingType);
        QTest::newRow("empty t") << j("{'t':''}") << int(ControlError::MissingType);
        QTest::newRow("seq string") << j("{'t':'x','seq':'1'}") << int(ControlError::BadSeq);
        QTest::newRow("seq fraction") << j("{'t':'x','seq':1.5}") << int(ControlError::BadSeq);
        QTest::newRow("too large") << (j("{'t':'x','pad':'") + QString(9000, QLatin1Char('a'))
                                       + QStringLiteral("\"}"))
                                   << int(ControlError::TooLarge);
        // 3000 CJK characters are 9000 bytes of UTF-8 though only 3000 UTF-16 units.
        QTest::newRow("too large utf8") << (j("{'t':'x','pad':'")
                                            + QString(3000, QChar(0x4E2D)) + QStringLiteral("\"}"))
                                        << int(ControlError::TooLarge);
    }
    void rejectsMalformed()
    {
        QFETCH(QString, text);
        QFETCH(int, error);
        ControlMessage m;
        QCOMPARE(int(parseControlMessage(text, m)), error);
    }
    void serializeRoundTrip()
    {
        QJsonObject o{{QStringLiteral("t"), QStringLiteral("hello")}, {QStringLiteral("name"), QStringLiteral("爱丽丝")}};
        const QString s = serializeControl(o, 42);
        ControlMessage m;
        QCOMPARE(parseControlMessage(s, m), ControlError::None);
        QCOMPARE(*m.seq, 42);
        QCOMPARE(m.body.value(QLatin1String("name")).toString(), QStringLiteral("爱丽丝"));
        QVERIFY(!s.contains(QLatin1Char('\n')));
    }
};

QTEST_GUILESS_MAIN(TestControlMessage)
#include "test_control_message.moc"
