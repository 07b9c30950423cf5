#pragma once
// The per-channel push-to-talk keys ("shout to channel"): key i talks on channel i. Each key has
// its own PttStateMachine, so it debounces, ignores autorepeat, survives a lost release and
// follows the hold/toggle mode exactly like the main key. One talk at a time: a channel key
// pressed while another channel key (or, through setBlocked(), the main key) talks is ignored
// until that talk ends, rather than cutting it off or switching channels mid-sentence.

#include "input/PttStateMachine.h"

#include <memory>
#include <vector>

namespace tenfour::input {

class ChannelPttKeys : public QObject {
    Q_OBJECT
public:
    explicit ChannelPttKeys(QObject *parent = nullptr);
    ~ChannelPttKeys() override;

    // Replaces the keys with count fresh ones (a talk in progress ends first).
    void setCount(int count);
    int count() const { return int(m_keys.size()); }
    void setMode(PttStateMachine::Mode mode);
    void setDebounceMs(int ms);
    // The key whose talk is on, or -1.
    int active() const { return m_active; }
    // While blocked (the main key talks), presses are ignored.
    void setBlocked(bool blocked) { m_blocked = blocked; }

public Q_SLOTS:
    void keyDown(int index, bool repeats = false);
    void keyUp(int index);
    // Every key counts as released (the backend lost track).
    void releaseAll();
    // Stops the talk in either mode and forgets held keys.
    void reset();

Q_SIGNALS:
    void talkingChanged(int index, bool talking);

private:
    void onTalkingChanged(int index, bool talking);

    std::vector<std::unique_ptr<PttStateMachine>> m_keys;
    PttStateMachine::Mode m_mode = PttStateMachine::Mode::Hold;
    int m_debounceMs = 30;
    int m_active = -1;
    bool m_blocked = false;
};

} // namespace tenfour::input
