#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz (corpus/<target>/): small, meaningful inputs plus edge
cases. Deterministic; run it again after changing a target's input format:

    tests/fuzz/make_corpus.py            # rewrites tests/fuzz/corpus/*/seed-*

Opus packets come from the system libopus (ctypes), encoded from a synthetic voice-like signal.
Files named regression-* (inputs that once found a bug) are kept as they are.

Several targets read their input with libFuzzer's FuzzedDataProvider, which takes strings from
the front of the input and integers from the back; the Fdp class below lays bytes out that way.
"""
import base64
import ctypes
import ctypes.util
import hashlib
import hmac
import json
import math
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


class Fdp:
    """Builds an input for FuzzedDataProvider: integers are consumed from the end (first consumed
    = last byte), random-length strings from the front ("\\\\" is a backslash, "\\" + any other
    byte ends the string)."""

    def __init__(self):
        self.front = bytearray()
        self.back = bytearray()  # in consumption order

    def integral(self, lo, hi, value, size):
        span = hi - lo
        n = 0
        while n < size and (span >> (8 * n)) > 0:
            n += 1
        v = value - lo
        assert 0 <= v <= span
        self.back += v.to_bytes(n, "big") if n else b""
        return self

    def u8(self, v):
        return self.integral(0, 255, v, 1)

    def u32(self, v):
        return self.integral(0, 2**32 - 1, v & 0xFFFFFFFF, 4)

    def boolean(self, b):
        return self.u8(1 if b else 0)

    def string(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.front += data.replace(b"\\", b"\\\\") + b"\\E"
        return self

    def bytes(self):
        return bytes(self.front) + bytes(reversed(self.back))


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def clean():
    for target in os.listdir(CORPUS) if os.path.isdir(CORPUS) else []:
        d = os.path.join(CORPUS, target)
        for f in os.listdir(d):
            if f.startswith("seed-"):
                os.remove(os.path.join(d, f))


# --- Opus packets from libopus ---------------------------------------------------------------

def opus_packets():
    lib = ctypes.CDLL(ctypes.util.find_library("opus") or "libopus.so.0")
    lib.opus_encoder_create.restype = ctypes.c_void_p
    lib.opus_encoder_create.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    lib.opus_encode.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int16), ctypes.c_int,
                                ctypes.c_char_p, ctypes.c_int]
    lib.opus_encoder_ctl.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
    lib.opus_encoder_destroy.argtypes = [ctypes.c_void_p]
    OPUS_APPLICATION_VOIP, OPUS_APPLICATION_AUDIO = 2048, 2049
    SET_BITRATE, SET_INBAND_FEC, SET_PACKET_LOSS_PERC, SET_FORCE_MODE = 4002, 4012, 4014, 11002
    MODE_CELT_ONLY = 1002

    def voice(n, offset):
        # A vowel-like tone with vibrato and a little noise: enough for SILK to code speech.
        out = (ctypes.c_int16 * n)()
        for i in range(n):
            t = (offset + i) / 48000.0
            f0 = 140 + 20 * math.sin(2 * math.pi * 5 * t)
            s = sum(math.sin(2 * math.pi * f0 * k * t) / k for k in range(1, 8))
            s += 0.05 * math.sin(i * 12.9898 + offset)  # deterministic "noise"
            out[i] = int(max(-1, min(1, 0.3 * s)) * 32767)
        return out

    def encode(app, frame, count, ctl):
        err = ctypes.c_int(0)
        enc = lib.opus_encoder_create(48000, 1, app, ctypes.byref(err))
        assert err.value == 0
        for k, v in ctl:
            lib.opus_encoder_ctl(enc, k, v)
        packets = []
        buf = ctypes.create_string_buffer(1500)
        for j in range(count):
            n = lib.opus_encode(enc, voice(frame, j * frame), frame, buf, 1500)
            assert n > 0
            packets.append(buf.raw[:n])
        lib.opus_encoder_destroy(enc)
        return packets

    return {
        # What Tenfour sends: VOIP, 20 ms, 24 kb/s, in-band FEC (SILK with LBRR from the 2nd frame).
        "silk_fec": encode(OPUS_APPLICATION_VOIP, 960, 6,
                           [(SET_BITRATE, 24000), (SET_INBAND_FEC, 1), (SET_PACKET_LOSS_PERC, 20)]),
        "celt": encode(OPUS_APPLICATION_AUDIO, 960, 3, [(SET_BITRATE, 64000), (SET_FORCE_MODE, MODE_CELT_ONLY)]),
        "silk_60ms": encode(OPUS_APPLICATION_VOIP, 2880, 2, [(SET_BITRATE, 16000)]),
        "celt_2_5ms": encode(OPUS_APPLICATION_AUDIO, 120, 2, [(SET_FORCE_MODE, MODE_CELT_ONLY)]),
    }


def frame(sid, seq, payload):
    return struct.pack(">BII", 1, sid, seq) + payload


# --- targets --------------------------------------------------------------------------------

def audio_frame(op):
    t = "fuzz_audio_frame"
    pkt = op["silk_fec"][1]
    write(t, "binary_frame", frame(0x1234, 7, pkt))
    write(t, "header_only", frame(1, 0, b""))
    write(t, "largest", frame(0xFFFFFFFF, 0xFFFFFFFF, b"\xab" * 1275))
    write(t, "too_large", frame(1, 1, b"\x00" * 1276))
    write(t, "too_short", b"\x01\x00\x00\x00\x01\x00\x00\x00")
    write(t, "unknown_type", b"\x02" + frame(1, 1, b"x")[1:])
    write(t, "text_safe", b"~" + base64.b64encode(frame(0xCAFE, 42, pkt)))
    write(t, "text_safe_largest", b"~" + base64.b64encode(frame(1, 2, b"\x55" * 1275)))
    write(t, "text_safe_bad_base64", b"~AQAAAAEAAAAB*=")
    write(t, "text_safe_marker_only", b"~")
    write(t, "text_safe_utf8", "~AQAAAAEAAAAB€".encode("utf-8"))


def control_messages():
    return [
        {"t": "welcome", "v": 1, "relay": "tenfour-relay/0.1.0", "id": "c1", "name": "Alice",
         "channels": [{"ch": "general", "members": 2, "talker": None}], "ad_hoc": True,
         "limits": {"max_talk_ms": 60000, "idle_ms": 10000, "max_msg": 8192, "max_audio": 1275}, "seq": 1},
        {"t": "joined", "ch": "general", "members": [{"id": "c2", "name": "Bob"}], "count": 2,
         "talker": {"id": "c2", "name": "Bob", "sid": 99}, "seq": 2},
        {"t": "granted", "ch": "general", "sid": 1, "max_ms": 60000, "seq": 3},
        {"t": "denied", "ch": "general", "sid": 1, "reason": "busy", "talker": {"id": "c2", "name": "Bob", "sid": 9}},
        {"t": "talking", "ch": "general", "id": "c2", "name": "Bob", "sid": 99, "codec": "opus", "rate": 48000,
         "ptime": 20},
        {"t": "over", "ch": "general", "id": "c2", "sid": 99, "reason": "released"},
        {"t": "presence", "ch": "general", "id": "c3", "name": "Carol", "state": "joined"},
        {"t": "left", "ch": "general", "seq": 4},
        {"t": "error", "code": "rate_limited", "msg": "slow down"},
    ]


def client_message(op):
    t = "fuzz_client_message"
    msgs = [json.dumps(m, separators=(",", ":")) for m in control_messages()]
    pkt = op["silk_fec"][2]

    def session(flags, steps):
        f = Fdp().u8(flags)
        for kind, arg in steps:
            if kind == "text":
                f.u8(0).string(arg)
            elif kind == "binary":
                f.u8(3).string(arg)
            elif kind == "join":
                f.u8(4).string(arg)
            elif kind == "talk":
                f.u8(5)
            elif kind == "audio":
                f.u8(6).string(arg)
            elif kind == "over":
                f.u8(7).boolean(True)
        return f.bytes()

    # A smart relay: welcome, join, someone talks (binary and text-safe audio), our own talk.
    write(t, "smart_session", session(0, [
        ("text", msgs[0]), ("join", "general"), ("text", msgs[1]), ("text", msgs[4]),
        ("binary", frame(99, 1, pkt)), ("text", "~" + base64.b64encode(frame(99, 2, pkt)).decode()),
        ("text", msgs[5]), ("talk", None), ("text", msgs[2]), ("audio", pkt), ("over", None),
        ("text", msgs[6]), ("text", msgs[7]), ("text", msgs[8])]))
    write(t, "denied", session(0, [("text", msgs[0]), ("join", "general"), ("talk", None), ("text", msgs[3])]))
    # A broadcast relay: another client's hello reveals it; then peers announce and talk.
    hello = '{"t":"hello","v":1,"name":"Bob","client":"tenfour/0.1.0","seq":5}'
    announce = '{"t":"announce","id":"b1f3a9c2d4e5f607","name":"Bob","client":"tenfour/0.1.0","ch":"ws://127.0.0.1:9/"}'
    talking = '{"t":"talking","ch":"ws://127.0.0.1:9/","id":"b1f3a9c2d4e5f607","name":"Bob","sid":7,"codec":"opus"}'
    write(t, "broadcast_session", session(0, [
        ("text", hello), ("join", "general"), ("text", announce), ("text", talking),
        ("text", "~" + base64.b64encode(frame(7, 1, pkt)).decode()),
        ("text", '{"t":"over","id":"b1f3a9c2d4e5f607","sid":7}'), ("talk", None), ("audio", pkt), ("over", None),
        ("text", '{"t":"bye","id":"b1f3a9c2d4e5f607"}')]))
    write(t, "broadcast_hint", session(1, [("join", "general"), ("talk", None), ("text", talking)]))
    write(t, "malformed", session(0, [
        ("text", "{"), ("text", "[]"), ("text", '{"t":""}'), ("text", '{"t":"x","seq":1.5}'),
        ("text", '{"t":"granted","sid":-1}'), ("text", '{"t":"joined"}'), ("binary", b"\x01\x00"),
        ("text", "~!!"), ("text", '{"t":"welcome","seq":1e300}')]))


def relay_message(op):
    t = "fuzz_relay_message"
    pkt = op["silk_fec"][1]
    text = [
        '{"t":"hello","v":1,"name":"Alice","client":"tenfour/0.1.0","seq":1}',
        '{"t":"hello","v":1,"token":"eyJuYW1lIjoiQWxpY2UiLCJleHAiOjE3MDAwMDM2MDB9.c2ln","seq":1}',
        '{"t":"join","ch":"general","seq":2}',
        '{"t":"talk","ch":"general","sid":4294967295,"codec":"opus","rate":48000,"ptime":20,"seq":3}',
        '{"t":"over","sid":1,"seq":9007199254740991}',
        '{"t":"leave","ch":"general"}',
        '{"t":"join","ch":" spaced "}',
        '{"t":"hello","v":2}',
        '{"t":"talk","ch":"\u00e9cho","sid":1.5,"seq":-4}',
        "not json",
        "~" + base64.b64encode(frame(1, 2, pkt)).decode(),
        "~AQ==",
    ]
    for i, m in enumerate(text):
        write(t, "text_%02d" % i, b"\x00" + m.encode("utf-8"))
    write(t, "binary_frame", b"\x01" + frame(1, 2, pkt))
    write(t, "binary_short", b"\x01\x01\x00")


def relay_session(op):
    t = "fuzz_relay_session"
    pkt = op["silk_fec"][1]

    def session(flags, steps):
        f = Fdp().u8(flags)
        for conn, kind, arg in steps:  # op byte: connection = op % 3, kind = (op / 3) % 4
            code = {"text": 0, "binary": 2, "reconnect": 3}[kind]
            f.u8(code * 3 + conn)
            if kind != "reconnect":
                f.string(arg)
        return f.bytes()

    def hello(name, seq=1):
        return '{"t":"hello","v":1,"name":"%s","client":"tenfour/0.1.0","seq":%d}' % (name, seq)

    talk = '{"t":"talk","ch":"general","sid":7,"codec":"opus","rate":48000,"ptime":20,"seq":3}'
    write(t, "talk_and_listen", session(1, [
        (0, "text", hello("Alice")), (1, "text", hello("Bob")), (0, "text", '{"t":"join","ch":"general","seq":2}'),
        (1, "text", '{"t":"join","ch":"general","seq":2}'), (0, "text", talk), (1, "text", talk.replace("7", "8")),
        (0, "binary", frame(7, 0, pkt)), (0, "text", "~" + base64.b64encode(frame(7, 1, pkt)).decode()),
        (1, "binary", frame(8, 0, pkt)), (0, "text", '{"t":"over","sid":7,"seq":4}'),
        (1, "text", talk.replace("7", "8")), (1, "text", '{"t":"leave","ch":"general"}')]))
    write(t, "echo_channel", session(0, [
        (2, "text", hello("Carol")), (2, "text", '{"t":"join","ch":"echo"}'),
        (2, "text", '{"t":"talk","ch":"echo","sid":1}'), (2, "binary", frame(1, 0, pkt)),
        (2, "binary", frame(1, 1, pkt)), (2, "text", '{"t":"over","sid":1}')]))
    write(t, "holder_disconnects", session(1, [
        (0, "text", hello("Alice")), (1, "text", hello("Bob")), (0, "text", '{"t":"join","ch":"general"}'),
        (1, "text", '{"t":"join","ch":"general"}'), (0, "text", talk), (0, "reconnect", None),
        (1, "text", talk)]))
    write(t, "before_hello_and_errors", session(0, [
        (0, "text", '{"t":"join","ch":"general"}'), (0, "binary", frame(1, 1, b"x")), (0, "text", '{"t":"hello","v":2}'),
        (1, "text", '{"t":"hello","v":1,"name":" "}'), (1, "text", hello("Bob")), (1, "text", hello("Bob")),
        (1, "text", '{"t":"talk","ch":"nowhere","sid":1}'), (1, "text", "[1]"), (1, "binary", b"\x01")]))
    write(t, "limits", session(8 | 4, [
        (0, "text", hello("Dan")), (0, "text", '{"t":"join","ch":"general"}'), (0, "text", '{"t":"join","ch":"ops"}'),
        (0, "text", '{"t":"join","ch":"echo"}'), (0, "text", '{"t":"join","ch":"adhoc"}')]))
    secret = b"fuzz-secret-0123456789"
    p = base64.urlsafe_b64encode(b'{"name":"Eve","exp":4102444800}').rstrip(b"=")
    tok = (p + b"." + base64.urlsafe_b64encode(hmac.new(secret, p, hashlib.sha256).digest()).rstrip(b"=")).decode()
    write(t, "token", session(2 | 1, [(0, "text", '{"t":"hello","v":1,"token":"%s","seq":1}' % tok),
                                     (1, "text", '{"t":"hello","v":1,"token":"x.y"}'),
                                     (0, "text", '{"t":"join","ch":"general"}')]))


def jitter_buffer():
    t = "fuzz_jitter_buffer"

    def stream(min_ms, max_ms, seq0, now0, ops):
        f = Fdp().integral(-10, 400, min_ms, 4).integral(-10, 6000, max_ms, 4)
        f.u32(seq0).integral(0, 2**40, now0, 8)
        for o in ops:
            kind = o[0]
            if kind == "next":  # arrival delay in us, payload length, salt
                f.u8(0).integral(0, 100000, o[1], 8).integral(1, 1275, o[2], 4).u8(7)
            elif kind == "dup":
                f.u8(2).integral(0, 5000, 100, 8).integral(0, 80, o[1], 4).integral(1, 1275, 60, 4).u8(1)
            elif kind == "reorder":
                f.u8(3).integral(0, 40000, 1000, 8).integral(-70, 70, o[1], 4).integral(1, 1275, 60, 4).u8(2)
            elif kind == "burst":
                f.u8(4).integral(0, 2000000, o[1], 8).integral(1, 40, o[2], 4)
                for _ in range(o[2]):
                    f.integral(1, 1275, 80, 4).u8(3)
            elif kind == "jump":
                f.u8(5).integral(0, 2**36, o[1], 8).u32(o[2]).integral(1, 1275, 70, 4).u8(4)
            elif kind == "play":
                f.u8(6).integral(1, 8, o[1], 4)
            elif kind == "invalid":
                f.u8(8).boolean(o[1])
                if not o[1]:
                    f.integral(1276, 2550, 1276, 4)
                f.u8(5)
            elif kind == "clear":
                f.u8(9).u8(0)
        return f.bytes()

    steady = [("next", 20000, 60), ("play", 1)] * 12
    write(t, "steady", stream(20, 300, 1000, 5_000_000, steady))
    write(t, "wrap", stream(20, 300, 0xFFFFFFF8, 1, [("next", 20000, 60)] * 6 + [("play", 8)] + [("next", 20000, 60)] * 6
                            + [("play", 8)]))
    write(t, "jitter_burst", stream(20, 300, 7, 0, [("next", 20000, 90), ("burst", 400000, 20), ("play", 8),
                                                     ("play", 8), ("next", 100000, 90), ("play", 4)]))
    write(t, "dups_reorder", stream(40, 200, 100, 0, [("next", 20000, 50), ("next", 20000, 50), ("dup", 1),
                                                       ("reorder", -3), ("reorder", 5), ("play", 2), ("dup", 0),
                                                       ("reorder", -1), ("play", 8)]))
    write(t, "huge_gaps", stream(20, 5000, 3, 0, [("next", 1000, 10), ("play", 2), ("jump", 2**35, 2**31 - 1),
                                                   ("jump", 10**9, 2**31), ("play", 3), ("jump", 0, 64),
                                                   ("invalid", True), ("invalid", False), ("clear",),
                                                   ("next", 0, 1275)]))


def opus_decoder(op):
    t = "fuzz_opus_decoder"

    def run(steps):
        f = Fdp()
        for kind, pkt, extra in steps:
            if kind == "decode":  # op: (op >> 5) == 2 keeps the 20 ms buffer, op % 4 == 0 decodes
                f.u8(0x40).string(pkt)
            elif kind == "decode_big":
                f.u8(0x00).string(pkt)
            elif kind == "fec":
                f.u8(0x42).string(pkt).boolean(True)
            elif kind == "plc":
                f.u8(0x43).string(pkt).boolean(True).u8(extra)
        return f.bytes()

    s = op["silk_fec"]
    write(t, "silk_fec_stream", run([("decode", s[0], 0), ("decode", s[1], 0), ("plc", b"", 1), ("fec", s[3], 0),
                                     ("decode", s[3], 0), ("decode", s[4], 0)]))
    write(t, "celt", run([("decode", p, 0) for p in op["celt"]] + [("plc", b"", 0)]))
    write(t, "silk_60ms", run([("decode_big", p, 0) for p in op["silk_60ms"]] + [("decode", op["silk_60ms"][0], 0)]))
    write(t, "celt_2_5ms", run([("decode", p, 0) for p in op["celt_2_5ms"]]))
    write(t, "toc_only", run([("decode", b"\xf8", 0), ("decode", b"\x03\x03", 0), ("fec", b"\x0b", 0)]))


def wav(fmt, channels, rate, bits, frames, extensible=False, data_size=None, extra_chunk=b""):
    block = channels * bits // 8
    body = bytearray()
    for i in range(frames * channels):
        x = math.sin(i * 0.05)
        if fmt == 3:
            body += struct.pack("<f", x * 0.5)
        elif bits == 8:
            body += struct.pack("<B", int(128 + 100 * x))
        elif bits == 16:
            body += struct.pack("<h", int(20000 * x))
        elif bits == 24:
            body += int(4000000 * x).to_bytes(3, "little", signed=True)
        else:
            body += struct.pack("<i", int(1e9 * x))
    if extensible:
        sub = struct.pack("<H", fmt) + b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
        fmt_chunk = struct.pack("<HHIIHHHHI", 0xFFFE, channels, rate, rate * block, block, bits, 22, bits, 4) + sub
    else:
        fmt_chunk = struct.pack("<HHIIHH", fmt, channels, rate, rate * block, block, bits)
    size = len(body) if data_size is None else data_size
    chunks = b"fmt " + struct.pack("<I", len(fmt_chunk)) + fmt_chunk + extra_chunk
    chunks += b"data" + struct.pack("<I", size) + bytes(body)
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


def wav_file():
    t = "fuzz_wav_file"
    write(t, "pcm16_mono", wav(1, 1, 48000, 16, 64))
    write(t, "pcm8_stereo", wav(1, 2, 8000, 8, 32))
    write(t, "pcm24", wav(1, 1, 44100, 24, 32))
    write(t, "pcm32_3ch", wav(1, 3, 16000, 32, 16))
    write(t, "float", wav(3, 2, 96000, 32, 16))
    write(t, "extensible_float", wav(3, 2, 48000, 32, 16, extensible=True))
    write(t, "list_chunk_odd", wav(1, 1, 48000, 16, 8, extra_chunk=b"LIST\x03\x00\x00\x00abc\x00"))
    write(t, "killed_writer", wav(1, 1, 48000, 16, 16, data_size=0xFFFFFFFF))
    write(t, "zero_size", wav(1, 1, 48000, 16, 16, data_size=0))
    write(t, "truncated_fmt", b"RIFF\x20\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00")
    write(t, "data_before_fmt", b"RIFF\x10\x00\x00\x00WAVEdata\x00\x00\x00\x00")


def token():
    t = "fuzz_token"
    secret = b"fuzz-secret-0123456789"

    def b64(b):
        return base64.urlsafe_b64encode(b).rstrip(b"=")

    def signed(payload):
        p = b64(payload)
        return p + b"." + b64(hmac.new(secret, p, hashlib.sha256).digest())

    good = b'{"name":"Alice","exp":1700003600,"iat":1700000000}'
    write(t, "token_signed", b"\x00" + signed(good))
    write(t, "token_wrong_secret", b"\x00" + b64(good) + b"." + b64(b"\x00" * 32))
    write(t, "token_two_dots", b"\x00a.b.c")
    write(t, "token_padding", b"\x00" + b64(good) + b"==.AAAA")
    write(t, "payload_good", b"\x01" + good)
    write(t, "payload_expired", b'\x01{"name":"Alice","exp":1699999999}')
    write(t, "payload_bad_name", b'\x01{"name":" Alice","exp":1800000000}')
    write(t, "payload_float_exp", b'\x01{"name":"A","exp":1.8e9,"iat":"x"}')
    write(t, "payload_not_object", b"\x01[1,2]")
    write(t, "name_ascii", b"\x02Alice")
    write(t, "name_unicode", "\x02张伟 ✓".encode("utf-8"))
    write(t, "name_control", b"\x02bad\x07name")
    write(t, "name_too_long", b"\x02" + b"x" * 65)


def main():
    clean()
    op = opus_packets()
    audio_frame(op)
    client_message(op)
    relay_message(op)
    relay_session(op)
    jitter_buffer()
    opus_decoder(op)
    wav_file()
    token()
    return 0


if __name__ == "__main__":
    sys.exit(main())
