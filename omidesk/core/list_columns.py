"""Which column of a list is which, by its header as offices write it: the e-mail column
(Email, 電子郵件, 信箱 … or the column whose values hold "@"), the name column (姓名, Name …),
the column naming each row's files (附件, 附檔, 檔案, Attachments, Files …); and a cell's
`Name <address>` split. Headers are compared after header_key: NFKC, case-folded, without
spaces, "-", "_", ".", ":" and "：". Qt-free; core.recipients and core.merge use it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_EMAIL_HEADERS = frozenset({
    "email", "mail", "emailaddress", "mailaddress", "emailaddr", "emails",
    "電子郵件", "電子郵件地址", "電子信箱", "信箱", "郵件", "郵件地址", "電郵", "電郵地址",
    "郵箱", "電子郵箱", "邮箱", "电子邮件", "电子邮箱", "eメール", "メール", "メールアドレス",
})
_EMAIL_HEADER_PARTS = ("email", "電子郵件", "信箱", "郵件地址", "電郵", "郵箱", "邮箱", "电子邮件")
NAME_HEADERS = frozenset({"name", "姓名", "名字", "fullname", "displayname", "名稱", "收件人"})
ATTACH_HEADERS = frozenset({
    "附件", "附檔", "附加檔案", "附件檔案", "附件檔名", "檔案", "檔案名稱", "附件路徑",
    "attachment", "attachments", "attachmentfile", "attachmentfiles", "attachedfile",
    "attachedfiles", "file", "files", "filename", "filenames", "附件名稱",
})


def header_key(name: str) -> str:
    return re.sub(r"[\s\-_.:：]", "", unicodedata.normalize("NFKC", name).casefold())


_PERSON_HEADERS = NAME_HEADERS - {"名稱"}  # 名稱 is as often a company's or a product's


def is_name_header(name: str, *, person: bool = False) -> bool:
    """Whether a header (or a merge field) names the recipient: 姓名, Name, 收件人 …
    (`person`: only the words that always mean a person's name)."""
    return header_key(name) in (_PERSON_HEADERS if person else NAME_HEADERS)


def find_name_column(columns: Iterable[str]) -> str | None:
    for col in columns:
        if is_name_header(col):
            return col
    return None


def find_attach_column(columns: list[str], records: list[dict[str, str]],
                       formulas: Iterable[str] = ()) -> str:
    """The column naming each row's files, by its header (附件, Attachments, Files …), when
    some row fills it (`formulas`: columns with formulas, filled though not saved); "" when
    none fits (or several do: the user chooses)."""
    named = [col for col in columns if header_key(col) in ATTACH_HEADERS]
    computed = set(formulas)
    filled = [col for col in named
              if col in computed or any(r.get(col, "").strip() for r in records)]
    return filled[0] if len(filled) == 1 else ""


def find_email_column(columns: list[str], records: list[dict[str, str]]) -> str:
    """By header name first (exact, then containing "email"/"信箱"…), else the column whose
    non-empty values mostly contain "@" (or ＠). "" when none fits."""
    keys = {col: header_key(col) for col in columns}
    for col in columns:
        if keys[col] in _EMAIL_HEADERS:
            return col
    for col in columns:
        if any(part in keys[col] for part in _EMAIL_HEADER_PARTS):
            return col
    best, best_ratio = "", 0.5
    for col in columns:
        filled = [r.get(col, "") for r in records if r.get(col, "").strip()]
        if not filled:
            continue
        ratio = sum("@" in unicodedata.normalize("NFKC", v) for v in filled) / len(filled)
        if ratio > best_ratio:
            best, best_ratio = col, ratio
    return best


def split_display(entry: str) -> tuple[str, str]:
    """`Name <address>` → (name, address); `"Wang, Da" <a@b>` unquoted; anything else
    → ("", entry)."""
    if not (entry.endswith(">") and "<" in entry):
        return "", entry
    cut = entry.rfind("<")
    name = entry[:cut].strip()
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return " ".join(name.split()), entry[cut + 1: -1].strip()


__all__ = ["ATTACH_HEADERS", "NAME_HEADERS", "find_attach_column", "find_email_column",
           "find_name_column", "header_key", "is_name_header", "split_display"]
