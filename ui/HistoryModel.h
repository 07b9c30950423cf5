#pragma once
// The last transmissions heard, newest first, with their audio for one-click replay. Kept in
// memory under a byte cap (oldest dropped first), and optionally on disk as well (HistoryStore),
// under the same cap, restored at the next start. Entries that arrive while the user is away
// (window hidden) are marked missed until seen.

#include <QAbstractTableModel>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <memory>

namespace tenfour::ui {

class HistoryStore;

class HistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { WhoColumn, ChannelColumn, WhenColumn, LengthColumn, ColumnCount };
    enum Role { PcmRole = Qt::UserRole + 1, MissedRole, DurationMsRole, ServerIdRole };

    struct Entry {
        QString serverId;
        QString channel;
        QString member;
        QDateTime started;
        QByteArray pcm; // 48 kHz mono s16
        bool missed = false;
        QString file; // its audio file when the history is saved to disk
        qint64 durationMs() const { return qint64(pcm.size()) / 2 * 1000 / 48000; }
    };

    explicit HistoryModel(QObject *parent = nullptr);
    ~HistoryModel() override;

    void setCapBytes(qint64 bytes);
    qint64 capBytes() const { return m_cap; }
    qint64 usedBytes() const { return m_used; }
    // Saves the history into dir from now on: entries saved there before come back (older than
    // the ones in memory), the ones in memory are written, the cap holds for both. An empty dir
    // stops saving and deletes what was saved (the user asked for it not to be kept).
    void setStorageDirectory(const QString &dir);
    QString storageDirectory() const;
    // Why the last write to disk failed; empty when it did not.
    QString storageError() const { return m_storageError; }
    // While away, new entries are marked missed.
    void setAway(bool away) { m_away = away; }
    void add(const Entry &entry);
    void markAllSeen();
    int missedCount() const;
    const Entry &entry(int row) const { return m_entries.at(row); }
    void clear();
    // The column titles come in the language now applied (views call it on LanguageChange).
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    void missedCountChanged(int count);

private:
    bool trim(); // true when it dropped entries
    void saveIndex();
    void writeAudio(Entry &entry);

    QList<Entry> m_entries; // newest first
    qint64 m_cap = 32ll * 1024 * 1024;
    qint64 m_used = 0;
    bool m_away = false;
    std::unique_ptr<HistoryStore> m_store;
    QString m_storageError;
};

} // namespace tenfour::ui
