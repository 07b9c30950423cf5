#include "ui/AppSettings.h"

#include <QDebug>
#include <QFile>
#include <QLockFile>
#include <QSettings>
#include <QStringDecoder>
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

// Lines of an INI file that QSettings skips without a word (no '=', not a [section], not a
// comment), and whether the file is valid UTF-8: a corrupt or half-written file shows here.
QStringList lintIniFile(const QString &path)
{
    QStringList problems;
    QFile f(path);
    if (!f.exists())
        return problems;
    if (!f.open(QIODevice::ReadOnly)) {
        problems << QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return problems;
    }
    const QByteArray raw = f.readAll();
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(raw);
    if (utf8.hasError() || raw.contains('\0'))
        problems << QStringLiteral("%1 is not valid text (corrupt?)").arg(path);
    int skipped = 0;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (t.isEmpty() || t.startsWith(QLatin1Char(';')) || t.startsWith(QLatin1Char('#')) ||
            (t.startsWith(QLatin1Char('[')) && t.endsWith(QLatin1Char(']'))) || t.contains(QLatin1Char('=')))
            continue;
        ++skipped;
    }
    if (skipped > 0)
        problems << QStringLiteral("%1 line(s) of %2 could not be read").arg(skipped).arg(path);
    return problems;
}

// A value that did not survive parsing as it was written (not a number, out of range, an
// unknown word) reads back differently from what fromMap made of it.
void reportChangedValues(const QVariantMap &raw, const QVariantMap &parsed, QStringList *problems)
{
    for (auto it = parsed.cbegin(); it != parsed.cend(); ++it) {
        const auto r = raw.constFind(it.key());
        if (r == raw.cend())
            continue;
        const QString was = r.value().toString();
        const QString now = it.value().toString();
        if (was != now)
            problems->append(QStringLiteral("setting %1: \"%2\" is not valid; using \"%3\"")
                                 .arg(it.key(), was.left(40), now));
    }
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
    QStringList channelKeyList;
    for (const ChannelKey &ck : channelKeys)
        channelKeyList << ck.toString();
    m[QStringLiteral("ptt/channelKeys")] = channelKeyList;
    m[QStringLiteral("ptt/releaseTailMs")] = releaseTailMs;
    m[QStringLiteral("ptt/preRollMs")] = preRollMs;
    m[QStringLiteral("ptt/suppressKey")] = pttSuppressKey;
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

static AppSettings fromMapValues(const QVariantMap &m);

AppSettings AppSettings::fromMap(const QVariantMap &m, QStringList *problems)
{
    AppSettings s = fromMapValues(m);
    if (problems)
        reportChangedValues(m, s.toMap(), problems);
    return s;
}

// The parsing itself; fromMap() adds the report of what could not be used.
static AppSettings fromMapValues(const QVariantMap &m)
{
    using Activation = AppSettings::Activation;
    using PttMode = AppSettings::PttMode;
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
    // A list of "key=channel"; QSettings reads a one-entry list back as a plain string.
    for (const QString &entry : m.value(QStringLiteral("ptt/channelKeys")).toStringList()) {
        const ChannelKey ck = ChannelKey::fromString(entry);
        if (ck.isValid())
            s.channelKeys << ck;
    }
    s.releaseTailMs = clampInt(m, "ptt/releaseTailMs", s.releaseTailMs, 0, 2000);
    s.preRollMs = clampInt(m, "ptt/preRollMs", s.preRollMs, 0, 1000);
    s.pttSuppressKey = boolean(m, "ptt/suppressKey", s.pttSuppressKey);
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

namespace {

// QSettings holds "<file>.lock" while it writes. A process killed while creating that lock
// leaves it empty, and QLockFile then waits out its stale time (30 s) before taking it over: the
// next save, on the GUI thread, froze the app for 30 s (found by test_fault_settings). Here an
// unreadable lock is taken over once it is a second old, waiting for that second if it is newer
// (QLockFile's own rule with a shorter stale time; a lock whose process is gone is taken over at
// once either way). Only a write held for over a second by another live process could be cut
// short, and the app runs once per user. Registry and plist settings have no lock file.
void takeOverBrokenLock(const QString &file)
{
    if (file.isEmpty() || !QFile::exists(file + QStringLiteral(".lock")))
        return;
    QLockFile lock(file + QStringLiteral(".lock"));
    lock.setStaleLockTime(1000);
    if (lock.tryLock(3000))
        lock.unlock();
}

} // namespace

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
    takeOverBrokenLock(settings.fileName());
    settings.sync();
}

AppSettings AppSettings::load(QSettings &settings, QStringList *problemsOut)
{
    QStringList problems;
    if (settings.status() == QSettings::FormatError)
        problems << QStringLiteral("%1 is malformed; what could be read is kept").arg(settings.fileName());
    else if (settings.status() == QSettings::AccessError)
        problems << QStringLiteral("%1 cannot be read").arg(settings.fileName());
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    const bool iniFile = true; // the native format is an INI file there too
#else
    const bool iniFile = settings.format() == QSettings::IniFormat;
#endif
    if (iniFile)
        problems << lintIniFile(settings.fileName());
    QVariantMap m;
    const QStringList keys = settings.allKeys();
    for (const QString &k : keys) {
        if (!k.startsWith(QLatin1String("servers/")))
            m.insert(k, settings.value(k));
    }
    AppSettings s = fromMap(m, &problems);
    for (const QString &p : std::as_const(problems))
        qWarning().noquote() << "settings:" << p << "(defaults are used for what could not be read)";
    if (problemsOut)
        *problemsOut << problems;
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
