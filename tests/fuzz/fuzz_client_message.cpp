// The client's side of the wire: what a relay (or, through a broadcast relay, any other client)
// can send to RelaySession. Each input is a script of messages for one fresh session: text frames
// (control JSON or "~"+base64 audio), binary frames, and the user's own calls in between (join,
// talk, audio, over, leave), so replies can meet the state they answer.
//
// The entry point is the real one: RelaySession::onText/onBinary, reached by emitting the
// textMessageReceived/binaryMessageReceived signals of the session's own QWebSocket (a signal
// is an ordinary public function in Qt 6). The socket itself never connects: `connected` is
// emitted by hand too, so the session sends its hello (into the unconnected socket) and starts
// relay-kind detection exactly as on a real connection. parseControlMessage(QString) and the
// audio-frame parser are fuzzed on the way, as are BroadcastRoom/DistributedFloor/PeerDirectory
// once a message reveals a broadcast relay.
//
// Input: 1 byte of options, then records: 1 byte op, then op-specific data (FuzzedDataProvider;
// strings are "random length strings": a backslash followed by anything but a backslash ends
// one, "\\" is a backslash). tests/fuzz/make_corpus.py writes seeds in this format.

#include "FuzzCheck.h"
#include "net/RelaySession.h"
#include "protocol/AudioFrame.h"

#include <QCoreApplication>
#include <QWebSocket>
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <memory>

using tenfour::net::RelayKind;
using tenfour::net::RelaySession;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    quietQt();
    new QCoreApplication(*argc, *argv); // RelaySession's timers need one; lives until exit
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    const uint8_t flags = in.ConsumeIntegral<uint8_t>();

    auto session = std::make_unique<RelaySession>();
    RelaySession::Options o;
    // A port nobody listens on; the socket is never given a chance to connect (no event loop).
    o.url = QUrl(QStringLiteral("ws://127.0.0.1:9/"));
    o.name = QStringLiteral("fuzz");
    o.kindHint = (flags & 1) ? RelayKind::Broadcast : RelayKind::Unknown;
    o.textSafeAudio = flags & 2;
    session->open(o);
    auto *ws = session->findChild<QWebSocket *>();
    FUZZ_CHECK(ws);
    if (!(flags & 4))
        Q_EMIT ws->connected();

    QObject::connect(session.get(), &RelaySession::audioReceived,
                     [](quint32, quint32, const QByteArray &opus) {
                         FUZZ_CHECK(opus.size() <= tenfour::protocol::kMaxOpusPacket);
                     });

    quint32 sid = 0;
    quint32 seq = 0;
    while (in.remaining_bytes() > 0) {
        switch (in.ConsumeIntegral<uint8_t>() % 8) {
        case 0:
        case 1:
        case 2: {
            const std::string s = in.ConsumeRandomLengthString(12000);
            Q_EMIT ws->textMessageReceived(QString::fromUtf8(s.data(), qsizetype(s.size())));
            break;
        }
        case 3: {
            const std::string s = in.ConsumeRandomLengthString(2000);
            Q_EMIT ws->binaryMessageReceived(QByteArray(s.data(), qsizetype(s.size())));
            break;
        }
        case 4:
            session->join(QString::fromStdString(in.ConsumeRandomLengthString(80)));
            break;
        case 5: {
            const QStringList channels = session->channels();
            const quint32 s = session->requestTalk(channels.value(0, QStringLiteral("general")));
            if (s != 0)
                sid = s;
            break;
        }
        case 6: {
            const std::string s = in.ConsumeRandomLengthString(1400);
            session->sendAudio(sid, seq++, QByteArrayView(s.data(), qsizetype(s.size())));
            break;
        }
        case 7:
            if (in.ConsumeBool())
                session->sendOver(sid);
            else
                session->leave(QString::fromStdString(in.ConsumeRandomLengthString(80)));
            break;
        }
        const RelaySession::Stats &st = session->stats();
        FUZZ_CHECK(st.audioInTextSafe <= st.audioIn);
    }
    session->close();
    session.reset();
    // The session's socket is deleted with deleteLater(): let it go now, or each input leaks one.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
