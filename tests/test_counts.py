"""Counts read as English counts: "1 file", "2 files", never "2 file(s)" — in core Texts and
CLI lines (core.text.counted) and in tr() messages (tr("%n file(s)", "", n) with the English
plural forms in omidesk_en.ts; 繁中 has one form)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from omidesk.core.journal_list import ListChange
from omidesk.core.mailing.plan import MailingPlan, plan_lines
from omidesk.core.mailing.messages import SendMode
from omidesk.core.text import counted

REPO = Path(__file__).resolve().parents[1]
TS_DIR = REPO / "omidesk" / "resources" / "translations"
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}
# Not shown: a key that finds email-validator's own message (the 繁中 next to it is shown).
NOT_SHOWN = {("omidesk/core/address_reasons.py", "Extra character(s) found after close quote")}


def _messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name") or "", msg) for ctx in root.iter("context")
            for msg in ctx.iter("message")]


def _shown_strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module a person may see: not docstrings or other bare
    string statements, not a log call's (the log is for support), not the source of a
    counted tr() (checked through the .ts below); an f-string's fixed parts joined."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            func = node.func
            if func.attr in LOGGING and isinstance(func.value, ast.Name) and \
                    func.value.id in ("log", "logger", "logging"):
                skipped |= {id(n) for n in ast.walk(node)}
            if func.attr == "tr" and len(node.args) >= 3:
                skipped.add(id(node.args[0]))
    found = []
    parts: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in skipped:
            parts |= {id(v) for v in node.values}
            found.append((node.lineno, "".join(
                str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)))
        elif isinstance(node, ast.JoinedStr):
            parts |= {id(v) for v in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                id(node) not in skipped and id(node) not in parts:
            found.append((node.lineno, node.value))
    return found


def test_no_string_omidesk_shows_says_s_in_brackets():
    problems = []
    for path in sorted((REPO / "omidesk").rglob("*.py")):
        where = path.relative_to(REPO).as_posix()
        for line, text in _shown_strings(path):
            if "(s)" in text and (where, text) not in NOT_SHOWN:
                problems.append(f"{where}:{line}: {text[:80]!r}")
    assert not problems, "use core.text.counted() or tr('%n …', '', n):\n" + "\n".join(problems)


def test_the_scan_sees_what_it_must(tmp_path):
    """The scan above reads f-strings and implicit concatenations and skips docstrings: a
    module with one of each is judged as a person would."""
    module = tmp_path / "m.py"
    module.write_text('"""Doc about file(s)."""\n'
                      'def f(n, self, log):\n'
                      '    """More (s)."""\n'
                      '    log.info("%d record(s)", n)\n'
                      '    self.tr("%n file(s)", "", n)\n'
                      '    self.tr("{n} row(s)").format(n=n)\n'
                      '    return f"{n} message(s) " "sent"\n', encoding="utf-8")
    texts = [t for _line, t in _shown_strings(module)]
    assert sorted(t for t in texts if "(s)" in t) == ["{n} row(s)", "{} message(s) sent"]


def test_every_count_in_the_ts_has_its_english_plural_forms():
    """A source with "(s)" is a counted message (numerus), and omidesk_en.ts words it in
    English for one and for many; 繁中 has one form."""
    english = {(c, m.findtext("source")): [f.text or "" for f in m.iter("numerusform")]
               for c, m in _messages(TS_DIR / "omidesk_en.ts")}
    counted_sources = []
    for context, msg in _messages(TS_DIR / "omidesk_zh_TW.ts"):
        source = msg.findtext("source") or ""
        numerus = msg.get("numerus") == "yes"
        assert numerus or "(s)" not in source, f"{context}: {source!r} is not a count"
        if not numerus:
            continue
        counted_sources.append(source)
        assert len(list(msg.iter("numerusform"))) == 1, source  # 繁中: one form
        forms = english.get((context, source))
        assert forms is not None, f"{context}: {source!r} lacks its English forms " \
            "(pyside6-lupdate -pluralonly … -ts omidesk_en.ts)"
        assert len(forms) == 2 and all("%n" in f and "(s)" not in f for f in forms), forms
    assert len(counted_sources) >= 5


def test_counted():
    assert counted(1, "file", "files") == "1 file"
    assert counted(0, "file", "files") == "0 files"
    assert counted(1234, "file", "files") == "1,234 files"


def _plan(to_send: int, rows_with_files: int, row_files: int) -> MailingPlan:
    return MailingPlan(to_send=to_send, counts={"invalid": 0, "duplicate": 0, "missing": 0},
                       skipped=(), first_to="a@example.com", first_subject="Hi", shared=(),
                       row_files=row_files, rows_with_files=rows_with_files, row_bytes=2048,
                       mode=SendMode.INDIVIDUAL, rate=None, server="")


def test_the_mailing_plan_counts_in_english_and_chinese():
    one = [t.en for t in plan_lines(_plan(1, 1, 1))]
    assert one[0].startswith("To send: 1 recipient, individually")
    assert one[-1] == "Per-row attachments: 1 recipient, 1 file, 2.0 KB in all"
    many = plan_lines(_plan(3, 2, 5))
    assert many[0].en.startswith("To send: 3 recipients, individually")
    assert many[-1].en == "Per-row attachments: 2 recipients, 5 files, 2.0 KB in all"
    assert many[-1].zh == "各列附件：2 位收件者，5 個檔案，共 2.0 KB"


def test_a_changed_list_counts_rows():
    one = ListChange(skipped=2, added=1, dropped=1, history=0).text()
    assert "1 new or corrected row to send, 1 row no longer in the list" in one.en
    many = ListChange(skipped=2, added=3, dropped=2, history=0).text()
    assert "3 new or corrected rows to send, 2 rows no longer in the list" in many.en
    assert "新增或更正的 3 列待發送" in many.zh
