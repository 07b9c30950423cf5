#include "device/AudioBackendRegistry.h"

#include "device/QtAudioBackend.h"
#if defined(TENFOUR_HAVE_PULSE)
#include "device/pulse/PulseAudioBackend.h"
#endif

#include <algorithm>

namespace tenfour::device {

namespace {
// A local server answers in a few ms; a remote or stuck one must not hold up the start for long.
constexpr int kProbeTimeoutMs = 1500;
} // namespace

void AudioBackendRegistry::add(Entry entry)
{
    m_entries.append(std::move(entry));
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry &a, const Entry &b) { return a.priority > b.priority; });
}

QStringList AudioBackendRegistry::ids() const
{
    QStringList out;
    for (const Entry &e : m_entries)
        out << e.id;
    return out;
}

std::unique_ptr<AudioBackend> AudioBackendRegistry::create(const QString &choice, QString *notice) const
{
    const bool automatic = choice.isEmpty() || choice == QLatin1String("auto");
    QList<const Entry *> order;
    for (const Entry &e : m_entries) {
        if (!automatic && e.id == choice)
            order.prepend(&e);
        else
            order.append(&e);
    }
    QStringList skipped;
    if (!automatic && (order.isEmpty() || order.first()->id != choice))
        skipped << QStringLiteral("audio backend \"%1\" is not in this build").arg(choice);
    for (const Entry *e : order) {
        QString why;
        if (e->usable && !e->usable(&why)) {
            // "auto" passing over a backend that does not work here is normal, not news.
            if (!automatic)
                skipped << QStringLiteral("audio backend \"%1\" is not usable (%2)").arg(e->id, why);
            continue;
        }
        std::unique_ptr<AudioBackend> backend = e->create();
        if (!skipped.isEmpty() && notice)
            *notice = skipped.join(QStringLiteral("; ")) + QStringLiteral("; using \"%1\"").arg(e->id);
        return backend;
    }
    if (notice)
        *notice = skipped.join(QStringLiteral("; "));
    return nullptr;
}

AudioBackendRegistry AudioBackendRegistry::platformDefault()
{
    AudioBackendRegistry r;
#if defined(TENFOUR_HAVE_PULSE)
    r.add({QStringLiteral("pulse"), 20,
           [](QString *why) { return PulseAudioBackend::available(kProbeTimeoutMs, why); },
           [] { return std::make_unique<PulseAudioBackend>(); }});
#endif
    r.add({QStringLiteral("qt"), 10, {}, [] { return std::make_unique<QtAudioBackend>(); }});
    return r;
}

} // namespace tenfour::device
