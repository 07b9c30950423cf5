#pragma once
// The last transmissions: who, channel, when, length. One click on a row replays it; the
// Stop button (or Escape) stops the replay.

#include <QWidget>

class QTreeView;
class QPushButton;
class QLabel;

namespace tenfour::ui {

class HistoryModel;

class HistoryView : public QWidget {
    Q_OBJECT
public:
    explicit HistoryView(HistoryModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    // What it says, for tests and screen readers.
    QString title() const;
    QString stopText() const;
    // Replays the row (what a click does).
    void replay(int row);

public Q_SLOTS:
    void setPlaying(bool playing);

protected:
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    void replayRequested(const QByteArray &pcm);
    void stopRequested();

private:
    void retranslate();

    HistoryModel *m_model;
    QTreeView *m_view;
    QPushButton *m_stop;
    QLabel *m_title;
};

} // namespace tenfour::ui
