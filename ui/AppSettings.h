#pragma once
// Every persistent setting of the desktop app, typed, with its default, and the one place where
// the QSettings keys are spelled (toMap/fromMap). A default-constructed AppSettings *is* the
// defaults: the "Defaults" button of each settings page loads from one. (No group is named
// "general": QSettings' INI format reads a hand-written [general] as its root group.)

#include "ui/ChannelKey.h"
#include "ui/ServerConfig.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

class QSettings;

namespace tenfour::ui {

struct AppSettings {
    enum class PttMode { Hold, Toggle };
    enum class Activation { PushToTalk, Voice };

    // Audio input
    QByteArray inputDevice; // QAudioDevice::id(); empty means the system default
    bool noiseSuppression = true;
    bool autoGain = true;
    int inputGainDb = 0; // -20..+20

    // Audio output
    QByteArray outputDevice;
    int outputVolume = 100; // percent, 0..150
    int jitterMinMs = 40;
    int jitterMaxMs = 200;

    // Push-to-talk
    Activation activation = Activation::PushToTalk;
    QString pttKey = QStringLiteral("Control_R"); // input::PttKey portable form
    PttMode pttMode = PttMode::Hold;
    QList<ChannelKey> channelKeys; // extra keys that talk on one channel each (same mode)
    int releaseTailMs = 200;
    int preRollMs = 100;
    // Windows only (opt-in): a low-level hook keeps the bound keys from the focused program.
    bool pttSuppressKey = false;
    bool cuePermit = true; // talk-permit chirp when the floor is granted
    int cuePermitVolume = 60;
    bool cueEnd = true; // end-of-transmission beep when someone stops
    int cueEndVolume = 60;
    bool cueBusy = true; // busy tone when the floor is denied
    int cueBusyVolume = 60;
    int voiceThresholdDb = -40; // voice activation opens above this level (dBFS)

    // Codec
    int bitrateKbps = 24;

    // General
    bool startAtLogin = false;
    bool startMinimized = false;
    QString language; // empty: follow the system; else "en" or "zh_CN"
    bool notifyOnTalk = true;
    bool firstRunDone = false;
    bool trayHintShown = false;
    QString userName;         // default name on every server
    bool embeddedLan = false; // the embedded relay listens on the LAN too

    // History
    int historyCapMb = 32;
    bool historyToDisk = false;

    QList<ServerConfig> servers;

    // Key -> value of everything but the servers (the keys are defined only there).
    QVariantMap toMap() const;
    // Missing or malformed values keep their defaults; numbers are clamped to their range.
    // problems (optional) gets one line for people per value that was malformed or clamped.
    static AppSettings fromMap(const QVariantMap &map, QStringList *problems = nullptr);

    // QSettings writes its file through QSaveFile (a temporary file renamed over the old one),
    // so a crash mid-write leaves the previous file whole: tests/faults/test_fault_settings.cpp.
    void save(QSettings &settings) const;
    // A truncated or corrupt file: every value that can be read is kept, the rest are defaults,
    // and each problem is logged (qWarning) and appended to problems.
    static AppSettings load(QSettings &settings, QStringList *problems = nullptr);

    bool operator==(const AppSettings &o) const { return toMap() == o.toMap() && servers == o.servers; }
    bool operator!=(const AppSettings &o) const { return !(*this == o); }
};

} // namespace tenfour::ui
