#include "protocol/AudioFrame.h"

#include <QtTest>

using namespace tenfour::protocol;

class TestAudioFrame : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripBinary()
    {
        const QByteArray payload("\x00\xff\x80opus", 7);
        const QByteArray frame = makeAudioFrame(0xDEADBEEF, 0x01020304, payload);
        QCOMPARE(frame.size(), kAudioHeaderSize + payload.size());
        QCOMPARE(quint8(frame[0]), kAudioFrameType);
        QCOMPARE(frame.mid(1, 4), QByteArray("\xDE\xAD\xBE\xEF", 4)); // big-endian on the wire
        QCOMPARE(frame.mid(5, 4), QByteArray("\x01\x02\x03\x04", 4));
        AudioFrameView v;
        QCOMPARE(parseAudioFrame(frame, v), FrameError::None);
        QCOMPARE(v.sid, 0xDEADBEEFu);
        QCOMPARE(v.seq, 0x01020304u);
        QCOMPARE(QByteArray(v.payload, v.payloadSize), payload);
    }
    void rejectsMalformed()
    {
        AudioFrameView v;
        QCOMPARE(parseAudioFrame(QByteArray("\x01\x00\x00", 3), v), FrameError::TooShort);
        QCOMPARE(parseAudioFrame(QByteArray(), v), FrameError::TooShort);
        QByteArray wrongType = makeAudioFrame(1, 2, "x");
        wrongType[0] = 0x02;
        QCOMPARE(parseAudioFrame(wrongType, v), FrameError::UnknownType);
        QCOMPARE(parseAudioFrame(makeAudioFrame(1, 2, QByteArray(kMaxOpusPacket + 1, 'a')), v),
                 FrameError::TooLarge);
        QCOMPARE(parseAudioFrame(makeAudioFrame(1, 2, QByteArray(kMaxOpusPacket, 'a')), v),
                 FrameError::None);
        QCOMPARE(parseAudioFrame(makeAudioFrame(1, 2, QByteArray()), v), FrameError::None); // DTX/empty
        QCOMPARE(v.payloadSize, 0);
    }
    void textSafeRoundTrip()
    {
        const QByteArray frame = makeAudioFrame(7, 9, QByteArray("\xc3\x28\xa0\xa1", 4)); // invalid UTF-8
        const QString text = encodeTextSafe(frame);
        QVERIFY(text.startsWith(QLatin1Char('~')));
        QVERIFY(isTextSafeFrame(text));
        QByteArray back;
        QCOMPARE(decodeTextSafe(text, back), FrameError::None);
        QCOMPARE(back, frame);
    }
    void textSafeRejectsGarbage()
    {
        QByteArray back;
        QCOMPARE(decodeTextSafe(QStringLiteral("{\"t\":\"hello\"}"), back), FrameError::BadTextSafe);
        QCOMPARE(decodeTextSafe(QStringLiteral("~not base64!!"), back), FrameError::BadTextSafe);
        QCOMPARE(decodeTextSafe(QString(QLatin1Char('~')) + QString(5000, QLatin1Char('A')), back),
                 FrameError::TooLarge);
        QVERIFY(!isTextSafeFrame(QString()));
    }
};

QTEST_GUILESS_MAIN(TestAudioFrame)
#include "test_audio_frame.moc"
