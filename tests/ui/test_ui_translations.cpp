// Every string of the Simplified Chinese translation is finished, the .ts files hold exactly the
// strings of the sources (lupdate finds nothing new and nothing gone), and the compiled-in
// translation is what the running widgets show, also after switching at run time.

#include "FakeVoiceBackend.h"

#include "ui/HistoryModel.h"
#include "ui/HistoryView.h"
#include "ui/LanguageManager.h"
#include "ui/PttButton.h"
#include "ui/ServerTree.h"
#include "ui/ServerTreeModel.h"
#include "ui/SessionManager.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayController.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QListWidget>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace tenfour::ui;

namespace {

struct TsMessage {
    QString translation;
    bool unfinished = false;
};

// context + source -> translation; false when the file cannot be read.
bool readTs(const QString &path, QMap<QString, TsMessage> *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.fileName() + QStringLiteral(": ") + f.errorString();
        return false;
    }
    QXmlStreamReader xml(&f);
    QString context, source, comment;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            comment.clear();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("comment")) {
            comment = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            TsMessage m;
            m.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            m.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            out->insert(context + QStringLiteral(" | ") + source + QStringLiteral(" | ") + comment, m);
        }
    }
    *error = xml.errorString();
    return !xml.hasError();
}

} // namespace

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

    void tsFilesMatchTheSources_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("zh_CN") << QStringLiteral("tenfour_zh_CN.ts");
        QTest::newRow("en") << QStringLiteral("tenfour_en.ts");
    }
    void tsFilesMatchTheSources()
    {
        // The same lupdate run as the tenfour_lupdate target, into a copy: whatever it changes
        // is a string added, changed or removed in the sources without updating the .ts.
        QFETCH(QString, file);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString original = QStringLiteral(TENFOUR_TS_DIR "/") + file;
        const QString copy = tmp.filePath(file);
        QVERIFY(QFile::copy(original, copy));
        QFile argsFile(QStringLiteral(TENFOUR_LUPDATE_ARGS_FILE));
        QVERIFY2(argsFile.open(QIODevice::ReadOnly), qPrintable(argsFile.fileName()));
        QStringList args = QString::fromUtf8(argsFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        args << QStringLiteral("-ts") << copy;
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(TENFOUR_SOURCE_DIR));
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(TENFOUR_LUPDATE), args);
        QVERIFY2(lupdate.waitForFinished(60000), qPrintable(lupdate.errorString()));
        const QString log = QString::fromLocal8Bit(lupdate.readAll());
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, qPrintable(log));

        QMap<QString, TsMessage> before, after;
        QString error;
        QVERIFY2(readTs(original, &before, &error), qPrintable(error));
        QVERIFY2(readTs(copy, &after, &error), qPrintable(error));
        QStringList added, vanished;
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            if (!before.contains(it.key()))
                added << it.key();
        }
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (!after.contains(it.key()))
                vanished << it.key();
        }
        QVERIFY2(added.isEmpty(),
                 qPrintable(QStringLiteral("%1 strings not in %2 (run the tenfour_lupdate target "
                                           "and translate them), e.g. %3")
                                .arg(added.size())
                                .arg(file, added.mid(0, 5).join(QStringLiteral(" || ")))));
        QVERIFY2(
            vanished.isEmpty(),
            qPrintable(QStringLiteral("%1 strings of %2 are gone from the sources (run the tenfour_lupdate "
                                      "target), e.g. %3")
                           .arg(vanished.size())
                           .arg(file, vanished.mid(0, 5).join(QStringLiteral(" || ")))));
    }

    void switchesAtRunTime()
    {
        LanguageManager lang;
        PttButton button;
        button.setState(PttButton::State::Idle, QString());
        FakeVoiceBackend backend;
        SessionManager manager(&backend, nullptr);
        HistoryView history(manager.history());
        TrayController tray(&manager);
        SettingsDialog settings(AppSettings(), nullptr);
        ServerConfig office;
        office.id = QStringLiteral("office");
        office.name = QStringLiteral("Office");
        office.channels = {QStringLiteral("general")};
        manager.setServers({office}, QStringLiteral("Alice"));
        ServerTree tree;
        tree.setModel(manager.tree());
        const auto channelText = [&] {
            return manager.tree()
                ->channelIndex(QStringLiteral("office"), QStringLiteral("general"))
                .data(Qt::AccessibleTextRole)
                .toString();
        };
        auto *pages = settings.findChild<QListWidget *>();
        QVERIFY(pages);
        const auto settle = [] {
            QCoreApplication::sendPostedEvents(); // LanguageChange, then what it queues
            QCoreApplication::sendPostedEvents();
        };
        QVERIFY(lang.apply(QStringLiteral("en")).startsWith(QLatin1String("en")));
        settle();
        QCOMPARE(button.text(), QStringLiteral("Push to talk"));
        QCOMPARE(history.stopText(), QStringLiteral("Stop replay"));
        QCOMPARE(tray.muteAction()->text(), QStringLiteral("&Mute speaker"));
        QCOMPARE(tray.toolTip(), QStringLiteral("Tenfour: disconnected"));
        QCOMPARE(manager.history()
                     ->headerData(HistoryModel::WhoColumn, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("Who"));
        QCOMPARE(pages->item(2)->text(), QStringLiteral("Push-to-talk"));
        QCOMPARE(channelText(), QStringLiteral("general, not joined"));

        lang.apply(QStringLiteral("zh_CN"));
        settle();
        QCOMPARE(button.text(), QStringLiteral("按住说话"));
        const auto zh = [](const char *context, const char *source) {
            const QString t = QCoreApplication::translate(context, source);
            return t != QLatin1String(source) && !t.isEmpty() ? t : QString();
        };
        QVERIFY(!zh("tenfour::ui::HistoryView", "Stop replay").isEmpty());
        QCOMPARE(history.stopText(), zh("tenfour::ui::HistoryView", "Stop replay"));
        QCOMPARE(history.title(), zh("tenfour::ui::HistoryView", "Recent transmissions (click to replay)"));
        QCOMPARE(tray.muteAction()->text(), zh("tenfour::ui::TrayController", "&Mute speaker"));
        QCOMPARE(tray.toolTip(), zh("tenfour::ui::TrayController", "Tenfour: disconnected"));
        QCOMPARE(pages->item(2)->text(), zh("tenfour::ui::PttPage", "Push-to-talk"));
        QCOMPARE(settings.windowTitle(), zh("tenfour::ui::SettingsDialog", "Tenfour settings"));
        QCOMPARE(channelText(),
                 zh("tenfour::ui::ServerTreeModel", "%1, not joined").arg(QLatin1String("general")));

        lang.apply(QStringLiteral("en"));
        settle();
        QCOMPARE(button.text(), QStringLiteral("Push to talk"));
        QCOMPARE(history.stopText(), QStringLiteral("Stop replay"));
        QCOMPARE(tray.toolTip(), QStringLiteral("Tenfour: disconnected"));
        QCOMPARE(pages->item(2)->text(), QStringLiteral("Push-to-talk"));
        QCOMPARE(channelText(), QStringLiteral("general, not joined"));
    }
};

QTEST_MAIN(TestUiTranslations)
#include "test_ui_translations.moc"
