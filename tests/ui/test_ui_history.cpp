// The history kept on disk across restarts (real files in a temporary folder), and the tray
// notification when someone starts talking while the window is hidden.

#include "FakeVoiceBackend.h"
#include "OfficeServer.h"

#include "ui/HistoryModel.h"
#include "ui/SessionManager.h"
#include "ui/TrayController.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>

using namespace tenfour::ui;

namespace {

HistoryModel::Entry entry(const QString &member, int ms, int sample)
{
    HistoryModel::Entry e;
    e.serverId = QStringLiteral("office");
    e.channel = QStringLiteral("general");
    e.member = member;
    e.started = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + sample * 1000);
    e.pcm = QByteArray(48 * ms * 2, char(sample));
    return e;
}

QStringList wavFiles(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.wav")}, QDir::Files);
}

} // namespace

class TestUiHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void savedHistoryComesBackInANewModel()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("history"));
        {
            HistoryModel first;
            first.add(entry(QStringLiteral("Bob"), 100, 1)); // heard before saving was turned on
            first.setStorageDirectory(path);
            first.setAway(true);
            first.add(entry(QStringLiteral("Carol"), 200, 2));
            QVERIFY2(first.storageError().isEmpty(), qPrintable(first.storageError()));
            QCOMPARE(wavFiles(path).size(), 2);
            QVERIFY(QFile::exists(path + QStringLiteral("/index.json")));
        }
        HistoryModel next; // the next start
        next.setStorageDirectory(path);
        QCOMPARE(next.rowCount(), 2);
        QCOMPARE(next.entry(0).member, QStringLiteral("Carol")); // newest first
        QCOMPARE(next.entry(0).pcm, entry(QStringLiteral("Carol"), 200, 2).pcm);
        QVERIFY(next.entry(0).missed);
        QCOMPARE(next.entry(0).started, entry(QStringLiteral("Carol"), 200, 2).started);
        QCOMPARE(next.entry(1).member, QStringLiteral("Bob"));
        QCOMPARE(next.entry(1).pcm, entry(QStringLiteral("Bob"), 100, 1).pcm);
        QVERIFY(!next.entry(1).missed);
        QCOMPARE(next.missedCount(), 1);
    }

    void capHoldsOnDisk()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history"));
        HistoryModel m;
        m.setStorageDirectory(path);
        const qint64 oneEntry = entry(QString(), 100, 0).pcm.size();
        m.setCapBytes(oneEntry * 2);
        for (int i = 1; i <= 4; ++i)
            m.add(entry(QStringLiteral("M%1").arg(i), 100, i));
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(wavFiles(path).size(), 2); // the dropped ones are deleted, not only forgotten
        HistoryModel reloaded;
        reloaded.setStorageDirectory(path);
        QCOMPARE(reloaded.rowCount(), 2);
        QCOMPARE(reloaded.entry(0).member, QStringLiteral("M4"));
        QCOMPARE(reloaded.entry(1).member, QStringLiteral("M3"));
    }

    void turningItOffDeletesWhatWasSaved()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history"));
        HistoryModel m;
        m.setStorageDirectory(path);
        m.add(entry(QStringLiteral("Bob"), 100, 1));
        QCOMPARE(wavFiles(path).size(), 1);
        m.setStorageDirectory(QString());
        QVERIFY(wavFiles(path).isEmpty());
        QVERIFY(!QFile::exists(path + QStringLiteral("/index.json")));
        QCOMPARE(m.rowCount(), 1); // still heard in this run, only no longer kept
        m.add(entry(QStringLiteral("Carol"), 100, 2));
        QVERIFY(wavFiles(path).isEmpty());
        HistoryModel next;
        next.setStorageDirectory(path);
        QCOMPARE(next.rowCount(), 0);
    }

    void trayNotifiesOnlyWhileTheWindowIsHidden()
    {
        FakeVoiceBackend backend;
        SessionManager manager(&backend, nullptr);
        manager.setServers({office({QStringLiteral("general")})}, QStringLiteral("Alice"));
        TrayController tray(&manager);
        QWidget window;
        tray.setWindow(&window);
        FakeVoiceSession *session = backend.last();
        QVERIFY(session);
        Q_EMIT session->stateChanged(ConnectionState::Connected, 0, QString());
        Q_EMIT session->joined(QStringLiteral("general"), {QStringLiteral("Alice"), QStringLiteral("Bob")});
        QSignalSpy spy(&tray, &TrayController::notified);

        window.show();
        Q_EMIT session->talkerChanged(QStringLiteral("general"), QStringLiteral("Bob"));
        Q_EMIT session->talkerChanged(QStringLiteral("general"), QString());
        QCOMPARE(spy.count(), 0); // the user sees the window

        window.hide();
        Q_EMIT session->talkerChanged(QStringLiteral("general"), QStringLiteral("Bob"));
        QCOMPARE(spy.count(), 1);
        QVERIFY(spy.at(0).at(0).toString().contains(QLatin1String("Bob")));
        QVERIFY(spy.at(0).at(1).toString().contains(QLatin1String("general")));
        QVERIFY(spy.at(0).at(1).toString().contains(QLatin1String("Office")));
        Q_EMIT session->talkerChanged(QStringLiteral("general"), QString());

        tray.setNotificationsEnabled(false); // the setting
        Q_EMIT session->talkerChanged(QStringLiteral("general"), QStringLiteral("Bob"));
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_MAIN(TestUiHistory)
#include "test_ui_history.moc"
