// Conformance: tokens (format, signature, expiry) on their own and over real sockets, and the
// Origin allow-list.

#include "RelayTestUtil.h"

#include "relay/Token.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QtTest>

using namespace relaytest;
using namespace tenfour::relay;

namespace {
const QByteArray kSecret = "correct horse battery staple";
constexpr auto kB64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray signedToken(const QByteArray &payloadJson, const QByteArray &secret = kSecret)
{
    const QByteArray p = payloadJson.toBase64(kB64);
    return p + '.' + QMessageAuthenticationCode::hash(p, secret, QCryptographicHash::Sha256).toBase64(kB64);
}
} // namespace

class TestRelayAuth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mintAndVerify()
    {
        const QByteArray token = TokenMinter(kSecret).mint(QStringLiteral("Alice"), 3600, 1000000);
        QCOMPARE(token.count('.'), 1);
        QVERIFY(!token.contains('=') && !token.contains('+') && !token.contains('/'));
        // The payload is readable JSON with name and exp.
        const QByteArray payload = QByteArray::fromBase64(token.left(token.indexOf('.')), QByteArray::Base64UrlEncoding);
        const QJsonObject obj = QJsonDocument::fromJson(payload).object();
        QCOMPARE(obj.value("name").toString(), QStringLiteral("Alice"));
        QCOMPARE(obj.value("exp").toInteger(), 1003600);

        TokenClaims claims;
        const TokenVerifier v(kSecret);
        QCOMPARE(v.verify(token, &claims, 1000000), TokenError::None);
        QCOMPARE(claims.name, QStringLiteral("Alice"));
        QCOMPARE(claims.exp, 1003600);
        QCOMPARE(v.verify(token, nullptr, 1003599), TokenError::None);
        QCOMPARE(v.verify(token, nullptr, 1003600), TokenError::Expired);
        QCOMPARE(TokenVerifier("other secret").verify(token, nullptr, 1000000), TokenError::BadSignature);
        // Real clock.
        QCOMPARE(v.verify(TokenMinter(kSecret).mint(QStringLiteral("Bob"), 60)), TokenError::None);
        QCOMPARE(v.verify(TokenMinter(kSecret).mint(QStringLiteral("Bob"), -1)), TokenError::Expired);
    }

    void forgedAndMalformed()
    {
        const TokenVerifier v(kSecret);
        const QByteArray good = TokenMinter(kSecret).mint(QStringLiteral("Alice"), 3600);
        // A changed payload with the old signature.
        const QByteArray forgedPayload = QByteArray(R"({"name":"Mallory","exp":99999999999})").toBase64(kB64);
        QCOMPARE(v.verify(forgedPayload + good.mid(good.indexOf('.'))), TokenError::BadSignature);
        // A flipped signature character.
        QByteArray flipped = good;
        flipped[flipped.size() - 3] = flipped[flipped.size() - 3] == 'A' ? 'B' : 'A';
        QCOMPARE(v.verify(flipped), TokenError::BadSignature);
        // Truncated signature.
        QCOMPARE(v.verify(good.left(good.size() - 4)), TokenError::BadSignature);
        QCOMPARE(v.verify(""), TokenError::Missing);
        QCOMPARE(v.verify("nodot"), TokenError::Malformed);
        QCOMPARE(v.verify("a.b.c"), TokenError::Malformed);
        QCOMPARE(v.verify(".abc"), TokenError::Malformed);
        QCOMPARE(v.verify("abc."), TokenError::Malformed);
        QCOMPARE(v.verify("ab$c.def"), TokenError::Malformed);
        QCOMPARE(v.verify(QByteArray(5000, 'a') + ".b"), TokenError::Malformed);
        // Correctly signed, but not what a token must say.
        QCOMPARE(v.verify(signedToken(R"({"exp":99999999999})")), TokenError::BadPayload);
        QCOMPARE(v.verify(signedToken(R"({"name":"A"})")), TokenError::BadPayload);
        QCOMPARE(v.verify(signedToken(R"({"name":"","exp":99999999999})")), TokenError::BadPayload);
        QCOMPARE(v.verify(signedToken(R"({"name":"A","exp":"never"})")), TokenError::BadPayload);
        QCOMPARE(v.verify(signedToken("[1]")), TokenError::BadPayload);
        QCOMPARE(v.verify(signedToken(R"({"name":"A","exp":99999999999})")), TokenError::None);
    }

    void constantTimeCompare()
    {
        QVERIFY(constantTimeEquals("abc", "abc"));
        QVERIFY(!constantTimeEquals("abc", "abd"));
        QVERIFY(!constantTimeEquals("abc", "ab"));
        QVERIFY(constantTimeEquals("", ""));
    }

    void relayAcceptsValidToken()
    {
        RelayConfig cfg = fastConfig();
        cfg.tokenSecret = kSecret;
        auto relay = startRelay(cfg);
        QVERIFY(relay);
        Client a(QStringLiteral("IgnoredName"));
        QVERIFY(a.open(relay->url()));
        const QJsonObject w = a.hello(QString::fromLatin1(TokenMinter(kSecret).mint(QStringLiteral("Alice"), 60)));
        QCOMPARE(w.value("t").toString(), QStringLiteral("welcome"));
        QCOMPARE(w.value("name").toString(), QStringLiteral("Alice")); // the token's name wins
        QCOMPARE(a.join("general").value("t").toString(), QStringLiteral("joined"));
    }

    void relayRejectsBadTokens_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("why");
        QTest::newRow("missing") << QString() << "needs a token";
        QTest::newRow("expired") << QString::fromLatin1(TokenMinter(kSecret).mint("Alice", -10)) << "expired";
        QTest::newRow("forged") << QString::fromLatin1(TokenMinter("guess").mint("Alice", 60)) << "signature";
        QTest::newRow("garbage") << QStringLiteral("hello") << "malformed";
    }
    void relayRejectsBadTokens()
    {
        QFETCH(QString, token);
        QFETCH(QString, why);
        RelayConfig cfg = fastConfig();
        cfg.tokenSecret = kSecret;
        auto relay = startRelay(cfg);
        QVERIFY(relay);
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(relay->url()));
        const QJsonObject e = a.hello(token);
        QCOMPARE(e.value("t").toString(), QStringLiteral("error"));
        QCOMPARE(e.value("code").toString(), QStringLiteral("unauthorized"));
        QVERIFY2(e.value("msg").toString().contains(why), qPrintable(e.value("msg").toString()));
        QVERIFY(a.waitClosed());
        QCOMPARE(a.closeCode(), 1008);
        QCOMPARE(relay->stats().connections, 0);
    }

    void tokenNotNeededWhenOpen()
    {
        auto relay = startRelay(fastConfig());
        QVERIFY(relay);
        Client a(QStringLiteral("Alice"));
        QVERIFY(a.open(relay->url()));
        // A token sent to an open relay is ignored, the hello's name is used.
        const QJsonObject w = a.hello(QStringLiteral("whatever"));
        QCOMPARE(w.value("name").toString(), QStringLiteral("Alice"));
    }

    void originAllowList()
    {
        RelayConfig cfg = fastConfig();
        cfg.allowedOrigins = {QStringLiteral("https://app.example")};
        auto relay = startRelay(cfg);
        QVERIFY(relay);
        auto withOrigin = [&](const QString &origin) {
            QNetworkRequest req(relay->url());
            if (!origin.isEmpty())
                req.setRawHeader("Origin", origin.toLatin1());
            auto c = std::make_unique<Client>(QStringLiteral("X"));
            const bool ok = c->open(req);
            return ok && c->hello().value("t") == QLatin1String("welcome");
        };
        QVERIFY(withOrigin(QStringLiteral("https://app.example")));
        QVERIFY(withOrigin(QStringLiteral("HTTPS://APP.EXAMPLE")));
        QVERIFY(withOrigin(QString())); // native clients send none
        QVERIFY(!withOrigin(QStringLiteral("https://evil.example")));
        QVERIFY(!withOrigin(QStringLiteral("https://app.example.evil")));
        QVERIFY(relay->stats().connectionsRejected >= 2);
    }
};

QTEST_GUILESS_MAIN(TestRelayAuth)
#include "test_relay_auth.moc"
