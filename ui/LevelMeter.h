#pragma once
// A horizontal input level bar (dBFS), with an optional threshold mark for voice activation.

#include <QWidget>

namespace tenfour::ui {

class LevelMeter : public QWidget {
    Q_OBJECT
public:
    explicit LevelMeter(QWidget *parent = nullptr);

    float level() const { return m_level; }
    // Shows a mark at this level (voice activation threshold); NaN hides it.
    void setThreshold(float dbfs);
    QSize sizeHint() const override { return {200, 14}; }
    QSize minimumSizeHint() const override { return {60, 10}; }

public Q_SLOTS:
    void setLevel(float dbfs);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    static double fraction(float dbfs);

    float m_level = -100.0f;
    float m_threshold;
};

} // namespace tenfour::ui
