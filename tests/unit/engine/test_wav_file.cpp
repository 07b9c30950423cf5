#include "engine/WavFile.h"
#include "engine/WavWriter.h"

#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <cmath>

using tenfour::engine::WavFile;
using tenfour::engine::WavWriter;

namespace {

// A WAV header + data built by hand, independent of WavWriter, so the reader is checked
// against the format rather than against our own writer.
QByteArray handMadeWav(quint16 format, int channels, int rate, int bits, const QByteArray &data,
                       bool extensible = false, bool withJunk = false)
{
    QByteArray fmt;
    auto put16 = [](QByteArray &b, quint16 v) { b.append(char(v & 0xFF)).append(char(v >> 8)); };
    auto put32 = [&](QByteArray &b, quint32 v) {
        put16(b, quint16(v & 0xFFFF));
        put16(b, quint16(v >> 16));
    };
    put16(fmt, extensible ? 0xFFFE : format);
    put16(fmt, quint16(channels));
    put32(fmt, quint32(rate));
    put32(fmt, quint32(rate * channels * bits / 8));
    put16(fmt, quint16(channels * bits / 8));
    put16(fmt, quint16(bits));
    if (extensible) {
        put16(fmt, 22);
        put16(fmt, quint16(bits));
        put32(fmt, 0);
        put16(fmt, format); // sub-format GUID starts with the format tag
        fmt.append(QByteArray::fromHex("000000001000800000aa00389b71"));
    }
    QByteArray body = "WAVE";
    body += "fmt ";
    put32(body, quint32(fmt.size()));
    body += fmt;
    if (withJunk) {
        body += "LIST";
        put32(body, 3);
        body += "abc";
        body += '\0'; // pad byte of an odd-sized chunk
    }
    body += "data";
    put32(body, quint32(data.size()));
    body += data;
    QByteArray riff = "RIFF";
    put32(riff, quint32(body.size()));
    return riff + body;
}

} // namespace

class TestWavFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip16BitMono()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.wav"));
        std::vector<qint16> in(48000 / 10);
        for (size_t i = 0; i < in.size(); ++i)
            in[i] = qint16(std::lround(20000.0 * std::sin(2 * M_PI * 440.0 * double(i) / 48000.0)));
        in[7] = -32768;
        in[8] = 32767;
        QString err;
        QVERIFY2(WavFile::write16(path, in.data(), qint64(in.size()), 48000, 1, &err), qPrintable(err));
        QCOMPARE(QFileInfo(path).size(), qint64(44 + 2 * in.size()));

        WavFile w;
        QVERIFY2(WavFile::read(path, w, &err), qPrintable(err));
        QCOMPARE(w.sampleRate, 48000);
        QCOMPARE(w.channels, 1);
        QCOMPARE(w.frames(), qint64(in.size()));
        for (size_t i = 0; i < in.size(); ++i)
            QCOMPARE(qint16(std::lround(w.samples[i] * 32768.0f)), in[i]);
    }
    void streamingWriterPatchesSizes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.wav"));
        WavWriter wr;
        QString err;
        QVERIFY(wr.open(path, 16000, 2, &err));
        const qint16 frame[4] = {1, -1, 2, -2};
        for (int i = 0; i < 100; ++i)
            QVERIFY(wr.write(frame, 4));
        QVERIFY(wr.close(&err));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray b = f.readAll();
        QCOMPARE(qFromLittleEndian<quint32>(b.constData() + 4), quint32(36 + 800));
        QCOMPARE(qFromLittleEndian<quint32>(b.constData() + 40), quint32(800));
        WavFile w;
        QVERIFY(WavFile::parse(b, w, &err));
        QCOMPARE(w.sampleRate, 16000);
        QCOMPARE(w.channels, 2);
        QCOMPARE(w.frames(), qint64(200));
        const std::vector<float> mono = w.toMono();
        QCOMPARE(mono.size(), size_t(200));
        QCOMPARE(mono[0], 0.0f); // (1 + -1) / 2
    }
    void readsOtherEncodings()
    {
        QString err;
        WavFile w;
        // 8-bit unsigned: 0 -> -1, 128 -> 0, 255 -> 127/128
        QVERIFY2(WavFile::parse(handMadeWav(1, 1, 8000, 8, QByteArray::fromHex("0080ff")), w, &err),
                 qPrintable(err));
        QCOMPARE(w.samples.size(), size_t(3));
        QCOMPARE(w.samples[0], -1.0f);
        QCOMPARE(w.samples[1], 0.0f);
        // 24-bit: 0x400000 = 0.5, 0xC00000 = -0.5
        QVERIFY(WavFile::parse(handMadeWav(1, 1, 44100, 24,
                                           QByteArray::fromHex("000040"
                                                               "0000c0")),
                               w, &err));
        QCOMPARE(w.samples[0], 0.5f);
        QCOMPARE(w.samples[1], -0.5f);
        // 32-bit float, extensible, stereo, with a LIST chunk of odd size before data
        QByteArray f32(16, '\0');
        const float vals[4] = {0.25f, -0.25f, 1.0f, 0.0f};
        std::memcpy(f32.data(), vals, 16);
        QVERIFY2(WavFile::parse(handMadeWav(3, 2, 22050, 32, f32, true, true), w, &err), qPrintable(err));
        QCOMPARE(w.channels, 2);
        QCOMPARE(w.sampleRate, 22050);
        QCOMPARE(w.toMono()[1], 0.5f);
    }
    void rejectsBadInputWithReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not a RIFF/WAVE");
        QTest::newRow("text") << QByteArray("hello world, this is not a wav")
                              << QStringLiteral("not a RIFF/WAVE");
        QTest::newRow("adpcm") << handMadeWav(2, 1, 8000, 4, QByteArray(10, 'x'))
                               << QStringLiteral("unsupported WAV encoding");
        QTest::newRow("12 bits") << handMadeWav(1, 1, 8000, 12, QByteArray(10, 'x'))
                                 << QStringLiteral("12 bits");
        QTest::newRow("no channels") << handMadeWav(1, 0, 8000, 16, QByteArray(10, 'x'))
                                     << QStringLiteral("channel count");
        QByteArray noData = handMadeWav(1, 1, 8000, 16, QByteArray());
        noData.chop(8);
        QTest::newRow("no data chunk") << noData << QStringLiteral("no data chunk");
    }
    void rejectsBadInputWithReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        WavFile w;
        QString err;
        QVERIFY(!WavFile::parse(bytes, w, &err));
        QVERIFY2(err.contains(reason), qPrintable(err));
    }
    void truncatedDataIsReadUpToTheEnd()
    {
        // A recorder that was killed leaves the header's data size at 0.
        QByteArray b = handMadeWav(1, 1, 48000, 16, QByteArray(20, '\0'));
        qToLittleEndian<quint32>(0, b.data() + 40);
        WavFile w;
        QString err;
        QVERIFY(WavFile::parse(b, w, &err));
        QCOMPARE(w.frames(), qint64(10));
    }
    void missingFileSaysSo()
    {
        WavFile w;
        QString err;
        QVERIFY(!WavFile::read(QStringLiteral("/nonexistent/x.wav"), w, &err));
        QVERIFY2(err.contains(QStringLiteral("/nonexistent/x.wav")), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestWavFile)
#include "test_wav_file.moc"
