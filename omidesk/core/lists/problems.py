"""The errors a list can raise, each a ValidationError with a stable code, the file named, in
both languages. Codes: file_unreadable, not_a_file, file_too_large, unknown_format,
list_damaged, list_encrypted, empty_list, empty_sheet, sheet_not_found, cell_too_large,
too_many_rows, unknown_encoding, bad_encoding, encoding_uncertain, unclosed_quote."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ValidationError
from ..text import Text, counted

FIELD = "recipients"  # the field a list error belongs to (as in core.recipients)


def _kib(n: int) -> str:
    return f"{n // 1024:,} KiB" if n >= 1024 else f"{n} bytes"


def unreadable(path: str, reason: str) -> ValidationError:
    return ValidationError(Text(f"Cannot read “{path}” ({reason}).",
                                f"無法讀取「{path}」（{reason}）。"),
                           code="file_unreadable", field=FIELD)


def not_a_file(path: str, kind: Text | None = None) -> ValidationError:
    if kind is not None:  # what it is: "a folder", "a pipe (FIFO)", "a device"
        return ValidationError(Text(f"The list “{path}” is {kind.en}, not a file.",
                                    f"名單「{path}」是{kind.zh}，不是檔案。"),
                               code="not_a_file", field=FIELD)
    return ValidationError(Text(f"“{path}” is not a file (a folder or a device?).",
                                f"「{path}」不是檔案（是資料夾或裝置？）。"),
                           code="not_a_file", field=FIELD)


def too_large(name: str, limit: int) -> ValidationError:
    return ValidationError(
        Text(f"“{name}” is larger than {limit // (1024 * 1024)} MiB: too large for a mailing "
             "list. Split it, or keep only the columns you need.",
             f"「{name}」超過 {limit // (1024 * 1024)} MiB，對發送名單而言太大。"
             "請分割檔案，或只保留需要的欄位。"),
        code="file_too_large", field=FIELD)


def unknown_format(name: str, detail: Text | None = None) -> ValidationError:
    extra_en = f" {detail.en}" if detail else ""
    extra_zh = detail.zh if detail else ""
    return ValidationError(
        Text(f"“{name}” is not a list OMIDesk can read.{extra_en} Use .xlsx, .xlsm, .xls, .ods, "
             ".csv, .tsv or .txt.",
             f"「{name}」不是 OMIDesk 能讀取的名單。{extra_zh}"
             "請使用 .xlsx、.xlsm、.xls、.ods、.csv、.tsv 或 .txt 檔。"),
        code="unknown_format", field=FIELD)


def damaged(name: str, kind: str) -> ValidationError:
    return ValidationError(
        Text(f"“{name}” cannot be read as {kind}: the file is damaged or not really {kind}. "
             "Open it in Excel and save it again.",
             f"無法以 {kind} 格式讀取「{name}」：檔案已損壞，或其實不是 {kind} 檔。"
             "請用 Excel 開啟後重新儲存。"),
        code="list_damaged", field=FIELD)


def encrypted(name: str) -> ValidationError:
    return ValidationError(
        Text(f"“{name}” is protected by a password. Open it in Excel, remove the password "
             "(File › Info › Protect Workbook › Encrypt with Password) and save it again.",
             f"「{name}」有密碼保護。請用 Excel 開啟，移除密碼（檔案 › 資訊 › 保護活頁簿 › "
             "以密碼加密）後重新儲存。"),
        code="list_encrypted", field=FIELD)


def empty_list(name: str) -> ValidationError:
    return ValidationError(Text(f"“{name}” is empty.", f"「{name}」是空的。"),
                           code="empty_list", field=FIELD)


def empty_sheet(name: str, sheet: str) -> ValidationError:
    return ValidationError(
        Text(f"The sheet “{sheet}” of “{name}” is empty.",
             f"「{name}」的工作表「{sheet}」是空的。"),
        code="empty_sheet", field="sheet")


def sheet_not_found(name: str, sheet: str, sheets: Sequence[str]) -> ValidationError:
    listed = ", ".join(f"“{s}”" for s in sheets)
    listed_zh = "、".join(f"「{s}」" for s in sheets)
    return ValidationError(
        Text(f"“{name}” has no sheet “{sheet}”. Its sheets: {listed}.",
             f"「{name}」沒有「{sheet}」工作表。其中的工作表：{listed_zh}。"),
        code="sheet_not_found", field="sheet")


def no_sheets(name: str, sheet: str) -> ValidationError:
    return ValidationError(
        Text(f"“{name}” is a text list: it has no sheet “{sheet}” (or any other).",
             f"「{name}」是文字名單，沒有「{sheet}」工作表（也沒有其他工作表）。"),
        code="sheet_not_found", field="sheet")


def cell_too_large(name: str, where: Text, limit: int) -> ValidationError:
    return ValidationError(
        Text(f"{where.en} of “{name}” holds more than {_kib(limit)}: that is not a mailing "
             "list value. Shorten it and read the list again.",
             f"「{name}」的{where.zh}超過 {_kib(limit)}，不是名單該有的內容。請縮短後重新讀取。"),
        code="cell_too_large", field=FIELD)


def too_many_rows(name: str, limit: int) -> ValidationError:
    return ValidationError(
        Text(f"“{name}” has more than {limit:,} rows. OMIDesk sends small mailings: split the "
             "list into several files.",
             f"「{name}」超過 {limit:,} 列。OMIDesk 用於小量發送，請將名單分成數個檔案。"),
        code="too_many_rows", field=FIELD)


def unclosed_quote(name: str, line: int, swallowed: int) -> ValidationError:
    """A cell opens a quote on `line` that is never closed: the `swallowed` lines after it
    would all be read into that one cell."""
    return ValidationError(
        Text(f"Line {line} of “{name}” opens a quote (\") that is never closed: the "
             f"{counted(swallowed, 'line', 'lines')} after it would be read into that one cell "
             "(any rows there lost). Close the quote (or remove it) and read the list again.",
             f"「{name}」第 {line} 行的引號（\"）沒有結束：其後的 {swallowed} 行會被讀成同一個"
             "儲存格，那些列會遺失。請補上結束的引號（或刪除該引號）後重新讀取。"),
        code="unclosed_quote", field=FIELD)


def unknown_encoding(encoding: str, accepted: Sequence[tuple[str, str]], *,
                     known: bool = False) -> ValidationError:
    """A name that is not one of the encodings lists are read in, given as (codec, the
    alias people know it by or ""); `known`: a codec that exists, such as latin-1, which
    would read a Big5 list as garbled letters."""
    names = ", ".join(f"{c} ({a})" if a else c for c, a in accepted)
    names_zh = "、".join(f"{c}（{a}）" if a else c for c, a in accepted)
    return ValidationError(
        Text((f"Lists are not read as “{encoding}”: that encoding would turn Chinese names "
              "into garbled letters without any error." if known else
              f"Unknown text encoding “{encoding}”.")
             + f" The encodings a list is read in: {names}.",
             (f"名單不能以「{encoding}」讀取：這種編碼會把中文姓名讀成亂碼，而且不會出現任何錯誤。"
              if known else f"不明的文字編碼「{encoding}」。")
             + f"名單可用的編碼：{names_zh}。"),
        code="unknown_encoding", field="encoding")


def bad_encoding(name: str, encoding: str, position: int) -> ValidationError:
    return ValidationError(
        Text(f"“{name}” cannot be read as {encoding} (byte {position}). Choose another encoding.",
             f"無法以 {encoding} 讀取「{name}」（第 {position} 位元組）。請選擇其他編碼。"),
        code="bad_encoding", field="encoding")


def no_encoding(name: str, tried: Sequence[str]) -> ValidationError:
    names = ", ".join(tried)
    return ValidationError(
        Text(f"“{name}” is in none of the encodings Excel writes ({names}); choose its "
             "encoding.",
             f"「{name}」不是 Excel 會寫出的任何編碼（{names}），請指定編碼。"),
        code="bad_encoding", field="encoding")


def encoding_uncertain(name: str, candidates: Sequence[tuple[str, float]],
                       how: Text | None = None) -> ValidationError:
    """Several encodings read the file and none clearly wins: the caller asks (the tab) or
    stops (the CLI, with `how` = "choose one with --encoding")."""
    listed = ", ".join(f"{enc} ({conf:.0%})" for enc, conf in candidates)
    listed_zh = "、".join(f"{enc}（{conf:.0%}）" for enc, conf in candidates)
    return ValidationError(
        Text(f"The encoding of “{name}” is uncertain: it reads as {listed}. Names could come "
             f"out garbled, so nothing was sent. {how.en if how else 'Choose the encoding.'}",
             f"無法確定「{name}」的編碼：可讀為 {listed_zh}。為避免姓名變成亂碼，尚未發送。"
             f"{how.zh if how else '請指定編碼。'}"),
        code="encoding_uncertain", field="encoding")
