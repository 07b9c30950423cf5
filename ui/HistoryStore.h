#pragma once
// The history on disk, when the user wants it kept across restarts: one WAV file per
// transmission (48 kHz mono 16-bit, readable by any player) and index.json listing them newest
// first with who, where and when. The HistoryModel decides what to keep (its byte cap holds on
// disk too); this class only reads and writes files. Unreadable files are skipped, not fatal.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace tenfour::ui {

class HistoryStore {
public:
    struct Record {
        QString file; // name inside dir(), e.g. "20261123-231500123-1a2b.wav"
        QString serverId;
        QString channel;
        QString member;
        QDateTime started;
        bool missed = false;
        QByteArray pcm;
    };

    explicit HistoryStore(const QString &dir);

    QString dir() const { return m_dir; }
    QString errorString() const { return m_error; }

    // Everything listed in the index whose audio can be read, newest first; files in the folder
    // that the index does not list (a crash between two writes) are deleted.
    QList<Record> load();
    // Writes the audio of a new record and returns its file name (empty on failure).
    QString writeAudio(const Record &record);
    // Rewrites the index (atomically) to list exactly these records, newest first.
    bool writeIndex(const QList<Record> &records);
    void removeAudio(const QString &file);
    // Deletes the index and every audio file.
    void removeAll();

    static QByteArray wav(const QByteArray &pcm);
    // The PCM of a 48 kHz mono 16-bit WAV; empty when it is not one.
    static QByteArray pcmFromWav(const QByteArray &wav);

private:
    QString m_dir;
    QString m_error;
};

} // namespace tenfour::ui
