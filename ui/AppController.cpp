#include "ui/AppController.h"

#include "input/PushToTalkInput.h"
#include "ui/Autostart.h"
#include "ui/CredentialStore.h"
#include "ui/FirstRunWizard.h"
#include "ui/GlobalPtt.h"
#include "ui/HistoryModel.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/SessionManager.h"
#include "ui/SingleInstance.h"
#include "ui/TrayController.h"
#include "ui/VoiceBackend.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QSystemTrayIcon>

namespace tenfour::ui {

AppController::AppController(VoiceBackend *backend, QSettings *settings, const CommandLine &commandLine,
                             const Options &options, QObject *parent)
    : QObject(parent), m_backend(backend), m_qsettings(settings), m_cl(commandLine), m_options(options),
      m_settings(AppSettings::load(*settings)),
      m_credentials(new CredentialStore(options.keychainService, this)),
      m_sessions(new SessionManager(backend, m_credentials, this)), m_language(new LanguageManager(this)),
      m_instance(new SingleInstance(
          options.instanceName.isEmpty() ? SingleInstance::defaultName() : options.instanceName, this)),
      m_tray(nullptr)
{
    m_sessions->setRelayKindStore(settings); // basic broadcast relays, remembered per server
    m_language->apply(m_settings.language);
    m_tray = new TrayController(m_sessions, this);
    m_window = std::make_unique<MainWindow>(m_sessions, m_credentials, m_settings);
    m_tray->setWindow(m_window.get());
    m_window->setTrayAvailable(QSystemTrayIcon::isSystemTrayAvailable());

    if (options.globalPtt) {
        // `--ptt` goes through the same PushToTalkInput as the global key and D-Bus, so that
        // several sources held at once still make one transmission.
        m_ptt = new GlobalPtt(m_sessions, this);
        connect(m_instance, &SingleInstance::messageReceived, this, [this](const QStringList &message) {
            if (message.value(0) == QLatin1String("ptt"))
                m_ptt->handleInstanceMessage(message);
            else
                m_window->handleInstanceMessage(message);
        });
        connect(m_ptt, &GlobalPtt::problem, m_sessions, &SessionManager::message);
        m_window->setGlobalPtt(m_ptt);
    } else {
        connect(m_instance, &SingleInstance::messageReceived, m_window.get(),
                &MainWindow::handleInstanceMessage);
    }
    connect(m_window.get(), &MainWindow::settingsChanged, this, &AppController::onSettingsChanged);
    connect(m_window.get(), &MainWindow::firstRunGuideRequested, this, &AppController::showFirstRunGuide);
    connect(m_window.get(), &MainWindow::quitRequested, this, &AppController::quitRequested);
    connect(m_tray, &TrayController::quitRequested, this, &AppController::quitRequested);
    connect(m_tray, &TrayController::showWindowRequested, m_window.get(), &MainWindow::bringToFront);
    connect(m_tray, &TrayController::speakerMuteToggled, m_backend, &VoiceBackend::setSpeakerMuted);
    apply(m_settings);
}

AppController::~AppController()
{
    m_window.reset(); // before the sessions and models it shows
}

bool AppController::claimInstance()
{
    if (m_instance->listen())
        return true;
    SingleInstance::send(m_instance->name(), m_cl.toMessage());
    return false;
}

QList<ServerConfig> AppController::effectiveServers() const
{
    QList<ServerConfig> list = m_settings.servers;
    const bool haveEmbedded =
        std::any_of(list.cbegin(), list.cend(), [](const ServerConfig &s) { return s.embedded; });
    if (!m_options.embeddedUrl.isEmpty() && (!haveEmbedded || list.isEmpty())) {
        ServerConfig local;
        local.id = embeddedServerId();
        local.name = tr("This computer");
        local.embedded = true;
        local.channels = {QStringLiteral("echo"), QStringLiteral("general")};
        // A new user lands in the echo channel: press, talk, hear yourself.
        local.autoJoin = {QStringLiteral("echo")};
        list.prepend(local);
    }
    for (ServerConfig &s : list) {
        if (s.embedded)
            s.url = m_options.embeddedUrl;
    }
    if (!m_cl.server.isEmpty()) {
        ServerConfig run;
        run.id = QStringLiteral("command-line");
        run.name = m_cl.server.host();
        run.url = m_cl.server;
        run.userName = m_cl.name;
        const QString ch = m_cl.channel.isEmpty() ? QStringLiteral("general") : m_cl.channel;
        run.channels = {ch};
        run.autoJoin = {ch};
        list.prepend(run);
    } else if (!m_cl.channel.isEmpty() && !list.isEmpty()) {
        if (!list.first().channels.contains(m_cl.channel))
            list.first().channels << m_cl.channel;
        list.first().autoJoin = {m_cl.channel};
    }
    if (!m_cl.name.isEmpty()) {
        for (ServerConfig &s : list)
            s.userName = m_cl.name;
    }
    return list;
}

QString AppController::defaultName() const
{
    if (!m_settings.userName.isEmpty())
        return m_settings.userName;
    return qEnvironmentVariable("USER", tr("Me"));
}

void AppController::onSettingsChanged(const AppSettings &s)
{
    const bool serversChanged = s.servers != m_settings.servers || s.userName != m_settings.userName;
    const bool languageChanged = s.language != m_settings.language;
    if (s.startAtLogin != m_settings.startAtLogin) {
        Autostart autostart;
        if (!autostart.setEnabled(s.startAtLogin, QCoreApplication::applicationFilePath()))
            qWarning("tenfour: start at login: %s", qPrintable(autostart.errorString()));
    }
    m_settings = s;
    save();
    apply(s);
    if (languageChanged)
        m_language->apply(s.language);
    if (serversChanged)
        m_sessions->setServers(effectiveServers(), defaultName());
}

void AppController::apply(const AppSettings &s)
{
    m_backend->applySettings(s);
    if (m_ptt)
        m_ptt->setSuppressKey(s.pttSuppressKey);
    if (m_ptt && m_ptt->input()->backend() && !m_ptt->setKeys(s.pttKey, s.channelKeys))
        qWarning("tenfour: cannot bind the push-to-talk key %s", qPrintable(s.pttKey));
    m_sessions->setPttMode(s.pttMode);
    m_sessions->setActivation(s.activation);
    m_sessions->history()->setCapBytes(qint64(s.historyCapMb) * 1024 * 1024);
    // Off: nothing is written, and what an earlier "on" saved is deleted.
    m_sessions->history()->setStorageDirectory(
        s.historyToDisk
            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history")
            : QString());
    m_tray->setNotificationsEnabled(s.notifyOnTalk);
    m_window->applySettings(s);
}

void AppController::save()
{
    m_settings.save(*m_qsettings);
}

void AppController::showFirstRunGuide()
{
    FirstRunWizard guide(m_settings, m_sessions, m_window.get());
    connect(&guide, &FirstRunWizard::addServerRequested, m_window.get(), &MainWindow::addServer);
    guide.setKeyBackend(m_ptt ? m_ptt->backend() : nullptr);
    // The key chosen works at once, so "Try it" uses it (skipping restores the saved one below).
    if (m_ptt && m_ptt->backend()) {
        connect(&guide, &FirstRunWizard::keyChosen, m_ptt, [this](const QString &key) {
            if (!m_ptt->setKey(key))
                qWarning("tenfour: cannot bind the push-to-talk key %s", qPrintable(key));
        });
    }
    const bool finished = guide.exec() == QDialog::Accepted;
    // Skipped or finished, it has been offered: do not ask again.
    AppSettings s = finished ? guide.chosenSettings() : m_settings;
    s.firstRunDone = true;
    onSettingsChanged(s);
}

void AppController::start(bool allowGuide)
{
    if (m_ptt) {
        m_ptt->start(m_options.pttDBusService, m_options.keyBackends);
        m_window->setWindowKeyEnabled(!m_ptt->input()->backend());
        if (m_ptt->input()->backend() && !m_ptt->setKeys(m_settings.pttKey, m_settings.channelKeys))
            qWarning("tenfour: cannot bind the push-to-talk key %s", qPrintable(m_settings.pttKey));
        for (const QString &p : m_ptt->problems())
            qWarning("tenfour: push-to-talk: %s", qPrintable(p));
    }
    m_sessions->setServers(effectiveServers(), defaultName());
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
    const bool minimized =
        (m_cl.minimized || m_settings.startMinimized) && QSystemTrayIcon::isSystemTrayAvailable();
    if (!minimized)
        m_window->show();
    if (allowGuide && !m_settings.firstRunDone && !minimized)
        QMetaObject::invokeMethod(this, &AppController::showFirstRunGuide, Qt::QueuedConnection);
}

} // namespace tenfour::ui
