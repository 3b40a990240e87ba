"""Spreadsheet readers for recipient lists, side by side: import time (a fresh interpreter each
run), time to read a 1,000-row list into strings, and installed size of each package.

    .venv/bin/python bench/list_readers.py [RUNS]
    .venv/bin/pip install python-calamine odfpy   # optional: to compare them too

The list has 10 columns as offices keep them (names, addresses, NT$ amounts, postal codes
with a 00000 format, dates, text phone numbers, percentages). It is written with openpyxl
(.xlsx) and xlwt (.xls, a test dependency); with LibreOffice installed (soffice) it is also
saved as .ods and .xls by LibreOffice. "omidesk" is omidesk.core.lists.read_list, values as
Excel shows them; "calamine" is python-calamine's raw values (1234.0, datetime objects: no
number formats, so it cannot show NT$1,234, 00300 or 2024/1/5 — the reason it was not
chosen). Medians of RUNS (default 5).

Measured here (Linux x86_64, Python 3.11.7, 5 runs):

    package          import   installed      read 1,000 rows x 10   omidesk   calamine (raw)
    openpyxl 3.1.5    51 ms    913 KiB       .xlsx (openpyxl)         146 ms     5 ms
    xlrd 2.0.2        12 ms    375 KiB       .xls (xlwt / Calc)        89 ms     1 ms
    charset-norm.     10 ms    713 KiB       .ods (Calc, stdlib XML)   80 ms     5 ms
    python-calamine    1 ms  2,339 KiB
    odfpy 1.4.1       26 ms    734 KiB  (with defusedxml; not used: DOM-based, slow)

Frozen (PyInstaller, build.spec): the readers add 1.6 MB to the Linux bundle once the app
imports omidesk.core.lists (openpyxl 0.51, charset-normalizer 0.46 of which 0.41 is its
compiled md/cd modules, expat + xml.etree 0.39, xlrd 0.18 with mmap, the package 0.07):
126.6 → 128.1 MB, 1.147x → 1.161x the hello-world (bench/bundle.py), over its 1.15x
target. Any .xlsx/.ods support needs expat (0.31 MB); python-calamine's extension alone is
2.3 MB installed, and it still cannot show the values as Excel does.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata as md
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROWS = 1000
FORMATS = [None, None, '"NT$"#,##0', "00000", "yyyy/m/d", "[$-404]e/m/d", "hh:mm", "@",
           "0.0%", "#,##0.00"]
# What each reader ships (the package and what it pulls in), for the installed sizes.
PACKAGES = {
    "openpyxl": ["openpyxl", "et-xmlfile"],
    "xlrd": ["xlrd"],
    "charset-normalizer": ["charset-normalizer"],
    "python-calamine": ["python-calamine"],
    "odfpy": ["odfpy", "defusedxml"],
}
IMPORTS = {"openpyxl": "openpyxl", "xlrd": "xlrd", "charset-normalizer": "charset_normalizer",
           "python-calamine": "python_calamine", "odfpy": "odf.opendocument",
           "omidesk.core.lists": "omidesk.core.lists"}


def make_files(folder: Path) -> dict[str, Path]:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "電子郵件", "金額", "郵遞區號", "生日", "民國", "時間", "電話", "比例",
               "合計"])
    for i in range(ROWS):
        ws.append([f"王小明{i}", f"user{i}@example.com.tw", 1000 + i, 100 + i,
                   dt.date(1990, 1, 1) + dt.timedelta(days=i), dt.date(2024, 1, 5),
                   dt.time(9, i % 60), f"09{i:08d}", i / ROWS, i * 1.5])
    for row in ws.iter_rows(min_row=2):
        for cell, fmt in zip(row, FORMATS, strict=False):
            if fmt:
                cell.number_format = fmt
    files = {"xlsx": folder / "list.xlsx"}
    wb.save(files["xlsx"])
    try:
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("名單")
        styles = [xlwt.easyxf(num_format_str=f) if f else xlwt.Style.default_style
                  for f in FORMATS]
        for r, row in enumerate(ws.iter_rows(values_only=True)):
            for c, value in enumerate(row):
                sheet.write(r, c, value, styles[c] if r else xlwt.Style.default_style)
        files["xls (xlwt)"] = folder / "list.xls"
        book.save(str(files["xls (xlwt)"]))
    except ImportError:
        pass
    soffice = shutil.which("soffice")
    if soffice:
        for target in ("ods", "xls"):
            out = folder / f"lo-{target}"
            subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile",
                            "--headless", "--convert-to", target, "--outdir", str(out),
                            str(files["xlsx"])], check=True, capture_output=True, timeout=300)
            files[f"{target} (LibreOffice)"] = out / f"list.{target}"
    return files


def import_time(module: str, runs: int) -> float | None:
    code = (f"import time; t = time.perf_counter(); import {module}; "
            "print(time.perf_counter() - t)")
    times = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=False)
        if result.returncode:
            return None
        times.append(float(result.stdout))
    return statistics.median(times)


def installed_kib(names: list[str]) -> float | None:
    total = 0
    for name in names:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            return None
        for file in dist.files or []:
            path = Path(str(dist.locate_file(file)))
            if path.is_file() and "__pycache__" not in path.parts:
                total += path.stat().st_size
    return total / 1024


def _calamine_rows(calamine: Any, path: Path) -> object:
    return calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def timed(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from omidesk.core.lists import read_list

    print(f"{'package':<22}{'import ms':>10}{'installed KiB':>15}")
    for package, module in IMPORTS.items():
        seconds = import_time(module, runs)
        size = installed_kib(PACKAGES.get(package, []))
        print(f"{package:<22}{'-' if seconds is None else f'{seconds * 1000:.0f}':>10}"
              f"{'' if size is None or package not in PACKAGES else f'{size:,.0f}':>15}")
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        print(f"\nread {ROWS} rows x 10 columns (ms, median of {runs})")
        try:
            import python_calamine
        except ImportError:
            python_calamine = None
        for label, path in files.items():
            table = read_list(path)
            assert len(table.rows) == ROWS and table.rows[0].cells[2] == "NT$1,000", label
            ours = timed(functools.partial(read_list, path), runs)
            line = f"{label:<22} omidesk {ours * 1000:7.0f}"
            if python_calamine is not None:
                raw = timed(functools.partial(_calamine_rows, python_calamine, path), runs)
                first = python_calamine.CalamineWorkbook.from_path(
                    str(path)).get_sheet_by_index(0).to_python()[1][2:5]
                line += f"   calamine (raw) {raw * 1000:6.0f}   calamine row 1: {first!r}"
            print(line)
        print(f"omidesk row 1: {read_list(files['xlsx']).rows[0].cells[2:5]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
