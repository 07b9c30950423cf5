// Real X server (Xvfb from scripts/test-env.sh), real XTEST key events from xdotool, while a
// window of another client has the input focus.
#include "input/X11KeyBackend.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <xcb/xcb.h>

using tenfour::input::PttKey;
using tenfour::input::X11KeyBackend;

class TestX11KeyBackend : public QObject {
    Q_OBJECT
private:
    X11KeyBackend *m_backend = nullptr;
    xcb_connection_t *m_other = nullptr;

    static void xdotool(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral("xdotool"), args);
        QVERIFY2(p.waitForFinished(5000), "xdotool did not finish");
        QCOMPARE(p.exitCode(), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const bool required = qEnvironmentVariableIsSet("TENFOUR_TEST_ENV");
        if (qEnvironmentVariableIsEmpty("DISPLAY") ||
            QStandardPaths::findExecutable(QStringLiteral("xdotool")).isEmpty()) {
            if (required)
                QFAIL("the test environment must provide an X display and xdotool");
            QSKIP("no X display or no xdotool (run inside scripts/test-env.sh)");
        }
        // Another client's window holds the focus, as when the user is in a game or browser.
        m_other = xcb_connect(nullptr, nullptr);
        QVERIFY(!xcb_connection_has_error(m_other));
        xcb_screen_t *screen = xcb_setup_roots_iterator(xcb_get_setup(m_other)).data;
        const xcb_window_t win = xcb_generate_id(m_other);
        xcb_create_window(m_other, XCB_COPY_FROM_PARENT, win, screen->root, 0, 0, 200, 100, 0,
                          XCB_WINDOW_CLASS_INPUT_OUTPUT, screen->root_visual, 0, nullptr);
        xcb_map_window(m_other, win);
        xcb_set_input_focus(m_other, XCB_INPUT_FOCUS_POINTER_ROOT, win, XCB_CURRENT_TIME);
        free(xcb_get_input_focus_reply(m_other, xcb_get_input_focus(m_other), nullptr));

        m_backend = new X11KeyBackend(this);
        QVERIFY2(m_backend->start(), qPrintable(m_backend->errorString()));
        QVERIFY(m_backend->bind(
            {PttKey::fromString(QStringLiteral("F8")), PttKey::fromString(QStringLiteral("Ctrl+F9")),
             PttKey::fromString(QStringLiteral("Control_R")), PttKey::fromString(QStringLiteral("Mouse8"))}));
    }
    void cleanupTestCase()
    {
        if (m_other)
            xcb_disconnect(m_other);
    }
    void pressAndReleaseOnce()
    {
        QSignalSpy down(m_backend, &X11KeyBackend::pressed);
        QSignalSpy up(m_backend, &X11KeyBackend::released);
        xdotool({QStringLiteral("keydown"), QStringLiteral("F8")});
        QTRY_COMPARE(down.count(), 1);
        QCOMPARE(down.at(0).at(0).toInt(), 0);
        // Held past the X server's autorepeat delay (~660 ms on Xvfb): no repeated press, and the
        // master-device duplicate of the event was dropped.
        QTest::qWait(900);
        QCOMPARE(down.count(), 1);
        QCOMPARE(up.count(), 0);
        xdotool({QStringLiteral("keyup"), QStringLiteral("F8")});
        QTRY_COMPARE(up.count(), 1);
        QCOMPARE(up.at(0).at(0).toInt(), 0);
        QTest::qWait(100);
        QCOMPARE(down.count(), 1);
        QCOMPARE(up.count(), 1);
    }
    void modifiersCombine()
    {
        QSignalSpy down(m_backend, &X11KeyBackend::pressed);
        xdotool({QStringLiteral("key"), QStringLiteral("F9")}); // without Ctrl: not the binding
        QTest::qWait(150);
        QCOMPARE(down.count(), 0);
        xdotool({QStringLiteral("keydown"), QStringLiteral("Control_L"), QStringLiteral("keydown"),
                 QStringLiteral("F9")});
        QTRY_COMPARE(down.count(), 1);
        QCOMPARE(down.at(0).at(0).toInt(), 1);
        xdotool({QStringLiteral("keyup"), QStringLiteral("F9"), QStringLiteral("keyup"),
                 QStringLiteral("Control_L")});
    }
    void mostSpecificBindingWins()
    {
        // F7 and Ctrl+F7 both bound (the main key and a channel key): Ctrl+F7 is the second one
        // whichever comes first in the list; F7 alone is the first.
        QVERIFY(m_backend->bind(
            {PttKey::fromString(QStringLiteral("F7")), PttKey::fromString(QStringLiteral("Ctrl+F7"))}));
        QSignalSpy down(m_backend, &X11KeyBackend::pressed);
        QSignalSpy up(m_backend, &X11KeyBackend::released);
        xdotool({QStringLiteral("keydown"), QStringLiteral("Control_L"), QStringLiteral("keydown"),
                 QStringLiteral("F7")});
        QTRY_COMPARE(down.count(), 1);
        QCOMPARE(down.at(0).at(0).toInt(), 1);
        xdotool({QStringLiteral("keyup"), QStringLiteral("F7"), QStringLiteral("keyup"),
                 QStringLiteral("Control_L")});
        QTRY_COMPARE(up.count(), 1);
        QCOMPARE(up.at(0).at(0).toInt(), 1);
        xdotool({QStringLiteral("keydown"), QStringLiteral("F7")});
        QTRY_COMPARE(down.count(), 2);
        QCOMPARE(down.at(1).at(0).toInt(), 0);
        xdotool({QStringLiteral("keyup"), QStringLiteral("F7")});
        QTRY_COMPARE(up.count(), 2);
        QVERIFY(m_backend->bind(
            {PttKey::fromString(QStringLiteral("F8")), PttKey::fromString(QStringLiteral("Ctrl+F9")),
             PttKey::fromString(QStringLiteral("Control_R")), PttKey::fromString(QStringLiteral("Mouse8"))}));
    }
    void modifierOnlyKey()
    {
        QSignalSpy down(m_backend, &X11KeyBackend::pressed);
        QSignalSpy up(m_backend, &X11KeyBackend::released);
        xdotool({QStringLiteral("keydown"), QStringLiteral("Control_R")});
        QTRY_COMPARE(down.count(), 1);
        QCOMPARE(down.at(0).at(0).toInt(), 2);
        xdotool({QStringLiteral("keyup"), QStringLiteral("Control_R")});
        QTRY_COMPARE(up.count(), 1);
    }
    void mouseButton()
    {
        QSignalSpy down(m_backend, &X11KeyBackend::pressed);
        QSignalSpy up(m_backend, &X11KeyBackend::released);
        xdotool({QStringLiteral("mousedown"), QStringLiteral("8")});
        QTRY_COMPARE(down.count(), 1);
        QCOMPARE(down.at(0).at(0).toInt(), 3);
        xdotool({QStringLiteral("mouseup"), QStringLiteral("8")});
        QTRY_COMPARE(up.count(), 1);
    }
    void captureRecordsNextKey()
    {
        QSignalSpy got(m_backend, &X11KeyBackend::captured);
        QSignalSpy down(m_backend, &X11KeyBackend::pressed);
        QVERIFY(m_backend->beginCapture());
        xdotool({QStringLiteral("key"), QStringLiteral("ctrl+F10")});
        QTRY_COMPARE(got.count(), 1);
        QCOMPARE(got.at(0).at(0).value<PttKey>().toString(), QStringLiteral("Ctrl+F10"));
        QVERIFY(m_backend->beginCapture());
        xdotool({QStringLiteral("keydown"), QStringLiteral("Control_R"), QStringLiteral("keyup"),
                 QStringLiteral("Control_R")}); // a modifier alone
        QTRY_COMPARE(got.count(), 2);
        QCOMPARE(got.at(1).at(0).value<PttKey>().toString(), QStringLiteral("Control_R"));
        QCOMPARE(down.count(), 0); // captured keys do not talk
    }
};

QTEST_GUILESS_MAIN(TestX11KeyBackend)
#include "test_x11_key_backend.moc"
