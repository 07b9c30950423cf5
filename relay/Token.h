#pragma once
// Relay access tokens: base64url(payload) "." base64url(HMAC-SHA256(secret, base64url(payload))),
// payload = {"name":"Alice","exp":<unix seconds>,"iat":<unix seconds>} (compact JSON, unpadded
// base64url). The name in a valid token is the name the relay shows; the hello's own name is
// then ignored. docs/protocol.md, "Auth".

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace tenfour::relay {

enum class TokenError { None, Missing, Malformed, BadSignature, Expired, BadPayload };
const char *tokenErrorText(TokenError e);

struct TokenClaims {
    QString name;
    qint64 exp = 0; // unix seconds
    qint64 iat = 0;
};

class TokenMinter {
public:
    explicit TokenMinter(QByteArray secret) : secret_(std::move(secret)) {}
    // A token for `name`, valid until now + ttlSeconds. nowSeconds < 0 = the current time.
    QByteArray mint(const QString &name, qint64 ttlSeconds, qint64 nowSeconds = -1) const;

private:
    QByteArray secret_;
};

class TokenVerifier {
public:
    explicit TokenVerifier(QByteArray secret) : secret_(std::move(secret)) {}
    // Checks format, signature (constant time) and expiry. nowSeconds < 0 = the current time.
    TokenError verify(const QByteArray &token, TokenClaims *claims = nullptr, qint64 nowSeconds = -1) const;

private:
    QByteArray secret_;
};

// Compares two byte strings in time that depends only on their lengths.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace tenfour::relay
