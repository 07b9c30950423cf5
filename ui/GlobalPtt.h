#pragma once
// The application's push-to-talk input: one input::PushToTalkInput fed by the global-key
// backend of this desktop, the D-Bus fallback (org.tenfour.PushToTalk on /PushToTalk), the
// in-window button and key, and `--ptt` from a second instance. Its state machine applies the
// hold/toggle mode for all of them at once, and its talkingChanged() starts and stops the
// SessionManager (which asks for the floor and presses the engine's PTT).

#include "ui/AppSettings.h"

#include <QObject>
#include <QStringList>

namespace tenfour::input {
class GlobalKeyBackend;
class KeyBackendRegistry;
class PushToTalkInput;
} // namespace tenfour::input

namespace tenfour::ui {

class SessionManager;

class GlobalPtt : public QObject {
    Q_OBJECT
public:
    GlobalPtt(SessionManager *sessions, QObject *parent = nullptr);
    ~GlobalPtt() override;

    // Picks the best global-key backend (of registry, or of this platform when null) and
    // publishes the D-Bus service; failures are reported by status() and problems(), never fatal.
    void start(const QString &dbusServiceName, const input::KeyBackendRegistry *registry = nullptr);
    // Binds the key (portable form, input::PttKey); false when the backend cannot bind it, and
    // then keyError() says why (also emitted by problem(), so the user reads it).
    bool setKey(const QString &portable);
    // The main key and the per-channel keys together (the channel keys are kept for setKey()).
    // A channel key that is invalid, or the same as the main key or an earlier channel key, is
    // left out; channel keys the backend refuses are reported by problem() and left out, so
    // the main key still works.
    bool setKeys(const QString &portable, const QList<ChannelKey> &channelKeys);
    // The channels of the channel keys bound now, by the index of their key.
    QStringList boundChannels() const { return m_boundChannels; }
    // The key last asked for, and why it does not work as a global key (empty: it does).
    QString key() const { return m_key; }
    QString keyError() const { return m_keyError; }
    void setMode(AppSettings::PttMode mode);
    // "Suppress the key" (AppSettings::pttSuppressKey), kept for a backend chosen later by start().
    // False, with problem() emitted, when the backend cannot switch it on (it keeps listening
    // without suppressing); true when off or where it does not apply (capabilities().canSwallowKey).
    bool setSuppressKey(bool on);

    input::PushToTalkInput *input() const { return m_input; }
    input::GlobalKeyBackend *backend() const;
    // Words for the settings page: which backend listens, or why none does.
    QString status() const;
    QStringList problems() const { return m_problems; }

public Q_SLOTS:
    // "ptt press|release|toggle" from a second instance.
    void handleInstanceMessage(const QStringList &message);

Q_SIGNALS:
    void problem(const QString &message);
    void keyErrorChanged(const QString &error);

private:
    void onTalkingChanged(bool talking);
    void onPttDownChanged(bool down);
    void onChannelTalkingChanged(int index, bool talking);
    void setKeyError(const QString &error);

    SessionManager *m_sessions;
    input::PushToTalkInput *m_input;
    QStringList m_problems;
    QString m_key;
    QString m_keyError;
    QList<ChannelKey> m_channelKeys;
    QStringList m_boundChannels;
    bool m_channelTalking = false; // a channel key's talk is on in the SessionManager
    bool m_dbus = false;
    bool m_toggle = false;
    bool m_suppressKey = false;
};

} // namespace tenfour::ui
