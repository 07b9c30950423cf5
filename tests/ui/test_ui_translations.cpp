// Every string of the Simplified Chinese translation is finished, and the compiled-in
// translation is what the running widgets show.

#include "ui/LanguageManager.h"
#include "ui/PttButton.h"

#include <QApplication>
#include <QFile>
#include <QXmlStreamReader>
#include <QtTest>

using namespace tenfour::ui;

class TestUiTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void zhCnHasNoUnfinishedEntries()
    {
        QFile f(QStringLiteral(TENFOUR_TS_DIR "/tenfour_zh_CN.ts"));
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
        QXmlStreamReader xml(&f);
        QString context, source;
        QStringList unfinished;
        int messages = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name"))
                context = xml.readElementText();
            else if (xml.name() == QLatin1String("source"))
                source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation")) {
                ++messages;
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                    unfinished << context + QStringLiteral(": ") + source;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 100);
        QVERIFY2(unfinished.isEmpty(),
                 qPrintable(QStringLiteral("%1 unfinished, e.g. %2")
                                .arg(unfinished.size())
                                .arg(unfinished.mid(0, 5).join(QStringLiteral(" | ")))));
    }

    void switchesAtRunTime()
    {
        LanguageManager lang;
        PttButton button;
        button.setState(PttButton::State::Idle, QString());
        QVERIFY(lang.apply(QStringLiteral("en")).startsWith(QLatin1String("en")));
        QCoreApplication::sendPostedEvents(); // deliver LanguageChange
        QCOMPARE(button.text(), QStringLiteral("Push to talk"));
        lang.apply(QStringLiteral("zh_CN"));
        QCoreApplication::sendPostedEvents();
        QCOMPARE(button.text(), QStringLiteral("按住说话"));
        lang.apply(QStringLiteral("en"));
        QCoreApplication::sendPostedEvents();
        QCOMPARE(button.text(), QStringLiteral("Push to talk"));
    }
};

QTEST_MAIN(TestUiTranslations)
#include "test_ui_translations.moc"
