"""How the UI is put together, read from its imports: the tabs know the session, not each other
nor the window; the Mailing tab's panels render and never see its controller."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

UI = REPO / "omidesk" / "ui"
TABS = {"account": UI / "tabs" / "account_tab.py", "compose": UI / "tabs" / "compose_tab.py",
        "options": UI / "tabs" / "options_tab.py", "sent_log": UI / "tabs" / "sent_log_tab.py",
        "sandbox": UI / "tabs" / "sandbox_tab.py", "mailing": UI / "mailing" / "tab.py",
        "connection_test": UI / "connection_test" / "tab.py"}


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


PANELS = ("message_panel", "recipients_panel", "preview_panel", "sending_panel",
          "status_panel", "recipients_table", "status_table", "progress", "dialogs",
          "fitting")
CONTROL = ("controller", "list_source", "journal_link", "restart", "run", "to_myself")


def test_the_mailing_panels_never_import_the_controller():
    mailing = UI / "mailing"
    assert {p.stem for p in mailing.glob("*.py")} == {*PANELS, *CONTROL, "tab", "state",
                                                       "texts", "__init__"}
    control = {f"omidesk.ui.mailing.{name}" for name in (*CONTROL, "tab")}
    for name in PANELS:
        names = imported(mailing / f"{name}.py")
        assert not names & control, f"{name} imports {names & control}"
    panels = {f"omidesk.ui.mailing.{name}" for name in PANELS}
    for name in CONTROL:  # no widget: it says what happened, the panels show it
        names = imported(mailing / f"{name}.py")
        assert not any(n.startswith("PySide6.QtWidgets") for n in names), name
        assert not names & panels, f"{name} imports {names & panels}"


def test_the_connection_test_runs_without_widgets():
    names = imported(UI / "connection_test" / "run.py")
    assert "omidesk.core.smtp.probe.probe_all" in names  # core's matrix, not a copy of it
    assert not any(n.startswith("PySide6.QtWidgets") for n in names)
    assert not any(n.startswith("omidesk.ui.connection_test.") for n in names)


def test_the_connection_report_is_made_in_one_place():
    """The tab and the set-up assistant offer the same report (connection_test/reports.py:
    worded from the run, copied, saved): neither words or writes it itself."""
    users = [UI / "connection_test" / "tab.py", UI / "first_run" / "pages.py"]
    for path in users:
        names = imported(path)
        assert "omidesk.ui.connection_test.reports.Report" in names, path.name
        assert "omidesk.ui.connection_test.reports.ReportFile" not in names, path.name
    for path in UI.rglob("*.py"):
        if path.name in ("reports.py", "run.py"):
            continue
        text = path.read_text(encoding="utf-8")
        for call in (".run.report_text(", ".run.report_json(", ".write(Path(path)"):
            assert call not in text, f"{path.relative_to(UI)} words the report: {call}"
