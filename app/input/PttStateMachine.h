#pragma once
// Turns raw key events of any backend into "talking / not talking":
//  - several bound keys (or backends) held at once count once,
//  - autorepeat presses are ignored,
//  - a release followed by a press within the debounce window is key chatter, not two talks,
//  - a lost release (backend lost track, or a repeating backend stopped repeating) ends the
//    talk after a safety timeout,
//  - hold mode talks while held; toggle mode flips on each new press.

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace tenfour::input {

class PttStateMachine : public QObject {
    Q_OBJECT
public:
    enum class Mode { Hold, Toggle };

    explicit PttStateMachine(QObject *parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setDebounceMs(int ms) { m_debounceMs = ms; }
    // For backends that repeat a held key: no repeat within this time means the release was lost.
    void setRepeatTimeoutMs(int ms) { m_repeatTimeoutMs = ms; }
    bool isTalking() const { return m_talking; }

public Q_SLOTS:
    // source: which key/backend (any stable integer); repeats: the source autorepeats while held.
    void keyDown(int source, bool repeats = false);
    void keyUp(int source);
    // Everything is released now (backend lost track, screen locked, backend restarted).
    void releaseAll();
    // Stops talking in either mode (e.g. the relay revoked the floor) and forgets held keys.
    void reset();

Q_SIGNALS:
    void talkingChanged(bool talking);

private:
    void setTalking(bool talking);
    void onReleaseSettled();
    void onRepeatTimeout();

    Mode m_mode = Mode::Hold;
    int m_debounceMs = 30;
    int m_repeatTimeoutMs = 1000;
    bool m_talking = false;
    QSet<int> m_held;
    QSet<int> m_repeating;
    QTimer m_debounce;
    QTimer m_repeatWatch;
};

} // namespace tenfour::input
