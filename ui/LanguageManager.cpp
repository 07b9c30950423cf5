#include "ui/LanguageManager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace tenfour::ui {

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

LanguageManager::~LanguageManager()
{
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_app);
        QCoreApplication::removeTranslator(&m_qt);
    }
}

QString LanguageManager::apply(const QString &language)
{
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_app);
        QCoreApplication::removeTranslator(&m_qt);
        m_installed = false;
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // The .qm files are compiled into the binary (qt_add_translations) under :/i18n.
    const bool app =
        m_app.load(locale, QStringLiteral("tenfour"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    const bool qt = m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (app)
        QCoreApplication::installTranslator(&m_app);
    if (qt)
        QCoreApplication::installTranslator(&m_qt);
    m_installed = true;
    QLocale::setDefault(locale);
    return app ? m_app.language() : QStringLiteral("en");
}

} // namespace tenfour::ui
