"""Bilingual text: core speaks both languages so the CLI and the GUI show the same words."""

from __future__ import annotations

import os
from dataclasses import dataclass

LANGS = ("zh_TW", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """One message in English and 繁體中文."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if normalize_lang(lang) == "zh_TW" else self.en

    def both(self) -> str:
        return f"{self.zh} / {self.en}"

    def format(self, **values: object) -> Text:
        return Text(self.en.format(**values), self.zh.format(**values))


def normalize_lang(lang: str | None) -> str:
    """Map a locale name (zh_TW, zh-Hant, zh_TW.UTF-8, en_US…) to one of LANGS."""
    if lang and lang.lower().replace("-", "_").startswith("zh"):
        return "zh_TW"
    return "en"


def env_lang() -> str:
    """The language of messages when --lang is not given: from the environment (the CLI's
    rule, here so that the app's start path can say something before it loads the CLI)."""
    for var in ("OMIDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return normalize_lang(os.environ[var])
    return "en"


def size_text(n: float) -> str:
    """A size in the units both languages write the same way: 0 B, 512 B, 1.5 KB, 20.0 MB."""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"  # pragma: no cover - the loop returns


def blank_column_name(number: int) -> str:
    """The name of a list's column without a header: its spreadsheet letter (1 → "A",
    28 → "AB"), which reads the same in both languages and is what Excel shows above it."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def counted(n: int, one: str, many: str) -> str:
    """ "1 message", "3 messages": English counts without "(s)" (繁中 needs no plural)."""
    return f"{n:,} {one if n == 1 else many}"


def clock_text(stamp: float, *, now: float | None = None) -> str:
    """A moment in this computer's local time, as the CLI and the tabs show one: "21:40:42"
    today, "2026-12-03 21:40:42" on another day."""
    from datetime import datetime

    moment = datetime.fromtimestamp(stamp)
    today = datetime.fromtimestamp(now).date() if now is not None else datetime.now().date()
    return moment.strftime("%H:%M:%S" if moment.date() == today else "%Y-%m-%d %H:%M:%S")


def some_names(names: list[str] | tuple[str, ...], limit: int = 8) -> Text:
    """A few names and how many more: "Email, 姓名, c0 and 1,997 more" / 「Email、姓名、c0 等
    共 2,000 個」 — a template's 2,000-column header never fills a message."""
    shown = list(names[:limit])
    more = len(names) - len(shown)
    if more <= 0:
        return Text(", ".join(shown), "、".join(shown))
    return Text(f"{', '.join(shown)} and {more:,} more",
                f"{'、'.join(shown)} 等共 {len(names):,} 個")


def sentences(lang: str, *parts: str) -> str:
    """Sentences one after the other: a space between English ones, none after a Chinese
    full stop (「…。已確認…」)."""
    return ("" if normalize_lang(lang) == "zh_TW" else " ").join(p for p in parts if p)
