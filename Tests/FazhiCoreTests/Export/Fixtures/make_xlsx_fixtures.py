#!/usr/bin/env python3
"""Generates XLSX fixtures written by other tools than ours (pip install openpyxl; LibreOffice optional):

  openpyxl.xlsx      a hidden sheet first (sheet1.xml), then the register (sheet2.xml), then a note;
                     inline strings (openpyxl 3.1 writes no sharedStrings), rich text, dates, a
                     date-time, a Chinese date format, numbers, a boolean, a formula without a cached
                     value, a gap cell and a skipped row
  libreoffice.xlsx   openpyxl.xlsx converted by LibreOffice Calc (shared strings with rich-text runs,
                     custom number formats):
                     soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir DIR openpyxl.xlsx
  reordered.xlsx     libreoffice.xlsx with the register moved to xl/worksheets/sheet3.xml and the
                     workbook relationships' targets made absolute (/xl/...)
  expected.json      what XLSXReader.firstSheet must return for all three
"""
import datetime
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    wb = openpyxl.Workbook()
    other = wb.active
    other.title = "说明"
    other["A1"] = "本表由 openpyxl 生成"
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "不应读到"
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("登记表")
    wb._sheets = [hidden, ws, other]  # stored as sheet1.xml, sheet2.xml, sheet3.xml in this order
    wb.active = 1

    ws.append(["序号", "文号", "标题", "公布日期", "金额（元）", "备注"])
    ws.append([1, "凤政发〔2023〕12号", "凤凰县人民政府关于印发《凤凰县农村宅基地管理办法》的通知",
               datetime.date(2023, 5, 12), 1200.5, None])
    rich = CellRichText("关于", TextBlock(InlineFont(b=True), "𠮷祥村"), "村规民约的审查意见")
    ws.append([2, "凤司发〔2024〕1号", rich, datetime.date(2024, 2, 29), 0.1 + 0.2, True])
    # Row 4 left empty on purpose; row 5 has a gap in column B.
    ws["A5"] = 3
    ws["C5"] = "  前后有空格的标题  "
    ws["D5"] = datetime.datetime(2024, 3, 1, 9, 30)
    ws["D5"].number_format = "yyyy-mm-dd hh:mm"
    ws["E5"] = 13800138000
    ws["F5"] = "=1+1"
    ws["A6"] = 4
    ws["B6"] = "凤政办发〔2024〕2号"
    ws["D6"] = datetime.date(2024, 12, 31)
    ws["D6"].number_format = 'yyyy"年"m"月"d"日"'
    ws["E6"] = -15.25
    ws["F6"] = "含 & < > \" ' 符号"
    wb.save(os.path.join(HERE, "openpyxl.xlsx"))

    expected = {
        "header": ["序号", "文号", "标题", "公布日期", "金额（元）", "备注"],
        "rows": [
            ["1", "凤政发〔2023〕12号", "凤凰县人民政府关于印发《凤凰县农村宅基地管理办法》的通知", "2023-05-12", "1200.5", ""],
            ["2", "凤司发〔2024〕1号", "关于𠮷祥村村规民约的审查意见", "2024-02-29", "0.3", "TRUE"],
            ["3", "", "前后有空格的标题", "2024-03-01 09:30", "13800138000", ""],
            ["4", "凤政办发〔2024〕2号", "", "2024-12-31", "-15.25", "含 & < > \" ' 符号"],
        ],
        "rowNumbers": [2, 3, 5, 6],
    }
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)

    if shutil.which("soffice") is None:
        print("soffice not found: libreoffice.xlsx and reordered.xlsx left as they are")
        return
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out,
                        os.path.join(HERE, "openpyxl.xlsx")], check=True, capture_output=True)
        shutil.copy(os.path.join(out, "openpyxl.xlsx"), os.path.join(HERE, "libreoffice.xlsx"))
    reorder()


def reorder():
    """Swaps sheet2.xml (the register) with sheet3.xml and makes the workbook's targets absolute."""
    source = zipfile.ZipFile(os.path.join(HERE, "libreoffice.xlsx"))
    rename = {"xl/worksheets/sheet2.xml": "xl/worksheets/sheet3.xml",
              "xl/worksheets/sheet3.xml": "xl/worksheets/sheet2.xml"}
    with zipfile.ZipFile(os.path.join(HERE, "reordered.xlsx"), "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                text = data.decode("utf-8")
                text = text.replace('Target="worksheets/sheet2.xml"', 'Target="@3"')
                text = text.replace('Target="worksheets/sheet3.xml"', 'Target="@2"')
                text = re.sub(r'Target="@(\d)"', r'Target="/xl/worksheets/sheet\1.xml"', text)
                text = text.replace('Target="worksheets/', 'Target="/xl/worksheets/')
                data = text.encode("utf-8")
            target.writestr(rename.get(info.filename, info.filename), data)


if __name__ == "__main__":
    main()
