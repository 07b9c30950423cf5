#include "ui/GlobalPtt.h"

#include "ui/SessionManager.h"

#include "input/KeyBackendRegistry.h"
#include "input/PushToTalkInput.h"

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
}

GlobalPtt::~GlobalPtt() = default;

void GlobalPtt::start(const QString &dbusServiceName, const input::KeyBackendRegistry *registry)
{
    QStringList errors;
    m_input->setBackend(registry
                            ? registry->createBest(QString(), &errors)
                            : input::KeyBackendRegistry::platformDefault().createBest(QString(), &errors));
    m_problems << errors;
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
    m_key = portable;
    const input::PttKey key = input::PttKey::fromString(portable);
    const bool ok = key.isValid() ? m_input->setKeys({key}) : m_input->setKeys({});
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

void GlobalPtt::onPttDownChanged(bool down)
{
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
