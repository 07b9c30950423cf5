#include "relay/RelayConfig.h"

#include <QFile>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace tenfour::relay {

namespace {

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

// "65536", "64k", "1m" (binary multiples). -1 when malformed.
qint64 parseBytes(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,12})\\s*([kKmM]?)[iI]?[bB]?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return -1;
    qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2).toLower();
    if (unit == QLatin1String("k"))
        n *= 1024;
    else if (unit == QLatin1String("m"))
        n *= 1024 * 1024;
    return n;
}

bool parseInt(const QString &text, int lo, int hi, int &out)
{
    bool ok = false;
    const qlonglong n = text.trimmed().toLongLong(&ok);
    if (!ok || n < lo || n > hi)
        return false;
    out = int(n);
    return true;
}

bool parseBool(const QString &text, bool &out)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("true") || t == QLatin1String("yes") || t == QLatin1String("on")
        || t == QLatin1String("1")) {
        out = true;
        return true;
    }
    if (t == QLatin1String("false") || t == QLatin1String("no") || t == QLatin1String("off")
        || t == QLatin1String("0")) {
        out = false;
        return true;
    }
    return false;
}

bool durationSetting(const QString &key, const QString &value, qint64 minMs, int &out, QString *error)
{
    const qint64 ms = parseDurationMs(value);
    if (ms < minMs || ms > std::numeric_limits<int>::max())
        return fail(error, QStringLiteral("%1: bad duration \"%2\" (e.g. 500ms, 4s, 1m)").arg(key, value));
    out = int(ms);
    return true;
}

bool intSetting(const QString &key, const QString &value, int lo, int hi, int &out, QString *error)
{
    if (!parseInt(value, lo, hi, out))
        return fail(error, QStringLiteral("%1: expected a whole number from %2 to %3, got \"%4\"")
                               .arg(key).arg(lo).arg(hi).arg(value));
    return true;
}

bool bytesSetting(const QString &key, const QString &value, qint64 lo, qint64 &out, QString *error)
{
    const qint64 n = parseBytes(value);
    if (n < lo)
        return fail(error, QStringLiteral("%1: expected a byte count (e.g. 65536, 64k, 1m), got \"%2\"")
                               .arg(key, value));
    out = n;
    return true;
}

} // namespace

bool isValidName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64 || name.front().isSpace() || name.back().isSpace())
        return false;
    for (const QChar ch : name) {
        const char16_t u = ch.unicode();
        if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029)
            return false;
    }
    return true;
}

qint64 parseDurationMs(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s|m|h|d)?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return -1;
    const double n = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    double factor = 1000; // bare number: seconds
    if (unit == QLatin1String("ms"))
        factor = 1;
    else if (unit == QLatin1String("m"))
        factor = 60 * 1000.0;
    else if (unit == QLatin1String("h"))
        factor = 3600 * 1000.0;
    else if (unit == QLatin1String("d"))
        factor = 86400 * 1000.0;
    const double ms = std::round(n * factor);
    if (ms > 1e15)
        return -1;
    return qint64(ms);
}

bool parseListen(const QString &text, QHostAddress &address, quint16 &port, QString *error)
{
    QString host;
    QString portText;
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1Char('['))) {
        const int close = t.indexOf(QLatin1Char(']'));
        if (close < 0 || close + 1 >= t.size() || t.at(close + 1) != QLatin1Char(':'))
            return fail(error, QStringLiteral("--listen: expected [IPv6]:PORT, got \"%1\"").arg(text));
        host = t.mid(1, close - 1);
        portText = t.mid(close + 2);
    } else {
        const int colon = t.lastIndexOf(QLatin1Char(':'));
        if (colon < 0) {
            portText = t;
        } else {
            host = t.left(colon);
            portText = t.mid(colon + 1);
        }
    }
    int p = 0;
    if (!parseInt(portText, 0, 65535, p))
        return fail(error, QStringLiteral("--listen: bad port in \"%1\"").arg(text));
    QHostAddress a(QHostAddress::LocalHost);
    if (host == QLatin1String("localhost"))
        a = QHostAddress(QHostAddress::LocalHost);
    else if (host == QLatin1String("*"))
        a = QHostAddress(QHostAddress::Any);
    else if (!host.isEmpty() && !a.setAddress(host))
        return fail(error, QStringLiteral("--listen: \"%1\" is not an IP address").arg(host));
    address = a;
    port = quint16(p);
    return true;
}

QStringList flagSettings()
{
    return {QStringLiteral("no-ad-hoc"), QStringLiteral("limit-loopback"), QStringLiteral("no-proxy-headers")};
}

QStringList valueSettings()
{
    return {QStringLiteral("listen"),          QStringLiteral("channel"),
            QStringLiteral("max-talk"),        QStringLiteral("idle-revoke"),
            QStringLiteral("hello-timeout"),   QStringLiteral("token-secret"),
            QStringLiteral("token-secret-file"), QStringLiteral("max-message"),
            QStringLiteral("audio-rate"),      QStringLiteral("control-rate"),
            QStringLiteral("control-burst"),   QStringLiteral("max-connections"),
            QStringLiteral("max-connections-per-ip"), QStringLiteral("max-queue"),
            QStringLiteral("max-queue-hard"),  QStringLiteral("max-channels"),
            QStringLiteral("max-channels-per-connection"), QStringLiteral("allow-origin"),
            QStringLiteral("ping-interval"),   QStringLiteral("close-grace"),
            QStringLiteral("socket-send-buffer"),
            QStringLiteral("tls-cert"),
            QStringLiteral("tls-key"),         QStringLiteral("stats-interval")};
}

bool applySetting(RelayOptions &options, const QString &key, const QString &value, QString *error)
{
    RelayConfig &c = options.config;
    const QString v = value.trimmed();
    if (flagSettings().contains(key)) {
        bool on = true;
        if (!parseBool(v, on))
            return fail(error, QStringLiteral("%1: expected true or false, got \"%2\"").arg(key, value));
        if (key == QLatin1String("no-ad-hoc"))
            c.allowAdHocChannels = !on;
        else if (key == QLatin1String("limit-loopback"))
            c.limitLoopback = on;
        else if (key == QLatin1String("no-proxy-headers"))
            c.trustProxyHeaders = !on;
        return true;
    }
    if (key == QLatin1String("listen"))
        return parseListen(v, options.address, options.port, error);
    if (key == QLatin1String("channel")) {
        for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString name = part.trimmed();
            if (!isValidName(name))
                return fail(error, QStringLiteral("channel: bad channel name \"%1\"").arg(name));
            if (!c.channels.contains(name))
                c.channels.append(name);
        }
        return true;
    }
    if (key == QLatin1String("max-talk"))
        return durationSetting(key, v, 1, c.maxTalkMs, error);
    if (key == QLatin1String("idle-revoke"))
        return durationSetting(key, v, 1, c.idleRevokeMs, error);
    if (key == QLatin1String("hello-timeout"))
        return durationSetting(key, v, 1, c.helloTimeoutMs, error);
    if (key == QLatin1String("ping-interval"))
        return durationSetting(key, v, 0, c.pingIntervalMs, error);
    if (key == QLatin1String("close-grace"))
        return durationSetting(key, v, 1, c.closeGraceMs, error);
    if (key == QLatin1String("stats-interval"))
        return durationSetting(key, v, 0, options.statsIntervalMs, error);
    if (key == QLatin1String("token-secret")) {
        if (v.isEmpty())
            return fail(error, QStringLiteral("token-secret: empty secret"));
        c.tokenSecret = v.toUtf8();
        return true;
    }
    if (key == QLatin1String("token-secret-file")) {
        QFile f(v);
        if (!f.open(QIODevice::ReadOnly))
            return fail(error, QStringLiteral("token-secret-file: cannot read %1: %2").arg(v, f.errorString()));
        const QByteArray secret = f.read(4096).trimmed();
        if (secret.isEmpty())
            return fail(error, QStringLiteral("token-secret-file: %1 is empty").arg(v));
        c.tokenSecret = secret;
        return true;
    }
    if (key == QLatin1String("max-message"))
        return bytesSetting(key, v, 1024, c.maxMessageBytes, error);
    if (key == QLatin1String("max-queue"))
        return bytesSetting(key, v, 1024, c.maxQueuedBytes, error);
    if (key == QLatin1String("max-queue-hard"))
        return bytesSetting(key, v, 1024, c.maxQueuedBytesHard, error);
    if (key == QLatin1String("socket-send-buffer")) {
        qint64 n = 0;
        if (!bytesSetting(key, v, 0, n, error))
            return false;
        if (n > 64 * 1024 * 1024)
            return fail(error, QStringLiteral("socket-send-buffer: at most 64m"));
        c.socketSendBuffer = int(n);
        return true;
    }
    if (key == QLatin1String("audio-rate") || key == QLatin1String("control-rate")) {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || !(d >= 0) || d > 1e6)
            return fail(error, QStringLiteral("%1: expected a number >= 0 (0 = off), got \"%2\"").arg(key, value));
        (key == QLatin1String("audio-rate") ? c.audioRateFactor : c.controlRate) = d;
        return true;
    }
    if (key == QLatin1String("control-burst"))
        return intSetting(key, v, 1, 1000000, c.controlBurst, error);
    if (key == QLatin1String("max-connections"))
        return intSetting(key, v, 0, 10000000, c.maxConnections, error);
    if (key == QLatin1String("max-connections-per-ip"))
        return intSetting(key, v, 0, 10000000, c.maxConnectionsPerIp, error);
    if (key == QLatin1String("max-channels"))
        return intSetting(key, v, 0, 10000000, c.maxChannels, error);
    if (key == QLatin1String("max-channels-per-connection"))
        return intSetting(key, v, 0, 100000, c.maxChannelsPerConnection, error);
    if (key == QLatin1String("allow-origin")) {
        for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString origin = part.trimmed();
            if (!origin.isEmpty() && !c.allowedOrigins.contains(origin))
                c.allowedOrigins.append(origin);
        }
        return true;
    }
    if (key == QLatin1String("tls-cert")) {
        c.tlsCertificateFile = v;
        return true;
    }
    if (key == QLatin1String("tls-key")) {
        c.tlsKeyFile = v;
        return true;
    }
    return fail(error, QStringLiteral("unknown setting \"%1\"").arg(key));
}

bool parseConfigText(const QString &text, RelayOptions &options, QString *error)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        const int hash = line.indexOf(QLatin1Char('#'));
        if (hash >= 0)
            line.truncate(hash);
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        QString key;
        QString value;
        const int eq = line.indexOf(QLatin1Char('='));
        if (eq >= 0) {
            key = line.left(eq).trimmed();
            value = line.mid(eq + 1).trimmed();
        } else {
            const int sp = line.indexOf(QRegularExpression(QStringLiteral("\\s")));
            key = sp < 0 ? line : line.left(sp);
            value = sp < 0 ? QString() : line.mid(sp + 1).trimmed();
        }
        if (key.startsWith(QLatin1String("--")))
            key = key.mid(2);
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        if (!flagSettings().contains(key) && !valueSettings().contains(key))
            return fail(error, QStringLiteral("line %1: unknown setting \"%2\"").arg(i + 1).arg(key));
        if (!flagSettings().contains(key) && value.isEmpty())
            return fail(error, QStringLiteral("line %1: %2 needs a value").arg(i + 1).arg(key));
        QString why;
        if (!applySetting(options, key, value, &why))
            return fail(error, QStringLiteral("line %1: %2").arg(i + 1).arg(why));
    }
    return true;
}

bool loadConfigFile(const QString &path, RelayOptions &options, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(error, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    QString why;
    if (!parseConfigText(QString::fromUtf8(f.readAll()), options, &why))
        return fail(error, QStringLiteral("%1: %2").arg(path, why));
    return true;
}

bool validateConfig(const RelayConfig &c, QString *error)
{
    if (c.maxTalkMs <= 0 || c.idleRevokeMs <= 0 || c.helloTimeoutMs <= 0)
        return fail(error, QStringLiteral("max talk, idle revoke and hello timeout must be positive"));
    if (c.closeGraceMs <= 0)
        return fail(error, QStringLiteral("the close grace must be positive"));
    if (c.pingIntervalMs < 0)
        return fail(error, QStringLiteral("the ping interval must be >= 0"));
    if (c.maxMessageBytes < 1024)
        return fail(error, QStringLiteral("max message must be at least 1024 bytes"));
    if (c.maxQueuedBytes <= 0 || c.maxQueuedBytesHard < c.maxQueuedBytes)
        return fail(error, QStringLiteral("max queue must be positive and at most max queue hard"));
    if (!(c.audioRateFactor >= 0) || !(c.controlRate >= 0) || c.controlBurst < 1)
        return fail(error, QStringLiteral("rates must be >= 0 and the control burst >= 1"));
    if (c.socketSendBuffer < 0)
        return fail(error, QStringLiteral("the socket send buffer must be >= 0"));
    if (c.maxConnections < 0 || c.maxConnectionsPerIp < 0 || c.maxChannels < 0 || c.maxChannelsPerConnection < 0)
        return fail(error, QStringLiteral("connection and channel limits must be >= 0"));
    if (c.tlsCertificateFile.isEmpty() != c.tlsKeyFile.isEmpty())
        return fail(error, QStringLiteral("TLS needs both a certificate and a key"));
    for (const QString &ch : c.channels) {
        if (!isValidName(ch))
            return fail(error, QStringLiteral("bad channel name \"%1\"").arg(ch));
    }
    return true;
}

} // namespace tenfour::relay
