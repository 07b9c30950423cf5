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
        Q_EMIT problem(tr("The push-to-talk key stopped working: %1").arg(why));
    });
}

GlobalPtt::~GlobalPtt() = default;

void GlobalPtt::start(const QString &dbusServiceName)
{
    QStringList errors;
    m_input->setBackend(input::KeyBackendRegistry::platformDefault().createBest(QString(), &errors));
    m_problems << errors;
    m_dbus = m_input->enableDBus(dbusServiceName);
    if (!m_dbus) {
        m_problems << m_input->errorString();
        Q_EMIT problem(tr("The D-Bus push-to-talk service is not available: %1").arg(m_input->errorString()));
    }
}

bool GlobalPtt::setKey(const QString &portable)
{
    const input::PttKey key = input::PttKey::fromString(portable);
    if (!key.isValid())
        return m_input->setKeys({});
    return m_input->setKeys({key});
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
    // The SessionManager applies the hold/toggle setting: a press toggles in toggle mode and the
    // release is then ignored, so the state machine here stays in hold mode.
    if (talking)
        m_sessions->pttPress();
    else
        m_sessions->pttRelease();
}

} // namespace tenfour::ui
