#pragma once
// Whole-file WAV (RIFF/WAVE) reading and writing: PCM 8/16/24/32-bit integer and 32-bit float,
// any rate and channel count, WAVE_FORMAT_EXTENSIBLE included. Samples are held as interleaved
// floats in [-1, 1] so callers can mix down and resample without caring about the file format.

#include <QString>
#include <QtGlobal>
#include <vector>

namespace tenfour::engine {

class WavFile {
public:
    int sampleRate = 0;
    int channels = 0;
    std::vector<float> samples; // interleaved, frames * channels

    qint64 frames() const { return channels > 0 ? qint64(samples.size()) / channels : 0; }
    double durationSeconds() const { return sampleRate > 0 ? double(frames()) / sampleRate : 0.0; }

    // Mixes all channels into one (the mean), same rate.
    std::vector<float> toMono() const;

    // Reads a WAV file. On failure returns false and says why in *error (never throws).
    static bool read(const QString &path, WavFile &out, QString *error);
    // Parses WAV bytes already in memory (same rules as read()).
    static bool parse(const QByteArray &bytes, WavFile &out, QString *error);

    // Writes 16-bit PCM with the given rate and channel count (samples interleaved).
    static bool write16(const QString &path, const qint16 *samples, qint64 frames, int sampleRate,
                        int channels, QString *error);
};

} // namespace tenfour::engine
