#pragma once
// Compares a recording with the speech that was sent: 10 ms RMS envelopes, aligned by
// cross-correlation (the recording starts earlier and carries network and buffer delay), and the
// length of the speech measured by an energy threshold on each side.

#include <QString>
#include <vector>

namespace tenfour::test {

struct SpeechMatch {
    double correlation = 0;  // Pearson correlation of the aligned envelopes
    int lagMs = 0;           // where the sent speech starts in the recording
    double sentSpeechMs = 0; // first to last envelope frame above the threshold
    double recordedSpeechMs = 0;
    double recordedPeakDb = -100;
    QString describe() const;
};

// Both signals mono at 48 kHz, samples in [-1, 1].
SpeechMatch compareSpeech(const std::vector<float> &sent, const std::vector<float> &recorded);

// Reads a WAV (any rate/channels) as 48 kHz mono floats; empty on error (error says why).
std::vector<float> loadMono48k(const QString &path, QString *error);
// Raw s16le mono 48 kHz (parecord --raw) as floats.
std::vector<float> loadRaw48k(const QString &path);

} // namespace tenfour::test
