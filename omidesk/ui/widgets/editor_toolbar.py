"""The message editor's toolbar of formatting actions and its link dialog (dialogs opened with
open(), never exec()): the editor itself is rich_editor.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QAction, QColor, QFont, QKeySequence, QTextCharFormat, QTextListFormat,
)
from PySide6.QtWidgets import (
    QColorDialog, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel,
    QLineEdit, QToolBar, QWidget,
)

from ..i18n import pick
from .rich_editor import FONT_SIZES, RichEditor


class LinkDialog(QDialog):
    """The link's text and address; OK takes only an address that works in a message (core
    links.link_target: www.… becomes https://www.…, an e-mail address mailto:), and says
    here why another does not (QA5 #15)."""

    def __init__(self, parent: QWidget | None, text: str = "", url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Insert link"))
        self.target = ""  # the href, once OK took the address
        self.text_edit = QLineEdit(text, self)
        self.text_edit.setAccessibleName(self.tr("Link text"))
        self.url_edit = QLineEdit(url or "https://", self)
        self.url_edit.setAccessibleName(self.tr("Link address"))
        self.url_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 45)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        font = self.problem.font()
        font.setBold(True)  # as Compose's problems
        self.problem.setFont(font)
        self.problem.hide()
        self.url_edit.textChanged.connect(lambda _typed: self._say(""))  # about the last
        form = QFormLayout(self)
        form.addRow(self.tr("&Text:"), self.text_edit)
        form.addRow(self.tr("&Address:"), self.url_edit)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _say(self, text: str = "") -> None:
        if text == self.problem.text():  # each keystroke clears: a size the user gave stays
            return
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.url_edit.setAccessibleDescription(text)
        self.adjustSize()  # as tall as the reason needs

    def accept(self) -> None:
        from ...core.errors import ValidationError
        from ...core.links import link_target

        try:
            self.target = link_target(self.url_edit.text())
        except ValidationError as exc:
            self._say(pick(exc.text))
            self.url_edit.setFocus()
            return
        super().accept()

    def link_text(self) -> str:
        """The text shown: as typed, else the address as typed (not mailto:…)."""
        return self.text_edit.text() or self.url_edit.text().strip()


class EditorToolbar(QToolBar):
    """The formatting actions for a RichEditor. Dialogs are opened with open()."""

    def __init__(self, editor: RichEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setAccessibleName(self.tr("Formatting"))
        self.dialog: QDialog | None = None
        action = self._action
        self._add_character_actions()
        self.addSeparator()
        self.bullets = action(self.tr("• List"), lambda: editor.make_list(
            QTextListFormat.Style.ListDisc))
        self.numbers = action(self.tr("1. List"), lambda: editor.make_list(
            QTextListFormat.Style.ListDecimal))
        self.outdent = action(self.tr("Outdent"), lambda: editor.change_indent(-1))
        self.indent = action(self.tr("Indent"), lambda: editor.change_indent(1))
        self.addSeparator()
        self.left = action(self.tr("Left"), lambda: self._align(Qt.AlignmentFlag.AlignLeft))
        self.center = action(self.tr("Centre"),
                             lambda: self._align(Qt.AlignmentFlag.AlignHCenter))
        self.right = action(self.tr("Right"), lambda: self._align(Qt.AlignmentFlag.AlignRight))
        for act in (self.left, self.center, self.right):
            act.setCheckable(True)
        self.addSeparator()
        self.link = action(self.tr("Link…"), self.edit_link, "Ctrl+K")
        self.image = action(self.tr("Image…"), self.choose_image)
        self.clear_format = action(self.tr("Clear formatting"), editor.clear_formatting)
        self.undo = action(self.tr("Undo"), editor.undo, QKeySequence.StandardKey.Undo)
        self.redo = action(self.tr("Redo"), editor.redo, QKeySequence.StandardKey.Redo)
        # Word's Ctrl+Y too (⌘Y on macOS), wherever the platform's redo is another key
        self.redo.setShortcuts([*self.redo.shortcuts(), QKeySequence("Ctrl+Y")])
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        editor.undoAvailable.connect(self.undo.setEnabled)
        editor.redoAvailable.connect(self.redo.setEnabled)
        editor.currentCharFormatChanged.connect(self._sync)
        editor.cursorPositionChanged.connect(self._sync_alignment)
        self._sync_alignment()

    def _action(self, text: str, slot: Callable[..., object],
                shortcut: str | QKeySequence.StandardKey | None = None,
                checkable: bool = False) -> QAction:
        """A toolbar button whose shortcut works while typing in the editor (the action is
        the editor's too); its accessible name and tooltip say what it does and its keys."""
        act = QAction(text, self)
        act.setCheckable(checkable)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.editor.addAction(act)
        (act.toggled if checkable else act.triggered).connect(slot)
        self.addAction(act)
        self.name_button(act, text)
        return act

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """A new language: each button's name and tooltip again, from its action's text
        (relabelled by then: ui/relabel.py)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            for act in self.actions():
                if act.text():
                    self.name_button(act, act.text())

    def name_button(self, act: QAction, name: str) -> None:
        """The button's accessible name and tooltip: the action's name, with its keys."""
        name = name.replace("&", "").rstrip("…")
        button = self.widgetForAction(act)
        if button is not None:
            button.setAccessibleName(name)
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(self.tr("{name} ({keys})").format(name=name, keys=keys) if keys
                       else name)

    def _add_character_actions(self) -> None:
        """Bold, italic, underline, strike-through (each shown as it does), size, colours."""
        action, editor = self._action, self.editor
        self.bold = action(self.tr("Bold"), editor.set_bold, "Ctrl+B", True)
        self.italic = action(self.tr("Italic"), editor.set_italic, "Ctrl+I", True)
        self.underline = action(self.tr("Underline"), editor.set_underline, "Ctrl+U", True)
        self.strike = action(self.tr("Strike-through"), editor.set_strike, None, True)
        for act, style, letter in ((self.bold, "bold", self.tr("B")),
                                   (self.italic, "italic", self.tr("I")),
                                   (self.underline, "underline", self.tr("U")),
                                   (self.strike, "strike", self.tr("S"))):
            font = QFont(self.font())  # the button shows what it does: B bold, I italic, …
            font.setBold(style == "bold")
            font.setItalic(style == "italic")
            font.setUnderline(style == "underline")
            font.setStrikeOut(style == "strike")
            act.setFont(font)
            act.setIconText(letter)  # the button's face; its accessible name is the word
        self.size_box = QComboBox(self)
        self.size_box.setAccessibleName(self.tr("Font size"))
        for size in FONT_SIZES:
            self.size_box.addItem(f"{size:g}", size)
        self.size_box.setCurrentText("10.5")
        self.size_box.activated.connect(
            lambda i: editor.set_point_size(float(self.size_box.itemData(i))))
        self.addWidget(self.size_box)
        self.color = action(self.tr("Colour…"), self.choose_color)
        self.highlight = action(self.tr("Highlight…"), self.choose_highlight)

    def _align(self, flag: Qt.AlignmentFlag) -> None:
        self.editor.setAlignment(flag)
        self._sync_alignment()

    def _sync_alignment(self) -> None:
        align = self.editor.alignment()
        for act, flag in ((self.left, Qt.AlignmentFlag.AlignLeft),
                          (self.center, Qt.AlignmentFlag.AlignHCenter),
                          (self.right, Qt.AlignmentFlag.AlignRight)):
            act.setChecked(bool(align & flag))

    def _sync(self, fmt: QTextCharFormat) -> None:
        for act, on in ((self.bold, fmt.fontWeight() >= QFont.Weight.Bold),
                        (self.italic, fmt.fontItalic()), (self.underline, fmt.fontUnderline()),
                        (self.strike, fmt.fontStrikeOut())):
            act.blockSignals(True)
            act.setChecked(on)
            act.blockSignals(False)

    def _color_dialog(self, slot: Callable[[QColor], None], title: str) -> QColorDialog:
        """Titled from this .ts, not Qt's ("Select Color"): the live language switch retitles
        what it finds there (QA5 #16)."""
        dialog = QColorDialog(self)
        dialog.setWindowTitle(title)
        dialog.colorSelected.connect(slot)
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_color(self) -> QColorDialog:
        return self._color_dialog(self.editor.set_text_color, self.tr("Text colour"))

    def choose_highlight(self) -> QColorDialog:
        return self._color_dialog(self.editor.set_highlight, self.tr("Highlight colour"))

    def edit_link(self) -> LinkDialog:
        cursor = self.editor.textCursor()
        fmt = cursor.charFormat()
        dialog = LinkDialog(self, cursor.selectedText(),
                            fmt.anchorHref() if fmt.isAnchor() else "")
        dialog.accepted.connect(lambda: self.editor.insert_link(dialog.link_text(),
                                                                dialog.target))
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_image(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Insert image"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"))
        dialog.fileSelected.connect(lambda p: self.editor.insert_image_file(Path(p)))
        self.dialog = dialog
        dialog.open()
        return dialog
