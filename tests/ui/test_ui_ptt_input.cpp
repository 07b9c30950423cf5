// The app's push-to-talk input as AppController assembles it (GlobalPtt, the window key, the
// settings page, the first-run guide), with a global-key backend the test controls: a key the
// backend refuses is said in the window and on the settings page, a release that cannot arrive
// (focus gone, backend lost) stops the transmission, and the guide's key works at once.

#include "AppControllerTest.h"
#include "OfficeServer.h"
#include "TestKeyBackends.h"

#include "ui/AppController.h"
#include "ui/FirstRunWizard.h"
#include "ui/GlobalPtt.h"
#include "ui/KeyCaptureButton.h"
#include "ui/MainWindow.h"
#include "ui/PttPage.h"
#include "ui/SessionManager.h"
#include "ui/SettingsDialog.h"

#include "input/PushToTalkInput.h"

#include <QApplication>
#include <QCheckBox>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <functional>

using namespace tenfour::ui;

namespace {

// Runs f on the modal dialog of type T once exec() has shown it (f must close it).
template <typename T> void whenModal(std::function<void(T *)> f)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, f] {
        auto *w = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!w)
            return;
        timer->stop();
        timer->deleteLater();
        f(w);
    });
    timer->start();
}

} // namespace

class TestUiPttInput : public AppControllerTest {
    Q_OBJECT
private Q_SLOTS:
    void init() { initApp(); }
    void cleanup() { cleanupApp(); }

    void refusedKeyIsShownInWindowAndSettings()
    {
        // The default Right Ctrl on a Wayland portal: a modifier alone is no shortcut trigger.
        const auto registry = registryWith<PortalWithoutPortal>();
        AppSettings s;
        s.pttKey = QStringLiteral("Control_R");
        start(s, &registry);
        QVERIFY(m_app->globalPtt()->backend());
        const QString problem = m_app->window()->pttKeyProblem();
        QVERIFY2(problem.contains(QLatin1String("Right Ctrl")) && problem.contains(QLatin1String("modifier")),
                 qPrintable(problem));
        QVERIFY(m_app->window()->statusBar()->currentMessage().contains(QLatin1String("modifier")));

        QString warning, status;
        whenModal<SettingsDialog>([&](SettingsDialog *dlg) {
            warning = dlg->pttPage()->keyWarning();
            status = dlg->pttPage()->backendStatus();
            dlg->reject();
        });
        m_app->window()->openSettings();
        QVERIFY2(warning.contains(QLatin1String("modifier")), qPrintable(warning));
        QVERIFY2(status.contains(QLatin1String("portal")), qPrintable(status));

        // A key the portal can bind: the problem goes away.
        s.pttKey = QStringLiteral("F8");
        Q_EMIT m_app->window()->settingsChanged(s);
        QVERIFY(m_app->globalPtt()->keyError().isEmpty());
        QVERIFY(m_app->window()->pttKeyProblem().isEmpty());
    }

    void lostBackendStopsTalking()
    {
        const auto registry = registryWith<ScriptedKeyBackend>();
        AppSettings s;
        s.pttKey = QStringLiteral("F8");
        s.servers = {office({QStringLiteral("general")})};
        start(s, &registry);
        joinGeneral();
        auto *key = qobject_cast<ScriptedKeyBackend *>(m_app->globalPtt()->backend());
        QVERIFY(key);
        QCOMPARE(key->bound, QStringList{QStringLiteral("F8")});
        Q_EMIT key->pressed(0, 1);
        QVERIFY(m_app->sessions()->isPttDown());
        QCOMPARE(session()->calls.last(), QStringLiteral("talk:general"));
        // The X server went away (or the portal closed the session): no release will come.
        Q_EMIT key->lost(QStringLiteral("display gone"));
        QVERIFY(!m_app->sessions()->isPttDown());
        QCOMPARE(session()->calls.last(), QStringLiteral("stop"));
        QVERIFY(m_app->window()->pttKeyProblem().contains(QLatin1String("display gone")));
    }

    void windowKeyStopsWhenTheWindowLosesFocus()
    {
        // No global key on this desktop: the key works while the window has focus.
        const tenfour::input::KeyBackendRegistry none;
        AppSettings s;
        s.pttKey = QStringLiteral("F8");
        s.servers = {office({QStringLiteral("general")})};
        start(s, &none);
        QVERIFY(!m_app->globalPtt()->backend());
        joinGeneral();
        MainWindow *w = m_app->window();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        w->activateWindow();
        QTRY_VERIFY(w->isActiveWindow());
        QTest::keyPress(w, Qt::Key_F8);
        QVERIFY(m_app->sessions()->isPttDown());
        QCOMPARE(session()->calls.last(), QStringLiteral("talk:general"));

        // Another window takes the focus while the key is held: its release goes there.
        QWidget other;
        other.show();
        QVERIFY(QTest::qWaitForWindowExposed(&other));
        other.activateWindow();
        QTRY_VERIFY(!w->isActiveWindow());
        QTRY_VERIFY(!m_app->sessions()->isPttDown()); // after the state machine's release debounce
        QCOMPARE(session()->calls.last(), QStringLiteral("stop"));
        QVERIFY(!m_app->globalPtt()->input()->isTalking());

        // The release that arrives later (back in the window) changes nothing.
        w->activateWindow();
        QTRY_VERIFY(w->isActiveWindow());
        QTest::keyRelease(w, Qt::Key_F8);
        QVERIFY(!m_app->sessions()->isPttDown());
    }

    void firstRunGuideAppliesTheKeyAtOnce()
    {
        const auto registry = registryWith<ScriptedKeyBackend>();
        AppSettings s;
        s.pttKey = QStringLiteral("F8");
        start(s, &registry);
        auto *key = qobject_cast<ScriptedKeyBackend *>(m_app->globalPtt()->backend());
        QVERIFY(key);
        QCOMPARE(key->bound, QStringList{QStringLiteral("F8")});
        QStringList boundInGuide;
        whenModal<FirstRunWizard>([&](FirstRunWizard *guide) {
            guide->keyButton()->startCapture();
            QTest::keyClick(guide->keyButton(), Qt::Key_F9);
            boundInGuide = key->bound; // "Try it" is next: the new key must work there
            guide->reject();
        });
        m_app->showFirstRunGuide();
        QCOMPARE(boundInGuide, QStringList{QStringLiteral("F9")});
        // Skipped: the saved key again.
        QCOMPARE(key->bound, QStringList{QStringLiteral("F8")});
    }

    void suppressOptionFollowsTheBackend()
    {
        PttPage page(nullptr);
        QCheckBox *box = page.suppressKeyBox();
        QVERIFY(box);
        // No global key at all, and X11: a Windows option, disabled, and said so.
        QVERIFY(!box->isEnabled());
        QVERIFY2(box->toolTip().contains(QLatin1String("Windows")), qPrintable(box->toolTip()));
        ScriptedKeyBackend x11;
        page.setGlobalKey(&x11, {});
        QVERIFY(!box->isEnabled());
        QVERIFY(box->toolTip().contains(QLatin1String("Windows")));
        QVERIFY(page.permissionHelp().isEmpty());

        // A backend that can suppress: enabled, and the setting goes through load and save.
        SwallowingKeyBackend windows;
        page.setGlobalKey(&windows, {});
        QVERIFY(box->isEnabled());
        QVERIFY(!box->toolTip().contains(QLatin1String("A Windows option")));
        AppSettings s;
        s.pttSuppressKey = true;
        page.load(s);
        QVERIFY(box->isChecked());
        box->click();
        AppSettings out;
        out.pttSuppressKey = true;
        page.save(out);
        QVERIFY(!out.pttSuppressKey);
        box->click();
        page.save(out);
        QVERIFY(out.pttSuppressKey);
        QVERIFY(page.permissionHelp().isEmpty());

        // macOS-like: the Input Monitoring prompt is explained, and goes away with another backend.
        PermissionKeyBackend mac;
        page.setGlobalKey(&mac, {});
        QVERIFY(!box->isEnabled());
        QVERIFY2(page.permissionHelp().contains(QLatin1String("Input Monitoring")),
                 qPrintable(page.permissionHelp()));
        page.setGlobalKey(nullptr, {});
        QVERIFY(page.permissionHelp().isEmpty());
    }

    void suppressSettingReachesTheBackend()
    {
        const auto registry = registryWith<SwallowingKeyBackend>();
        AppSettings s;
        s.pttKey = QStringLiteral("F8");
        s.pttSuppressKey = true;
        start(s, &registry);
        auto *key = qobject_cast<SwallowingKeyBackend *>(m_app->globalPtt()->backend());
        QVERIFY(key);
        QVERIFY(key->swallowing); // saved "on" applies to the backend chosen at start
        QVERIFY(key->capabilities().swallowsKey);

        s.pttSuppressKey = false;
        Q_EMIT m_app->window()->settingsChanged(s);
        QVERIFY(!key->swallowing);

        // Windows refuses the hook: the user is told, and the key keeps working unsuppressed.
        key->refuse = true;
        s.pttSuppressKey = true;
        Q_EMIT m_app->window()->settingsChanged(s);
        QVERIFY(!key->swallowing);
        QCOMPARE(key->swallowCalls.last(), true);
        const QString shown = m_app->window()->statusBar()->currentMessage();
        QVERIFY2(shown.contains(QLatin1String("cannot be suppressed")) &&
                     shown.contains(QLatin1String("hook refused")),
                 qPrintable(shown));
        QCOMPARE(key->bound, QStringList{QStringLiteral("F8")});
    }

private:
    void start(const AppSettings &s, const tenfour::input::KeyBackendRegistry *registry)
    {
        startApp(s, registry,
                 QStringLiteral("tenfour-test-ptt-%1-%2").arg(QCoreApplication::applicationPid()).arg(m_run),
                 QStringLiteral("org.tenfour.Test%1x%2").arg(QCoreApplication::applicationPid()).arg(m_run));
    }
};

QTEST_MAIN(TestUiPttInput)
#include "test_ui_ptt_input.moc"
