#include "audio/VoiceProcessor.h"

#include <webrtc/modules/audio_processing/include/audio_processing.h>
#include <webrtc/modules/interface/module_common_types.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tenfour::audio {

namespace {
constexpr int kHalf = kFrameSamples / 2; // the APM processes 10 ms at a time
// AGC: the adaptive digital mode (no analog mic volume to drive), aiming at -3 dBFS with up to
// 15 dB of gain, limiter on so the raised speech never clips.
constexpr int kAgcTargetDbfs = 3;
constexpr int kAgcMaxGainDb = 15;
} // namespace

struct VoiceProcessor::Apm {
    std::unique_ptr<webrtc::AudioProcessing> apm;
    webrtc::AudioFrame frame;
    bool ok = false;
};

VoiceProcessor::VoiceProcessor() : VoiceProcessor(Settings{}) {}

VoiceProcessor::VoiceProcessor(const Settings &s)
    : m_apm(std::make_unique<Apm>()), m_ns(s.noiseSuppression), m_agc(s.autoGain),
      m_gainDb(std::clamp(s.inputGainDb, kMinGainDb, kMaxGainDb))
{
    webrtc::Config config;
    // The experimental AGC drives an analog mic volume; we have none.
    config.Set<webrtc::ExperimentalAgc>(new webrtc::ExperimentalAgc(false));
    m_apm->apm.reset(webrtc::AudioProcessing::Create(config));
    if (m_apm->apm) {
        webrtc::AudioProcessing *a = m_apm->apm.get();
        bool ok = a->Initialize(kSampleRate, kSampleRate, kSampleRate, webrtc::AudioProcessing::kMono,
                                webrtc::AudioProcessing::kMono, webrtc::AudioProcessing::kMono) == 0;
        ok = ok && a->noise_suppression()->set_level(webrtc::NoiseSuppression::kHigh) == 0;
        ok = ok && a->gain_control()->set_mode(webrtc::GainControl::kAdaptiveDigital) == 0;
        ok = ok && a->gain_control()->set_target_level_dbfs(kAgcTargetDbfs) == 0;
        ok = ok && a->gain_control()->set_compression_gain_db(kAgcMaxGainDb) == 0;
        ok = ok && a->gain_control()->enable_limiter(true) == 0;
        m_apm->ok = ok;
    }
    m_apm->frame.sample_rate_hz_ = kSampleRate;
    m_apm->frame.num_channels_ = 1;
    m_apm->frame.samples_per_channel_ = kHalf;
    apply();
}

VoiceProcessor::~VoiceProcessor() = default;

bool VoiceProcessor::isValid() const
{
    return m_apm->ok;
}

void VoiceProcessor::setNoiseSuppression(bool on)
{
    m_ns.store(on, std::memory_order_relaxed);
    m_version.fetch_add(1, std::memory_order_release);
}

void VoiceProcessor::setAutoGain(bool on)
{
    m_agc.store(on, std::memory_order_relaxed);
    m_version.fetch_add(1, std::memory_order_release);
}

void VoiceProcessor::setInputGainDb(int db)
{
    m_gainDb.store(std::clamp(db, kMinGainDb, kMaxGainDb), std::memory_order_relaxed);
    m_version.fetch_add(1, std::memory_order_release);
}

VoiceProcessor::Settings VoiceProcessor::settings() const
{
    Settings s;
    s.noiseSuppression = m_ns.load(std::memory_order_relaxed);
    s.autoGain = m_agc.load(std::memory_order_relaxed);
    s.inputGainDb = m_gainDb.load(std::memory_order_relaxed);
    return s;
}

void VoiceProcessor::apply()
{
    m_applied = m_version.load(std::memory_order_acquire);
    m_nsOn = m_ns.load(std::memory_order_relaxed);
    m_agcOn = m_agc.load(std::memory_order_relaxed);
    m_gain = std::pow(10.0f, float(m_gainDb.load(std::memory_order_relaxed)) / 20.0f);
    if (m_apm->ok) {
        // Enable() only flips flags of components created with the APM: no allocation here.
        m_apm->apm->noise_suppression()->Enable(m_nsOn);
        m_apm->apm->gain_control()->Enable(m_agcOn);
    }
}

void VoiceProcessor::reset()
{
    if (m_apm->ok)
        m_apm->apm->Initialize();
}

void VoiceProcessor::process(qint16 *frame)
{
    if (m_version.load(std::memory_order_acquire) != m_applied)
        apply();
    if (m_gain != 1.0f) {
        for (int i = 0; i < kFrameSamples; ++i) {
            const float v = std::round(float(frame[i]) * m_gain);
            frame[i] = qint16(std::clamp(v, -32768.0f, 32767.0f));
        }
    }
    // With both off the APM is skipped: the signal stays bit-exact (apart from the gain).
    if (!m_apm->ok || (!m_nsOn && !m_agcOn))
        return;
    webrtc::AudioFrame &f = m_apm->frame;
    for (int h = 0; h < 2; ++h) {
        qint16 *half = frame + h * kHalf;
        f.sample_rate_hz_ = kSampleRate;
        f.num_channels_ = 1;
        f.samples_per_channel_ = kHalf;
        std::memcpy(f.data_, half, sizeof(qint16) * kHalf);
        m_apm->apm->set_stream_delay_ms(0);
        if (m_apm->apm->ProcessStream(&f) == 0)
            std::memcpy(half, f.data_, sizeof(qint16) * kHalf);
    }
}

} // namespace tenfour::audio
