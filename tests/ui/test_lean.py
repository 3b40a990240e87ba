"""ui/lean.py: the first tab's path without PySide6's start-up costs (issue 18) — and without
changing what PySide6 or Python do for anything else."""

from __future__ import annotations

import gc
import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

from omidesk.ui import lean


def test_the_feature_scan_answers_for_our_modules_and_the_standard_librarys(tmp_path: Path):
    feature = importlib.import_module("PySide6.support.feature")
    assert lean.skip_feature_scan() is True
    assert lean.skip_feature_scan() is True  # once is enough: not wrapped twice
    scan = feature._mod_uses_pyside
    assert getattr(scan, "omidesk_lean", False)
    # No source to read for either: the answer comes from the name alone.
    assert scan(types.ModuleType("omidesk.core.imaginary")) is True
    assert scan(types.ModuleType("json.imaginary")) is False
    # Anybody else's module is still read, as PySide6 does: with and without "PySide6" in it.
    for name, source, uses in (("third_party_qt", "from PySide6 import QtCore\n", True),
                               ("third_party_plain", "import json\n", False)):
        path = tmp_path / f"{name}.py"
        path.write_text(source, encoding="utf-8")
        module = types.ModuleType(name)
        module.__file__ = str(path)
        assert scan(module) is uses


def test_features_still_switch_on_where_a_module_asks(tmp_path: Path):
    """`from __feature__ import snake_case` (which OMIDesk never uses) still works after the
    scan is skipped: PySide6's switch is untouched."""
    code = ("from omidesk.ui import lean; lean.skip_feature_scan()\n"
            "from PySide6.QtWidgets import QApplication, QWidget\n"
            "from __feature__ import snake_case\n"
            "app = QApplication([]); widget = QWidget()\n"
            "widget.set_window_title('x'); print(widget.window_title())\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env={"QT_QPA_PLATFORM": "offscreen",
                                           "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "x"


@pytest.fixture
def collecting():
    was = gc.isenabled()
    yield
    lean.resume_collection()
    (gc.enable if was else gc.disable)()


def test_the_collector_is_paused_and_resumed_once(collecting):
    gc.enable()
    lean.pause_collection()
    assert not gc.isenabled()
    lean.pause_collection()  # a second pause changes nothing
    lean.resume_collection()
    assert gc.isenabled()
    lean.resume_collection()
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(collecting):
    gc.disable()
    lean.pause_collection()
    lean.resume_collection()
    assert not gc.isenabled()


def test_the_window_resumes_the_collector_once_its_first_tab_is_painted(
        collecting, qtbot, qapp, settings_dir, memory_keyring):
    from omidesk.app import ErrorReporter, _show_window

    gc.enable()
    lean.pause_collection()
    window = _show_window(qapp, None, ErrorReporter())
    qtbot.addWidget(window)
    assert window.deck.is_built("account_tab") and gc.isenabled()
