#pragma once
// The last transmissions heard, newest first, with their audio for one-click replay. Kept in
// memory under a byte cap (oldest dropped first). Entries that arrive while the user is away
// (window hidden) are marked missed until seen.

#include <QAbstractTableModel>
#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace tenfour::ui {

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
        qint64 durationMs() const { return qint64(pcm.size()) / 2 * 1000 / 48000; }
    };

    explicit HistoryModel(QObject *parent = nullptr);

    void setCapBytes(qint64 bytes);
    qint64 capBytes() const { return m_cap; }
    qint64 usedBytes() const { return m_used; }
    // While away, new entries are marked missed.
    void setAway(bool away) { m_away = away; }
    void add(const Entry &entry);
    void markAllSeen();
    int missedCount() const;
    const Entry &entry(int row) const { return m_entries.at(row); }
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    void missedCountChanged(int count);

private:
    void trim();

    QList<Entry> m_entries; // newest first
    qint64 m_cap = 32ll * 1024 * 1024;
    qint64 m_used = 0;
    bool m_away = false;
};

} // namespace tenfour::ui
