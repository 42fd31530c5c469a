#!/usr/bin/env python3
"""Generates Sources/FazhiCore/Resources/encoding/gb18030.bin, the table behind GB18030.swift.

Run from the package root:  python3 Tests/FazhiCoreTests/Export/Fixtures/make_gb18030_table.py

The mapping is Python's built-in 'gb18030' codec (GB18030-2000) with the one GB18030-2005 change
applied: 0xA8BC <-> U+1E3F and 0x8135F437 <-> U+E7C7 swap places.

Layout (all integers little-endian):
  "FZGB"                      magic
  u16 version = 1
  u16[126 * 190]              two-byte codes: lead 0x81..0xFE x trail 0x40..0x7E, 0x80..0xFE, in that
                              order; the BMP scalar, 0 when the code is unmapped
  u16 n                       number of four-byte BMP ranges
  n x (u16 linear, u16 scalar) range starts, sorted by linear index; a range runs to the next start
                              (the last to linear 39419); scalar 0 marks an unmapped run
The linear index of a four-byte code b1 b2 b3 b4 is ((b1-0x81)*10 + (b2-0x30))*1260 + (b3-0x81)*10 + (b4-0x30).
"""
import os
import struct
import sys

TRAILS = list(range(0x40, 0x7F)) + list(range(0x80, 0xFF))
BMP_LINEAR_COUNT = 39420  # 0x81308130 ... 0x8431A439

SWAP_2005 = {bytes.fromhex("a8bc"): 0x1E3F, bytes.fromhex("8135f437"): 0xE7C7}


def decode(code: bytes) -> int:
    if code in SWAP_2005:
        return SWAP_2005[code]
    try:
        text = code.decode("gb18030")
    except UnicodeDecodeError:
        return 0
    if len(text) != 1 or ord(text) > 0xFFFF:
        return 0
    return ord(text)


def four_byte(linear: int) -> bytes:
    b4 = linear % 10; linear //= 10
    b3 = linear % 126; linear //= 126
    b2 = linear % 10; linear //= 10
    return bytes([0x81 + linear, 0x30 + b2, 0x81 + b3, 0x30 + b4])


def main() -> None:
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    out = bytearray(b"FZGB") + struct.pack("<H", 1)
    for lead in range(0x81, 0xFF):
        for trail in TRAILS:
            out += struct.pack("<H", decode(bytes([lead, trail])))

    ranges = []  # (linear start, scalar start or 0)
    for linear in range(BMP_LINEAR_COUNT):
        scalar = decode(four_byte(linear))
        if ranges:
            start, first = ranges[-1]
            expected = 0 if first == 0 else first + (linear - start)
            if scalar == expected:
                continue
        ranges.append((linear, scalar))
    out += struct.pack("<H", len(ranges))
    for linear, scalar in ranges:
        out += struct.pack("<HH", linear, scalar)

    path = os.path.join(root, "Sources/FazhiCore/Resources/encoding/gb18030.bin")
    with open(path, "wb") as f:
        f.write(out)
    print(f"{path}: {len(out)} bytes, {len(ranges)} four-byte ranges")


if __name__ == "__main__":
    main()
