#!/usr/bin/env python3
"""Generates the text-import fixtures beside this script with Python's own codecs, an oracle
independent of the Swift decoder.  Run from anywhere:  python3 make_fixtures.py

  register.json               the register as rows, with the line each row starts on
  register-gb18030.csv        what Excel writes as "CSV (逗号分隔)" on Chinese Windows, CRLF
  register-utf8.csv           UTF-8 without BOM, LF
  register-utf8-bom.csv       "CSV UTF-8 (逗号分隔)": BOM, CRLF
  register-utf16le.txt        "Unicode 文本": UTF-16LE with BOM, tab-separated, CRLF
  gb18030-sample.bin / .txt   a sample of GB18030 codes (every 5th two-byte code, all of A1..A9, the
                              edges of every four-byte BMP range, supplementary-plane edges) and
                              the same text in UTF-8
  gb18030-random.json         random byte strings with Python's verdict: the text, or null
"""
import json
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
SWAP_2005 = {bytes.fromhex("a8bc"): "\u1e3f", bytes.fromhex("8135f437"): "\ue7c7"}

HEADER = ["序号", "文号", "标题", "制定机关", "公布日期", "金额（元）", "备注"]
ROWS = [
    ["1", "凤政发〔2023〕12号", "凤凰县人民政府关于印发《凤凰县农村宅基地管理办法》的通知", "凤凰县人民政府", "2023-05-12", "1200.50", ""],
    ["2", "凤政办发〔2023〕7号", "凤凰县人民政府办公室关于进一步规范行政规范性文件制定程序的通知", "凤凰县人民政府办公室", "2023-06-01", "0", "含“合法性审查”意见，已备案"],
    ["3", "凤司发〔2024〕1号", "关于𠮷祥村（原吉祥村）村规民约审查意见的函", "凤凰县司法局", "2024-01-08", "3,000", "罚款上限：€500（参照）；附件一份"],
    ["4", "凤政发〔2024〕3号", "凤凰县人民政府关于废止部分规范性文件的决定\n（第一批）", "凤凰县人民政府", "2024-02-29", "-15.25", "他说\"已公布\""],
    ["5", "", "　全角空格开头的标题！？（测试）", "凤凰县市场监督管理局", "2024-12-31", "", "  前后有空格  "],
]


def quote(field: str, delimiter: str) -> str:
    if any(c in field for c in (delimiter, '"', "\n", "\r")):
        return '"' + field.replace('"', '""') + '"'
    return field


def serialise(rows, delimiter=",", newline="\r\n", blank_line_after=None):
    """Text plus the 1-based line each row starts on (a blank line is inserted after row index
    `blank_line_after` to check that blank lines are skipped and do not shift numbering)."""
    text, line, starts = "", 1, []
    for index, row in enumerate(rows):
        starts.append(line)
        record = delimiter.join(quote(field, delimiter) for field in row) + newline
        text += record
        line += record.count("\n")
        if index == blank_line_after:
            text += newline
            line += 1
    return text, starts


def write(name, data: bytes):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def register():
    all_rows = [HEADER] + ROWS
    crlf, starts = serialise(all_rows, blank_line_after=2)
    lf, starts_lf = serialise(all_rows, newline="\n", blank_line_after=2)
    tabbed, starts_tab = serialise(all_rows, delimiter="\t", blank_line_after=2)
    assert starts == starts_lf == starts_tab
    write("register-gb18030.csv", crlf.encode("gb18030"))
    write("register-utf8.csv", lf.encode("utf-8"))
    write("register-utf8-bom.csv", b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    write("register-utf16le.txt", b"\xff\xfe" + tabbed.encode("utf-16-le"))
    expected = {
        "text": crlf,
        "header": HEADER,
        "rows": [[cell.strip(" \u3000") for cell in row] for row in ROWS],
        "rowNumbers": starts[1:],
    }
    with open(os.path.join(HERE, "register.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)


def decode(code: bytes):
    if code in SWAP_2005:
        return SWAP_2005[code]
    try:
        return code.decode("gb18030")
    except UnicodeDecodeError:
        return None


def four_byte(linear: int) -> bytes:
    b4 = linear % 10; linear //= 10
    b3 = linear % 126; linear //= 126
    b2 = linear % 10; linear //= 10
    return bytes([0x81 + linear, 0x30 + b2, 0x81 + b3, 0x30 + b4])


def sample():
    codes = []
    trails = list(range(0x40, 0x7F)) + list(range(0x80, 0xFF))
    n = 0
    for lead in range(0x81, 0xFF):
        for trail in trails:
            if n % 5 == 0 or 0xA1 <= lead <= 0xA9:
                codes.append(bytes([lead, trail]))
            n += 1
    previous = None
    for linear in range(39420):
        here = ord(decode(four_byte(linear)))
        if previous is None or here != previous + 1:
            for edge in (linear - 1, linear, linear + 1):
                if 0 <= edge < 39420:
                    codes.append(four_byte(edge))
        previous = here
    for scalar in (0x10000, 0x10001, 0x20BB7, 0x2A6D6, 0x1F600, 0xE0001, 0x10FFFF):
        codes.append(chr(scalar).encode("gb18030"))
    codes.append(bytes(range(0x00, 0x80)))  # ASCII, control characters included
    data, text = b"", ""
    for code in codes:
        decoded = decode(code)
        assert decoded is not None, code.hex()
        data += code
        text += decoded
    write("gb18030-sample.bin", data)
    write("gb18030-sample.txt", text.encode("utf-8"))


def randoms():
    rng = random.Random(18030)
    cases = []
    while len(cases) < 400:
        length = rng.randint(1, 10)
        data = bytearray()
        while len(data) < length:
            kind = rng.random()
            if kind < 0.3:
                data.append(rng.randint(0x00, 0xFF))
            elif kind < 0.6:
                data += bytes([rng.randint(0x81, 0xFE), rng.choice([rng.randint(0x40, 0xFE), rng.randint(0x30, 0x39)])])
            else:
                data += bytes([rng.randint(0x81, 0xFE), rng.randint(0x30, 0x39), rng.randint(0x81, 0xFF), rng.randint(0x2F, 0x3A)])
        data = bytes(data)
        if 0x80 in data or b"\xa8\xbc" in data or b"\x81\x35\xf4\x37" in data:
            continue  # where the Swift decoder deliberately differs from Python (lone 0x80, GB18030-2005)
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        cases.append({"hex": data.hex(), "text": text})
    valid = sum(1 for case in cases if case["text"] is not None)
    assert 50 < valid < 350, valid
    with open(os.path.join(HERE, "gb18030-random.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    register()
    sample()
    randoms()
