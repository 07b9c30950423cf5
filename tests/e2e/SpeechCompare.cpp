#include "SpeechCompare.h"

#include "audio/Resampler.h"
#include "engine/WavFile.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace tenfour::test {

namespace {

constexpr int kWindow = 480; // 10 ms at 48 kHz

std::vector<double> envelope(const std::vector<float> &x)
{
    std::vector<double> e(x.size() / kWindow);
    for (size_t i = 0; i < e.size(); ++i) {
        double sum = 0;
        for (int k = 0; k < kWindow; ++k)
            sum += double(x[i * kWindow + size_t(k)]) * x[i * kWindow + size_t(k)];
        e[i] = std::sqrt(sum / kWindow);
    }
    return e;
}

double pearson(const double *a, const double *b, size_t n)
{
    const double ma = std::accumulate(a, a + n, 0.0) / double(n);
    const double mb = std::accumulate(b, b + n, 0.0) / double(n);
    double num = 0, da = 0, db = 0;
    for (size_t i = 0; i < n; ++i) {
        num += (a[i] - ma) * (b[i] - mb);
        da += (a[i] - ma) * (a[i] - ma);
        db += (b[i] - mb) * (b[i] - mb);
    }
    return da > 0 && db > 0 ? num / std::sqrt(da * db) : 0.0;
}

// First to last frame whose level is within 30 dB of the loudest frame (and above -60 dBFS):
// robust to codec noise in the silence, sensitive to speech cut off or stretched.
double speechMs(const std::vector<double> &e, size_t from, size_t count)
{
    const double peak = *std::max_element(e.begin() + long(from), e.begin() + long(from + count));
    const double threshold = std::max(peak * std::pow(10.0, -30.0 / 20.0), 0.001);
    long first = -1, last = -1;
    for (size_t i = from; i < from + count; ++i) {
        if (e[i] >= threshold) {
            if (first < 0)
                first = long(i);
            last = long(i);
        }
    }
    return first < 0 ? 0.0 : double(last - first + 1) * 10.0;
}

} // namespace

QString SpeechMatch::describe() const
{
    return QStringLiteral("envelope correlation %1 at lag %2 ms; speech %3 ms sent, %4 ms recorded; "
                          "recording peak %5 dBFS")
        .arg(correlation, 0, 'f', 4)
        .arg(lagMs)
        .arg(sentSpeechMs)
        .arg(recordedSpeechMs)
        .arg(recordedPeakDb, 0, 'f', 1);
}

SpeechMatch compareSpeech(const std::vector<float> &sent, const std::vector<float> &recorded)
{
    SpeechMatch m;
    const std::vector<double> es = envelope(sent);
    const std::vector<double> er = envelope(recorded);
    if (es.empty() || er.size() < es.size())
        return m;
    double best = -2;
    size_t bestLag = 0;
    for (size_t lag = 0; lag + es.size() <= er.size(); ++lag) {
        const double c = pearson(es.data(), er.data() + lag, es.size());
        if (c > best) {
            best = c;
            bestLag = lag;
        }
    }
    m.correlation = best;
    m.lagMs = int(bestLag * 10);
    m.sentSpeechMs = speechMs(es, 0, es.size());
    m.recordedSpeechMs = speechMs(er, bestLag, es.size());
    const double peak = *std::max_element(er.begin(), er.end());
    m.recordedPeakDb = peak > 0 ? 20.0 * std::log10(peak) : -100.0;
    return m;
}

std::vector<float> loadMono48k(const QString &path, QString *error)
{
    engine::WavFile wav;
    if (!engine::WavFile::read(path, wav, error))
        return {};
    const std::vector<float> mono = wav.toMono();
    if (wav.sampleRate == 48000)
        return mono;
    std::vector<qint16> pcm(mono.size());
    for (size_t i = 0; i < mono.size(); ++i)
        pcm[i] = qint16(std::lrint(std::clamp(mono[i], -1.0f, 1.0f) * 32767.0f));
    audio::Resampler rs(wav.sampleRate, 1);
    std::vector<qint16> out(size_t(rs.outputCapacityFor(int(pcm.size()))) + 2048);
    int n = rs.process(pcm.data(), int(pcm.size()), out.data(), int(out.size()));
    n += std::max(0, rs.flush(out.data() + n, int(out.size()) - n));
    std::vector<float> result(size_t(std::max(n, 0)));
    for (size_t i = 0; i < result.size(); ++i)
        result[i] = float(out[i]) / 32768.0f;
    return result;
}

std::vector<float> loadRaw48k(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray b = f.readAll();
    std::vector<float> out(size_t(b.size() / 2));
    for (size_t i = 0; i < out.size(); ++i) {
        const qint16 s = qint16(quint16(quint8(b[int(2 * i)])) | quint16(quint8(b[int(2 * i + 1)])) << 8);
        out[i] = float(s) / 32768.0f;
    }
    return out;
}

} // namespace tenfour::test
