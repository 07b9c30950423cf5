#pragma once
// The Qt face of the Windows listeners: RawInputKeyListener by default (passive, the focused
// program sees the key too), LowLevelHookListener when the user opts in to "suppress the key"
// (setSwallowKey). Exactly one of them runs at a time.

#include "input/GlobalKeyBackend.h"
#include "input/win/LowLevelHookListener.h"
#include "input/win/RawInputKeyListener.h"

#include <QHash>
#include <memory>

namespace tenfour::input {

class WindowsKeyBackend : public GlobalKeyBackend {
    Q_OBJECT
public:
    explicit WindowsKeyBackend(QObject *parent = nullptr);
    ~WindowsKeyBackend() override;
    QString id() const override { return QStringLiteral("windows-rawinput"); }
    BackendCapabilities capabilities() const override;
    bool start() override;
    QString errorString() const override { return m_error; }
    bool bind(const QList<PttKey> &keys) override;
    bool setSwallowKey(bool on) override;

private:
    bool startHook();
    bool startRawInput();
    void stopListeners();
    // True when (vk, down) is the press of a bound key (the hook then swallows it).
    bool onKey(unsigned vk, bool down);
    // pressed()/released(), queued while the hook listens (see the .cpp).
    void report(int index, bool down, qint64 timestampNs);
    static unsigned modifierForVk(unsigned vk);

    std::unique_ptr<win::RawInputKeyListener> m_rawInput;
    std::unique_ptr<win::LowLevelHookListener> m_hook;
    bool m_started = false;
    bool m_swallow = false;  // the user's choice
    QList<unsigned> m_codes; // bound index -> vk (or mouse code)
    QList<unsigned> m_mods;  // bound index -> PttKey modifiers
    QHash<unsigned, int> m_active;
    unsigned m_heldMods = 0;
    QString m_error;
};

} // namespace tenfour::input
