"""The UI language: 繁體中文 on a zh locale, else English, with a menu override (app.py).
Core texts come in both languages (omidesk.core.text.Text); widgets pick with current_lang()."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject

from ..core.text import Text, normalize_lang
from ..core.text import sentences as core_sentences

_override: str | None = None


def set_language(lang: str | None) -> None:
    global _override
    _override = normalize_lang(lang) if lang else None


def current_lang() -> str:
    return _override or normalize_lang(QLocale().name())


# The core Texts shown so far, by each of their words: a live language switch finds a shown
# text's other language here (relabel.py). Bounded: a long session shows many facts.
_picked: dict[str, Text] = {}
_PICKED_MAX = 20000


def pick(text: Text) -> str:
    if len(_picked) < _PICKED_MAX:
        _picked[text.en] = _picked[text.zh] = text
    return text.get(current_lang())


def picked_texts() -> dict[str, Text]:
    return _picked


def with_colon(label: str) -> str:
    """A form label's colon: full-width after Chinese text (「任務名稱：」), else ":"."""
    return label + ("：" if current_lang() == "zh_TW" else ":")


def sentences(*parts: str) -> str:
    """Sentences one after the other: no space after a Chinese full stop."""
    return core_sentences(current_lang(), *parts)


DATA = "omidesk_data"  # a widget whose texts are the user's data (names, values), not labels


def mark_as_data(widget: QObject) -> None:
    """Its items and text are the user's (a profile's name may equal a label): kept as they
    are when the language changes (relabel.py)."""
    widget.setProperty(DATA, True)


def listing(items: list[str]) -> str:
    """Items in a line: "a、b" in Chinese, "a, b" in English."""
    return ("、" if current_lang() == "zh_TW" else ", ").join(items)


def with_note(text: str, note: str) -> str:
    """A short note after a text: "報價.pdf（12 KB）" in Chinese, "報價.pdf (12 KB)" in English."""
    return f"{text}（{note}）" if current_lang() == "zh_TW" else f"{text} ({note})"
