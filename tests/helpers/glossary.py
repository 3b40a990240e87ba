"""The 繁中 strings OMIDesk shows, for tests/test_glossary.py: every translation in the .ts
files and every string literal in omidesk/ that holds Chinese (core Texts, option labels, CLI
lines), with where it is."""

from __future__ import annotations

import ast
import functools
import re
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
GLOSSARY = REPO / "omidesk" / "resources" / "glossary.toml"
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Term:
    concept: str
    zh: str
    avoid: tuple[str, ...]
    allowed: tuple[str, ...]  # longer words holding an avoided one (連接埠)


@functools.cache
def data() -> dict[str, Any]:
    return tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))


def load() -> tuple[list[Term], dict[str, list[str]]]:
    data = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))
    terms = [Term(t["concept"], t["zh"], tuple(t.get("avoid", ())), tuple(t.get("except", ())))
             for t in data["term"]]
    return terms, {k: list(v) for k, v in data.get("exceptions", {}).items()}


def ts_strings() -> list[tuple[str, str]]:
    """(where, translation) of every message of every .ts."""
    found = []
    for path in sorted((REPO / "omidesk" / "resources" / "translations").glob("*.ts")):
        root = ET.parse(path).getroot()
        for ctx in root.iter("context"):
            for msg in ctx.iter("message"):
                translation = msg.find("translation")
                forms = [f.text or "" for f in translation.iter("numerusform")] \
                    if translation is not None else []
                texts = forms or [translation.text or "" if translation is not None else ""]
                for text in texts:
                    found.append((f"{path.name}:{ctx.findtext('name')}", text))
    return found


def source_strings() -> list[tuple[str, str]]:
    """(file:line, text) of every string literal holding Chinese in omidesk/ (an f-string's
    fixed parts joined, its values as {})."""
    found = []
    for path in sorted((REPO / "omidesk").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parts_of_fstrings: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(str(v.value) if isinstance(v, ast.Constant) else "{}"
                               for v in node.values)
                parts_of_fstrings |= {id(v) for v in node.values}
                if CJK.search(text):
                    found.append((f"{path.relative_to(REPO)}:{node.lineno}", text))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    id(node) not in parts_of_fstrings and CJK.search(node.value):
                found.append((f"{path.relative_to(REPO)}:{node.lineno}", node.value))
    return found


def avoided(text: str, term: Term) -> list[str]:
    """The avoided words of `term` in `text` (outside its allowed compounds)."""
    for word in term.allowed:
        text = text.replace(word, "")
    return [word for word in term.avoid if word in text]


# ASCII punctuation touching a Chinese character: Chinese text takes the full-width forms
# (，；：？！（）). "(&X)" after a Chinese word is Qt's access-key form and stays ASCII.
_HALF = re.compile(r"(?<=[\u3400-\u9fff])[,;:?!()]|[,;:?!(](?=[\u3400-\u9fff])|"
                   r"(?<=[\u3400-\u9fff]) [,;:?!]")
_MNEMONIC = re.compile(r"\(&?[A-Za-z0-9]\)")  # (&S), and (S) where Qt drops the &


def is_chinese(text: str) -> bool:
    """Chinese text, not an English one that names 沛盛資訊 (three English words or more)."""
    from .zh_text import english_words

    return len(CJK.findall(text)) >= 2 and len(english_words(text)) < 3


def half_width_punctuation(text: str) -> list[str]:
    kept = data().get("punctuation", {}).get("not_chinese", [])
    if not is_chinese(text) or any(k in text for k in kept):
        return []
    text = _MNEMONIC.sub("", text)
    return [text[max(m.start() - 6, 0):m.end() + 6] for m in _HALF.finditer(text)]
