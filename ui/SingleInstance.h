#pragma once
// One Tenfour per user: the first instance listens on a local socket; a later start sends its
// message there ("show", "ptt press", ...) and exits. Messages are UTF-8 words separated by
// NUL, one message per connection.

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace tenfour::ui {

class SingleInstance : public QObject {
    Q_OBJECT
public:
    // name: the socket name; the default is per user (tests pass their own).
    explicit SingleInstance(const QString &name = defaultName(), QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultName();
    // True when this process is now the instance. A socket left by a crashed instance (nobody
    // answers) is removed and taken over.
    bool listen();
    QString name() const { return m_name; }
    QString errorString() const { return m_error; }
    // Sends to the running instance; false when none answers within timeoutMs.
    static bool send(const QString &name, const QStringList &message, int timeoutMs = 2000);

Q_SIGNALS:
    void messageReceived(const QStringList &message);

private:
    void onNewConnection();

    QString m_name;
    QString m_error;
    QLocalServer *m_server = nullptr;
};

} // namespace tenfour::ui
