#pragma once
// The base of the tests that assemble the whole app (AppController) on a fake engine: each test
// function gets a fresh settings file and engine (the test's init() and cleanup() call
// initApp() and cleanupApp()), and starts the app with the global key on.

#include "FakeVoiceBackend.h"

#include "ui/AppController.h"
#include "ui/SessionManager.h"

#include "input/KeyBackendRegistry.h"

#include <QCoreApplication>
#include <QObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

class AppControllerTest : public QObject {
protected:
    void initApp()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("%1.ini").arg(++m_run)),
                                                 QSettings::IniFormat);
        m_backend = std::make_unique<FakeVoiceBackend>();
    }
    void cleanupApp()
    {
        m_app.reset();
        m_backend.reset();
        m_settings.reset();
    }

    // Saves s and starts the app with the global key from `registry`. The instance and the D-Bus
    // service names must be unique to this run: another test may run at the same time.
    void startApp(const tenfour::ui::AppSettings &s, const tenfour::input::KeyBackendRegistry *registry,
                  const QString &instanceName, const QString &pttDBusService)
    {
        s.save(*m_settings);
        tenfour::ui::AppController::Options o;
        o.instanceName = instanceName;
        o.globalPtt = true;
        o.pttDBusService = pttDBusService;
        o.keyBackends = registry;
        m_app = std::make_unique<tenfour::ui::AppController>(m_backend.get(), m_settings.get(),
                                                             tenfour::ui::CommandLine(), o);
        m_app->start(false);
    }
    FakeVoiceSession *session() const { return m_backend->last(); }
    // The relay said connected and general (of office()) joined.
    void joinGeneral()
    {
        QVERIFY(session());
        Q_EMIT session()->stateChanged(tenfour::ui::ConnectionState::Connected, 0, QString());
        Q_EMIT session()->joined(QStringLiteral("general"), {QStringLiteral("Alice")});
        QCOMPARE(m_app->sessions()->currentChannel(), QStringLiteral("general"));
    }

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<FakeVoiceBackend> m_backend;
    std::unique_ptr<tenfour::ui::AppController> m_app;
};
