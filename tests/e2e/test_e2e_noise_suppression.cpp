// End to end on loopback through the real executables: `tenfour-cli send` of speech mixed with
// steady noise, once with --noise-suppression on and once off, each heard by a separate
// `tenfour-cli record`. With suppression the noise in the gaps (the quiet frames of the
// transmission) is clearly lower while the speech keeps its level. Ratios, not absolute values.

#include "E2eProcess.h"
#include "SpeechCompare.h"
#include "engine/WavFile.h"

#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <random>

using namespace tenfour::test;

namespace {

struct Levels {
    double floorDb = 0;  // 15th percentile of the frame levels of the transmission: the gaps
    double speechDb = 0; // 90th percentile: the speech
    int frames = 0;
};

Levels levels(const std::vector<float> &x)
{
    std::vector<double> db;
    for (std::size_t i = 0; i + 960 <= x.size(); i += 960) {
        double s = 0.0;
        for (std::size_t k = 0; k < 960; ++k)
            s += double(x[i + k]) * x[i + k];
        if (s <= 0.0)
            continue; // digital silence: before or after the transmission
        db.push_back(10.0 * std::log10(s / 960.0));
    }
    Levels l;
    l.frames = int(db.size());
    if (db.empty())
        return l;
    std::sort(db.begin(), db.end());
    l.floorDb = db[db.size() * 15 / 100];
    l.speechDb = db[db.size() * 90 / 100];
    return l;
}

} // namespace

class TestE2eNoiseSuppression : public QObject {
    Q_OBJECT

    // Sends `wav` with --noise-suppression `ns`; returns what the recorder wrote.
    std::vector<float> sendAndRecord(const QUrl &url, const QString &wav, double seconds, bool ns,
                                     const QString &out)
    {
        QProcess rec;
        rec.start(cliPath(), {QStringLiteral("--server"), url.toString(), QStringLiteral("--name"),
                              QStringLiteral("Rec"), QStringLiteral("--channel"), QStringLiteral("ns"),
                              QStringLiteral("record"), out, QStringLiteral("--seconds"),
                              QString::number(seconds + 1.5)});
        QByteArray seen;
        if (!waitForOutput(rec, "recording ", &seen)) {
            qWarning() << rec.readAllStandardError();
            return {};
        }
        QProcess send;
        send.start(cliPath(),
                   {QStringLiteral("--server"), url.toString(), QStringLiteral("--name"),
                    QStringLiteral("Snd"), QStringLiteral("--channel"), QStringLiteral("ns"),
                    QStringLiteral("--noise-suppression"), ns ? QStringLiteral("on") : QStringLiteral("off"),
                    QStringLiteral("send"), wav});
        if (!send.waitForFinished(int(seconds * 1000) + 15000) || send.exitCode() != 0) {
            qWarning() << send.readAllStandardError();
            return {};
        }
        if (!rec.waitForFinished(int(seconds * 1000) + 15000) || rec.exitCode() != 0) {
            qWarning() << rec.readAllStandardError();
            return {};
        }
        QString error;
        tenfour::engine::WavFile w;
        if (!tenfour::engine::WavFile::read(out, w, &error)) {
            qWarning() << error;
            return {};
        }
        return w.toMono();
    }

private Q_SLOTS:
    void suppressionLowersTheNoiseBetweenWords()
    {
        QTemporaryDir dir;
        const QString speechWav = dir.filePath(QStringLiteral("speech.wav"));
        QString error;
        QVERIFY2(makeSpeech(speechWav, QStringLiteral("Noise test. Alpha, bravo, charlie. Over."), &error),
                 qPrintable(error));
        const std::vector<float> speech = loadMono48k(speechWav, &error);
        QVERIFY2(!speech.empty(), qPrintable(error));

        // 1 s of noise, the speech over noise, 0.5 s of noise; white noise at -40 dBFS RMS.
        const std::size_t lead = 48000, trail = 24000;
        std::vector<qint16> mixed(lead + speech.size() + trail);
        std::mt19937 rng(42);
        std::normal_distribution<double> noise(0.0, 32768.0 * std::pow(10.0, -40.0 / 20.0));
        for (std::size_t i = 0; i < mixed.size(); ++i) {
            double v = noise(rng);
            if (i >= lead && i - lead < speech.size())
                v += double(speech[i - lead]) * 32767.0;
            mixed[i] = qint16(std::clamp(std::lround(v), -32768L, 32767L));
        }
        const QString noisyWav = dir.filePath(QStringLiteral("noisy.wav"));
        QVERIFY2(
            tenfour::engine::WavFile::write16(noisyWav, mixed.data(), qint64(mixed.size()), 48000, 1, &error),
            qPrintable(error));
        const double seconds = double(mixed.size()) / 48000.0;

        QProcess relay;
        const QUrl url = startRelay(relay);
        QVERIFY2(url.isValid(), "tenfour-relay did not start");
        const std::vector<float> off =
            sendAndRecord(url, noisyWav, seconds, false, dir.filePath(QStringLiteral("off.wav")));
        const std::vector<float> on =
            sendAndRecord(url, noisyWav, seconds, true, dir.filePath(QStringLiteral("on.wav")));
        stopProcess(relay);
        QVERIFY(!off.empty());
        QVERIFY(!on.empty());

        const Levels lo = levels(off), ln = levels(on);
        qInfo("NS off: gaps %.1f dBFS, speech %.1f dBFS (%d frames); NS on: gaps %.1f dBFS, speech %.1f dBFS "
              "(%d frames); gap noise %.1f dB lower",
              lo.floorDb, lo.speechDb, lo.frames, ln.floorDb, ln.speechDb, ln.frames,
              lo.floorDb - ln.floorDb);
        // Both carried the whole transmission.
        QVERIFY2(lo.frames > int(seconds * 50 * 0.9) && ln.frames > int(seconds * 50 * 0.9),
                 qPrintable(QStringLiteral("%1 %2").arg(lo.frames).arg(ln.frames)));
        // Without suppression the gaps carry the noise we mixed in (-40 dBFS, give or take Opus).
        QVERIFY2(std::abs(lo.floorDb + 40.0) < 6.0, qPrintable(QString::number(lo.floorDb)));
        // With it, clearly less noise in the gaps ...
        QVERIFY2(lo.floorDb - ln.floorDb > 10.0, qPrintable(QString::number(lo.floorDb - ln.floorDb)));
        // ... and the speech is still there at about its level.
        QVERIFY2(std::abs(lo.speechDb - ln.speechDb) < 4.0,
                 qPrintable(QStringLiteral("%1 %2").arg(lo.speechDb).arg(ln.speechDb)));
    }
};

QTEST_GUILESS_MAIN(TestE2eNoiseSuppression)
#include "test_e2e_noise_suppression.moc"
