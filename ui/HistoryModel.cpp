#include "ui/HistoryModel.h"

#include <QFont>
#include <QLocale>

namespace tenfour::ui {

HistoryModel::HistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void HistoryModel::setCapBytes(qint64 bytes)
{
    m_cap = qMax<qint64>(0, bytes);
    trim();
}

void HistoryModel::add(const Entry &entry)
{
    if (entry.pcm.size() > m_cap)
        return; // one transmission longer than the whole history: keeping it would evict everything
    Entry e = entry;
    e.missed = m_away;
    beginInsertRows({}, 0, 0);
    m_entries.prepend(e);
    m_used += e.pcm.size();
    endInsertRows();
    trim();
    if (e.missed)
        Q_EMIT missedCountChanged(missedCount());
}

void HistoryModel::trim()
{
    while (m_used > m_cap && !m_entries.isEmpty()) {
        const int last = int(m_entries.size()) - 1;
        beginRemoveRows({}, last, last);
        m_used -= m_entries.takeLast().pcm.size();
        endRemoveRows();
    }
}

void HistoryModel::markAllSeen()
{
    if (missedCount() == 0)
        return;
    for (Entry &e : m_entries)
        e.missed = false;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
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
    m_entries.clear();
    m_used = 0;
    endResetModel();
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
