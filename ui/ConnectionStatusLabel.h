#pragma once
// The connection state in words, always visible: connecting, connected (and on a basic
// broadcast relay: "no floor control, everyone in one room"), reconnecting in N s (counting
// down), unauthorized, cannot connect (why).

#include "ui/ConnectionState.h"

#include <QLabel>
#include <QTimer>

namespace tenfour::ui {

class ConnectionStatusLabel : public QLabel {
    Q_OBJECT
public:
    explicit ConnectionStatusLabel(QWidget *parent = nullptr);

    ConnectionState state() const { return m_state; }

public Q_SLOTS:
    void setState(tenfour::ui::ConnectionState state, int retryInSeconds, const QString &detail);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    ConnectionState m_state = ConnectionState::Disconnected;
    int m_retry = 0;
    QString m_detail;
    QTimer m_countdown;
};

} // namespace tenfour::ui
