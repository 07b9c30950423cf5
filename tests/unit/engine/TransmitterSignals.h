#pragma once
// The Transmitter emits on its worker thread. A QSignalSpy attached to it directly would append
// on that thread while the test reads it on this one (a data race ThreadSanitizer reports), so
// the spies watch this forwarder, which gets the signals queued, on the test's thread, in order.

#include "engine/Transmitter.h"

#include <QByteArray>
#include <QObject>

class TransmitterSignals : public QObject {
    Q_OBJECT
public:
    explicit TransmitterSignals(tenfour::engine::Transmitter *tx)
    {
        using tenfour::engine::Transmitter;
        connect(tx, &Transmitter::transmissionStarted, this, &TransmitterSignals::transmissionStarted,
                Qt::QueuedConnection);
        connect(tx, &Transmitter::packetReady, this, &TransmitterSignals::packetReady, Qt::QueuedConnection);
        connect(tx, &Transmitter::transmissionEnded, this, &TransmitterSignals::transmissionEnded,
                Qt::QueuedConnection);
    }
Q_SIGNALS:
    void transmissionStarted();
    void packetReady(quint32 seq, const QByteArray &opus, qint64 captureUs);
    void transmissionEnded();
};
