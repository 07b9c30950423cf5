#pragma once
// macOS: Carbon RegisterEventHotKey reports pressed and released without any permission
// prompt. It cannot bind a modifier alone or a mouse button (those need a CGEventTap and the
// Input Monitoring permission, which this backend does not ask for).

#include "input/GlobalKeyBackend.h"

namespace tenfour::input {

class CarbonKeyBackend : public GlobalKeyBackend {
    Q_OBJECT
public:
    explicit CarbonKeyBackend(QObject *parent = nullptr);
    ~CarbonKeyBackend() override;
    QString id() const override { return QStringLiteral("macos-carbon"); }
    BackendCapabilities capabilities() const override { return {}; }
    bool start() override;
    QString errorString() const override { return m_error; }
    bool bind(const QList<PttKey> &keys) override;

    // Called from the Carbon event handler.
    void deliver(int index, bool down);

private:
    void unregisterAll();
    void *m_handler = nullptr; // EventHandlerRef
    QList<void *> m_hotKeys;   // EventHotKeyRef per bound key
    QString m_error;
};

} // namespace tenfour::input
