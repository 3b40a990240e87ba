"""Fusion in a dark palette (omidesk/ui/theme.py): the frame of an unchecked check box, a radio
button and an empty text field is seen — measured on the pixels Qt draws, as the WCAG 3:1 a
control's edge needs against what it encloses — and a light palette is drawn as Fusion draws
it. The app's QApplication has the style on Fusion (checked in a process of its own)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QCheckBox, QLineEdit, QRadioButton, QStyle, QStyleFactory, QWidget

from omidesk.ui.contrast_style import ContrastStyle
from omidesk.ui.theme import is_dark

DARK = {"Window": "#2b2b2b", "WindowText": "#e6e6e6", "Base": "#1f1f1f", "Text": "#e6e6e6",
        "Button": "#353535", "ButtonText": "#e6e6e6", "Highlight": "#2f65ca",
        "AlternateBase": "#2f2f2f", "HighlightedText": "#ffffff"}


def palette(colors: dict[str, str]) -> QPalette:
    found = QPalette()
    for name, color in colors.items():
        found.setColor(getattr(QPalette.ColorRole, name), QColor(color))
    return found


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + \
        0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def edge_contrast(widget: QWidget, element: QStyle.SubElement | None) -> float:
    """The strongest contrast between a pixel of the control's left edge (its indicator's, or
    the widget's own) and the inside of it."""
    widget.resize(widget.sizeHint())
    image: QImage = widget.grab().toImage()
    if element is None:
        rect = widget.rect()
    else:
        from PySide6.QtWidgets import QStyleOptionButton

        option = QStyleOptionButton()
        option.initFrom(widget)
        rect = widget.style().subElementRect(element, option, widget)
    ratio = widget.devicePixelRatioF()
    y = int(rect.center().y() * ratio)
    inside = image.pixelColor(int(rect.center().x() * ratio), y) if element is not None else \
        image.pixelColor(int((rect.left() + 8) * ratio), y)
    return max(contrast(image.pixelColor(int(rect.left() * ratio) + dx, y), inside)
               for dx in range(3))


def styled(widget: QWidget, style: QStyle, colors: dict[str, str], qtbot) -> QWidget:
    qtbot.addWidget(widget)
    widget.setStyle(style)
    widget.setPalette(palette(colors))
    return widget


@pytest.fixture
def contrast_style():
    style = ContrastStyle()
    yield style


@pytest.mark.parametrize("make, element", [
    (lambda: QCheckBox("Remember"), QStyle.SubElement.SE_CheckBoxIndicator),
    (lambda: QRadioButton("SSL"), QStyle.SubElement.SE_RadioButtonIndicator),
    (lambda: QLineEdit(), None),
])
def test_a_dark_palettes_frames_are_seen(qtbot, contrast_style, make, element):
    fusion = QStyleFactory.create("Fusion")
    plain = edge_contrast(styled(make(), fusion, DARK, qtbot), element)
    framed = edge_contrast(styled(make(), contrast_style, DARK, qtbot), element)
    assert plain < 1.6  # what Fusion draws: all but invisible
    assert framed >= 3.0, framed


def test_a_light_palette_is_drawn_as_fusion_draws_it(qtbot, contrast_style):
    light = QStyleFactory.create("Fusion").standardPalette()
    assert not is_dark(light) and is_dark(palette(DARK))
    for make in (lambda: QCheckBox("Remember"), lambda: QLineEdit("text")):
        images = []
        for style in (QStyleFactory.create("Fusion"), contrast_style):
            widget = make()
            qtbot.addWidget(widget)
            widget.setStyle(style)
            widget.setPalette(light)
            widget.resize(widget.sizeHint())
            images.append(widget.grab().toImage())
        assert images[0] == images[1]


def _app_style(palette_code: str) -> list[str]:
    """The app's style class and base, started in a process of its own (one QApplication
    each), and whether the ContrastStyle module was loaded."""
    code = ("import sys\n"
            f"{palette_code}\n"
            "from omidesk.app import create_application\n"
            "app = create_application(['omidesk', '-style', 'fusion'])\n"
            "style = app.style()\n"
            "base = style.baseStyle().name() if hasattr(style, 'baseStyle') else style.name()\n"
            "print(type(style).__name__, base, 'omidesk.ui.contrast_style' in sys.modules)\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_apps_fusion_has_the_contrast_style_on_a_dark_palette():
    dark = ("from PySide6.QtGui import QColor, QGuiApplication, QPalette\n"
            "p = QPalette()\n"
            f"for role, color in {DARK!r}.items():\n"
            "    p.setColor(getattr(QPalette.ColorRole, role), QColor(color))\n"
            "QGuiApplication.setPalette(p)")
    assert _app_style(dark) == ["ContrastStyle", "fusion", "True"]
    # a light start: Fusion as it is, and the style's module not even loaded
    assert _app_style("") == ["QCommonStyle", "fusion", "False"]
