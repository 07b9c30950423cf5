#pragma once
// Which audio backends this build has and which one to use, decided at run time: "auto" takes
// the preferred one that works here (native PulseAudio when a server answers, else Qt
// Multimedia); a named one is used when it works, otherwise the best other with a notice.
// Backends are registered in one place, platformDefault(); no global state.

#include "device/AudioBackend.h"

#include <QList>
#include <QStringList>
#include <functional>
#include <memory>

namespace tenfour::device {

class AudioBackendRegistry {
public:
    struct Entry {
        QString id;
        int priority = 0;                         // higher is preferred by "auto"
        std::function<bool(QString *why)> usable; // may take a moment (connects to the server)
        std::function<std::unique_ptr<AudioBackend>()> create;
    };

    void add(Entry entry);
    // Every backend of this build, preferred first.
    QStringList ids() const;
    // "auto" or empty: the preferred usable backend. A known id: that one when usable, else the
    // preferred other usable one, with *notice saying why. Null only when nothing is usable.
    std::unique_ptr<AudioBackend> create(const QString &choice, QString *notice) const;

    static AudioBackendRegistry platformDefault();

private:
    QList<Entry> m_entries;
};

} // namespace tenfour::device
