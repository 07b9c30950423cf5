#include "ui/HistoryModel.h"

#include "ui/HistoryStore.h"

#include <QFont>
#include <QLocale>

namespace tenfour::ui {

HistoryModel::HistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

HistoryModel::~HistoryModel() = default;

QString HistoryModel::storageDirectory() const
{
    return m_store ? m_store->dir() : QString();
}

void HistoryModel::setStorageDirectory(const QString &dir)
{
    if (dir == storageDirectory())
        return;
    if (m_store) {
        m_store->removeAll();
        m_store.reset();
        for (Entry &e : m_entries)
            e.file.clear();
    }
    m_storageError.clear();
    if (dir.isEmpty())
        return;
    m_store = std::make_unique<HistoryStore>(dir);
    // What was saved before is older than anything heard in this run: it goes below.
    const QList<HistoryStore::Record> saved = m_store->load();
    if (!saved.isEmpty()) {
        const int first = int(m_entries.size());
        beginInsertRows({}, first, first + int(saved.size()) - 1);
        for (const HistoryStore::Record &r : saved) {
            Entry e;
            e.serverId = r.serverId;
            e.channel = r.channel;
            e.member = r.member;
            e.started = r.started;
            e.pcm = r.pcm;
            e.missed = r.missed;
            e.file = r.file;
            m_used += e.pcm.size();
            m_entries.append(e);
        }
        endInsertRows();
    }
    for (Entry &e : m_entries) {
        if (e.file.isEmpty())
            writeAudio(e);
    }
    trim();
    saveIndex();
    if (missedCount() > 0)
        Q_EMIT missedCountChanged(missedCount());
}

void HistoryModel::writeAudio(Entry &e)
{
    HistoryStore::Record r;
    r.started = e.started;
    r.pcm = e.pcm;
    e.file = m_store->writeAudio(r);
    if (e.file.isEmpty())
        m_storageError = m_store->errorString();
}

void HistoryModel::saveIndex()
{
    if (!m_store)
        return;
    QList<HistoryStore::Record> records;
    for (const Entry &e : std::as_const(m_entries)) {
        if (e.file.isEmpty())
            continue; // its audio could not be written: listed in memory only
        HistoryStore::Record r;
        r.file = e.file;
        r.serverId = e.serverId;
        r.channel = e.channel;
        r.member = e.member;
        r.started = e.started;
        r.missed = e.missed;
        records << r;
    }
    if (!m_store->writeIndex(records))
        m_storageError = m_store->errorString();
}

void HistoryModel::setCapBytes(qint64 bytes)
{
    m_cap = qMax<qint64>(0, bytes);
    if (trim())
        saveIndex();
}

void HistoryModel::add(const Entry &entry)
{
    if (entry.pcm.size() > m_cap)
        return; // one transmission longer than the whole history: keeping it would evict everything
    Entry e = entry;
    e.missed = m_away;
    e.file.clear();
    if (m_store)
        writeAudio(e);
    beginInsertRows({}, 0, 0);
    m_entries.prepend(e);
    m_used += e.pcm.size();
    endInsertRows();
    trim();
    saveIndex();
    if (e.missed)
        Q_EMIT missedCountChanged(missedCount());
}

bool HistoryModel::trim()
{
    bool removed = false;
    while (m_used > m_cap && !m_entries.isEmpty()) {
        const int last = int(m_entries.size()) - 1;
        beginRemoveRows({}, last, last);
        const Entry gone = m_entries.takeLast();
        m_used -= gone.pcm.size();
        if (m_store)
            m_store->removeAudio(gone.file);
        endRemoveRows();
        removed = true;
    }
    return removed;
}

void HistoryModel::markAllSeen()
{
    if (missedCount() == 0)
        return;
    for (Entry &e : m_entries)
        e.missed = false;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    saveIndex();
    Q_EMIT missedCountChanged(0);
}

int HistoryModel::missedCount() const
{
    int n = 0;
    for (const Entry &e : m_entries)
        n += e.missed ? 1 : 0;
    return n;
}

void HistoryModel::clear()
{
    beginResetModel();
    if (m_store) {
        for (const Entry &e : std::as_const(m_entries))
            m_store->removeAudio(e.file);
    }
    m_entries.clear();
    m_used = 0;
    endResetModel();
    saveIndex();
    Q_EMIT missedCountChanged(0);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case WhoColumn:
            return e.missed ? tr("%1 (missed)").arg(e.member) : e.member;
        case ChannelColumn:
            return e.channel;
        case WhenColumn:
            return QLocale().toString(e.started.toLocalTime().time(), QLocale::ShortFormat);
        case LengthColumn:
            return tr("%1 s").arg(QLocale().toString(double(e.durationMs()) / 1000.0, 'f', 1));
        }
        break;
    case Qt::ToolTipRole:
        return QLocale().toString(e.started.toLocalTime(), QLocale::LongFormat);
    case Qt::FontRole:
        if (e.missed) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case PcmRole:
        return e.pcm;
    case MissedRole:
        return e.missed;
    case DurationMsRole:
        return e.durationMs();
    case ServerIdRole:
        return e.serverId;
    }
    return {};
}

void HistoryModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty()) // "when" and "length" are words too
        Q_EMIT dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhoColumn:
        return tr("Who");
    case ChannelColumn:
        return tr("Channel");
    case WhenColumn:
        return tr("When");
    case LengthColumn:
        return tr("Length");
    }
    return {};
}

} // namespace tenfour::ui
