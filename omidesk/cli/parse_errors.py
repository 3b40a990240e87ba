"""argparse's own error messages in the language of the output. argparse words them in
English (gettext, without a catalogue for 繁中): each pattern here is one of its messages in
Python 3.11–3.13, and a message none of them matches stays as argparse said it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.text import Text, normalize_lang

# What argparse calls a value's type (the type function's __name__).
_TYPES = {"int": Text("whole number", "整數"), "float": Text("number", "數字"),
          "Path": Text("path", "路徑")}


def _type(name: str) -> Text:
    return _TYPES.get(name, Text(name, name))


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^invalid (?P<type>\w+) value: (?P<value>.*)$"),
     "不是有效的{type}：{value}"),
    (re.compile(r"^invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)$"),
     "無效的選項：{value}（可用：{choices}）"),
    (re.compile(r"^the following arguments are required: (?P<names>.*)$"),
     "缺少必要的參數：{names}"),
    (re.compile(r"^unrecognized arguments: (?P<names>.*)$"), "無法辨識的參數：{names}"),
    (re.compile(r"^expected one argument$"), "需要一個值"),
    (re.compile(r"^expected at most one argument$"), "最多只能有一個值"),
    (re.compile(r"^expected at least one argument$"), "至少需要一個值"),
    (re.compile(r"^expected (?P<n>\d+) arguments?$"), "需要 {n} 個值"),
    (re.compile(r"^not allowed with argument (?P<other>.*)$"), "不能與參數 {other} 一起使用"),
    (re.compile(r"^ignored explicit argument (?P<value>.*)$"), "不接受值：{value}"),
    (re.compile(r"^one of the arguments (?P<names>.*) is required$"),
     "必須指定下列其中一個參數：{names}"),
    (re.compile(r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.*)$"),
     "參數 {option} 不明確，可能是：{matches}"),
    (re.compile(r"^can't open (?P<name>.*?): (?P<error>.*)$"), "無法開啟 {name}：{error}"),
]
_ARGUMENT = re.compile(r"^argument (?P<argument>\S+(?:/\S+)*): (?P<rest>.*)$", re.S)


def _chinese(message: str) -> str:
    head = ""
    found = _ARGUMENT.match(message)
    if found:
        head, message = f"參數 {found['argument']}：", found["rest"]
    for pattern, words in _PATTERNS:
        match = pattern.match(message)
        if match:
            values = match.groupdict()
            if "type" in values:
                values["type"] = _type(values["type"]).zh
            if "choices" in values:
                values["choices"] = values["choices"].replace(", ", "、")
            return head + words.format(**values)
    return head + message


def translate(message: str, lang: str) -> str:
    """argparse's `message` (what ArgumentParser.error gets) in `lang`."""
    if normalize_lang(lang) != "zh_TW":
        return message
    return _chinese(message)


def error_prefix(lang: str) -> str:
    """What comes before a usage error's message ("error: ", "錯誤：")."""
    return "錯誤：" if normalize_lang(lang) == "zh_TW" else "error: "


def lang_in(argv: Sequence[str]) -> str | None:
    """--lang from the command line before it is parsed (argparse's errors come first):
    the last one given, as `--lang X` or `--lang=X`; None without one."""
    found: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return normalize_lang(found) if found in ("zh_TW", "en") else None
