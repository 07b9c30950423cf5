// EngineVoiceSession against a real in-process relay (real sockets and WebSockets, the engine on
// the test PulseAudio): where a transmission without a press goes. Voice activation talks into
// the first channel joined until the user talks somewhere; when that channel is left (a channel
// key's talk ends with a leave), it must move to a channel still joined, not keep aiming at the
// one left.

#include "ui/EngineVoiceBackend.h"
#include "ui/EngineVoiceSession.h"

#include "engine/Uplink.h"
#include "relay/RelayServer.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QtTest>

using namespace tenfour;

class TestUiEngineSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void voiceActivationFollowsTheChannelsStillJoined()
    {
        relay::RelayServer server{relay::RelayConfig{}};
        QString err;
        QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &err), qPrintable(err));

        ui::EngineVoiceBackend backend;
        backend.applySettings(ui::AppSettings{});
        auto *s = static_cast<ui::EngineVoiceSession *>(backend.createSession(&backend));
        QSignalSpy joined(s, &ui::VoiceSession::joined);
        QSignalSpy left(s, &ui::VoiceSession::left);
        const auto target = [s] { return s->engine()->uplink()->channel(); };

        s->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server.port())), QStringLiteral("alice"),
                QString());
        s->join(QStringLiteral("ops"));
        s->join(QStringLiteral("general"));
        s->join(QStringLiteral("lobby"));
        QTRY_COMPARE(joined.count(), 3);
        QCOMPARE(target(), QStringLiteral("ops")); // the first joined

        // Leaving another channel changes nothing.
        s->leave(QStringLiteral("lobby"));
        QTRY_COMPARE(left.count(), 1);
        QCOMPARE(target(), QStringLiteral("ops"));

        // Leaving the target: the first channel still joined.
        s->leave(QStringLiteral("ops"));
        QTRY_COMPARE(left.count(), 2);
        QCOMPARE(target(), QStringLiteral("general"));

        // None left: nowhere, until the next join.
        s->leave(QStringLiteral("general"));
        QTRY_COMPARE(left.count(), 3);
        QCOMPARE(target(), QString());
        s->join(QStringLiteral("lobby"));
        QTRY_COMPARE(joined.count(), 4);
        QCOMPARE(target(), QStringLiteral("lobby"));
        s->close();
    }
};

QTEST_GUILESS_MAIN(TestUiEngineSession)
#include "test_ui_engine_session.moc"
