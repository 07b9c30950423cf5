#include "relay/Token.h"

#include "relay/RelayConfig.h"

#include "protocol/JsonFields.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>

namespace tenfour::relay {

namespace {

// Token times (exp, iat) in seconds: any integral number a double holds exactly.
constexpr double kMaxTime = protocol::kMaxSafeInteger;

constexpr int kMaxTokenLength = 2048;
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray sign(const QByteArray &secret, const QByteArray &encodedPayload)
{
    return QMessageAuthenticationCode::hash(encodedPayload, secret, QCryptographicHash::Sha256);
}

qint64 nowOr(qint64 nowSeconds)
{
    return nowSeconds >= 0 ? nowSeconds : QDateTime::currentSecsSinceEpoch();
}

bool decodeBase64Url(const QByteArray &in, QByteArray &out)
{
    for (const char c : in) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_';
        if (!ok)
            return false;
    }
    auto r = QByteArray::fromBase64Encoding(in, QByteArray::Base64UrlEncoding |
                                                    QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        return false;
    out = std::move(r.decoded);
    return true;
}

} // namespace

const char *tokenErrorText(TokenError e)
{
    switch (e) {
    case TokenError::None:
        return "ok";
    case TokenError::Missing:
        return "this relay needs a token in hello";
    case TokenError::Malformed:
        return "malformed token";
    case TokenError::BadSignature:
        return "token signature does not match";
    case TokenError::Expired:
        return "token expired";
    case TokenError::BadPayload:
        return "token payload lacks a valid name or exp";
    }
    return "bad token";
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    const auto *pa = reinterpret_cast<const volatile unsigned char *>(a.constData());
    const auto *pb = reinterpret_cast<const volatile unsigned char *>(b.constData());
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= pa[i] ^ pb[i];
    return diff == 0;
}

QByteArray TokenMinter::mint(const QString &name, qint64 ttlSeconds, qint64 nowSeconds) const
{
    const qint64 now = nowOr(nowSeconds);
    QJsonObject payload;
    payload.insert(QLatin1String("name"), name);
    payload.insert(QLatin1String("exp"), double(now + ttlSeconds));
    payload.insert(QLatin1String("iat"), double(now));
    const QByteArray encoded = QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(kBase64Url);
    return encoded + '.' + sign(secret_, encoded).toBase64(kBase64Url);
}

TokenError TokenVerifier::verify(const QByteArray &token, TokenClaims *claims, qint64 nowSeconds) const
{
    if (token.isEmpty())
        return TokenError::Missing;
    if (token.size() > kMaxTokenLength)
        return TokenError::Malformed;
    const qsizetype dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.size() - 1)
        return TokenError::Malformed;
    const QByteArray encodedPayload = token.left(dot);
    QByteArray signature;
    QByteArray payloadJson;
    if (!decodeBase64Url(token.mid(dot + 1), signature) || !decodeBase64Url(encodedPayload, payloadJson))
        return TokenError::Malformed;
    // The signature is checked before the payload is even parsed.
    if (!constantTimeEquals(signature, sign(secret_, encodedPayload)))
        return TokenError::BadSignature;
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(payloadJson, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return TokenError::BadPayload;
    const QJsonObject obj = doc.object();
    TokenClaims c;
    c.name = obj.value(QLatin1String("name")).toString();
    if (!isValidName(c.name) ||
        !protocol::integralValue(obj.value(QLatin1String("exp")), -kMaxTime, kMaxTime, c.exp))
        return TokenError::BadPayload;
    protocol::integralValue(obj.value(QLatin1String("iat")), -kMaxTime, kMaxTime, c.iat);
    if (c.exp <= nowOr(nowSeconds))
        return TokenError::Expired;
    if (claims)
        *claims = c;
    return TokenError::None;
}

} // namespace tenfour::relay
