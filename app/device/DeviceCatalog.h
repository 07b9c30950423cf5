#pragma once
// Finding audio devices: by id or name, and the default one. Qt 6.4's
// QMediaDevices::defaultAudioInput() returns the first source, not the system default
// (QTBUG-112219), so the PulseAudio variables PULSE_SOURCE / PULSE_SINK, which name the
// default device a launcher wants us to use, are honoured first.

#include <QAudioDevice>
#include <QList>
#include <QString>

namespace tenfour::device {

class DeviceCatalog {
public:
    static QList<QAudioDevice> devices(QAudioDevice::Mode mode);

    // The device the system (or the launcher through PULSE_SOURCE/PULSE_SINK) wants used.
    // A null QAudioDevice when there is none.
    static QAudioDevice defaultDevice(QAudioDevice::Mode mode);

    // Resolves what a user typed: an exact id first, then an exact description, then a
    // case-insensitive part of a description. Empty text means defaultDevice(). A null
    // QAudioDevice when nothing matches.
    static QAudioDevice find(QAudioDevice::Mode mode, const QString &idOrName);

    // The device with this id, or null when it is gone.
    static QAudioDevice byId(QAudioDevice::Mode mode, const QByteArray &id);

    // One line per device ("id<TAB>description[<TAB>default]") for --list-devices.
    static QString describe(QAudioDevice::Mode mode);
};

} // namespace tenfour::device
