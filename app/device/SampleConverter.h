#pragma once
// Converts between the device's sample format and Tenfour's signed 16-bit samples, for the
// devices that cannot open 48 kHz mono Int16 directly. Channel layout and rate are untouched.

#include <QAudioFormat>
#include <QtGlobal>

namespace tenfour::device {

class SampleConverter {
public:
    // True for the formats below (UInt8, Int16, Int32, Float).
    static bool supports(QAudioFormat::SampleFormat format);
    // count samples (not frames) of `format` at `in` -> out.
    static void toInt16(const char *in, QAudioFormat::SampleFormat format, qint64 count, qint16 *out);
    // count samples from `in` -> `format` at out.
    static void fromInt16(const qint16 *in, qint64 count, QAudioFormat::SampleFormat format, char *out);
};

} // namespace tenfour::device
