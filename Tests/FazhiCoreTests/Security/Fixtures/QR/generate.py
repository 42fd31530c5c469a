#!/usr/bin/env python3
"""Regenerates the reference QR matrices used by QRCodeTests.swift.

Reference encoder: python-qrcode (pip install qrcode; tested with 8.2), forced to a single
byte-mode segment and a fixed mask so the Swift encoder must match bit for bit.
Run from this directory: python3 generate.py
"""
import qrcode
from importlib.metadata import version
from qrcode.util import QRData, MODE_8BIT_BYTE
from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q, ERROR_CORRECT_H

LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}

OTPAUTH_ASCII = ("otpauth://totp/Fazhi:zhang.san?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
                 "&issuer=Fazhi&algorithm=SHA1&digits=6&period=30")

OTPAUTH_CHINESE = ("otpauth://totp/%E6%9F%90%E5%8E%BF%E5%8F%B8%E6%B3%95%E5%B1%80:zhang.san"
           "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=%E6%9F%90%E5%8E%BF%E5%8F%B8%E6%B3%95%E5%B1%80"
           "&algorithm=SHA1&digits=6&period=30")

def filler(n):
    # Deterministic text of exactly n bytes, mixed case and digits so no mode shortcut applies.
    base = b"Fazhi legal office, county case record 0123456789; "
    return (base * (n // len(base) + 1))[:n]

CASES = [
    # name, data bytes, level, mask, expected version
    ("M-mask0-hello", b"Hello, Fazhi", "M", 0, 1),
    ("H-mask1-digits", b"2024-01", "H", 1, 1),
    ("L-mask2-url", b"https://fazhi.example.cn/login", "L", 2, 2),
    ("Q-mask3-chinese", "行政复议".encode("utf-8"), "Q", 3, 2),
    ("M-mask4-otpauth", OTPAUTH_ASCII.encode("utf-8"), "M", 4, None),
    ("Q-mask2-otpauth-chinese", OTPAUTH_CHINESE.encode("utf-8"), "Q", 2, None),
    ("M-mask5-filler", filler(110), "M", 5, 7),
    ("H-mask6-chinese", "某某县司法局：行政复议申请已受理，请于十五日内补正材料。".encode("utf-8"), "H", 6, None),
    ("M-mask7-filler", filler(200), "M", 7, 10),
    ("L-mask0-filler", filler(250), "L", 0, 10),
    ("Q-mask1-filler", filler(700), "Q", 1, 25),
    ("H-mask5-filler", filler(530), "H", 5, 25),
    ("L-mask3-filler", filler(2953), "L", 3, 40),
]

def build(data, level, mask):
    qr = qrcode.QRCode(error_correction=LEVELS[level], mask_pattern=mask, border=0)
    qr.add_data(QRData(data, mode=MODE_8BIT_BYTE))
    qr.make(fit=True)
    return qr

def main():
    for name, data, level, mask, want in CASES:
        qr = build(data, level, mask)
        if want is not None and qr.version != want:
            raise SystemExit(f"{name}: got version {qr.version}, wanted {want}")
        rows = ["".join("1" if m else "0" for m in row) for row in qr.get_matrix()]
        fname = f"v{qr.version}-{name}.txt"
        with open(fname, "w") as f:
            f.write(f"# Reference QR matrix from python-qrcode {version('qrcode')} "
                    "(one byte-mode segment, fixed mask, no quiet zone). Regenerate with generate.py.\n")
            f.write(f"# data-hex: {data.hex()}\n")
            f.write(f"# error-correction: {level}\n")
            f.write(f"# mask: {mask}\n")
            f.write(f"# version: {qr.version}\n")
            f.write("\n".join(rows) + "\n")
        print(fname, qr.version, len(data))
    # Data capacity table: total data codewords for every version and level.
    from qrcode.base import rs_blocks
    with open("capacity.txt", "w") as f:
        f.write("# Data codewords per version (1-40) and level, from python-qrcode's RS block table.\n")
        f.write("# version L M Q H\n")
        for v in range(1, 41):
            counts = [sum(b.data_count for b in rs_blocks(v, LEVELS[l])) for l in "LMQH"]
            f.write(f"{v} " + " ".join(map(str, counts)) + "\n")

if __name__ == "__main__":
    main()
