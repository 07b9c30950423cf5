#pragma once
// Everything that can start or stop talking, in front of one PttStateMachine: the global-key
// backend, the D-Bus fallback, the in-app button and the `--ptt` command of a second instance.
// The backend's keys after the main ones are per-channel keys (ChannelPttKeys); the main key and
// the channel keys never talk at once: the first one pressed wins until its talk ends.

#include "input/ChannelPttKeys.h"
#include "input/GlobalKeyBackend.h"
#include "input/PttStateMachine.h"

#include <memory>

namespace tenfour::input {

class DBusPttService;

class PushToTalkInput : public QObject {
    Q_OBJECT
public:
    // Sources that are not keys of the backend (whose sources are their binding index).
    enum Source {
        DBusSource = 1000,
        ButtonSource = 1001,
        CommandSource = 1002,
        WindowKeySource = 1003, // the key while a Tenfour window has focus (no global backend)
        SyncSource = 1004,      // talking started elsewhere (tray "talk on"): keeps the toggle in step
    };

    explicit PushToTalkInput(QObject *parent = nullptr);
    ~PushToTalkInput() override;

    // Takes the backend (may be null: no global key on this desktop).
    void setBackend(std::unique_ptr<GlobalKeyBackend> backend);
    GlobalKeyBackend *backend() const { return m_backend.get(); }
    // keys drive the main talk; channelKeys[i] drives channelTalkingChanged(i, ...).
    bool setKeys(const QList<PttKey> &keys, const QList<PttKey> &channelKeys = {});
    // Publishes the D-Bus fallback on the session bus; false (see errorString) when it cannot.
    bool enableDBus(const QString &serviceName);
    QString errorString() const { return m_error; }

    // Hold to talk or toggle, for every source at once (the state machine resets).
    void setMode(PttStateMachine::Mode mode)
    {
        m_machine.setMode(mode);
        m_channels.setMode(mode);
    }
    PttStateMachine &stateMachine() { return m_machine; }
    ChannelPttKeys &channelKeys() { return m_channels; }
    bool isTalking() const { return m_machine.isTalking(); }

public Q_SLOTS:
    void press(int source);
    void release(int source);
    void toggle(int source);
    // Absolute commands (D-Bus StartTalking/StopTalking): in hold mode the same as a press and a
    // release; in toggle mode start always starts and stop always stops, whatever the state.
    void start(int source);
    void stop(int source);

Q_SIGNALS:
    void talkingChanged(bool talking);
    // A per-channel key's talk (index into the channelKeys of setKeys()) starts or ends.
    void channelTalkingChanged(int index, bool talking);
    void backendLost(const QString &why);

private:
    void onMainTalkingChanged(bool talking);

    std::unique_ptr<GlobalKeyBackend> m_backend;
    DBusPttService *m_dbus = nullptr;
    PttStateMachine m_machine;
    ChannelPttKeys m_channels;
    int m_mainKeys = -1;   // backend indices below this are main keys, the rest channel keys (-1: all main)
    bool m_mainOn = false; // what talkingChanged() last said
    QSet<int> m_down;
    QString m_error;
};

} // namespace tenfour::input
