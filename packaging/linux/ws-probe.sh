#!/usr/bin/env bash
# A WebSocket client in plain bash, for a system that has neither python nor node (the minbase
# chroot): it checks the parts of RFC 6455 that every WebSocket server must answer, whatever
# the application protocol on top:
#   1. the opening handshake: "101" and a correct Sec-WebSocket-Accept for a random key,
#   2. a masked ping with a payload: the server must answer a pong with the same payload,
#   3. a masked close (1000): the server must answer a close frame.
# Usage: ws-probe.sh HOST PORT [PATH]
set -euo pipefail
host=$1 port=$2 path=${3:-/}
GUID=258EAFA5-E914-47DA-95CA-C5AB0DC85B11

# Bytes given as hex pairs, written raw (bash's printf writes NUL bytes too).
hexbytes() { local out="" b; for b in "$@"; do out+="\\x$b"; done; printf "$out"; }

key=$(head -c 16 /dev/urandom | base64)
exec 3<>"/dev/tcp/$host/$port"
printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n' \
  "$path" "$host" "$port" "$key" >&3

IFS= read -r -t 10 status <&3 || { echo "no HTTP answer" >&2; exit 1; }
status=${status%$'\r'}
[[ "$status" =~ ^HTTP/1\.1\ 101 ]] || { echo "handshake refused: $status" >&2; exit 1; }
accept=""
while IFS= read -r -t 10 line <&3; do
  line=${line%$'\r'}
  [[ -z "$line" ]] && break
  if [[ "${line,,}" == sec-websocket-accept:* ]]; then accept=$(sed 's/^[^:]*:[[:space:]]*//' <<<"$line"); fi
done
# Sec-WebSocket-Accept = base64(SHA-1(key + GUID)), from the hex digest with coreutils only.
digest=$(printf '%s' "$key$GUID" | sha1sum | cut -c1-40)
# shellcheck disable=SC2046 # one word per byte
want=$(hexbytes $(sed 's/../& /g' <<<"$digest") | base64)
[[ "$accept" == "$want" ]] || { echo "Sec-WebSocket-Accept is '$accept', expected '$want'" >&2; exit 1; }
echo "handshake: $status, Sec-WebSocket-Accept correct"

# Client frames must be masked. Ping (0x89) with the 4-byte payload "t4ok" under mask 37 fa 21 3d.
mask=(37 fa 21 3d)
payload=(74 34 6f 6b)
masked=()
for i in 0 1 2 3; do masked+=("$(printf '%02x' $((0x${payload[i]} ^ 0x${mask[i]})))"); done
hexbytes 89 84 "${mask[@]}" "${masked[@]}" >&3
# Close (0x88) with status 1000 (03 e8) under the same mask.
hexbytes 88 82 "${mask[@]}" "$(printf '%02x' $((0x03 ^ 0x37)))" "$(printf '%02x' $((0xe8 ^ 0xfa)))" >&3

# Everything the server sends until it closes the connection (it must after the close frame).
mapfile -t bytes < <(timeout 10 cat <&3 | od -An -v -tx1 | tr -s ' ' '\n' | sed '/^$/d')
exec 3>&-
# Walk the server's frames (unmasked; lengths up to 64 bits).
i=0 pong=0 closed=0 frames=()
n=${#bytes[@]}
while ((i + 2 <= n)); do
  op=$((0x${bytes[i]} & 0x0f))
  len=$((0x${bytes[i + 1]} & 0x7f))
  i=$((i + 2))
  if ((len == 126)); then len=$((0x${bytes[i]}${bytes[i + 1]})); i=$((i + 2));
  elif ((len == 127)); then len=$((0x$(printf '%s' "${bytes[@]:i:8}"))); i=$((i + 8)); fi
  body=$(printf '%s' "${bytes[@]:i:len}")
  i=$((i + len))
  frames+=("op=$op len=$len")
  if ((op == 10)) && [[ "$body" == "$(printf '%s' "${payload[@]}")" ]]; then pong=1; fi
  if ((op == 8)); then closed=1; fi
done
echo "server frames: ${frames[*]:-none}"
((pong)) || { echo "no pong with the ping's payload" >&2; exit 1; }
((closed)) || { echo "no close frame in answer to the close" >&2; exit 1; }
echo "ping answered by a pong with the same payload; close answered by a close"
