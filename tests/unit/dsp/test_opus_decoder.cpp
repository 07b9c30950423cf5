// OpusDecoder: round trip fidelity, FEC and PLC frames, and refusal of malformed input.

#include "DspTestSignals.h"
#include "codec/OpusDecoder.h"
#include "codec/OpusEncoder.h"

#include <QTest>
#include <cmath>
#include <vector>

using namespace tenfour;
using namespace tenfour::dsptest;

class TestOpusDecoder : public QObject {
    Q_OBJECT

    static constexpr int kFrames = 50;
    std::vector<qint16> m_in;
    std::vector<std::vector<unsigned char>> m_packets;
    int m_lookahead = 0;

    static double correlation(const qint16 *a, const qint16 *b, int n)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; ++i) {
            ab += double(a[i]) * b[i];
            aa += double(a[i]) * a[i];
            bb += double(b[i]) * b[i];
        }
        return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0.0;
    }
    static double rms(const qint16 *a, int n)
    {
        double s = 0;
        for (int i = 0; i < n; ++i)
            s += double(a[i]) * a[i];
        return std::sqrt(s / n);
    }

private Q_SLOTS:
    void initTestCase()
    {
        codec::OpusEncoder enc;
        QVERIFY(enc.isValid());
        m_lookahead = enc.lookaheadSamples();
        Rng rng(42);
        m_in.resize(size_t(kFrames) * 960);
        toneWithNoise(m_in.data(), int(m_in.size()), 0, rng, 440.0, 8000.0, 400.0);
        unsigned char buf[1275];
        for (int f = 0; f < kFrames; ++f) {
            const int n = enc.encode(m_in.data() + f * 960, buf, int(sizeof(buf)));
            QVERIFY(n > 0);
            m_packets.emplace_back(buf, buf + n);
        }
    }

    void roundTripCorrelates()
    {
        codec::OpusDecoder dec;
        QVERIFY2(dec.isValid(), qPrintable(dec.errorString()));
        std::vector<qint16> out;
        std::vector<qint16> frame(960);
        for (const auto &p : m_packets) {
            QCOMPARE(codec::OpusDecoder::packetSamples(p.data(), int(p.size())), 960);
            QCOMPARE(dec.decode(p.data(), int(p.size()), frame.data(), 960), 960);
            out.insert(out.end(), frame.begin(), frame.end());
        }
        // Decoded audio lags the input by the encoder's look-ahead; skip the first frames' warm-up.
        const int start = 5 * 960;
        const int n = int(m_in.size()) - start - m_lookahead;
        const double c = correlation(m_in.data() + start, out.data() + start + m_lookahead, n);
        qInfo("look-ahead %d samples, correlation %.3f", m_lookahead, c);
        QVERIFY2(c > 0.9, qPrintable(QString::number(c)));
        // Without the delay compensation the match is clearly worse: the check measures alignment.
        const double off = correlation(m_in.data() + start, out.data() + start + m_lookahead + 300, n - 300);
        QVERIFY(off < c - 0.3);
    }

    void plcContinuesThenFades()
    {
        codec::OpusDecoder dec;
        std::vector<qint16> frame(960);
        for (int f = 0; f < 20; ++f)
            QCOMPARE(
                dec.decode(m_packets[size_t(f)].data(), int(m_packets[size_t(f)].size()), frame.data(), 960),
                960);
        std::fill(frame.begin(), frame.end(), 0);
        QCOMPARE(dec.conceal(frame.data(), 960), 960);
        QVERIFY2(rms(frame.data(), 960) > 1000, qPrintable(QString::number(rms(frame.data(), 960))));
        // A long loss fades out instead of repeating forever.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(dec.conceal(frame.data(), 960), 960);
        QVERIFY(rms(frame.data(), 960) < 500);
        // And a packet after the loss decodes normally again.
        QCOMPARE(dec.decode(m_packets[41].data(), int(m_packets[41].size()), frame.data(), 960), 960);
    }

    void fecRecoversTheFrameBefore()
    {
        // Speech-like input, wideband so that libopus codes FEC at the default 5% expected loss.
        codec::EncoderConfig cfg;
        cfg.maxBandwidthHz = 8000;
        const EncodedStream s = encodeStream(100, 7, false, cfg);
        codec::OpusDecoder ref;
        std::vector<std::vector<qint16>> decoded;
        std::vector<qint16> frame(960);
        for (const auto &p : s.packets) {
            QCOMPARE(ref.decode(p.data(), int(p.size()), frame.data(), 960), 960);
            decoded.push_back(frame);
        }
        int checked = 0;
        double sumFec = 0, sumPlc = 0;
        for (int lost = 10; lost < 98; ++lost) {
            const auto &next = s.packets[size_t(lost + 1)];
            if (!codec::OpusDecoder::packetHasFec(next.data(), int(next.size())) ||
                rms(decoded[size_t(lost)].data(), 960) < 1000)
                continue;
            // Two decoders in the same state: one rebuilds the lost frame from FEC, one conceals it.
            codec::OpusDecoder a, b;
            std::vector<qint16> fa(960), fb(960);
            for (int f = lost - 8; f < lost; ++f) {
                a.decode(s.packets[size_t(f)].data(), int(s.packets[size_t(f)].size()), fa.data(), 960);
                b.decode(s.packets[size_t(f)].data(), int(s.packets[size_t(f)].size()), fb.data(), 960);
            }
            QCOMPARE(a.decodeFec(next.data(), int(next.size()), fa.data(), 960), 960);
            QCOMPARE(b.conceal(fb.data(), 960), 960);
            const double cf = correlation(fa.data(), decoded[size_t(lost)].data(), 960);
            const double cp = correlation(fb.data(), decoded[size_t(lost)].data(), 960);
            QVERIFY2(cf > 0.7,
                     qPrintable(QStringLiteral("frame %1: fec %2 plc %3").arg(lost).arg(cf).arg(cp)));
            QVERIFY(fa != fb); // the FEC data was used, not a fallback to PLC
            sumFec += cf;
            sumPlc += cp;
            ++checked;
        }
        qInfo("%d frames: mean correlation with the lost frame: FEC %.3f, PLC %.3f", checked,
              sumFec / checked, sumPlc / checked);
        QVERIFY(checked >= 10);
        QVERIFY(sumFec > sumPlc);

        // With FEC off no packet claims FEC data, and decodeFec() still fills the frame (as PLC).
        cfg.fec = false;
        const EncodedStream plain = encodeStream(40, 7, false, cfg);
        codec::OpusDecoder dec;
        for (const auto &p : plain.packets)
            QVERIFY(!codec::OpusDecoder::packetHasFec(p.data(), int(p.size())));
        QCOMPARE(dec.decodeFec(plain.packets[5].data(), int(plain.packets[5].size()), frame.data(), 960),
                 960);
    }

    void refusesBadArguments()
    {
        codec::OpusDecoder dec;
        std::vector<qint16> frame(960);
        const auto &p = m_packets[0];
        QVERIFY(dec.decode(nullptr, 10, frame.data(), 960) < 0);
        QVERIFY(dec.decode(p.data(), 0, frame.data(), 960) < 0);
        QVERIFY(dec.decode(p.data(), 1276, frame.data(), 960) < 0);
        QVERIFY(dec.decode(p.data(), int(p.size()), nullptr, 960) < 0);
        QVERIFY(dec.decode(p.data(), int(p.size()), frame.data(), 959) < 0);    // too small for 20 ms
        QVERIFY(dec.decodeFec(p.data(), int(p.size()), frame.data(), 100) < 0); // not 2.5 ms steps
        QVERIFY(dec.decodeFec(p.data(), int(p.size()), frame.data(), 0) < 0);
        QVERIFY(dec.conceal(nullptr, 960) < 0);
        QVERIFY(dec.conceal(frame.data(), 6000) < 0);
        QVERIFY(!codec::OpusDecoder::packetHasSilk(nullptr, 0));
    }

    void neverWritesPastTheBuffer()
    {
        // A 60 ms packet (code 3, three 20 ms frames) into a buffer for one frame: refused untouched.
        codec::OpusDecoder dec;
        const auto &p = m_packets[3];
        std::vector<unsigned char> three;
        three.push_back(static_cast<unsigned char>((p[0] & 0xFC) | 0x03));
        three.push_back(0x03); // CBR, 3 frames
        for (int i = 0; i < 3; ++i)
            three.insert(three.end(), p.begin() + 1, p.end());
        QCOMPARE(codec::OpusDecoder::packetSamples(three.data(), int(three.size())), 2880);
        std::vector<qint16> buf(960 + 16, qint16(0x5A5A));
        QVERIFY(dec.decode(three.data(), int(three.size()), buf.data(), 960) < 0);
        for (int i = 0; i < int(buf.size()); ++i)
            QCOMPARE(buf[size_t(i)], qint16(0x5A5A));
        std::vector<qint16> big(2880);
        QCOMPARE(dec.decode(three.data(), int(three.size()), big.data(), 2880), 2880);
    }

    void survivesRandomBytes()
    {
        // Every length, random content: each call returns a sample count within the buffer or an
        // error; the sanitizer build checks that nothing is read or written out of bounds.
        codec::OpusDecoder dec;
        Rng rng(99);
        std::vector<unsigned char> junk(1275);
        std::vector<qint16> out(5760);
        int decoded = 0;
        for (int len = 1; len <= 1275; len += 7) {
            for (int i = 0; i < len; ++i)
                junk[size_t(i)] = static_cast<unsigned char>(rng.next());
            const int n = dec.decode(junk.data(), len, out.data(), int(out.size()));
            QVERIFY(n <= int(out.size()));
            decoded += n > 0;
            const int f = dec.decodeFec(junk.data(), len, out.data(), 960);
            QVERIFY(f <= 960);
        }
        QVERIFY(decoded > 0); // many random packets are valid Opus
    }
};

QTEST_GUILESS_MAIN(TestOpusDecoder)
#include "test_opus_decoder.moc"
