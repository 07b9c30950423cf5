#pragma once
// The one audio format inside Tenfour: 48 kHz, mono, signed 16-bit, 20 ms frames.

#include <QtGlobal>

namespace tenfour::audio {

inline constexpr int kSampleRate = 48000;
inline constexpr int kFrameMs = 20;
inline constexpr qint64 kFrameUs = qint64(kFrameMs) * 1000;
inline constexpr int kFrameSamples = 960;
inline constexpr int kBytesPerMs = kSampleRate / 1000 * int(sizeof(qint16)); // of 16-bit mono PCM
inline constexpr int kMaxPacketBytes = 1275; // largest Opus packet (RFC 6716, 3.4)
// Longest Opus packet duration (120 ms): the decoder may emit this many samples for one packet.
inline constexpr int kMaxDecodedSamples = 5760;

static_assert(kSampleRate / 1000 * kFrameMs == kFrameSamples, "frame size must match rate and ptime");

} // namespace tenfour::audio
