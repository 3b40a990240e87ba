"""The UI language: 繁體中文 on a zh locale, else English, with a menu override (app.py).
Core texts come in both languages (omidesk.core.text.Text); widgets pick with current_lang()."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from ..core.text import Text, normalize_lang

_override: str | None = None


def set_language(lang: str | None) -> None:
    global _override
    _override = normalize_lang(lang) if lang else None


def current_lang() -> str:
    return _override or normalize_lang(QLocale().name())


def pick(text: Text) -> str:
    return text.get(current_lang())


def with_colon(label: str) -> str:
    """A form label's colon: full-width after Chinese text (「任務名稱：」), else ":"."""
    return label + ("：" if current_lang() == "zh_TW" else ":")


def sentences(*parts: str) -> str:
    """Sentences one after the other: no space after a Chinese full stop."""
    return ("" if current_lang() == "zh_TW" else " ").join(p for p in parts if p)


def listing(items: list[str]) -> str:
    """Items in a line: "a、b" in Chinese, "a, b" in English."""
    return ("、" if current_lang() == "zh_TW" else ", ").join(items)


def with_note(text: str, note: str) -> str:
    """A short note after a text: "報價.pdf（12 KB）" in Chinese, "報價.pdf (12 KB)" in English."""
    return f"{text}（{note}）" if current_lang() == "zh_TW" else f"{text} ({note})"
