// The sample-type conversions of devices that cannot open 48 kHz mono Int16 directly.

#include "device/SampleConverter.h"

#include <QtTest>
#include <vector>

using tenfour::device::SampleConverter;

class TestSampleConverter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrips_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("bytes");
        QTest::addColumn<int>("tolerance");
        QTest::newRow("Int16") << int(QAudioFormat::Int16) << 2 << 0;
        QTest::newRow("Int32") << int(QAudioFormat::Int32) << 4 << 0;
        QTest::newRow("Float") << int(QAudioFormat::Float) << 4 << 1;
        QTest::newRow("UInt8") << int(QAudioFormat::UInt8) << 1 << 255; // 8 bits keep the top byte
    }
    void roundTrips()
    {
        QFETCH(int, format);
        QFETCH(int, bytes);
        QFETCH(int, tolerance);
        const auto f = QAudioFormat::SampleFormat(format);
        QVERIFY(SampleConverter::supports(f));
        const std::vector<qint16> in{-32768, -12345, -1, 0, 1, 255, 256, 12345, 32767};
        QByteArray raw(int(in.size()) * bytes, '\0');
        SampleConverter::fromInt16(in.data(), qint64(in.size()), f, raw.data());
        std::vector<qint16> back(in.size(), 7);
        SampleConverter::toInt16(raw.constData(), f, qint64(in.size()), back.data());
        for (size_t i = 0; i < in.size(); ++i)
            QVERIFY2(std::abs(int(back[i]) - int(in[i])) <= tolerance,
                     qPrintable(QStringLiteral("%1 -> %2").arg(in[i]).arg(back[i])));
    }
    void floatOutOfRangeIsClipped()
    {
        const float in[3] = {1.5f, -2.0f, 0.5f};
        qint16 out[3];
        SampleConverter::toInt16(reinterpret_cast<const char *>(in), QAudioFormat::Float, 3, out);
        QCOMPARE(out[0], qint16(32767));
        QCOMPARE(out[1], qint16(-32767));
        QCOMPARE(out[2], qint16(16384));
    }
    void unknownFormatsAreRefused() { QVERIFY(!SampleConverter::supports(QAudioFormat::Unknown)); }
    void withoutADeviceTheEngineFormatIsChosen()
    {
        // A null device (no sound system) still gets a well-formed request: 48 kHz mono Int16.
        const QAudioFormat f = SampleConverter::streamFormat(QAudioDevice());
        QCOMPARE(f.sampleRate(), 48000);
        QCOMPARE(f.channelCount(), 1);
        QCOMPARE(f.sampleFormat(), QAudioFormat::Int16);
    }
};

QTEST_GUILESS_MAIN(TestSampleConverter)
#include "test_sample_converter.moc"
