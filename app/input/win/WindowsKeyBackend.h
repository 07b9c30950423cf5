#pragma once
// The Qt face of RawInputKeyListener (Windows only).

#include "input/GlobalKeyBackend.h"
#include "input/win/RawInputKeyListener.h"

#include <QHash>
#include <memory>

namespace tenfour::input {

class WindowsKeyBackend : public GlobalKeyBackend {
    Q_OBJECT
public:
    explicit WindowsKeyBackend(QObject *parent = nullptr);
    QString id() const override { return QStringLiteral("windows-rawinput"); }
    BackendCapabilities capabilities() const override;
    bool start() override;
    QString errorString() const override { return m_error; }
    bool bind(const QList<PttKey> &keys) override;

private:
    void onKey(unsigned vk, bool down);
    static unsigned modifierForVk(unsigned vk);

    std::unique_ptr<win::RawInputKeyListener> m_listener;
    QList<unsigned> m_codes; // bound index -> vk (or mouse code)
    QList<unsigned> m_mods;  // bound index -> PttKey modifiers
    QHash<unsigned, int> m_active;
    unsigned m_heldMods = 0;
    QString m_error;
};

} // namespace tenfour::input
