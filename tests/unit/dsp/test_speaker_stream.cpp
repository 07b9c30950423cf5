// SpeakerStream: the receive path of one speaker under in-order, reordered, late, lost, duplicated,
// wrapped and drifting packet streams, on a virtual clock.

#include "StreamSim.h"
#include "audio/SpeakerStream.h"

#include <QTest>
#include <cmath>

using namespace tenfour;
using namespace tenfour::dsptest;
using audio::SpeakerStream;

class TestSpeakerStream : public QObject {
    Q_OBJECT

private:
    EncodedStream m_speech; // 300 frames (6 s)
    EncodedStream m_long;   // 2000 frames (40 s), for drift
    EncodedStream m_tone;   // 1000 frames of continuous tone: no silence to drop
    EncodedStream m_fec;    // 300 frames, wideband: every active frame carries FEC

    static double meanOf(const std::vector<double> &v, size_t from, size_t to)
    {
        double s = 0;
        size_t n = 0;
        for (size_t i = from; i < std::min(to, v.size()); ++i, ++n)
            s += v[i];
        return n ? s / double(n) : 0.0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_speech = encodeStream(300, 11);
        m_long = encodeStream(2000, 12);
        m_tone = encodeStream(1000, 13, true);
        codec::EncoderConfig cfg;
        cfg.maxBandwidthHz = 8000;
        m_fec = encodeStream(300, 11, false, cfg);
        QCOMPARE(int(m_speech.packets.size()), 300);
        QVERIFY(!m_speech.packets.front().empty());
    }

    void inOrderPlaysEverythingWithLowDelay()
    {
        SpeakerStream s;
        NetConditions c;
        const SimResult r = runStream(s, m_speech, c);
        QCOMPARE(r.counters.concealed, quint64(0));
        QCOMPARE(r.counters.late, quint64(0));
        QCOMPARE(r.counters.played + r.counters.dropped, quint64(300));
        QCOMPARE(r.counters.dropped, quint64(0)); // nothing to catch up on a clean network
        QCOMPARE(s.targetDelayMs(), 20);
        // Target 20 ms plus at most one pull period of phase.
        QVERIFY2(r.percentileDelay(1.0) <= 40.5, qPrintable(QString::number(r.percentileDelay(1.0))));
        QVERIFY(r.meanDelay() >= 19.5);
        // Playout starts as soon as one target delay is buffered.
        QVERIFY(r.firstAudibleUs - r.firstArrivalUs <= 40000);
        QVERIFY(r.idlePull > 0); // the `over` ended it
        QVERIFY(!s.active());
    }

    void outputMatchesInput()
    {
        // The played audio is the decoded input, delayed: check the energy envelope follows it.
        SpeakerStream s;
        const SimResult r = runStream(s, m_speech, NetConditions{});
        const int offset = r.firstAudiblePull;
        QVERIFY(offset >= 0);
        int agree = 0, total = 0;
        for (int f = 2; f < 290; ++f) {
            double ein = 0, eout = 0;
            for (int i = 0; i < 960; ++i) {
                ein += double(m_speech.pcm[size_t(f)][size_t(i)]) * m_speech.pcm[size_t(f)][size_t(i)];
                const float o = r.out[size_t((offset + f) * 960 + i)];
                eout += double(o) * o;
            }
            const bool loudIn = std::sqrt(ein / 960) > 1000, loudOut = std::sqrt(eout / 960) > 1000;
            agree += loudIn == loudOut;
            ++total;
        }
        QVERIFY2(agree >= total * 9 / 10, qPrintable(QStringLiteral("%1/%2").arg(agree).arg(total)));
    }

    void reorderedPacketsAreAllPlayed()
    {
        SpeakerStream s;
        NetConditions c;
        for (int f : {10, 50, 51, 90, 200})
            c.delayOverride.push_back({f, 15.0}); // arrives after its successor, before its turn
        const SimResult r = runStream(s, m_speech, c);
        QCOMPARE(r.counters.concealed, quint64(0));
        QCOMPARE(r.counters.late, quint64(0));
        QCOMPARE(r.counters.played + r.counters.dropped, quint64(300));
    }

    void latePacketsAreDroppedAndCounted()
    {
        SpeakerStream s;
        NetConditions c;
        c.delayOverride.push_back({100, 150.0});
        const SimResult r = runStream(s, m_speech, c);
        QCOMPARE(r.counters.late, quint64(1));
        QVERIFY(r.counters.concealed >= 1);
        QCOMPARE(r.counters.played + r.counters.dropped, quint64(299));
        // The stream never stopped: every pull from the first audible one to the end carried audio.
        QCOMPARE(r.audiblePulls, r.idlePull - r.firstAudiblePull);
    }

    void lostPacketsAreConcealedWithFec()
    {
        SpeakerStream s;
        NetConditions c;
        c.drop = {30, 31, 120, 121, 122, 200};
        int withFec = 0;
        for (int f : {32, 123, 201})
            withFec += codec::OpusDecoder::packetHasFec(m_fec.packets[size_t(f)].data(),
                                                        int(m_fec.packets[size_t(f)].size()));
        QVERIFY(withFec >= 1); // the signal is active around some of the gaps
        const SimResult r = runStream(s, m_fec, c);
        QCOMPARE(r.counters.concealed, quint64(6));
        // The last frame of each gap is rebuilt from the next packet's FEC when it carries some.
        QCOMPARE(int(r.counters.fecRecovered), withFec);
        QCOMPARE(r.counters.played + r.counters.dropped, quint64(294));
        QCOMPARE(r.counters.late, quint64(0));
    }

    void duplicatesAreIgnored()
    {
        SpeakerStream s;
        NetConditions c;
        c.duplicate = 0.2;
        c.seed = 5;
        const SimResult r = runStream(s, m_speech, c);
        QVERIFY(r.counters.duplicates > 20);
        QCOMPARE(r.counters.played + r.counters.dropped, quint64(300));
        QCOMPARE(r.counters.concealed, quint64(0));
    }

    void sequenceWrapIsSeamless()
    {
        SpeakerStream s;
        NetConditions c;
        c.seqBase = 0xFFFFFFFFu - 150;          // wraps in the middle of the stream
        c.delayOverride.push_back({150, 15.0}); // the frame right before the wrap comes after it
        c.drop = {152};
        const SimResult r = runStream(s, m_speech, c);
        QCOMPARE(r.counters.late, quint64(0));
        QCOMPARE(r.counters.concealed, quint64(1));
        QCOMPARE(r.counters.played + r.counters.dropped, quint64(299));
        QVERIFY(r.percentileDelay(1.0) <= 40.5);
    }

    void clockDrift_data()
    {
        QTest::addColumn<double>("drift");
        QTest::addColumn<bool>("tone");
        QTest::newRow("sender +0.5%") << 0.005 << false;
        QTest::newRow("sender -0.5%") << -0.005 << false;
        QTest::newRow("sender +0.5%, no silence") << 0.005 << true;
        QTest::newRow("sender -0.5%, no silence") << -0.005 << true;
    }

    void clockDrift()
    {
        QFETCH(double, drift);
        QFETCH(bool, tone);
        const EncodedStream &in = tone ? m_tone : m_long;
        SpeakerStream s;
        NetConditions c;
        c.drift = drift;
        const SimResult r = runStream(s, in, c);
        const size_t n = r.delayMs.size();
        QVERIFY(n > in.packets.size() * 9 / 10);
        // Uncorrected, the drift would move the delay by 100 ms (tone) or 200 ms (speech).
        const double early = meanOf(r.delayMs, 50, 300);
        const double late = meanOf(r.delayMs, n - 250, n);
        QVERIFY2(std::fabs(late - early) < 25.0, qPrintable(QStringLiteral("%1 -> %2").arg(early).arg(late)));
        QVERIFY2(late < 60.0, qPrintable(QString::number(late)));
        if (drift > 0) {
            QVERIFY(r.counters.dropped + r.counters.stretched > 0);
            if (tone)
                QVERIFY(r.counters.stretched > 0);
        } else {
            QVERIFY(r.counters.inserted + r.counters.concealed > 0);
        }
        // Correction costs at most a few concealed frames, never a steady stream of them.
        QVERIFY2(r.concealRatio() < 0.01, qPrintable(QString::number(r.concealRatio())));
        QCOMPARE(r.counters.late, quint64(0));
    }

    void preRollBurstCatchesUpBySkippingSilence()
    {
        // Eight silent pre-roll frames, then speech: all nine arrive in one burst.
        EncodedStream in;
        const EncodedStream silence = encodeStream(0, 1);
        {
            codec::OpusEncoder enc;
            std::vector<qint16> zero(960, 0);
            unsigned char buf[1275];
            for (int i = 0; i < 8; ++i) {
                const int len = enc.encode(zero.data(), buf, 1275);
                in.pcm.push_back(zero);
                in.packets.emplace_back(buf, buf + len);
            }
        }
        for (size_t i = 0; i < 200; ++i) {
            in.pcm.push_back(m_speech.pcm[i]);
            in.packets.push_back(m_speech.packets[i]);
        }
        SpeakerStream s;
        NetConditions c;
        c.preRoll = 8;
        const SimResult r = runStream(s, in, c);
        QVERIFY(r.counters.dropped >= 5);
        QVERIFY(r.counters.dropped <= 8); // only the silent pre-roll went
        QCOMPARE(r.counters.concealed, quint64(0));
        // Starts at once with the burst, and after the first frames is back near the clean delay.
        QVERIFY(r.firstAudibleUs - r.firstArrivalUs <= 20000);
        QVERIFY2(meanOf(r.delayMs, 15, 200) < 45.0, qPrintable(QString::number(meanOf(r.delayMs, 15, 200))));
    }

    void preRollBurstOfSpeechCatchesUpByStretching()
    {
        SpeakerStream s;
        NetConditions c;
        c.preRoll = 8;
        const SimResult r = runStream(s, m_tone, c);
        QVERIFY(r.counters.stretched > 0);
        QCOMPARE(r.counters.concealed, quint64(0));
        QVERIFY(r.delayMs.front() > 150.0);
        QVERIFY2(meanOf(r.delayMs, 100, 300) < 50.0,
                 qPrintable(QString::number(meanOf(r.delayMs, 100, 300))));
    }

    void streamEndPlaysOutThenStops()
    {
        SpeakerStream s;
        NetConditions c;
        c.jitterMs = 30;
        c.seed = 9;
        const SimResult r = runStream(s, m_speech, c);
        QCOMPARE(r.counters.played + r.counters.dropped + r.counters.late, quint64(300));
        QVERIFY(r.idlePull > 0);
        // It stopped right after the last frame instead of waiting for a timeout.
        const int lastFramePull = 300 + r.firstAudiblePull + 5;
        QVERIFY2(r.idlePull <= lastFramePull + 10,
                 qPrintable(QStringLiteral("%1 %2").arg(r.idlePull).arg(lastFramePull)));
    }

    void timeoutEndsAStreamWithoutOver()
    {
        SpeakerStream s;
        NetConditions c;
        c.sendEnd = false;
        const SimResult r = runStream(s, m_speech, c);
        QVERIFY(r.idlePull > 0);
        const double idleAfterLastMs = (r.idlePull - (300 + 1)) * 20.0;
        QVERIFY2(idleAfterLastMs >= 900 && idleAfterLastMs <= 1200,
                 qPrintable(QString::number(idleAfterLastMs)));
    }

    void garbageIsRejected()
    {
        SpeakerStream s;
        std::vector<qint16> out(960);
        const unsigned char junk[] = {0xff, 0xff, 0xff, 0x03, 0x00};
        // A code-3 packet claiming 63 frames: longer than 120 ms, refused by the decoder.
        QCOMPARE(s.push(1, junk, 5, 0), audio::JitterBuffer::InsertResult::Inserted);
        QCOMPARE(s.push(2, junk, 0, 0), audio::JitterBuffer::InsertResult::Invalid);
        QCOMPARE(s.push(3, nullptr, 5, 0), audio::JitterBuffer::InsertResult::Invalid);
        for (int k = 0; k < 5; ++k)
            s.pull(out.data(), 30000 + k * 20000);
        QCOMPARE(s.counters().invalid, quint64(2 + 1));
        QCOMPARE(s.counters().played, quint64(0));
    }
};

QTEST_GUILESS_MAIN(TestSpeakerStream)
#include "test_speaker_stream.moc"
