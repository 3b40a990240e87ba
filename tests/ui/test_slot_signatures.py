"""Every button's clicked/toggled/triggered goes to a slot that can take what Qt passes: Qt
hands `checked` (a bool) to a slot with a parameter, so a slot whose first parameter means
something else (a recipient, a path) gets False and fails (QA finding 1: the Connection test
tab's "Send test message" passed checked=False as `to`)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

UI = REPO / "omidesk" / "ui"
BOOL_SIGNALS = {"clicked", "toggled", "triggered"}


def methods(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    found: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    found.setdefault(item.name, item)
    return found


def bad_connections(path: Path, source: str | None = None) -> list[str]:
    """The connections of `path` (or of `source`, read as if it were `path`) whose slot
    cannot take Qt's `checked`."""
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    defs = methods(tree)
    bad: list[str] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "connect" and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr in BOOL_SIGNALS and len(node.args) == 1):
            continue
        target = node.args[0]
        if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                and target.value.id == "self" and target.attr in defs):
            continue
        params = defs[target.attr].args.args[1:]
        if not params:
            continue
        annotation = ast.unparse(params[0].annotation) if params[0].annotation else ""
        if annotation not in ("bool", "object", "QModelIndex"):  # a view's clicked(index)
            bad.append(f"{path.relative_to(REPO)}:{node.lineno} {node.func.value.attr} -> "
                       f"{target.attr}({params[0].arg}: {annotation or '?'})")
    return bad


def test_no_bool_signal_goes_to_a_slot_whose_parameter_means_something_else():
    bad = [line for path in sorted(UI.rglob("*.py")) for line in bad_connections(path)]
    assert not bad, "\n".join(bad)


def test_the_check_sees_the_connection_test_tabs_button():
    tab = UI / "connection_test" / "tab.py"
    source = tab.read_text(encoding="utf-8")
    assert "self.send_button.clicked.connect(self._send_clicked)" in source
    broken = source.replace("self.send_button.clicked.connect(self._send_clicked)",
                            "self.send_button.clicked.connect(self.send_test_message)")
    assert not bad_connections(tab)
    assert any("send_test_message(to: str)" in line
               for line in bad_connections(tab, broken))
