#pragma once
// What Tenfour clients say to each other through a broadcast relay (docs/compatibility.md),
// on top of the protocol's own `hello`, `talking` and `over` (docs/protocol.md), which a client
// on such a relay sends itself because no relay does:
//   {"t":"announce","id":"b1f3a9c2d4e5f607","name":"Alice","client":"tenfour/0.1.0","ch":URL}
//       "I am here": sent when a client finds itself on a broadcast relay, in answer to a
//       newcomer's hello, and every kAnnounceEveryMs (peers that go silent are forgotten).
//   {"t":"bye","id":"b1f3a9c2d4e5f607"}  sent before a polite close.

namespace tenfour::net::wire {

inline constexpr char kAnnounce[] = "announce";
inline constexpr char kBye[] = "bye";

} // namespace tenfour::net::wire
