#include "ui/TrayController.h"

#include "ui/ServerTreeModel.h"

#include <QCoreApplication>
#include <QEvent>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

namespace tenfour::ui {

TrayController::TrayController(SessionManager *manager, QObject *parent)
    : QObject(parent), m_manager(manager), m_tray(new QSystemTrayIcon(this)), m_menu(new QMenu),
      m_mute(new QAction(this))
{
    m_mute->setCheckable(true);
    connect(m_mute, &QAction::toggled, this, &TrayController::speakerMuteToggled);
    m_tray->setContextMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &TrayController::rebuildMenu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            Q_EMIT showWindowRequested();
    });
    connect(m_manager, &SessionManager::trayStateChanged, this, &TrayController::onStateChanged);
    connect(m_manager, &SessionManager::talkStarted, this, &TrayController::onTalkStarted);
    // Joins and leaves change the check marks: keep the menu true even while it is open.
    auto *tree = m_manager->tree();
    connect(tree, &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_menu->isVisible())
            rebuildMenu();
    });
    connect(tree, &QAbstractItemModel::rowsInserted, this, &TrayController::rebuildMenu);
    connect(tree, &QAbstractItemModel::rowsRemoved, this, &TrayController::rebuildMenu);
    QCoreApplication::instance()->installEventFilter(this);
    retranslate();
}

bool TrayController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == QCoreApplication::instance() && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void TrayController::retranslate()
{
    m_mute->setText(tr("&Mute speaker"));
    onStateChanged(m_manager->trayState(), m_manager->trayDetail());
    rebuildMenu();
}

QString TrayController::toolTip() const
{
    return m_tray->toolTip();
}

TrayController::~TrayController()
{
    delete m_menu; // a QMenu has no QObject parent here (it must not be a child of a window)
}

void TrayController::show()
{
    m_tray->show();
}

QString TrayController::iconPath(SessionManager::TrayState state)
{
    switch (state) {
    case SessionManager::TrayState::Disconnected:
        return QStringLiteral(":/icons/tray-disconnected.svg");
    case SessionManager::TrayState::Idle:
        return QStringLiteral(":/icons/tray-idle.svg");
    case SessionManager::TrayState::Receiving:
        return QStringLiteral(":/icons/tray-receiving.svg");
    case SessionManager::TrayState::Transmitting:
        return QStringLiteral(":/icons/tray-transmitting.svg");
    case SessionManager::TrayState::Busy:
        return QStringLiteral(":/icons/tray-busy.svg");
    }
    return {};
}

void TrayController::rebuildMenu()
{
    m_menu->clear();
    ServerTreeModel *tree = m_manager->tree();
    for (const QString &id : tree->serverIds()) {
        QMenu *sub = m_menu->addMenu(tree->serverName(id));
        sub->setIcon(tree->serverIndex(id).data(Qt::DecorationRole).value<QIcon>());
        sub->menuAction()->setObjectName(QStringLiteral("server:") + id);
        const bool up = tree->state(id) == ConnectionState::Connected;
        for (const QString &ch : tree->channels(id)) {
            QAction *join = sub->addAction(tr("Join %1").arg(ch));
            join->setObjectName(QStringLiteral("join:%1:%2").arg(id, ch));
            join->setCheckable(true);
            join->setChecked(tree->isJoined(id, ch));
            join->setEnabled(up);
            connect(join, &QAction::triggered, this, [this, id, ch](bool on) {
                if (on)
                    m_manager->join(id, ch);
                else
                    m_manager->leave(id, ch);
            });
        }
        sub->addSeparator();
        for (const QString &ch : tree->channels(id)) {
            QAction *talk = sub->addAction(tr("Talk on %1").arg(ch));
            talk->setObjectName(QStringLiteral("talk:%1:%2").arg(id, ch));
            talk->setEnabled(up);
            connect(talk, &QAction::triggered, this, [this, id, ch] { m_manager->talkOn(id, ch); });
        }
    }
    m_menu->addSeparator();
    m_menu->addAction(m_mute);
    m_menu->addAction(tr("&Show window"), this, &TrayController::showWindowRequested);
    m_menu->addAction(tr("&Quit"), this, &TrayController::quitRequested);
}

void TrayController::onStateChanged(SessionManager::TrayState state, const QString &detail)
{
    m_tray->setIcon(QIcon(iconPath(state)));
    QString tip;
    switch (state) {
    case SessionManager::TrayState::Disconnected:
        tip = tr("Tenfour: disconnected");
        break;
    case SessionManager::TrayState::Idle:
        tip = tr("Tenfour: ready");
        break;
    case SessionManager::TrayState::Receiving:
        tip = tr("Tenfour: receiving %1").arg(detail);
        break;
    case SessionManager::TrayState::Transmitting:
        tip = tr("Tenfour: talking on %1").arg(detail);
        break;
    case SessionManager::TrayState::Busy:
        tip = tr("Tenfour: channel busy");
        break;
    }
    m_tray->setToolTip(tip);
}

void TrayController::onTalkStarted(const QString &serverName, const QString &channel, const QString &member)
{
    if (!m_notify || (m_window && m_window->isVisible()))
        return;
    const QString title = tr("%1 is talking").arg(member);
    const QString text = tr("%1 on %2").arg(channel, serverName);
    Q_EMIT notified(title, text);
    if (QSystemTrayIcon::supportsMessages() && m_tray->isVisible())
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 3000);
}

} // namespace tenfour::ui
