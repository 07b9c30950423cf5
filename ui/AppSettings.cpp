#include "ui/AppSettings.h"

#include <QSettings>
#include <QUuid>
#include <algorithm>

namespace tenfour::ui {
namespace {

int clampInt(const QVariantMap &m, const char *key, int def, int lo, int hi)
{
    bool ok = false;
    const int v = m.value(QLatin1String(key)).toInt(&ok);
    return ok ? std::clamp(v, lo, hi) : def;
}

bool boolean(const QVariantMap &m, const char *key, bool def)
{
    const QVariant v = m.value(QLatin1String(key));
    return v.isValid() ? v.toBool() : def;
}

QString text(const QVariantMap &m, const char *key, const QString &def)
{
    const QVariant v = m.value(QLatin1String(key));
    return v.isValid() ? v.toString() : def;
}

} // namespace

QVariantMap AppSettings::toMap() const
{
    QVariantMap m;
    m[QStringLiteral("audio/inputDevice")] = inputDevice;
    m[QStringLiteral("audio/noiseSuppression")] = noiseSuppression;
    m[QStringLiteral("audio/autoGain")] = autoGain;
    m[QStringLiteral("audio/inputGainDb")] = inputGainDb;
    m[QStringLiteral("audio/outputDevice")] = outputDevice;
    m[QStringLiteral("audio/outputVolume")] = outputVolume;
    m[QStringLiteral("audio/jitterMinMs")] = jitterMinMs;
    m[QStringLiteral("audio/jitterMaxMs")] = jitterMaxMs;
    m[QStringLiteral("ptt/activation")] =
        activation == Activation::Voice ? QStringLiteral("voice") : QStringLiteral("ptt");
    m[QStringLiteral("ptt/key")] = pttKey;
    m[QStringLiteral("ptt/mode")] =
        pttMode == PttMode::Toggle ? QStringLiteral("toggle") : QStringLiteral("hold");
    m[QStringLiteral("ptt/releaseTailMs")] = releaseTailMs;
    m[QStringLiteral("ptt/preRollMs")] = preRollMs;
    m[QStringLiteral("ptt/voiceThresholdDb")] = voiceThresholdDb;
    m[QStringLiteral("cues/permit")] = cuePermit;
    m[QStringLiteral("cues/permitVolume")] = cuePermitVolume;
    m[QStringLiteral("cues/end")] = cueEnd;
    m[QStringLiteral("cues/endVolume")] = cueEndVolume;
    m[QStringLiteral("cues/busy")] = cueBusy;
    m[QStringLiteral("cues/busyVolume")] = cueBusyVolume;
    m[QStringLiteral("codec/bitrateKbps")] = bitrateKbps;
    m[QStringLiteral("app/startAtLogin")] = startAtLogin;
    m[QStringLiteral("app/startMinimized")] = startMinimized;
    m[QStringLiteral("app/language")] = language;
    m[QStringLiteral("app/notifyOnTalk")] = notifyOnTalk;
    m[QStringLiteral("app/firstRunDone")] = firstRunDone;
    m[QStringLiteral("app/trayHintShown")] = trayHintShown;
    m[QStringLiteral("app/userName")] = userName;
    m[QStringLiteral("app/embeddedLan")] = embeddedLan;
    m[QStringLiteral("history/capMb")] = historyCapMb;
    m[QStringLiteral("history/toDisk")] = historyToDisk;
    return m;
}

AppSettings AppSettings::fromMap(const QVariantMap &m)
{
    AppSettings s;
    s.inputDevice = m.value(QStringLiteral("audio/inputDevice"), s.inputDevice).toByteArray();
    s.noiseSuppression = boolean(m, "audio/noiseSuppression", s.noiseSuppression);
    s.autoGain = boolean(m, "audio/autoGain", s.autoGain);
    s.inputGainDb = clampInt(m, "audio/inputGainDb", s.inputGainDb, -20, 20);
    s.outputDevice = m.value(QStringLiteral("audio/outputDevice"), s.outputDevice).toByteArray();
    s.outputVolume = clampInt(m, "audio/outputVolume", s.outputVolume, 0, 150);
    s.jitterMinMs = clampInt(m, "audio/jitterMinMs", s.jitterMinMs, 20, 500);
    s.jitterMaxMs = clampInt(m, "audio/jitterMaxMs", s.jitterMaxMs, s.jitterMinMs, 2000);
    s.activation = text(m, "ptt/activation", QString()) == QLatin1String("voice") ? Activation::Voice
                                                                                  : Activation::PushToTalk;
    s.pttKey = text(m, "ptt/key", s.pttKey);
    s.pttMode = text(m, "ptt/mode", QString()) == QLatin1String("toggle") ? PttMode::Toggle : PttMode::Hold;
    s.releaseTailMs = clampInt(m, "ptt/releaseTailMs", s.releaseTailMs, 0, 2000);
    s.preRollMs = clampInt(m, "ptt/preRollMs", s.preRollMs, 0, 1000);
    s.voiceThresholdDb = clampInt(m, "ptt/voiceThresholdDb", s.voiceThresholdDb, -80, 0);
    s.cuePermit = boolean(m, "cues/permit", s.cuePermit);
    s.cuePermitVolume = clampInt(m, "cues/permitVolume", s.cuePermitVolume, 0, 100);
    s.cueEnd = boolean(m, "cues/end", s.cueEnd);
    s.cueEndVolume = clampInt(m, "cues/endVolume", s.cueEndVolume, 0, 100);
    s.cueBusy = boolean(m, "cues/busy", s.cueBusy);
    s.cueBusyVolume = clampInt(m, "cues/busyVolume", s.cueBusyVolume, 0, 100);
    s.bitrateKbps = clampInt(m, "codec/bitrateKbps", s.bitrateKbps, 6, 128);
    s.startAtLogin = boolean(m, "app/startAtLogin", s.startAtLogin);
    s.startMinimized = boolean(m, "app/startMinimized", s.startMinimized);
    s.language = text(m, "app/language", s.language);
    s.notifyOnTalk = boolean(m, "app/notifyOnTalk", s.notifyOnTalk);
    s.firstRunDone = boolean(m, "app/firstRunDone", s.firstRunDone);
    s.trayHintShown = boolean(m, "app/trayHintShown", s.trayHintShown);
    s.userName = text(m, "app/userName", s.userName);
    s.embeddedLan = boolean(m, "app/embeddedLan", s.embeddedLan);
    s.historyCapMb = clampInt(m, "history/capMb", s.historyCapMb, 1, 1024);
    s.historyToDisk = boolean(m, "history/toDisk", s.historyToDisk);
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    const QVariantMap m = toMap();
    for (auto it = m.cbegin(); it != m.cend(); ++it)
        settings.setValue(it.key(), it.value());
    settings.remove(QStringLiteral("servers"));
    settings.beginWriteArray(QStringLiteral("servers"), int(servers.size()));
    for (int i = 0; i < servers.size(); ++i) {
        const ServerConfig &sc = servers.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("id"), sc.id);
        settings.setValue(QStringLiteral("name"), sc.name);
        settings.setValue(QStringLiteral("url"), sc.url.toString());
        settings.setValue(QStringLiteral("user"), sc.userName);
        settings.setValue(QStringLiteral("channels"), sc.channels);
        settings.setValue(QStringLiteral("autoJoin"), sc.autoJoin);
        settings.setValue(QStringLiteral("embedded"), sc.embedded);
    }
    settings.endArray();
    settings.sync();
}

AppSettings AppSettings::load(QSettings &settings)
{
    QVariantMap m;
    const QStringList keys = settings.allKeys();
    for (const QString &k : keys) {
        if (!k.startsWith(QLatin1String("servers/")))
            m.insert(k, settings.value(k));
    }
    AppSettings s = fromMap(m);
    const int n = settings.beginReadArray(QStringLiteral("servers"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        ServerConfig sc;
        sc.id = settings.value(QStringLiteral("id")).toString();
        if (sc.id.isEmpty()) // hand-edited file: give it a key so the keychain entry stays stable
            sc.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        sc.name = settings.value(QStringLiteral("name")).toString();
        sc.url = QUrl(settings.value(QStringLiteral("url")).toString());
        sc.userName = settings.value(QStringLiteral("user")).toString();
        sc.channels = settings.value(QStringLiteral("channels")).toStringList();
        sc.autoJoin = settings.value(QStringLiteral("autoJoin")).toStringList();
        sc.embedded = settings.value(QStringLiteral("embedded")).toBool();
        s.servers.append(sc);
    }
    settings.endArray();
    return s;
}

} // namespace tenfour::ui
