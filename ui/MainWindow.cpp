#include "ui/MainWindow.h"

#include "ui/ConnectionStatusLabel.h"
#include "ui/CredentialStore.h"
#include "ui/GlobalPtt.h"
#include "ui/HistoryModel.h"
#include "ui/HistoryView.h"
#include "ui/LevelMeter.h"
#include "ui/PttButton.h"
#include "ui/ServerDialog.h"
#include "ui/ServerTree.h"
#include "ui/ServerTreeModel.h"
#include "ui/SessionManager.h"
#include "ui/SettingsDialog.h"
#include "ui/VoiceBackend.h"
#include "ui/WindowPttKey.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include "input/PushToTalkInput.h"
#include "tenfour/Version.h"

namespace tenfour::ui {

MainWindow::MainWindow(SessionManager *manager, CredentialStore *credentials, const AppSettings &settings,
                       QWidget *parent)
    : QMainWindow(parent), m_manager(manager), m_credentials(credentials), m_settings(settings),
      m_tree(new ServerTree(this)), m_ptt(new PttButton(this)), m_meter(new LevelMeter(this)),
      m_status(new ConnectionStatusLabel(this)), m_history(new HistoryView(manager->history(), this)),
      m_key(new WindowPttKey(this)), m_channelLabel(new QLabel(this)), m_keyProblem(new QLabel(this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/tenfour.svg")));
    m_tree->setModel(manager->tree());
    m_tree->expandAll();
    connect(manager->tree(), &QAbstractItemModel::rowsInserted, m_tree,
            [this](const QModelIndex &parent) { m_tree->expand(parent); });

    auto *right = new QWidget(this);
    auto *lay = new QVBoxLayout(right);
    QFont big = m_channelLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_channelLabel->setFont(big);
    m_channelLabel->setWordWrap(true);
    lay->addWidget(m_channelLabel);
    lay->addWidget(m_ptt);
    lay->addWidget(m_meter);
    lay->addWidget(m_status);
    lay->addWidget(m_history, 1);

    auto *split = new QSplitter(this);
    split->addWidget(m_tree);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    setCentralWidget(split);
    setMinimumSize(640, 400); // usable at 800x500, and at 200% on a 1600x1000 screen

    // PTT: the button, the key while the window has focus.
    m_key->setKey(settings.pttKey);
    qApp->installEventFilter(m_key);
    wirePtt();

    connect(manager, &SessionManager::trayStateChanged, this, &MainWindow::updatePttState);
    connect(manager, &SessionManager::pttDownChanged, this, &MainWindow::updatePttState);
    connect(manager, &SessionManager::transmittingChanged, this, &MainWindow::updatePttState);
    connect(manager, &SessionManager::currentChannelChanged, this, [this] {
        updateChannelLabel();
        updatePttState();
    });
    connect(manager->tree(), &QAbstractItemModel::dataChanged, this, &MainWindow::updatePttState);
    connect(manager, &SessionManager::currentConnectionChanged, m_status, &ConnectionStatusLabel::setState);
    connect(manager, &SessionManager::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });

    connect(m_tree, &ServerTree::joinRequested, manager, &SessionManager::join);
    connect(m_tree, &ServerTree::leaveRequested, manager, &SessionManager::leave);
    connect(m_tree, &ServerTree::channelSelected, manager, &SessionManager::setCurrentChannel);
    connect(m_tree, &ServerTree::memberGainChanged, manager, &SessionManager::setMemberGain);
    connect(m_tree, &ServerTree::editServerRequested, this, &MainWindow::editServer);
    connect(m_tree, &ServerTree::removeServerRequested, this, &MainWindow::removeServer);

    VoiceBackend *backend = manager->backend();
    connect(backend, &VoiceBackend::inputLevel, m_meter, &LevelMeter::setLevel);
    connect(backend, &VoiceBackend::audioError, this,
            [this](const QString &text) { statusBar()->showMessage(tr("Audio: %1").arg(text), 10000); });
    connect(backend, &VoiceBackend::playbackFinished, m_history, [this] { m_history->setPlaying(false); });
    connect(m_history, &HistoryView::replayRequested, this, [this, backend](const QByteArray &pcm) {
        backend->play(pcm);
        m_history->setPlaying(true);
        m_manager->history()->markAllSeen();
    });
    connect(m_history, &HistoryView::stopRequested, backend, &VoiceBackend::stopPlayback);

    // A key that does not bind stays said until it is fixed: a status message would vanish.
    m_keyProblem->setWordWrap(true);
    m_keyProblem->hide();
    statusBar()->addPermanentWidget(m_keyProblem, 1);

    if (m_credentials) {
        connect(m_credentials, &CredentialStore::keychainUnavailable, this, [this](const QString &why) {
            statusBar()->showMessage(
                tr("No keychain available (%1): passwords are kept for this session only").arg(why));
        });
    }

    buildMenus();
    retranslate();
    updateChannelLabel();
    updatePttState();
    resize(900, 600);
}

void MainWindow::buildMenus()
{
    m_appMenu = menuBar()->addMenu(QString());
    m_helpMenu = menuBar()->addMenu(QString());
    retranslate();
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Tenfour"));
    m_keyProblem->setAccessibleName(tr("Push-to-talk key problem"));
    if (!m_appMenu)
        return;
    // Menus are rebuilt rather than renamed: simpler than keeping a pointer per action.
    m_appMenu->clear();
    m_appMenu->setTitle(tr("&Tenfour"));
    m_appMenu->addAction(tr("&Add server…"), this, &MainWindow::addServer);
    m_appMenu->addAction(QIcon(QStringLiteral(":/icons/settings.svg")), tr("&Settings…"),
                         QKeySequence::Preferences, this, &MainWindow::openSettings);
    m_appMenu->addAction(tr("First-run &guide…"), this, &MainWindow::firstRunGuideRequested);
    m_appMenu->addSeparator();
    m_appMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &MainWindow::quitRequested);
    m_helpMenu->clear();
    m_helpMenu->setTitle(tr("&Help"));
    m_helpMenu->addAction(tr("&About Tenfour"), this, [this] {
        QMessageBox::about(this, tr("About Tenfour"),
                           tr("Tenfour %1\nPush-to-talk voice for your team.").arg(QLatin1String(kVersion)));
    });
    m_tree->setAccessibleName(tr("Servers and channels"));
    updateChannelLabel();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    // The in-window key cannot see its release once another window has focus: release now
    // rather than keep transmitting.
    if (event->type() == QEvent::ActivationChange && !isActiveWindow())
        m_key->releaseHeld();
    QMainWindow::changeEvent(event);
}

QString MainWindow::pttKeyProblem() const
{
    return m_keyProblem->isHidden() ? QString() : m_keyProblem->text();
}

void MainWindow::prepareSettings(SettingsDialog &dialog) const
{
    if (!m_globalPtt)
        return;
    dialog.setGlobalKey(m_globalPtt->backend(), m_globalPtt->problems());
    dialog.setKeyError(m_globalPtt->key(), m_globalPtt->keyError());
}

void MainWindow::updateChannelLabel()
{
    const QString ch = m_manager->currentChannel();
    if (ch.isEmpty()) {
        m_channelLabel->setText(tr("No channel: join one in the list"));
        return;
    }
    m_channelLabel->setText(
        tr("Channel %1 on %2").arg(ch, m_manager->tree()->serverName(m_manager->currentServer())));
}

void MainWindow::updatePttState()
{
    const QString ch = m_manager->currentChannel();
    const QString talker = m_manager->currentTalker();
    if (m_manager->isTransmitting())
        m_ptt->setState(PttButton::State::Transmitting, ch);
    else if (!talker.isEmpty())
        m_ptt->setState(PttButton::State::Busy, talker);
    else if (m_manager->isPttDown())
        m_ptt->setState(PttButton::State::Requesting);
    else if (ch.isEmpty() || !m_manager->tree()->isJoined(m_manager->currentServer(), ch))
        m_ptt->setState(PttButton::State::Unavailable);
    else
        m_ptt->setState(PttButton::State::Idle, ch);
}

void MainWindow::setGlobalPtt(GlobalPtt *ptt)
{
    m_globalPtt = ptt;
    if (m_globalPtt) {
        m_globalPtt->setMode(m_settings.pttMode);
        const auto showProblem = [this](const QString &error) {
            m_keyProblem->setText(error);
            m_keyProblem->setToolTip(error);
            m_keyProblem->setVisible(!error.isEmpty());
        };
        connect(m_globalPtt, &GlobalPtt::keyErrorChanged, this, showProblem);
        showProblem(m_globalPtt->keyError());
    }
    wirePtt();
}

void MainWindow::wirePtt()
{
    for (const QMetaObject::Connection &c : std::as_const(m_pttWiring))
        disconnect(c);
    m_pttWiring.clear();
    if (m_globalPtt) {
        // In toggle mode a click (press + release) starts, the next click stops.
        input::PushToTalkInput *in = m_globalPtt->input();
        m_pttWiring << connect(m_ptt, &QPushButton::pressed, in,
                               [in] { in->press(input::PushToTalkInput::ButtonSource); });
        m_pttWiring << connect(m_ptt, &QPushButton::released, in,
                               [in] { in->release(input::PushToTalkInput::ButtonSource); });
        m_pttWiring << connect(m_key, &WindowPttKey::pressed, in, [this, in] {
            if (isActiveWindow())
                in->press(input::PushToTalkInput::WindowKeySource);
        });
        m_pttWiring << connect(m_key, &WindowPttKey::released, in,
                               [in] { in->release(input::PushToTalkInput::WindowKeySource); });
        return;
    }
    // SessionManager applies hold/toggle.
    m_pttWiring << connect(m_ptt, &QPushButton::pressed, m_manager, &SessionManager::pttPress);
    m_pttWiring << connect(m_ptt, &QPushButton::released, m_manager, &SessionManager::pttRelease);
    m_pttWiring << connect(m_key, &WindowPttKey::pressed, this, [this] {
        if (isActiveWindow())
            m_manager->pttPress();
    });
    m_pttWiring << connect(m_key, &WindowPttKey::released, m_manager, &SessionManager::pttRelease);
}

void MainWindow::setWindowKeyEnabled(bool enabled)
{
    m_windowKeyEnabled = enabled;
    m_key->setKey(enabled ? m_settings.pttKey : QString());
}

void MainWindow::applySettings(const AppSettings &settings)
{
    m_settings = settings;
    m_key->setKey(m_windowKeyEnabled ? settings.pttKey : QString());
    m_manager->setPttMode(settings.pttMode);
    m_manager->setActivation(settings.activation);
    if (m_globalPtt)
        m_globalPtt->setMode(settings.pttMode);
    m_manager->history()->setCapBytes(qint64(settings.historyCapMb) * 1024 * 1024);
}

void MainWindow::openSettings()
{
    SettingsDialog dlg(m_settings, m_manager->backend(), this);
    prepareSettings(dlg);
    connect(&dlg, &SettingsDialog::applied, this, [this](const AppSettings &s) {
        applySettings(s);
        Q_EMIT settingsChanged(s);
    });
    dlg.exec();
}

void MainWindow::addServer()
{
    ServerConfig fresh;
    fresh.channels << QStringLiteral("general");
    fresh.autoJoin << QStringLiteral("general");
    ServerDialog dlg(fresh, this);
    if (dlg.exec() != QDialog::Accepted)
        return;
    const ServerConfig s = dlg.server();
    if (m_credentials && !dlg.secret().isEmpty())
        m_credentials->store(s.id, dlg.secret());
    AppSettings next = m_settings;
    next.servers << s;
    applySettings(next);
    Q_EMIT settingsChanged(next);
}

void MainWindow::editServer(const QString &serverId)
{
    AppSettings next = m_settings;
    for (ServerConfig &s : next.servers) {
        if (s.id != serverId || s.embedded)
            continue;
        ServerDialog dlg(s, this);
        if (dlg.exec() != QDialog::Accepted)
            return;
        s = dlg.server();
        if (m_credentials && dlg.secretEdited())
            m_credentials->store(s.id, dlg.secret());
        applySettings(next);
        Q_EMIT settingsChanged(next);
        return;
    }
}

void MainWindow::removeServer(const QString &serverId)
{
    AppSettings next = m_settings;
    for (int i = 0; i < next.servers.size(); ++i) {
        if (next.servers.at(i).id != serverId || next.servers.at(i).embedded)
            continue;
        const auto answer = QMessageBox::question(
            this, tr("Remove server"), tr("Remove %1 and forget its password?").arg(next.servers.at(i).name));
        if (answer != QMessageBox::Yes)
            return;
        next.servers.removeAt(i);
        if (m_credentials)
            m_credentials->remove(serverId);
        applySettings(next);
        Q_EMIT settingsChanged(next);
        return;
    }
}

void MainWindow::bringToFront()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::handleInstanceMessage(const QStringList &message)
{
    if (message.value(0) == QLatin1String("ptt")) {
        const QString what = message.value(1);
        if (what == QLatin1String("press"))
            m_manager->pttPress();
        else if (what == QLatin1String("release"))
            m_manager->pttRelease();
        else if (what == QLatin1String("toggle"))
            m_manager->pttToggle();
        return;
    }
    if (message.value(0) == QLatin1String("show"))
        bringToFront();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_trayAvailable) {
        Q_EMIT quitRequested();
        event->accept();
        return;
    }
    event->ignore();
    hide();
    if (!m_settings.trayHintShown) {
        QMessageBox::information(this, tr("Tenfour"),
                                 tr("Tenfour keeps running in the tray, so you still hear your channels. "
                                    "Use Quit in the tray menu to stop it."));
        m_settings.trayHintShown = true;
        Q_EMIT settingsChanged(m_settings);
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    // Missed entries stay marked until the user replays one: being shown is not being heard.
    m_manager->history()->setAway(false);
    QMainWindow::showEvent(event);
}

void MainWindow::hideEvent(QHideEvent *event)
{
    m_manager->history()->setAway(true);
    QMainWindow::hideEvent(event);
}

} // namespace tenfour::ui
