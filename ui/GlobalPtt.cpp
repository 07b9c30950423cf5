#include "ui/GlobalPtt.h"

#include "ui/SessionManager.h"

#include "input/KeyBackendRegistry.h"
#include "input/PushToTalkInput.h"

#include <utility>

namespace tenfour::ui {

GlobalPtt::GlobalPtt(SessionManager *sessions, QObject *parent)
    : QObject(parent), m_sessions(sessions), m_input(new input::PushToTalkInput(this))
{
    connect(m_input, &input::PushToTalkInput::talkingChanged, this, &GlobalPtt::onTalkingChanged);
    connect(m_input, &input::PushToTalkInput::backendLost, this, [this](const QString &why) {
        m_problems << why;
        // A portal that refuses the binding answers late, through lost(): the key does not work.
        setKeyError(tr("The push-to-talk key stopped working: %1").arg(why));
        Q_EMIT problem(m_keyError);
    });
    connect(m_sessions, &SessionManager::pttDownChanged, this, &GlobalPtt::onPttDownChanged);
    connect(m_input, &input::PushToTalkInput::channelTalkingChanged, this,
            &GlobalPtt::onChannelTalkingChanged);
}

GlobalPtt::~GlobalPtt() = default;

void GlobalPtt::start(const QString &dbusServiceName, const input::KeyBackendRegistry *registry)
{
    QStringList errors;
    m_input->setBackend(registry
                            ? registry->createBest(QString(), &errors)
                            : input::KeyBackendRegistry::platformDefault().createBest(QString(), &errors));
    m_problems << errors;
    setSuppressKey(m_suppressKey);
    m_dbus = m_input->enableDBus(dbusServiceName);
    if (!m_dbus) {
        m_problems << m_input->errorString();
        Q_EMIT problem(tr("The D-Bus push-to-talk service is not available: %1").arg(m_input->errorString()));
    }
}

input::GlobalKeyBackend *GlobalPtt::backend() const
{
    return m_input->backend();
}

bool GlobalPtt::setKey(const QString &portable)
{
    return setKeys(portable, m_channelKeys);
}

bool GlobalPtt::setKeys(const QString &portable, const QList<ChannelKey> &channelKeys)
{
    m_key = portable;
    m_channelKeys = channelKeys;
    const input::PttKey key = input::PttKey::fromString(portable);
    QList<input::PttKey> mainKeys;
    if (key.isValid())
        mainKeys << key;
    QList<input::PttKey> chanKeys;
    m_boundChannels.clear();
    for (const ChannelKey &ck : channelKeys) {
        const input::PttKey k = input::PttKey::fromString(ck.key);
        // One key talks on one channel: the first binding of a key wins.
        if (!k.isValid() || ck.channel.isEmpty() || mainKeys.contains(k) || chanKeys.contains(k))
            continue;
        chanKeys << k;
        m_boundChannels << ck.channel;
    }
    bool ok = m_input->setKeys(mainKeys, chanKeys);
    if (!ok && !chanKeys.isEmpty()) {
        // Perhaps only a channel key is refused: the main key must keep working.
        const QString why = m_input->errorString();
        m_boundChannels.clear();
        ok = m_input->setKeys(mainKeys);
        if (ok)
            Q_EMIT problem(tr("The channel keys do not work as global keys: %1").arg(why));
    }
    if (ok) {
        setKeyError(QString());
        return true;
    }
    setKeyError(tr("%1 does not work as the global push-to-talk key: %2")
                    .arg(key.isValid() ? key.displayName() : portable, m_input->errorString()));
    Q_EMIT problem(m_keyError);
    return false;
}

void GlobalPtt::setKeyError(const QString &error)
{
    if (error == m_keyError)
        return;
    m_keyError = error;
    Q_EMIT keyErrorChanged(error);
}

void GlobalPtt::setMode(AppSettings::PttMode mode)
{
    const bool toggle = mode == AppSettings::PttMode::Toggle;
    if (toggle == m_toggle)
        return;
    m_toggle = toggle;
    m_input->setMode(toggle ? input::PttStateMachine::Mode::Toggle : input::PttStateMachine::Mode::Hold);
}

bool GlobalPtt::setSuppressKey(bool on)
{
    m_suppressKey = on;
    input::GlobalKeyBackend *b = m_input->backend();
    if (!b || !b->capabilities().canSwallowKey)
        return true; // nothing to suppress with: the page offers the option only where it works
    if (b->setSwallowKey(on))
        return true;
    Q_EMIT problem(tr("The push-to-talk key cannot be suppressed, other programs still see it: %1")
                       .arg(b->errorString()));
    return false;
}

QString GlobalPtt::status() const
{
    if (input::GlobalKeyBackend *b = m_input->backend())
        return tr("Global key: %1").arg(b->id());
    const QString reason = m_problems.isEmpty() ? tr("not supported on this desktop") : m_problems.first();
    return tr("No global key (%1): bind a shortcut of your desktop to \"tenfour --ptt toggle\" or to "
              "the D-Bus call org.tenfour.PushToTalk.StartTalking/StopTalking on /PushToTalk")
        .arg(reason);
}

void GlobalPtt::handleInstanceMessage(const QStringList &message)
{
    if (message.value(0) != QLatin1String("ptt"))
        return;
    // press/release stand for a key going down and up, so they follow the mode like the key.
    const QString what = message.value(1);
    if (what == QLatin1String("press"))
        m_input->press(input::PushToTalkInput::CommandSource);
    else if (what == QLatin1String("release"))
        m_input->release(input::PushToTalkInput::CommandSource);
    else if (what == QLatin1String("toggle"))
        m_input->toggle(input::PushToTalkInput::CommandSource);
}

void GlobalPtt::onTalkingChanged(bool talking)
{
    // The state machine has applied the mode: here "talking" is what the user wants now.
    if (!talking) {
        m_sessions->pttStop();
        return;
    }
    m_sessions->pttStart();
    // No channel to talk on (said to the user by the SessionManager): do not stay "on" here,
    // or the next press of a toggle key would only switch this off.
    if (!m_sessions->isPttDown())
        m_input->stateMachine().reset();
}

void GlobalPtt::onChannelTalkingChanged(int index, bool talking)
{
    if (!talking) {
        if (std::exchange(m_channelTalking, false))
            m_sessions->stopChannelTalk();
        return;
    }
    m_channelTalking = true; // before: starting reports pttDownChanged(true) at once
    if (!m_sessions->startChannelTalk(m_boundChannels.value(index))) {
        // Not connected, or another talk is on: the key must not stay "on" (toggle mode).
        m_channelTalking = false;
        m_input->channelKeys().reset();
    }
}

void GlobalPtt::onPttDownChanged(bool down)
{
    if (m_channelTalking) {
        // A channel key's talk stopped elsewhere (the tray, the server gone): forget the key.
        if (!down)
            m_input->channelKeys().reset();
        return;
    }
    // Talking stopped or started without this input (tray "talk on", the floor revoked, the
    // server gone): keep the state machine in step so the next press means what it shows.
    if (down == m_input->isTalking())
        return;
    if (!down)
        m_input->stateMachine().reset();
    else if (m_toggle)
        m_input->toggle(input::PushToTalkInput::SyncSource);
}

} // namespace tenfour::ui
