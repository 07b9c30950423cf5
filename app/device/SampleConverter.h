#pragma once
// Converts between the device's sample format and Tenfour's signed 16-bit samples, for the
// devices that cannot open 48 kHz mono Int16 directly. Channel layout and rate are untouched.

#include <QAudioDevice>
#include <QAudioFormat>
#include <QtGlobal>

namespace tenfour::device {

class SampleConverter {
public:
    // The format a Qt audio stream on `device` is opened with: 48 kHz mono Int16 when the device
    // takes it (or there is no device), else the device's own rate and channels in a sample format
    // this class converts (Int16 when the device prefers one it does not).
    static QAudioFormat streamFormat(const QAudioDevice &device);
    // True for the formats below (UInt8, Int16, Int32, Float).
    static bool supports(QAudioFormat::SampleFormat format);
    // count samples (not frames) of `format` at `in` -> out.
    static void toInt16(const char *in, QAudioFormat::SampleFormat format, qint64 count, qint16 *out);
    // count samples from `in` -> `format` at out.
    static void fromInt16(const qint16 *in, qint64 count, QAudioFormat::SampleFormat format, char *out);
};

} // namespace tenfour::device
