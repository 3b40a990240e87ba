"""What the window's first tab does without paying PySide6's start-up costs (issue 18).

PySide6 6.11 creates a Python type (and every enum it holds, as Python enums) on first use:
the `Qt` namespace's ~90 enums take ~15 ms, `QStyle`'s ~7 ms — more than the whole Account tab.
The modules on the path to the first tab's paint (tests/ui/test_first_tab.py names them) touch
neither: what they need from those enums is said here in Qt's own terms (a property written by
its key, as a Designer .ui file does), or waits until the tab is on screen.

And PySide6 reads the source of every module imported after it, to see whether the module
mentions "PySide6" (for its opt-in `from __feature__ import …` switches, which OMIDesk never
uses): ~0.15 ms a module, 80 modules before the first tab. `skip_feature_scan` answers that for
OMIDesk's own modules and the standard library's without reading them.

The start allocates much (every type, enum and widget wrapper) and frees little: Python's cyclic
collector ran ~40 times before the first tab was painted, for nothing to collect.
`pause_collection` holds it off until then (`resume_collection`)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel, QWidget

_OWN = __name__.partition(".")[0]  # "omidesk"
_paused: list[bool] = []  # the collector was on, and is paused


def pause_collection() -> None:
    """No cyclic garbage collection until resume_collection() (reference counting still frees
    everything else at once)."""
    if gc.isenabled() and not _paused:
        gc.disable()
        _paused.append(True)


def resume_collection() -> None:
    if _paused:
        _paused.clear()
        gc.enable()


def make_selectable(label: QLabel, *, after_paint: bool = False) -> None:
    """label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse).
    after_paint: at the next turn of the event loop, once the tab is on screen — a selectable
    label lays its text out as a QTextDocument (~4 M instructions for the Account tab's
    defaults, drawn pixel for pixel as the plain label's), and nobody selects text in a window
    not yet shown."""
    if after_paint:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, label, lambda: make_selectable(label))
        return
    label.setProperty("textInteractionFlags", "TextSelectableByMouse")


def action(text: str, parent: QObject) -> QAction:
    """QAction(text, parent), without PySide's QIcon type: telling that call from
    QAction(icon, text) creates it (its ThemeIcon enum: ~11 M instructions, more than the
    window's menus). The window icon is set once the first tab is painted (app.py)."""
    from PySide6.QtGui import QAction

    made = QAction(parent)
    made.setText(text)
    return made


def no_tab_stop(widget: QWidget) -> None:
    """widget.setFocusPolicy(Qt.FocusPolicy.NoFocus): a scroll area around a form is no Tab
    stop of its own (an empty one, QA5 #6); Tab from field to field still scrolls each into
    view (QScrollArea.focusNextPrevChild)."""
    widget.setProperty("focusPolicy", "NoFocus")


def skip_feature_scan() -> bool:
    """Answer PySide6's per-import question for OMIDesk's and the standard library's modules
    without reading their source (any other module is still read): call before the window's
    modules are imported. False when this PySide6 has no such scan (nothing to do). Either
    answer means "no feature switched on" while no module imports __feature__ (none does)."""
    import importlib

    try:
        importlib.import_module("PySide6.QtCore")  # it installs the scan
        feature = importlib.import_module("PySide6.support.feature")  # not in PySide's stubs
    except ImportError:
        return False
    scan: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if scan is None or getattr(scan, "omidesk_lean", False):
        return scan is not None

    def uses_pyside(module: ModuleType) -> bool:
        top = getattr(module, "__name__", "").partition(".")[0]
        if top == _OWN:
            return True
        if top in sys.stdlib_module_names:
            return False
        return scan(module)

    uses_pyside.omidesk_lean = True  # type: ignore[attr-defined]
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a module of PySide's)
    return True
