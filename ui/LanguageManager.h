#pragma once
// Loads the app's translation (and Qt's own) for the system language or the one chosen in
// the settings, and switches at run time (widgets retranslate on QEvent::LanguageChange).

#include <QObject>
#include <QTranslator>

namespace tenfour::ui {

class LanguageManager : public QObject {
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // language: "" follows the system; "en", "zh_CN". Returns the language applied.
    QString apply(const QString &language);
    static QStringList available() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }

private:
    QTranslator m_app;
    QTranslator m_qt;
    bool m_installed = false;
};

} // namespace tenfour::ui
