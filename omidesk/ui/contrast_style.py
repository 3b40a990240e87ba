"""ContrastStyle (theme.py says why): Fusion, its frames outlined in mid-grey on a dark palette.
A module of its own because PySide6 builds QProxyStyle's type on first use (~20 ms): loaded
only when the palette is dark."""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

from .theme import DISABLED_OUTLINE, OUTLINE, is_dark

_Primitive = QStyle.PrimitiveElement
FRAMED = frozenset({_Primitive.PE_IndicatorCheckBox, _Primitive.PE_IndicatorRadioButton,
                    _Primitive.PE_FrameLineEdit, _Primitive.PE_PanelLineEdit,
                    _Primitive.PE_FrameGroupBox, _Primitive.PE_Frame})
FRAMED_COMPLEX = frozenset({QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox})
FRAMED_CONTROLS = frozenset({QStyle.ControlElement.CE_ProgressBarGroove})


class ContrastStyle(QProxyStyle):
    """Fusion, its frames outlined in mid-grey on a dark palette."""

    omidesk_contrast = True  # theme.install() knows it without importing this module

    def __init__(self, base: str = "Fusion") -> None:
        super().__init__(base)
        # by the palette's cacheKey: Fusion caches its pixmaps by the palette's, so one
        # palette each, not a new one each paint
        self._framed: dict[tuple[int, bool], QPalette] = {}

    def framed(self, palette: QPalette, *, enabled: bool = True) -> QPalette:
        """`palette` with the window colour that makes Fusion's outline OUTLINE (or
        DISABLED_OUTLINE)."""
        key = (palette.cacheKey(), enabled)
        found = self._framed.get(key)
        if found is None:
            if len(self._framed) > 64:  # palettes come and go (a language switch, a theme)
                self._framed.clear()
            found = QPalette(palette)
            window = (OUTLINE if enabled else DISABLED_OUTLINE).lighter(140)
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive,
                          QPalette.ColorGroup.Disabled):
                found.setColor(group, QPalette.ColorRole.Window, window)
            self._framed[key] = found
        return found

    def _option(self, option: QStyleOption) -> QStyleOption:
        if not is_dark(option.palette):
            return option
        copy = type(option)(option)  # the option's own class: its extra fields kept
        copy.palette = self.framed(
            option.palette, enabled=bool(option.state & QStyle.StateFlag.State_Enabled))
        return copy

    def drawPrimitive(self, element: QStyle.PrimitiveElement,  # noqa: N802 (Qt name)
                      option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        if element in FRAMED:
            option = self._option(option)
        super().drawPrimitive(element, option, painter, widget)

    def drawControl(self, element: QStyle.ControlElement,  # noqa: N802 (Qt name)
                    option: QStyleOption, painter: QPainter,
                    widget: QWidget | None = None) -> None:
        if element in FRAMED_CONTROLS:
            option = self._option(option)
        super().drawControl(element, option, painter, widget)

    def drawComplexControl(self, control: QStyle.ComplexControl,  # noqa: N802 (Qt name)
                           option: QStyleOptionComplex, painter: QPainter,
                           widget: QWidget | None = None) -> None:
        if control in FRAMED_COMPLEX:
            option = cast(QStyleOptionComplex, self._option(option))
        super().drawComplexControl(control, option, painter, widget)


__all__ = ["ContrastStyle", "FRAMED", "FRAMED_COMPLEX", "FRAMED_CONTROLS"]
