"""Bilingual text: core speaks both languages so the CLI and the GUI show the same words."""

from __future__ import annotations

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
