// AppSettings round trip through a real QSettings file, and through the settings dialog pages.

#include "ui/AppSettings.h"
#include "ui/Autostart.h"
#include "ui/SettingsDialog.h"
#include "ui/SettingsPage.h"

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace tenfour::ui;

namespace {

// Every field away from its default, so a key that is not saved or not loaded shows up.
AppSettings nonDefault()
{
    AppSettings s;
    s.inputDevice = "alsa_input.usb-mic";
    s.noiseSuppression = false;
    s.autoGain = false;
    s.inputGainDb = 7;
    s.outputDevice = "alsa_output.headset";
    s.outputVolume = 80;
    s.jitterMinMs = 60;
    s.jitterMaxMs = 400;
    s.activation = AppSettings::Activation::Voice;
    s.pttKey = QStringLiteral("Ctrl+Alt+F8");
    s.pttMode = AppSettings::PttMode::Toggle;
    // A channel name with '=' and ',' (the separators of the entry and of QSettings' lists).
    s.channelKeys = {{QStringLiteral("F9"), QStringLiteral("ops=east, 2")},
                     {QStringLiteral("Ctrl+Mouse8"), QStringLiteral("家里")}};
    s.releaseTailMs = 350;
    s.preRollMs = 240;
    s.pttSuppressKey = true;
    s.cuePermit = false;
    s.cuePermitVolume = 11;
    s.cueEnd = false;
    s.cueEndVolume = 22;
    s.cueBusy = false;
    s.cueBusyVolume = 33;
    s.voiceThresholdDb = -32;
    s.bitrateKbps = 40;
    s.startAtLogin = true;
    s.startMinimized = true;
    s.language = QStringLiteral("zh_CN");
    s.notifyOnTalk = false;
    s.firstRunDone = true;
    s.trayHintShown = true;
    s.userName = QStringLiteral("Zhang Wei");
    s.embeddedLan = true;
    s.historyCapMb = 64;
    s.historyToDisk = true;
    ServerConfig a;
    a.id = QStringLiteral("a1");
    a.name = QStringLiteral("Office");
    a.url = QUrl(QStringLiteral("wss://talk.example.org/relay"));
    a.userName = QStringLiteral("wei");
    a.channels = {QStringLiteral("general"), QStringLiteral("ops")};
    a.autoJoin = {QStringLiteral("ops")};
    ServerConfig b;
    b.id = QStringLiteral("b2");
    b.name = QStringLiteral("家里");
    b.url = QUrl(QStringLiteral("ws://192.168.1.5:8080/"));
    b.channels = {QStringLiteral("kitchen")};
    s.servers = {a, b};
    return s;
}

} // namespace

class TestUiSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsDifferFromFixture()
    {
        // Guards the fixture itself: every field must differ, or a lost key could go unseen.
        const QVariantMap d = AppSettings().toMap();
        const QVariantMap n = nonDefault().toMap();
        QCOMPARE(d.keys(), n.keys());
        for (const QString &k : d.keys())
            QVERIFY2(d.value(k) != n.value(k), qPrintable(k));
    }

    void roundTripThroughFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tenfour.conf"));
        const AppSettings written = nonDefault();
        {
            QSettings qs(path, QSettings::IniFormat);
            written.save(qs);
            QCOMPARE(qs.status(), QSettings::NoError);
        }
        QSettings qs(path, QSettings::IniFormat);
        const AppSettings read = AppSettings::load(qs);
        QCOMPARE(read.toMap(), written.toMap());
        QCOMPARE(read.servers.size(), 2);
        QVERIFY(read.servers.at(0) == written.servers.at(0));
        QVERIFY(read.servers.at(1) == written.servers.at(1));
        QVERIFY(read == written);
    }

    void oneChannelKeyRoundTrip()
    {
        // QSettings writes a one-entry list as a plain string: it must still read back as a list.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tenfour.conf"));
        AppSettings written;
        written.channelKeys = {{QStringLiteral("F10"), QStringLiteral("kitchen")}};
        {
            QSettings qs(path, QSettings::IniFormat);
            written.save(qs);
        }
        QSettings qs(path, QSettings::IniFormat);
        QStringList problems;
        const AppSettings read = AppSettings::load(qs, &problems);
        QCOMPARE(read.channelKeys.size(), 1);
        QVERIFY(read.channelKeys == written.channelKeys);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // Entries without a key or a channel are dropped, the rest kept.
        QVariantMap m;
        m[QStringLiteral("ptt/channelKeys")] =
            QStringList{QStringLiteral("=ops"), QStringLiteral("F9="), QStringLiteral("F11=b")};
        const AppSettings parsed = AppSettings::fromMap(m);
        QCOMPARE(parsed.channelKeys.size(), 1);
        QCOMPARE(parsed.channelKeys.at(0).channel, QStringLiteral("b"));
    }

    void emptyFileGivesDefaults()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("empty.conf")), QSettings::IniFormat);
        QVERIFY(AppSettings::load(qs) == AppSettings());
    }

    void malformedValuesAreClamped()
    {
        QVariantMap m;
        m[QStringLiteral("audio/outputVolume")] = 9999;
        m[QStringLiteral("codec/bitrateKbps")] = QStringLiteral("lots");
        m[QStringLiteral("audio/jitterMinMs")] = 300;
        m[QStringLiteral("audio/jitterMaxMs")] = 100; // below the minimum
        const AppSettings s = AppSettings::fromMap(m);
        QCOMPARE(s.outputVolume, 150);
        QCOMPARE(s.bitrateKbps, AppSettings().bitrateKbps);
        QCOMPARE(s.jitterMinMs, 300);
        QCOMPARE(s.jitterMaxMs, 300);
    }

    void noSecretInTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tenfour.conf"));
        {
            QSettings qs(path, QSettings::IniFormat);
            nonDefault().save(qs);
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll().toLower();
        QVERIFY(!text.contains("password"));
        QVERIFY(!text.contains("token"));
        QVERIFY(!text.contains("secret"));
    }

    void dialogRoundTrip()
    {
        const AppSettings in = nonDefault();
        SettingsDialog dlg(in, nullptr);
        QCOMPARE(dlg.pageCount(), 4);
        // What the pages show is what they save back, field by field (device ids included, even
        // of devices this machine does not have).
        QCOMPARE(dlg.settings().toMap(), in.toMap());
        QVERIFY(dlg.settings().servers == in.servers);
        QSignalSpy applied(&dlg, &SettingsDialog::applied);
        dlg.accept();
        QVERIFY(applied.isEmpty()); // accept() itself is not OK: only the buttons apply
    }

    void startAtLogin()
    {
        QTemporaryDir dir;
        Autostart a(dir.filePath(QStringLiteral("autostart")));
        QVERIFY(!a.isEnabled());
        QVERIFY(a.setEnabled(true, QStringLiteral("/opt/My Apps/tenfour")));
        QVERIFY(a.isEnabled());
        QFile f(a.filePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("Exec=\"/opt/My Apps/tenfour\" --minimized\n"));
        QVERIFY(a.setEnabled(false, QString()));
        QVERIFY(!a.isEnabled());
    }

    void defaultsButtonResetsOnlyThePageShown()
    {
        const AppSettings in = nonDefault();
        SettingsDialog dlg(in, nullptr);
        dlg.showPage(2); // push-to-talk
        dlg.restoreDefaultsOfCurrentPage();
        const AppSettings out = dlg.settings();
        const AppSettings def;
        QCOMPARE(out.pttKey, def.pttKey);
        QCOMPARE(out.releaseTailMs, def.releaseTailMs);
        QCOMPARE(out.cueBusyVolume, def.cueBusyVolume);
        QCOMPARE(out.voiceThresholdDb, def.voiceThresholdDb);
        QCOMPARE(out.inputGainDb, in.inputGainDb); // other pages untouched
        QCOMPARE(out.language, in.language);
    }
};

QTEST_MAIN(TestUiSettings)
#include "test_ui_settings.moc"
