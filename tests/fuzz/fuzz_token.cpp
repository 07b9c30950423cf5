// The relay's token verifier (relay/Token.h): base64url(payload) "." base64url(HMAC-SHA256).
// A random input almost never carries a valid signature, so three kinds of input share the target
// (first byte): (0) the bytes as a token, as a client sends it in hello; (1) the bytes as the
// token's *payload JSON*, signed here with the relay's secret the way the documented format says,
// so the checks after the signature (JSON, name, exp, iat) are reached; (2) the bytes as a name
// for TokenMinter, whose token must verify exactly when the name is one the relay accepts.
//
// Invariants: a verified token's claims carry a valid name and an exp in the future; a token
// whose signature is modified after signing never verifies; a minted token verifies exactly
// when its name is valid, and not after its expiry; constantTimeEquals agrees with ==.

#include "FuzzCheck.h"
#include "relay/RelayConfig.h"
#include "relay/Token.h"

#include <QByteArray>
#include <QMessageAuthenticationCode>
#include <cstdint>

using namespace tenfour::relay;

namespace {

const QByteArray kSecret = QByteArrayLiteral("fuzz-secret-0123456789");
constexpr qint64 kNow = 1700000000;
constexpr auto kB64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

void checkVerified(const QByteArray &token, TokenError expected)
{
    const TokenVerifier verifier(kSecret);
    TokenClaims claims;
    const TokenError err = verifier.verify(token, &claims, kNow);
    if (expected != TokenError::None)
        FUZZ_CHECK(err != TokenError::None);
    if (err == TokenError::None) {
        FUZZ_CHECK(isValidName(claims.name));
        FUZZ_CHECK(claims.exp > kNow);
        FUZZ_CHECK(!token.isEmpty() && token.size() <= 2048);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0: {
        checkVerified(bytes, TokenError::None); // seeds may carry the test secret's signature
        FUZZ_CHECK(constantTimeEquals(bytes, bytes));
        const qsizetype half = bytes.size() / 2;
        FUZZ_CHECK(constantTimeEquals(bytes.left(half), bytes.mid(half, half)) ==
                   (bytes.left(half) == bytes.mid(half, half)));
        break;
    }
    case 1: {
        const QByteArray payload = bytes.toBase64(kB64);
        const QByteArray sig = QMessageAuthenticationCode::hash(payload, kSecret, QCryptographicHash::Sha256);
        const QByteArray token = payload + '.' + sig.toBase64(kB64);
        checkVerified(token, TokenError::None);
        // One bit flipped anywhere in the signature must be caught.
        QByteArray bad = sig;
        bad[int(bytes.size() % bad.size())] = char(bad[int(bytes.size() % bad.size())] ^ 1);
        checkVerified(payload + '.' + bad.toBase64(kB64), TokenError::BadSignature);
        break;
    }
    default: {
        const QString name = QString::fromUtf8(bytes);
        const QByteArray token = TokenMinter(kSecret).mint(name, 3600, kNow);
        const TokenVerifier verifier(kSecret);
        TokenClaims claims;
        const TokenError err = verifier.verify(token, &claims, kNow);
        if (isValidName(name) && token.size() <= 2048) {
            FUZZ_CHECK(err == TokenError::None);
            FUZZ_CHECK(claims.name == name && claims.exp == kNow + 3600 && claims.iat == kNow);
        } else {
            FUZZ_CHECK(err != TokenError::None);
        }
        FUZZ_CHECK(verifier.verify(token, nullptr, kNow + 3600) == TokenError::Expired ||
                   err != TokenError::None);
        break;
    }
    }
    return 0;
}
