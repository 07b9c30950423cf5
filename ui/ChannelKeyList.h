#pragma once
// The per-channel keys on the push-to-talk page: one row per key -> channel, each with the same
// "press the key you want" button as the main key, a channel name and a remove button, and an
// add button below. Holding a row's key talks on that channel of the current server.

#include "ui/ChannelKey.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace tenfour::input {
class GlobalKeyBackend;
}

namespace tenfour::ui {

class KeyCaptureButton;

class ChannelKeyList : public QWidget {
    Q_OBJECT
public:
    explicit ChannelKeyList(QWidget *parent = nullptr);

    void setKeys(const QList<ChannelKey> &keys);
    // The rows that have both a key and a channel (a half-filled row is not saved).
    QList<ChannelKey> keys() const;
    // The backend that records keys (null: the window does; see KeyCaptureButton).
    void setBackend(input::GlobalKeyBackend *backend);

    int rowCount() const { return int(m_rows.size()); }
    KeyCaptureButton *keyButton(int row) const { return m_rows.at(row).key; }
    QLineEdit *channelEdit(int row) const { return m_rows.at(row).channel; }
    QPushButton *removeButton(int row) const { return m_rows.at(row).remove; }
    QPushButton *addButton() const { return m_add; }

public Q_SLOTS:
    void addRow(const tenfour::ui::ChannelKey &key = {});
    void removeRow(int row);

private:
    struct Row {
        QWidget *widget;
        KeyCaptureButton *key;
        QLineEdit *channel;
        QPushButton *remove;
    };

    QVBoxLayout *m_rowsLayout;
    QPushButton *m_add;
    QList<Row> m_rows;
    QPointer<input::GlobalKeyBackend> m_backend;
};

} // namespace tenfour::ui
