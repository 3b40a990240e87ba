"""How the UI is put together, read from its imports: the tabs know the session, not each other
nor the window; the Mailing tab's panels render and never see its controller."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

UI = REPO / "omidesk" / "ui"
TABS = {"account": UI / "tabs" / "account_tab.py", "compose": UI / "tabs" / "compose_tab.py",
        "options": UI / "tabs" / "options_tab.py", "sent_log": UI / "tabs" / "sent_log_tab.py",
        "sandbox": UI / "tabs" / "sandbox_tab.py", "mailing": UI / "mailing" / "tab.py"}


def imported(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function, as a dotted name."""
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def module_of(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def test_a_tab_knows_neither_the_window_nor_another_tab():
    tabs = {name: module_of(path) for name, path in TABS.items()}
    for name, path in TABS.items():
        names = imported(path)
        assert "omidesk.ui.main_window" not in names, name
        others = {module for other, module in tabs.items() if other != name}
        assert not names & others, f"the {name} tab imports {names & others}"


def test_the_mailing_panels_never_import_the_controller():
    panels = [p for p in (UI / "mailing").glob("*.py")
              if p.name not in ("controller.py", "tab.py", "__init__.py")]
    assert len(panels) >= 5
    for path in panels:
        names = imported(path)
        assert "omidesk.ui.mailing.controller" not in names, path.name
        assert "omidesk.ui.mailing.tab" not in names, path.name
    controller = imported(UI / "mailing" / "controller.py")
    assert not any(name.startswith("PySide6.QtWidgets") for name in controller)
