"""繁體中文 is complete: every visible string is in the .ts, and every one is translated."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from omidesk.ui import translations
from tests.conftest import REPO

TS = REPO / "omidesk" / "resources" / "translations" / "omidesk_zh_TW.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%n|%\d")


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name") or "", msg.findtext("source") or "", msg)
            for ctx in root.iter("context") for msg in ctx.iter("message")]


def test_every_message_is_translated():
    found = messages(TS)
    assert len(found) > 200
    problems = []
    for context, source, msg in found:
        translation = msg.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or \
                not all(f.strip() for f in forms):
            problems.append(f"{context}: {source!r} is not translated")
            continue
        for form in forms:
            if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(form)):
                problems.append(f"{context}: placeholders differ in {source!r} -> {form!r}")
            if "&" in source.replace("&&", "") and form.replace("&&", "").count("&") != 1:
                problems.append(f"{context}: mnemonic lost in {source!r} -> {form!r}")
    assert not problems, "\n".join(problems)


def test_the_ts_file_holds_every_string_in_the_code(tmp_path):
    """lupdate over the sources now must find nothing that the committed .ts lacks."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (REPO / "omidesk" / "ui").rglob("*.py"))
    lupdate = Path(translations.lrelease_command()[0]).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), "-silent", *sources, "-ts", str(fresh)], check=True,
                   timeout=120, capture_output=True)
    wanted = {(c, s) for c, s, _ in messages(fresh)}
    have = {(c, s) for c, s, _ in messages(TS)}
    missing = sorted(wanted - have)
    assert not missing, f"run pyside6-lupdate and translate: {missing[:10]}"


def test_chinese_loads_at_run_time(qapp, tmp_path, monkeypatch):
    try:
        assert translations.install("zh_TW")
        assert QCoreApplication.translate("AccountTab", "&Save") != "&Save"
        assert re.search(r"[\u4e00-\u9fff]", QCoreApplication.translate("AccountTab", "&Save"))
    finally:
        translations.install("en")
    assert QCoreApplication.translate("AccountTab", "&Save") == "&Save"


@pytest.mark.parametrize("lang", ["zh_TW"])
def test_qt_own_translation_exists(lang):
    from PySide6.QtCore import QLibraryInfo, QTranslator

    assert QTranslator().load(f"qtbase_{lang}",
                              QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
