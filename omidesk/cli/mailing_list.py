"""`omidesk mailing`'s list: its flags (--list/--csv, --sheet, --encoding, --delimiter,
--email-column, --attach-column, --no-attach-column), the file read through core.lists with a
bad flag said at that flag (what is wrong inside the file after the flag that named it), and the
list check printed before sending: the rows, how the file was read, the rows not sent and why."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from ..core.errors import ValidationError
from ..core.text import Text, counted
from .usage import UsageError, help_text, path_type

if TYPE_CHECKING:
    from ..core.recipients import RecipientList


DELIMITERS = {"auto": None, ",": ",", "comma": ",", ";": ";", "semicolon": ";", "tab": "\t",
              "\\t": "\t"}


class _ListFlag(argparse.Action):
    """--list and its alias --csv: the file, and which flag named it (errors name that one)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        namespace.list = values
        namespace.list_flag = option_string or "--list"


class _Once(argparse.Action):
    """A flag that names one thing (a sheet, a column): given twice with different values
    is an error, said before anything is read (argparse would keep the last, silently)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        before = getattr(namespace, self.dest, None)
        if before is not None and before != values and option_string:
            namespace.repeated = (option_string, before, values)
        setattr(namespace, self.dest, values)


def add_list_args(m: argparse.ArgumentParser) -> None:
    m.add_argument("--list", "--csv", type=path_type(), required=True, metavar="FILE",
                   action=_ListFlag, dest="list",
                   help=help_text(Text(
                       "the list: .xlsx, .xlsm, .xls, .ods, or .csv/.tsv/.txt (UTF-8, UTF-16, "
                       "Big5/cp950, Big5-HKSCS, GB18030; , ; or tab); --csv is the same",
                       "名單：.xlsx、.xlsm、.xls、.ods 或 .csv／.tsv／.txt（UTF-8、UTF-16、Big5／"
                       "cp950、Big5-HKSCS、GB18030；以逗號、分號或 Tab 分隔）；--csv 相同")))
    m.set_defaults(list_flag="--list", repeated=None)
    m.add_argument("--sheet", default=None, metavar="NAME", action=_Once,
                   help=help_text(Text(
                       "the workbook's sheet, by name or number (default: the first sheet with "
                       "data)",
                       "活頁簿中的工作表，以名稱或編號指定（預設：第一個有資料的工作表）")))
    m.add_argument("--encoding", default="auto", metavar="NAME",
                   help=help_text(Text(
                       "a text list's encoding: auto (default: detected; an uncertain guess "
                       "stops before sending), utf-8, utf-8-sig, utf-16, cp950 (big5), "
                       "big5hkscs, gb18030 (gbk)",
                       "文字名單的編碼：auto（預設：自動偵測；無法確定時會在發送前停止）、utf-8、"
                       "utf-8-sig、utf-16、cp950（big5）、big5hkscs、gb18030（gbk）")))
    m.add_argument("--delimiter", default="auto", metavar="{auto,comma,semicolon,tab}",
                   help=help_text(Text(
                       "a text list's delimiter (default: detected); ',' ';' also accepted",
                       "文字名單的分隔符號（預設：自動偵測）；也接受 ',' ';'")))
    m.add_argument("--email-column", default=None, metavar="NAME", action=_Once,
                   help=help_text(Text(
                       "the column with the addresses (default: found automatically)",
                       "收件者地址所在的欄位（預設：自動尋找）")))
    m.add_argument("--attach-column", default=None, metavar="NAME", action=_Once,
                   help=help_text(Text(
                       "the column naming each row's own attachments (several separated by ';'), "
                       "relative to the list's folder or absolute; a row whose file is missing "
                       "is not sent, the others are (default: the column headed 附件, 檔案, "
                       "Attachments or Files, as the Mailing tab does)",
                       "列出每一列專屬附件的欄位（多個以 ';' 分隔），路徑相對於名單所在的資料夾或"
                       "為完整路徑；找不到檔案的那一列不發送，其他列照常發送（預設：與群發分頁相"
                       "同，使用標題為 附件、檔案、Attachments 或 Files 的欄位）")))
    m.add_argument("--no-attach-column", action="store_true",
                   help=help_text(Text(
                       "send without per-row attachments, even when a column is headed 附件 or "
                       "Attachments",
                       "不附加各列的附件，即使有標題為 附件 或 Attachments 的欄位")))



def _encoding(args: argparse.Namespace) -> str | None:
    if args.encoding.strip().lower() in ("", "auto"):
        return None
    from ..core.lists import canonical

    try:
        return canonical(args.encoding)
    except ValidationError as exc:
        raise UsageError("--encoding", Text(
            f"{exc.text.en} Or auto (the default): detected.",
            f"{exc.text.zh}也可以用 auto（預設）：自動偵測。")) from None


def _column(recipients: RecipientList, flag: str, name: str) -> UsageError:
    from ..core.text import some_names

    have = some_names(recipients.columns, 12)
    return UsageError(flag, Text(
        f"there is no column “{name}” in the list. Its columns: {have.en}.",
        f"名單中沒有「{name}」欄位。現有欄位：{have.zh}。"))


def _read(args: argparse.Namespace) -> RecipientList:
    """The list file through core.lists; a bad --sheet or --encoding is a usage error, what
    is wrong inside the file is said after the flag that named the file."""
    from ..core.recipients import load_list

    encoding = _encoding(args)
    try:
        chosen = args.attach_column is not None or args.no_attach_column
        return load_list(args.list, sheet=args.sheet, encoding=encoding,
                         delimiter=DELIMITERS[args.delimiter],
                         attach_column="" if chosen else None,
                         locale="en" if args.lang == "en" else "zh_TW")
    except ValidationError as exc:
        if exc.field == "sheet":
            raise UsageError("--sheet", exc.text) from None
        if exc.code == "unknown_encoding":
            raise UsageError("--encoding", exc.text) from None
        setattr(exc, "flag", "--encoding" if exc.field == "encoding" else args.list_flag)  # noqa: B010
        raise


def list_from_args(args: argparse.Namespace) -> RecipientList:
    if args.delimiter not in DELIMITERS:
        raise UsageError("--delimiter", Text(
            f"expected auto, comma, semicolon or tab, got “{args.delimiter}”",
            f"應為 auto、comma、semicolon 或 tab，而不是「{args.delimiter}」"))
    from ..core.files import file_problem

    problem = file_problem(args.list)  # missing, or a folder, a device, a FIFO: never read
    if problem is not None:
        raise UsageError(args.list_flag, problem)
    recipients = _read(args)
    decoding = recipients.decoding
    if decoding is not None and not decoding.sure:
        raise decoding.uncertain_error(recipients.name, Text(
            "Choose one with --encoding NAME (e.g. --encoding "
            f"{decoding.encoding}).",
            f"請以 --encoding 指定（例如 --encoding {decoding.encoding}）。"))
    if args.email_column:
        if args.email_column not in recipients.columns:
            raise _column(recipients, "--email-column", args.email_column)
        recipients = recipients.with_email_column(args.email_column)
    if args.attach_column is not None and not args.attach_column.strip():
        raise UsageError("--attach-column", Text(
            "give the column's name (or --no-attach-column for none)",
            "請指定欄位名稱（不附加檔案請用 --no-attach-column）"))
    if args.attach_column and args.no_attach_column:
        raise UsageError("--no-attach-column", Text("not with --attach-column",
                                                    "不能與 --attach-column 一起使用"))
    if args.attach_column:
        if args.attach_column not in recipients.columns:
            raise _column(recipients, "--attach-column", args.attach_column)
        recipients = recipients.with_attach_column(args.attach_column)
    return recipients


def no_row_error(args: argparse.Namespace, recipients: RecipientList) -> ValidationError:
    """No row can be sent: why (the rows' reasons were listed above)."""
    text = recipients.no_address_text(str(args.list))
    if not recipients.email_column:
        text = Text(text.en + " Name it with --email-column.",
                    text.zh + "請以 --email-column 指定。")
    elif recipients.counts()["invalid"]:
        text = Text("No row of the list can be sent: see the reasons listed for each row.",
                    "名單中沒有可以發送的列：請見各列列出的原因。")
    return ValidationError(text, code="no_recipients", field="recipients")


def _source_text(recipients: RecipientList) -> Text:
    """How the list was read: the sheet of a workbook, the encoding of a text file."""
    if recipients.sheet:
        others = [sheet for sheet in recipients.sheets if sheet != recipients.sheet]
        hidden = recipients.hidden_sheets
        en = [f"{s} (hidden)" if s in hidden else s for s in others]
        zh = [f"{s}（隱藏）" if s in hidden else s for s in others]
        more = (Text(f"; other sheets: {', '.join(en)} (--sheet)",
                     f"；其他工作表：{'、'.join(zh)}（--sheet）") if others else Text("", ""))
        return Text(f"sheet “{recipients.sheet}”{more.en}",
                    f"工作表「{recipients.sheet}」{more.zh}")
    decoding = recipients.decoding
    if decoding is None:
        return Text("-", "-")
    if decoding.how == "detector":
        return Text(f"{decoding.encoding}, detected ({decoding.confidence:.0%})",
                    f"{decoding.encoding}，自動偵測（{decoding.confidence:.0%}）")
    return Text(decoding.encoding, decoding.encoding)


def print_list_check(recipients: RecipientList, lang: str, stream: TextIO) -> None:
    counts = recipients.counts()
    source = _source_text(recipients)
    print(Text(
        f"List: {counted(len(recipients.rows), 'row', 'rows')}, {counts['ok']:,} to send, "
        f"{counts['invalid']} invalid, {counts['duplicate']} duplicate, {counts['missing']} "
        f"without an address ({recipients.name}, e-mail column “{recipients.email_column}”, "
        f"{source.en})",
        f"名單：共 {len(recipients.rows)} 列，{counts['ok']} 位將發送，"
        f"{counts['invalid']} 列無效，"
        f"{counts['duplicate']} 列重複，{counts['missing']} 列沒有地址（{recipients.name}，"
        f"電子郵件欄位「{recipients.email_column}」，{source.zh}）").get(lang), file=stream)
    for note in recipients.notes(attach_hint=Text(
            "--no-attach-column sends without them.", "以 --no-attach-column 可不附加這些檔案。")):
        print(note.get(lang), file=stream)
    skipped = [row for row in recipients.rows if row.status != "ok" and row.reason is not None]
    if skipped:
        print(Text(f"Not sent ({counted(len(skipped), 'row', 'rows')}):",
                   f"不發送（{len(skipped):,} 列）：").get(lang), file=stream)
    for row in skipped:
        assert row.reason is not None
        where, reason = recipients.where(row), row.reason
        print("  " + Text(f"{where.en}: {reason.en}", f"{where.zh}：{reason.zh}").get(lang),
              file=stream)
