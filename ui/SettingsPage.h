#pragma once
// One page of the settings dialog: it shows and edits its own part of AppSettings only, so
// loading a default-constructed AppSettings into it is that page's "Defaults".

#include "ui/AppSettings.h"

#include <QWidget>

namespace tenfour::ui {

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual QString title() const = 0;
    virtual QString iconPath() const = 0;
    virtual void load(const AppSettings &settings) = 0;
    virtual void save(AppSettings &settings) const = 0;
};

} // namespace tenfour::ui
