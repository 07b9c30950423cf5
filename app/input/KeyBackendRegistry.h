#pragma once
// Which global-key backends exist and which one to use, decided at run time
// (an X11 session, a Wayland session with or without the portal, Windows, macOS).
// Backends are registered in one place: platformDefault().

#include "input/GlobalKeyBackend.h"

#include <QList>
#include <functional>
#include <memory>

namespace tenfour::input {

class KeyBackendRegistry {
public:
    struct Entry {
        QString id;
        int priority = 0;             // higher is preferred
        std::function<bool()> usable; // cheap check: is this session of that kind?
        std::function<std::unique_ptr<GlobalKeyBackend>()> create;
    };

    void add(Entry entry);
    QStringList ids() const;
    QStringList usableIds() const;
    // The preferred backend when named and usable, else the best usable one that starts.
    // Tried backends that fail to start are skipped; their reasons land in *errors.
    std::unique_ptr<GlobalKeyBackend> createBest(const QString &preferredId = {},
                                                 QStringList *errors = nullptr) const;

    // Every backend this build has, for the platform it runs on.
    static KeyBackendRegistry platformDefault();

private:
    QList<Entry> m_entries;
};

} // namespace tenfour::input
