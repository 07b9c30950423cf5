#include "device/DeviceCatalog.h"

#include <QMediaDevices>

namespace tenfour::device {

QList<QAudioDevice> DeviceCatalog::devices(QAudioDevice::Mode mode)
{
    return mode == QAudioDevice::Input ? QMediaDevices::audioInputs() : QMediaDevices::audioOutputs();
}

QAudioDevice DeviceCatalog::byId(QAudioDevice::Mode mode, const QByteArray &id)
{
    if (id.isEmpty())
        return {};
    for (const QAudioDevice &d : devices(mode)) {
        if (d.id() == id)
            return d;
    }
    return {};
}

QAudioDevice DeviceCatalog::defaultDevice(QAudioDevice::Mode mode)
{
    const QByteArray env = qgetenv(mode == QAudioDevice::Input ? "PULSE_SOURCE" : "PULSE_SINK");
    if (QAudioDevice d = byId(mode, env); !d.isNull())
        return d;
    const QList<QAudioDevice> all = devices(mode);
    for (const QAudioDevice &d : all) {
        if (d.isDefault())
            return d;
    }
    return mode == QAudioDevice::Input ? QMediaDevices::defaultAudioInput()
                                       : QMediaDevices::defaultAudioOutput();
}

QAudioDevice DeviceCatalog::find(QAudioDevice::Mode mode, const QString &idOrName)
{
    if (idOrName.isEmpty())
        return defaultDevice(mode);
    const QList<QAudioDevice> all = devices(mode);
    for (const QAudioDevice &d : all) {
        if (d.id() == idOrName.toUtf8())
            return d;
    }
    for (const QAudioDevice &d : all) {
        if (d.description() == idOrName)
            return d;
    }
    for (const QAudioDevice &d : all) {
        if (d.description().contains(idOrName, Qt::CaseInsensitive))
            return d;
    }
    return {};
}

QString DeviceCatalog::describe(QAudioDevice::Mode mode)
{
    const QByteArray def = defaultDevice(mode).id();
    QString out;
    for (const QAudioDevice &d : devices(mode)) {
        out += QString::fromUtf8(d.id()) + QLatin1Char('\t') + d.description();
        if (d.id() == def)
            out += QStringLiteral("\t(default)");
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace tenfour::device
