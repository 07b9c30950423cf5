#include "ui/HistoryStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QUuid>
#include <QtEndian>

namespace tenfour::ui {

namespace {
constexpr int kRate = 48000;
const QString kIndex = QStringLiteral("index.json");

void putLe32(QByteArray &b, quint32 v)
{
    char c[4];
    qToLittleEndian(v, c);
    b.append(c, 4);
}
void putLe16(QByteArray &b, quint16 v)
{
    char c[2];
    qToLittleEndian(v, c);
    b.append(c, 2);
}
} // namespace

HistoryStore::HistoryStore(const QString &dir) : m_dir(dir) {}

QByteArray HistoryStore::wav(const QByteArray &pcm)
{
    QByteArray b;
    b.reserve(44 + pcm.size());
    b.append("RIFF", 4);
    putLe32(b, quint32(36 + pcm.size()));
    b.append("WAVEfmt ", 8);
    putLe32(b, 16);
    putLe16(b, 1); // PCM
    putLe16(b, 1); // mono
    putLe32(b, kRate);
    putLe32(b, kRate * 2);
    putLe16(b, 2);
    putLe16(b, 16);
    b.append("data", 4);
    putLe32(b, quint32(pcm.size()));
    b.append(pcm);
    return b;
}

QByteArray HistoryStore::pcmFromWav(const QByteArray &w)
{
    if (w.size() < 12 || !w.startsWith("RIFF") || w.mid(8, 4) != "WAVE")
        return {};
    bool formatOk = false;
    qsizetype pos = 12;
    while (pos + 8 <= w.size()) {
        const QByteArray id = w.mid(pos, 4);
        const quint32 len = qFromLittleEndian<quint32>(w.constData() + pos + 4);
        const qsizetype body = pos + 8;
        if (len > quint32(w.size() - body))
            return {};
        if (id == "fmt ") {
            if (len < 16)
                return {};
            const char *f = w.constData() + body;
            formatOk = qFromLittleEndian<quint16>(f) == 1 && qFromLittleEndian<quint16>(f + 2) == 1 &&
                       qFromLittleEndian<quint32>(f + 4) == kRate && qFromLittleEndian<quint16>(f + 14) == 16;
        } else if (id == "data") {
            return formatOk ? w.mid(body, qsizetype(len) & ~qsizetype(1)) : QByteArray();
        }
        pos = body + len + (len & 1);
    }
    return {};
}

QList<HistoryStore::Record> HistoryStore::load()
{
    QList<Record> out;
    QDir dir(m_dir);
    if (!dir.exists())
        return out;
    QFile f(dir.filePath(kIndex));
    QSet<QString> listed;
    if (f.open(QIODevice::ReadOnly)) {
        const QJsonArray entries = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("entries")).toArray();
        for (const QJsonValue &v : entries) {
            const QJsonObject o = v.toObject();
            Record r;
            r.file = o.value(QLatin1String("file")).toString();
            // Only plain names inside the folder: an edited index must not reach other files.
            if (r.file.isEmpty() || r.file.contains(QLatin1Char('/')) || r.file.startsWith(QLatin1Char('.')))
                continue;
            QFile audio(dir.filePath(r.file));
            if (!audio.open(QIODevice::ReadOnly))
                continue;
            r.pcm = pcmFromWav(audio.readAll());
            if (r.pcm.isEmpty())
                continue;
            r.serverId = o.value(QLatin1String("server")).toString();
            r.channel = o.value(QLatin1String("channel")).toString();
            r.member = o.value(QLatin1String("member")).toString();
            r.started = QDateTime::fromString(o.value(QLatin1String("started")).toString(), Qt::ISODateWithMs);
            r.missed = o.value(QLatin1String("missed")).toBool();
            listed.insert(r.file);
            out << r;
        }
    }
    const QStringList wavs = dir.entryList({QStringLiteral("*.wav")}, QDir::Files);
    for (const QString &name : wavs) {
        if (!listed.contains(name))
            dir.remove(name);
    }
    return out;
}

QString HistoryStore::writeAudio(const Record &record)
{
    if (!QDir().mkpath(m_dir)) {
        m_error = QStringLiteral("cannot create %1").arg(m_dir);
        return {};
    }
    const QString name = QStringLiteral("%1-%2.wav")
                             .arg(record.started.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmsszzz")),
                                  QUuid::createUuid().toString(QUuid::Id128).left(8));
    QSaveFile f(QDir(m_dir).filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(wav(record.pcm)) < 0 || !f.commit()) {
        m_error = f.errorString();
        return {};
    }
    return name;
}

bool HistoryStore::writeIndex(const QList<Record> &records)
{
    if (!QDir().mkpath(m_dir)) {
        m_error = QStringLiteral("cannot create %1").arg(m_dir);
        return false;
    }
    QJsonArray entries;
    for (const Record &r : records) {
        QJsonObject o;
        o[QStringLiteral("file")] = r.file;
        o[QStringLiteral("server")] = r.serverId;
        o[QStringLiteral("channel")] = r.channel;
        o[QStringLiteral("member")] = r.member;
        o[QStringLiteral("started")] = r.started.toString(Qt::ISODateWithMs);
        o[QStringLiteral("missed")] = r.missed;
        entries.append(o);
    }
    QJsonObject root;
    root[QStringLiteral("version")] = 1;
    root[QStringLiteral("entries")] = entries;
    QSaveFile f(QDir(m_dir).filePath(kIndex));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(root).toJson()) < 0 || !f.commit()) {
        m_error = f.errorString();
        return false;
    }
    return true;
}

void HistoryStore::removeAudio(const QString &file)
{
    if (!file.isEmpty())
        QDir(m_dir).remove(file);
}

void HistoryStore::removeAll()
{
    QDir dir(m_dir);
    if (!dir.exists())
        return;
    for (const QString &name : dir.entryList({QStringLiteral("*.wav")}, QDir::Files))
        dir.remove(name);
    dir.remove(kIndex);
    dir.rmdir(m_dir); // only when empty
}

} // namespace tenfour::ui
