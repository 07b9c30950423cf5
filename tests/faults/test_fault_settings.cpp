// Fault: the desktop app's settings file is truncated, corrupt, or the app is killed while it
// writes it. AppSettings::load keeps every value it can read, uses defaults for the rest and
// says what it could not use; AppSettings::save goes through QSettings, whose INI writer
// (Linux: the native format too) writes a temporary file and renames it over the old one
// (QSaveFile), so a SIGKILL at any moment of a write loop leaves a whole file, old or new.
// The writer of that loop is this same executable, started with --settings-writer FILE.

#include "ui/AppSettings.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <cstdio>

using tenfour::ui::AppSettings;
using tenfour::ui::ServerConfig;

namespace {

// Every value of generation n derives from n, so a file mixing two generations is caught.
AppSettings generation(int n)
{
    AppSettings s;
    s.outputVolume = n % 151;
    s.inputGainDb = n % 21;
    s.bitrateKbps = 6 + n % 100;
    s.userName = QStringLiteral("user-%1").arg(n);
    s.pttKey = QStringLiteral("F%1").arg(1 + n % 12);
    // A changing number of servers: the file grows and shrinks between writes.
    for (int i = 0; i < 1 + n % 7; ++i) {
        ServerConfig sc;
        sc.id = QStringLiteral("id-%1-%2").arg(n).arg(i);
        sc.name = QStringLiteral("server %1 of generation %2").arg(i).arg(n);
        sc.url = QUrl(QStringLiteral("ws://relay%1.example:8080/").arg(i));
        sc.channels = {QStringLiteral("general"), QStringLiteral("ops-%1").arg(n)};
        s.servers.append(sc);
    }
    return s;
}

int writerLoop(const QString &path, int first)
{
    for (int n = first;; ++n) {
        {
            QSettings settings(path, QSettings::NativeFormat);
            generation(n).save(settings); // ends with sync()
            if (settings.status() != QSettings::NoError)
                return 1;
        }
        if (n == first) { // the test kills us only from now on
            std::fputs("written\n", stdout);
            std::fflush(stdout);
        }
    }
}

} // namespace

class TestFaultSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void truncatedFileKeepsWhatItCanAndSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tenfour.conf"));
        AppSettings saved;
        saved.inputGainDb = 7; // [audio], early in the file
        saved.outputVolume = 120;
        saved.historyCapMb = 64; // [history]
        saved.userName = QStringLiteral("Alice");
        saved.pttKey = QStringLiteral("F9"); // [ptt], late in the file
        saved.releaseTailMs = 333;
        {
            QSettings s(path, QSettings::NativeFormat);
            saved.save(s);
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray whole = f.readAll();
        f.close();
        // Cut in the middle of a key of the [ptt] group, as a crash of a non-atomic writer would.
        const qsizetype ptt = whole.indexOf("[ptt]");
        QVERIFY(ptt > 0);
        const qsizetype cut = whole.indexOf("releaseTailMs", ptt) + 5;
        QVERIFY(cut > ptt);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(whole.left(cut));
        f.close();

        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("^settings: .*could not be read")));
        QSettings s(path, QSettings::NativeFormat);
        QStringList problems;
        const AppSettings loaded = AppSettings::load(s, &problems);
        qInfo().noquote() << "problems:" << problems.join(QStringLiteral(" | "));
        QVERIFY2(!problems.isEmpty(), "a truncated file went unnoticed");
        // Kept: everything before the cut.
        QCOMPARE(loaded.inputGainDb, 7);
        QCOMPARE(loaded.outputVolume, 120);
        QCOMPARE(loaded.historyCapMb, 64);
        QCOMPARE(loaded.userName, QStringLiteral("Alice"));
        // Lost: the cut key is back to its default.
        QCOMPARE(loaded.releaseTailMs, AppSettings().releaseTailMs);
    }

    void corruptValuesFallBackOneByOne()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tenfour.conf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        static const char kBinary[] = "\x01\x02\xff\xfe\x00garbage\n"; // a NUL inside
        f.write("[audio]\n"
                "inputGainDb=abc\n"    // not a number
                "outputVolume=120\n"); // fine
        f.write(kBinary, sizeof kBinary - 1);
        f.write("jitterMaxMs=99999\n" // out of range: clamped
                "[ptt]\n"
                "mode=sideways\n" // unknown word
                "key=F7\n"        // fine
                "[app]\n"
                "userName=Bob\n");
        f.close();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^settings: ")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^settings: ")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("^settings: .*audio/inputGainDb")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("^settings: .*audio/jitterMaxMs")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^settings: .*ptt/mode")));
        QSettings s(path, QSettings::NativeFormat);
        QStringList problems;
        const AppSettings loaded = AppSettings::load(s, &problems);
        qInfo().noquote() << "problems:" << problems.join(QStringLiteral(" | "));
        const AppSettings defaults;
        QCOMPARE(loaded.inputGainDb, defaults.inputGainDb);
        QCOMPARE(loaded.outputVolume, 120);
        QCOMPARE(loaded.jitterMaxMs, 2000);
        QCOMPARE(loaded.pttMode, defaults.pttMode);
        QCOMPARE(loaded.pttKey, QStringLiteral("F7"));
        QCOMPARE(loaded.userName, QStringLiteral("Bob"));
        QVERIFY(problems.filter(QStringLiteral("audio/inputGainDb")).size() == 1);
        QVERIFY(problems.filter(QStringLiteral("audio/jitterMaxMs")).size() == 1);
        QVERIFY(problems.filter(QStringLiteral("ptt/mode")).size() == 1);
        QVERIFY(problems.filter(QStringLiteral("not valid text")).size() == 1);
        QVERIFY(problems.filter(QStringLiteral("could not be read")).size() == 1);
        QVERIFY(problems.filter(QStringLiteral("outputVolume")).isEmpty());

        // Saving again writes a clean file: the next start has nothing to complain about.
        loaded.save(s);
        QSettings again(path, QSettings::NativeFormat);
        QStringList none;
        QCOMPARE(AppSettings::load(again, &none), loaded);
        QVERIFY2(none.isEmpty(), qPrintable(none.join(QStringLiteral(" | "))));
    }

    void garbageFileGivesDefaults()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tenfour.conf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray junk(4096, '\0');
        for (char &c : junk)
            c = char(QRandomGenerator::global()->bounded(256));
        f.write(junk);
        f.close();
        QSettings s(path, QSettings::NativeFormat);
        QStringList problems;
        const AppSettings loaded = AppSettings::load(s, &problems);
        QVERIFY(!problems.isEmpty());
        // Whatever random bytes happened to look like "key=value" may survive; the rest are
        // defaults and the app starts.
        QVERIFY(loaded.servers.size() <= 1);
    }

    // What a writer killed while creating QSettings' lock file leaves: an empty lock. The next
    // save takes it over instead of waiting out QLockFile's 30 s stale time, whether the lock is
    // old or was left a moment ago (the next writer of the kill test starts within milliseconds).
    void brokenLockDoesNotStallTheNextSave()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tenfour.conf"));
        {
            QSettings s(path, QSettings::NativeFormat);
            generation(1).save(s);
        }
        for (const int ageSeconds : {5, 0}) {
            QFile lock(path + QStringLiteral(".lock"));
            QVERIFY(lock.open(QIODevice::WriteOnly)); // empty, as a kill during its creation leaves it
            const QDateTime made = QDateTime::currentDateTime().addSecs(-ageSeconds);
            QVERIFY(lock.setFileTime(made, QFileDevice::FileModificationTime));
            lock.close();

            QElapsedTimer t;
            t.start();
            {
                QSettings s(path, QSettings::NativeFormat);
                generation(2 + ageSeconds).save(s);
                QCOMPARE(s.status(), QSettings::NoError);
            }
            QVERIFY2(
                t.elapsed() < 10000,
                qPrintable(
                    QStringLiteral("lock %1 s old: the save waited %2 ms").arg(ageSeconds).arg(t.elapsed())));
            QSettings s(path, QSettings::NativeFormat);
            QCOMPARE(AppSettings::load(s), generation(2 + ageSeconds));
            QVERIFY(!QFile::exists(path + QStringLiteral(".lock")));
        }
    }

    void killDuringWriteLoopNeverBreaksTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tenfour.conf"));
        int checked = 0;
        int previous = 0;
        for (int round = 0; round < 25; ++round) {
            QProcess writer;
            // Each writer goes on from the generation the last one left.
            writer.start(QCoreApplication::applicationFilePath(),
                         {QStringLiteral("--settings-writer"), path, QString::number(previous + 1)});
            QVERIFY(writer.waitForStarted(5000));
            // Killed at a random moment of its write loop, after its first whole write: a fixed
            // delay from the start was sometimes all start-up on a loaded machine (ASan build).
            // A writer killed while it created QSettings' lock file once held up the next for
            // 30 s (brokenLockDoesNotStallTheNextSave).
            QVERIFY2(writer.waitForReadyRead(20000), "the writer never finished its first write");
            QTest::qWait(QRandomGenerator::global()->bounded(250));
            ::kill(pid_t(writer.processId()), SIGKILL);
            QVERIFY(writer.waitForFinished(5000));
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
            QVERIFY(QFile::exists(path));

            QSettings s(path, QSettings::NativeFormat);
            QCOMPARE(s.status(), QSettings::NoError);
            QStringList problems;
            const AppSettings loaded = AppSettings::load(s, &problems);
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral(" | "))));
            const QRegularExpressionMatch m =
                QRegularExpression(QStringLiteral("^user-(\\d+)$")).match(loaded.userName);
            QVERIFY2(m.hasMatch(), qPrintable(loaded.userName));
            const int n = m.captured(1).toInt();
            // One whole generation: every value and every server from the same write.
            QVERIFY2(loaded == generation(n), qPrintable(QStringLiteral("generation %1 is mixed").arg(n)));
            QVERIFY(n >= previous); // never older than what was there before
            previous = n;
            ++checked;
        }
        qInfo() << "checked" << checked << "files after SIGKILL; last generation" << previous;
        QCOMPARE(checked, 25);
        QVERIFY(previous > 25); // more than the one write per round that the test waits for
    }
};

int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--settings-writer") == 0) {
        QCoreApplication app(argc, argv);
        return writerLoop(QString::fromLocal8Bit(argv[2]), atoi(argv[3]));
    }
    QCoreApplication app(argc, argv);
    TestFaultSettings t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_fault_settings.moc"
