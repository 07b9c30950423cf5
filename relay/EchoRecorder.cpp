#include "relay/EchoRecorder.h"

#include "relay/Channel.h"
#include "relay/Connection.h"
#include "relay/Messages.h"
#include "relay/WireFrame.h"

#include <cmath>

namespace tenfour::relay {

EchoRecorder::EchoRecorder(Channel *echoChannel, Connection *member, int maxTalkMs, int idleRevokeMs,
                           RelayStats &stats, Outbox &outbox)
    : channel_(echoChannel)
    , member_(member)
    , stats_(stats)
    , outbox_(outbox)
    , floor_(echoChannel, this, maxTalkMs, idleRevokeMs)
{
    timer_.setSingleShot(true);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &EchoRecorder::playDue);
}

EchoRecorder::~EchoRecorder() = default;

void EchoRecorder::startRecording()
{
    stopPlayback();
    recording_.clear();
    recordedBytes_ = 0;
    firstNs_ = 0;
}

void EchoRecorder::record(const QByteArray &frame, qint64 nowNs)
{
    if (recordedBytes_ + frame.size() > kMaxRecordedBytes)
        return;
    if (recording_.empty())
        firstNs_ = nowNs;
    recording_.push_back(Frame{nowNs - firstNs_, frame});
    recordedBytes_ += frame.size();
    ++stats_.framesRecorded;
}

void EchoRecorder::startPlayback(const Transmission &t)
{
    stopPlayback();
    if (recording_.empty())
        return;
    playback_.swap(recording_);
    recording_.clear();
    recordedBytes_ = 0;
    playMeta_ = t;
    next_ = 0;
    playing_ = true;
    playStartNs_ = monotonicNs();
    member_->sendControl(talkingWire(channel_->name(), *member_, playMeta_));
    playDue();
}

void EchoRecorder::stopPlayback()
{
    if (!playing_)
        return;
    timer_.stop();
    playing_ = false;
    playback_.clear();
    next_ = 0;
    member_->sendControl(overWire(channel_->name(), member_->id(), playMeta_.sid, "released"));
}

void EchoRecorder::playDue()
{
    if (!playing_)
        return;
    const qint64 elapsed = monotonicNs() - playStartNs_;
    while (next_ < playback_.size() && playback_[next_].offsetNs <= elapsed) {
        if (member_->sendAudio(outbox_.keep(makeBinaryWire(playback_[next_].bytes)))) {
            ++stats_.framesForwarded;
        } else if (member_->isOpen()) {
            ++stats_.droppedSlowReader;
            ++stats_.framesDropped;
        }
        ++next_;
    }
    if (next_ < playback_.size()) {
        const qint64 waitNs = playback_[next_].offsetNs - elapsed;
        timer_.start(int((waitNs + 999999) / 1000000));
        return;
    }
    // Done: the over follows the last frame by one packet time, as a live talker's would.
    const qint64 endNs = playback_.back().offsetNs + qint64(std::lround(playMeta_.ptime * 1e6));
    if (elapsed < endNs) {
        timer_.start(int((endNs - elapsed + 999999) / 1000000));
        return;
    }
    stopPlayback();
}

} // namespace tenfour::relay
