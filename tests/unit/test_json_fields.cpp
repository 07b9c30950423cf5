// The field readers every control message goes through (app/protocol/JsonFields.h): an integral
// number is a JSON number, finite and whole, inside its field's range, never a string, a bool, a
// fraction or a value a double cannot hold exactly.

#include "protocol/JsonFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>
#include <limits>

using namespace tenfour::protocol;

class TestJsonFields : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void integralValueTakesWholeNumbersInRange()
    {
        qint64 out = -1;
        QVERIFY(integralValue(QJsonValue(42), 0, 100, out));
        QCOMPARE(out, qint64(42));
        QVERIFY(integralValue(QJsonValue(0), 0, 100, out)); // bounds are inclusive
        QCOMPARE(out, qint64(0));
        QVERIFY(integralValue(QJsonValue(100), 0, 100, out));
        QVERIFY(integralValue(QJsonValue(-kMaxSafeInteger), -kMaxSafeInteger, kMaxSafeInteger, out));
        QCOMPARE(out, -qint64(9007199254740991));
        QVERIFY(integralValue(QJsonValue(-0.0), 0, 1, out));
        QCOMPARE(out, qint64(0));
    }

    void integralValueRefusesEverythingElse()
    {
        qint64 out = 7;
        const double inf = std::numeric_limits<double>::infinity();
        const QList<QJsonValue> bad{QJsonValue(1.5),
                                    QJsonValue(-0.25),
                                    QJsonValue(101),
                                    QJsonValue(-1),
                                    QJsonValue(QStringLiteral("42")),
                                    QJsonValue(true),
                                    QJsonValue(),
                                    QJsonValue(QJsonValue::Undefined),
                                    QJsonValue(QJsonArray{1}),
                                    QJsonValue(inf),
                                    QJsonValue(-inf),
                                    QJsonValue(std::numeric_limits<double>::quiet_NaN())};
        for (const QJsonValue &v : bad)
            QVERIFY2(!integralValue(v, 0, 100, out), qPrintable(QJsonDocument(QJsonArray{v}).toJson()));
        QCOMPARE(out, qint64(7)); // untouched on failure
        QVERIFY(!integralValue(QJsonValue(kMaxSafeInteger + 2), -kMaxSafeInteger, kMaxSafeInteger, out));
        QVERIFY(!integralValue(QJsonValue(1e300), -kMaxSafeInteger, kMaxSafeInteger, out));
    }

    void u32FieldIsASid()
    {
        quint32 sid = 0;
        QVERIFY(u32Field(QJsonObject{{key("sid"), 4294967295.0}}, "sid", sid));
        QCOMPARE(sid, 4294967295u);
        QVERIFY(u32Field(QJsonObject{{key("sid"), 0}}, "sid", sid));
        QCOMPARE(sid, 0u);
        sid = 9;
        QVERIFY(!u32Field(QJsonObject{{key("sid"), 4294967296.0}}, "sid", sid));
        QVERIFY(!u32Field(QJsonObject{{key("sid"), -1}}, "sid", sid));
        QVERIFY(!u32Field(QJsonObject{{key("sid"), 2.5}}, "sid", sid));
        QVERIFY(!u32Field(QJsonObject{{key("sid"), QStringLiteral("5")}}, "sid", sid));
        QVERIFY(!u32Field(QJsonObject{{key("other"), 5}}, "sid", sid));
        QCOMPARE(sid, 9u);
    }
};

QTEST_GUILESS_MAIN(TestJsonFields)
#include "test_json_fields.moc"
