#include "ui/LevelMeter.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace tenfour::ui {

namespace {
constexpr float kFloorDb = -60.0f; // below this is silence to a person watching the bar
}

LevelMeter::LevelMeter(QWidget *parent) : QWidget(parent), m_threshold(std::nanf(""))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Input level"));
}

void LevelMeter::setThreshold(float dbfs)
{
    m_threshold = dbfs;
    update();
}

void LevelMeter::setLevel(float dbfs)
{
    if (std::abs(dbfs - m_level) < 0.25f)
        return; // spare repaints for changes nobody can see
    m_level = dbfs;
    update();
}

double LevelMeter::fraction(float dbfs)
{
    return std::clamp((double(dbfs) - kFloorDb) / -kFloorDb, 0.0, 1.0);
}

void LevelMeter::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect r = rect().adjusted(0, 0, -1, -1);
    p.setPen(palette().color(QPalette::Mid));
    p.setBrush(palette().color(QPalette::Base));
    p.drawRect(r);
    const int w = int(fraction(m_level) * (r.width() - 1));
    // Clipping is shown in the warning colour people know from mixing desks.
    const QColor fill = m_level > -3.0f ? QColor(0xd3, 0x2f, 0x2f) : palette().color(QPalette::Highlight);
    p.fillRect(QRect(r.left() + 1, r.top() + 1, w, r.height() - 1), fill);
    if (!std::isnan(m_threshold)) {
        const int x = r.left() + int(fraction(m_threshold) * r.width());
        p.setPen(QPen(palette().color(QPalette::Text), 2));
        p.drawLine(x, r.top(), x, r.bottom());
    }
}

} // namespace tenfour::ui
