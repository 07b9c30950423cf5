#pragma once
// macOS: Carbon RegisterEventHotKey reports pressed and released without any permission
// prompt, for keys (with modifiers). A modifier alone or a mouse button cannot be a hot key:
// for those bindings only, a listen-only EventTapListener runs, which needs the Input Monitoring
// permission (asked for when such a key is bound; refused: bind() fails and says where to allow
// it). NOT COMPILED on the development machine (no macOS SDK).

#include "input/GlobalKeyBackend.h"
#include "input/mac/EventTapListener.h"

#include <QHash>
#include <memory>

namespace tenfour::input {

class CarbonKeyBackend : public GlobalKeyBackend {
    Q_OBJECT
public:
    explicit CarbonKeyBackend(QObject *parent = nullptr);
    ~CarbonKeyBackend() override;
    QString id() const override { return QStringLiteral("macos-carbon"); }
    BackendCapabilities capabilities() const override;
    bool start() override;
    QString errorString() const override { return m_error; }
    bool bind(const QList<PttKey> &keys) override;

    // Called from the Carbon event handler.
    void deliver(int index, bool down);

private:
    struct TapKey {
        int index;     // of the bound keys
        unsigned code; // EventTapListener code
        unsigned mods; // PttKey modifiers
    };
    bool startTap(const QString &keyNames);
    void onTapEvent(unsigned code, bool down, unsigned modifiers);
    void unregisterAll();
    void *m_handler = nullptr;                    // EventHandlerRef
    QList<void *> m_hotKeys;                      // EventHotKeyRef per bound key
    std::unique_ptr<mac::EventTapListener> m_tap; // only while a modifier alone or a button is bound
    QList<TapKey> m_tapKeys;
    QHash<unsigned, int> m_tapActive; // code -> index held
    QString m_error;
};

} // namespace tenfour::input
