"""Makes the committed list fixtures: one workbook written with openpyxl, then opened and saved
by LibreOffice Calc as .xls, .ods and .xlsx (so each fixture is a file a real spreadsheet
program wrote: cached formula values, its own styles and number-format records, an .ods with
the text LibreOffice displayed). Run it again only to change the fixtures:

    apt-get install -y libreoffice-calc-nogui
    .venv/bin/python tests/data/lists/make_fixtures.py

tests/core/lists/test_fixtures.py holds what each cell must show (EXPECTED below).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Sheet "名單": a title merged over the width, a blank line, the header, three people.
HEADER = ["姓名", "電子郵件", "金額", "郵遞區號", "生日", "民國日期", "時間", "電話", "比例",
          "合計"]
FORMATS = [None, None, '"NT$"#,##0', "00000", "yyyy/m/d", "[$-404]e/m/d", "hh:mm", "@",
           "0.0%", "#,##0.00"]
PEOPLE = [
    ["王小明", "wang@example.com.tw", 1234, 300, dt.date(2024, 1, 5), dt.date(2024, 1, 5),
     dt.time(9, 30), "0912345678", 0.125, "=C4*2"],
    ["陳恒", "chen@example.tw", 56789, 10048, dt.date(1990, 12, 31), dt.date(2000, 2, 29),
     dt.time(18, 5), "0223456789", 1, "=C5*2"],
    ["李碁", "li@example.com", 0, 95001, dt.date(2031, 7, 1), dt.date(2031, 7, 1),
     dt.time(0, 0), "0800000123", 0.5, "=C6*2"],
]
EXPECTED = [
    ["王小明", "wang@example.com.tw", "NT$1,234", "00300", "2024/1/5", "113/1/5", "09:30",
     "0912345678", "12.5%", "2,468.00"],
    ["陳恒", "chen@example.tw", "NT$56,789", "10048", "1990/12/31", "89/2/29", "18:05",
     "0223456789", "100.0%", "113,578.00"],
    ["李碁", "li@example.com", "NT$0", "95001", "2031/7/1", "120/7/1", "00:00",
     "0800000123", "50.0%", "0.00"],
]


def source_workbook(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名單"
    ws.append(["客戶名單（2024 年）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append([])
    ws.append(HEADER)
    for person in PEOPLE:
        ws.append(person)
    for row in ws.iter_rows(min_row=4, max_row=3 + len(PEOPLE)):
        for cell, fmt in zip(row, FORMATS, strict=False):
            if fmt:
                cell.number_format = fmt
    for line in range(8, 40):  # formatted but empty rows below the list: ignored
        ws.cell(line, 3).number_format = '"NT$"#,##0'
    hidden = wb.create_sheet("備用")
    hidden.append(["內部", "資料"])
    hidden.sheet_state = "hidden"
    second = wb.create_sheet("第二組")
    second.append(["姓名", "聯絡方式", None])
    second.append([None, "電話", "Email"])
    second.merge_cells("A1:A2")
    second.merge_cells("B1:C1")
    second.append(["張三", "0911000111", "zhang@example.com"])
    wb.save(path)


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice (soffice) is needed: apt-get install -y libreoffice-calc-nogui")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "source.xlsx"
        source_workbook(source)
        for target, filt in (("xls", "xls:MS Excel 97"), ("ods", "ods:calc8"),
                             ("xlsx", 'xlsx:Calc MS Excel 2007 XML')):
            out = work / target
            out.mkdir()
            subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile",
                            "--headless", "--convert-to", filt, "--outdir", str(out),
                            str(source)], check=True, capture_output=True, timeout=180)
            made = out / f"source.{target}"
            shutil.copyfile(made, HERE / f"libreoffice.{target}")
            print(f"wrote {HERE / f'libreoffice.{target}'} ({made.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
