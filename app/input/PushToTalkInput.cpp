#include "input/PushToTalkInput.h"

#include "input/DBusPttService.h"

namespace tenfour::input {

PushToTalkInput::PushToTalkInput(QObject *parent) : QObject(parent)
{
    connect(&m_machine, &PttStateMachine::talkingChanged, this, &PushToTalkInput::onMainTalkingChanged);
    connect(&m_channels, &ChannelPttKeys::talkingChanged, this, &PushToTalkInput::channelTalkingChanged);
}

PushToTalkInput::~PushToTalkInput() = default;

void PushToTalkInput::setBackend(std::unique_ptr<GlobalKeyBackend> backend)
{
    m_machine.releaseAll();
    m_channels.releaseAll();
    m_backend = std::move(backend);
    if (!m_backend)
        return;
    const bool repeats = m_backend->capabilities().repeatsWhileHeld;
    connect(m_backend.get(), &GlobalKeyBackend::pressed, this, [this, repeats](int index, qint64) {
        if (m_mainKeys < 0 || index < m_mainKeys)
            m_machine.keyDown(index, repeats);
        else
            m_channels.keyDown(index - m_mainKeys, repeats);
    });
    connect(m_backend.get(), &GlobalKeyBackend::released, this, [this](int index, qint64) {
        if (m_mainKeys < 0 || index < m_mainKeys)
            m_machine.keyUp(index);
        else
            m_channels.keyUp(index - m_mainKeys);
    });
    connect(m_backend.get(), &GlobalKeyBackend::lost, this, [this](const QString &why) {
        m_machine.releaseAll();
        m_channels.releaseAll();
        Q_EMIT backendLost(why);
    });
}

bool PushToTalkInput::setKeys(const QList<PttKey> &keys, const QList<PttKey> &channelKeys)
{
    if (!m_backend) {
        m_error = tr("No global push-to-talk key on this desktop; use the button or the D-Bus command.");
        return false;
    }
    // Channel keys' indices may change meaning: their talk ends.
    m_channels.setCount(0);
    m_mainKeys = -1;
    if (!m_backend->bind(keys + channelKeys)) {
        m_error = m_backend->errorString();
        return false;
    }
    m_mainKeys = int(keys.size());
    m_channels.setCount(int(channelKeys.size()));
    return true;
}

void PushToTalkInput::onMainTalkingChanged(bool talking)
{
    if (talking && m_channels.active() >= 0) {
        // A channel key talks: this press is ignored (first come, first served), and the
        // machine forgets it so that a toggle does not believe it is on.
        m_machine.reset();
        return;
    }
    if (talking == m_mainOn)
        return; // the nested "off" of the reset above
    m_mainOn = talking;
    m_channels.setBlocked(talking);
    Q_EMIT talkingChanged(talking);
}

bool PushToTalkInput::enableDBus(const QString &serviceName)
{
    if (m_dbus)
        return true;
    auto *service = new DBusPttService(this);
    if (!service->registerOnSessionBus(serviceName)) {
        m_error = service->errorString();
        delete service;
        return false;
    }
    m_dbus = service;
    connect(service, &DBusPttService::startRequested, this, [this] { start(DBusSource); });
    connect(service, &DBusPttService::stopRequested, this, [this] { stop(DBusSource); });
    connect(service, &DBusPttService::toggleRequested, this, [this] { toggle(DBusSource); });
    return true;
}

void PushToTalkInput::press(int source)
{
    m_down.insert(source);
    m_machine.keyDown(source);
}

void PushToTalkInput::release(int source)
{
    m_down.remove(source);
    m_machine.keyUp(source);
}

void PushToTalkInput::toggle(int source)
{
    // A toggle command means "the opposite of now", whatever the mode.
    if (m_machine.isTalking()) {
        m_down.remove(source);
        m_machine.reset();
    } else {
        press(source);
        if (m_machine.mode() == PttStateMachine::Mode::Toggle)
            release(source);
    }
}

void PushToTalkInput::start(int source)
{
    if (m_machine.mode() == PttStateMachine::Mode::Hold) {
        press(source);
        return;
    }
    if (!m_machine.isTalking())
        toggle(source);
}

void PushToTalkInput::stop(int source)
{
    if (m_machine.mode() == PttStateMachine::Mode::Hold) {
        release(source);
        return;
    }
    if (m_machine.isTalking())
        toggle(source);
}

} // namespace tenfour::input
