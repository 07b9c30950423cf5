#pragma once
// The states of one server connection the UI shows; there is no silent failure state.

#include <QMetaType>

namespace tenfour::ui {

enum class ConnectionState {
    Disconnected, // not asked to connect, or closed
    Connecting,
    Connected,
    Reconnecting, // lost; retrying after a delay (see VoiceSession::stateChanged)
    Unauthorized, // the relay refused the name/token: retrying cannot help
    Failed,       // cannot connect (bad URL, refused, TLS): detail says why
};

} // namespace tenfour::ui

Q_DECLARE_METATYPE(tenfour::ui::ConnectionState)
