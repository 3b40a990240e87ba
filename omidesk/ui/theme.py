"""Fusion in a dark palette, with frames that can be seen. Fusion draws the frame of a check box,
a radio button, a text field, a spin box, a group box, a table or a progress bar from the window
colour made darker (QFusionStyle's outline(): Window.darker(140)), which in a dark palette is
nearly the colour of the field inside it: an unchecked box, an empty field, were all but
invisible (seen in the dark screenshots). contrast_style.ContrastStyle draws those with a
palette whose window colour gives a mid-grey outline (at least 3:1 against the field, the
contrast WCAG asks of a control's edge; a dimmer one when disabled), and leaves everything
else, and every light palette, to Fusion as it is.

Only for Fusion (Linux, or Windows in dark mode): the macOS and Windows 11 styles draw their own
dark controls. Installed when the palette is dark, at start or when the system turns to dark
mode: a light start costs nothing."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

OUTLINE = QColor("#7a7a7a")  # what Fusion's outline becomes in a dark palette
DISABLED_OUTLINE = QColor("#505050")  # a control that cannot be used: seen, and dimmer
_watched: set[int] = set()  # the apps whose colour scheme is followed
_contrasted: set[int] = set()  # the apps given ContrastStyle here


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def install(app: QApplication, base: str | None = None) -> bool:
    """The app's style (`base`: set first, by name): wrapped in ContrastStyle when it is
    Fusion and the palette dark; on a light one, followed until the system turns dark. True
    when it is ContrastStyle now (a light palette keeps one given earlier: it draws a light
    palette as Fusion does)."""
    if base is not None:
        app.setStyle(base)
    if not is_dark(QGuiApplication.palette()):
        # The style is looked at only for a dark palette: its Python type (QStyle's enums)
        # would cost a light start's first paint ~7 ms (issue 18, ui/lean.py).
        if id(app) not in _watched:
            _watched.add(id(app))
            app.styleHints().colorSchemeChanged.connect(lambda _scheme: _later(app))
        return id(app) in _contrasted and getattr(app.style(), "omidesk_contrast", False)
    style = app.style()
    if getattr(style, "omidesk_contrast", False):
        return True
    if style.name().lower() != "fusion":
        return False
    from .contrast_style import ContrastStyle

    app.setStyle(ContrastStyle(style.name()))
    _contrasted.add(id(app))
    return True


def _later(app: QApplication) -> None:
    """After the scheme changed: once Qt has put the new palette in place."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: install(app))


__all__ = ["install", "is_dark", "OUTLINE", "DISABLED_OUTLINE"]
