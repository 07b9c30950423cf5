#!/usr/bin/env node
// The baseline of the relay fan-out benchmark: a Node `ws` relay that forwards every message
// to every other client, binary flag kept, and knows no protocol. Clients are grouped by the
// request path (ws://host:port/b7) so the 50-channel scenario has the same fan-out on both
// relays; the Tenfour generator connects to one path per channel. Each recipient's socket is
// corked until the next tick, so all messages parsed from one read leave in one write.
//   node relay.js PORT      (0 = any free port; prints "listening on ws://127.0.0.1:PORT/")
'use strict';
const { WebSocketServer } = require('ws');

const rooms = new Map();
const uncork = (socket) => socket.uncork();
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] || 0) });
wss.on('connection', (ws, req) => {
  if (!rooms.has(req.url)) rooms.set(req.url, new Set());
  const room = rooms.get(req.url);
  room.add(ws);
  ws.on('close', () => room.delete(ws));
  ws.on('error', () => {});
  ws.on('message', (data, isBinary) => {
    for (const other of room) {
      if (other === ws || other.readyState !== 1) continue;
      if (!other._socket.writableCorked) {
        other._socket.cork();
        process.nextTick(uncork, other._socket);
      }
      other.send(data, { binary: isBinary });
    }
  });
});
wss.on('listening', () => process.stdout.write(`listening on ws://127.0.0.1:${wss.address().port}/\n`));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
