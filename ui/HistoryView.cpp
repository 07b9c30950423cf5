#include "ui/HistoryView.h"

#include "ui/HistoryModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTreeView>
#include <QVBoxLayout>

namespace tenfour::ui {

HistoryView::HistoryView(HistoryModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_view(new QTreeView(this)), m_stop(new QPushButton(this)),
      m_title(new QLabel(this))
{
    m_title->setBuddy(m_view);
    m_view->setModel(model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(HistoryModel::WhoColumn, QHeaderView::Stretch);
    m_stop->setIcon(QIcon(QStringLiteral(":/icons/stop.svg")));
    m_stop->setEnabled(false);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(m_title);
    lay->addWidget(m_view, 1);
    lay->addWidget(m_stop, 0, Qt::AlignRight);

    retranslate();

    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex &idx) { replay(idx.row()); });
    // Keyboard users: Enter replays the current row. Not QTreeView::activated, which some styles
    // also fire on a single click (the clicked() above would then play twice).
    for (const auto key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto *enter = new QShortcut(QKeySequence(key), m_view);
        enter->setContext(Qt::WidgetShortcut);
        connect(enter, &QShortcut::activated, this, [this] { replay(m_view->currentIndex().row()); });
    }
    connect(m_stop, &QPushButton::clicked, this, &HistoryView::stopRequested);
    auto *esc = new QShortcut(QKeySequence(Qt::Key_Escape), m_view);
    esc->setContext(Qt::WidgetShortcut);
    connect(esc, &QShortcut::activated, this, &HistoryView::stopRequested);
}

void HistoryView::retranslate()
{
    m_title->setText(tr("Recent transmissions (click to replay)"));
    m_view->setAccessibleName(tr("History"));
    m_stop->setText(tr("Stop replay"));
}

void HistoryView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

QString HistoryView::title() const
{
    return m_title->text();
}

QString HistoryView::stopText() const
{
    return m_stop->text();
}

void HistoryView::replay(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    Q_EMIT replayRequested(m_model->entry(row).pcm);
}

void HistoryView::setPlaying(bool playing)
{
    m_stop->setEnabled(playing);
}

} // namespace tenfour::ui
