#!/usr/bin/env python3
"""Packs PNG renderings of the app icon into a Windows .ico or a macOS .icns.

Both formats can carry PNG data as is, so no image library is needed, and the same code runs
on every build machine (the macOS one does not need iconutil, the Windows one no ImageMagick).

  iconpack.py ico  OUT.ico  PNG...   sizes up to 256 px go in
  iconpack.py icns OUT.icns PNG...   16..1024 px, each under the types macOS looks up
  iconpack.py selftest PNG...        checks the PNGs (square, the size their path names) and
                                     that both packers write files that read back to them
"""
import os
import re
import struct
import sys
import tempfile

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# icns element types holding PNG data, by pixel size (the @2x types reuse the larger image).
ICNS_TYPES = {
    16: [b"icp4"],
    32: [b"icp5", b"ic11"],
    64: [b"icp6", b"ic12"],
    128: [b"ic07"],
    256: [b"ic08", b"ic13"],
    512: [b"ic09", b"ic14"],
    1024: [b"ic10"],
}


def png_size(data, name="PNG"):
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError(f"{name}: not a PNG")
    return struct.unpack(">II", data[16:24])


def load(paths):
    images = {}
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        w, h = png_size(data, path)
        if w != h:
            raise ValueError(f"{path}: {w}x{h} is not square")
        images[w] = data
    return images


def write_ico(out, images):
    sizes = sorted(s for s in images if s <= 256)
    if not sizes:
        raise ValueError("no image of 256 px or less for the .ico")
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        data = images[s]
        # Width and height are one byte each; 0 stands for 256.
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    with open(out, "wb") as f:
        f.write(header + entries + blobs)


def read_ico(path):
    with open(path, "rb") as f:
        data = f.read()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if reserved != 0 or kind != 1:
        raise ValueError(f"{path}: not an icon file")
    images = {}
    for i in range(count):
        w, h, _, _, planes, bpp, size, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        blob = data[offset:offset + size]
        if len(blob) != size:
            raise ValueError(f"{path}: entry {i} runs past the end")
        pw, ph = png_size(blob, f"{path} entry {i}")
        if (w or 256, h or 256) != (pw, ph) or planes != 1 or bpp != 32:
            raise ValueError(f"{path}: entry {i} says {w}x{h}, holds {pw}x{ph}")
        images[pw] = blob
    return images


def write_icns(out, images):
    body = b""
    for s in sorted(images):
        for t in ICNS_TYPES.get(s, []):
            body += t + struct.pack(">I", 8 + len(images[s])) + images[s]
    if not body:
        raise ValueError("no image of an icns size (16, 32, 64, 128, 256, 512, 1024)")
    with open(out, "wb") as f:
        f.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def read_icns(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError(f"{path}: bad icns header")
    elements, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        if length < 8 or pos + length > len(data):
            raise ValueError(f"{path}: element {kind!r} runs past the end")
        elements[kind] = data[pos + 8:pos + length]
        pos += length
    return elements


def selftest(paths):
    images = load(paths)
    for path in paths:
        found = re.findall(r"(\d+)x(\d+)", path)
        if found:
            m = found[-1]
            with open(path, "rb") as f:
                w, h = png_size(f.read(), path)
            if (w, h) != (int(m[0]), int(m[1])):
                raise ValueError(f"{path}: rendered {w}x{h}")
    with tempfile.TemporaryDirectory() as tmp:
        ico = os.path.join(tmp, "t.ico")
        write_ico(ico, images)
        back = read_ico(ico)
        want = {s: d for s, d in images.items() if s <= 256}
        if back != want:
            raise ValueError(f".ico reads back {sorted(back)}, wrote {sorted(want)}")
        icns = os.path.join(tmp, "t.icns")
        write_icns(icns, images)
        elements = read_icns(icns)
        for s, types in ICNS_TYPES.items():
            for t in types:
                if s in images and elements.get(t) != images[s]:
                    raise ValueError(f".icns element {t!r} does not hold the {s} px image")
        print(f"iconpack: {len(images)} PNGs ({', '.join(map(str, sorted(images)))} px); "
              f".ico with {len(back)} images and .icns with {len(elements)} elements read back")


def main(argv):
    if len(argv) >= 3 and argv[1] == "selftest":
        selftest(argv[2:])
    elif len(argv) >= 4 and argv[1] in ("ico", "icns"):
        (write_ico if argv[1] == "ico" else write_icns)(argv[2], load(argv[3:]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (OSError, ValueError) as e:
        print(f"iconpack: {e}", file=sys.stderr)
        sys.exit(1)
