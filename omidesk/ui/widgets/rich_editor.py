"""The message editor: a QTextEdit whose pasted and dropped images become inline cid: parts with
their original bytes, and a toolbar of formatting actions (dialogs opened with open(), never
exec())."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction, QColor, QFont, QImage, QImageWriter, QKeyEvent, QKeySequence, QTextBlockFormat,
    QTextCharFormat, QTextDocument, QTextDocumentFragment, QTextImageFormat, QTextListFormat,
)
from PySide6.QtWidgets import (
    QColorDialog, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel,
    QLineEdit, QTextEdit, QToolBar, QWidget,
)

from ...core.message import InlineImage, new_content_id
from ..i18n import pick

if TYPE_CHECKING:
    from ...core.html_images import EmbeddedHtml

# A link's colour in the message: the recipient's client shows it on white, whatever palette
# the sender's screen has (a dark palette's light blue would go into the HTML otherwise).
LINK_COLOR = "#1a73e8"
IMAGE_SUFFIXES = frozenset((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"))
FONT_SIZES = (8, 9, 10, 10.5, 11, 12, 14, 16, 18, 24, 36)


def _only_pictures_on_the_web(embedded: EmbeddedHtml) -> bool:
    """HTML that is one or more remote pictures and no text: what a browser's Copy image puts
    beside the picture's own bytes."""
    if embedded.images or embedded.problems or not embedded.remote:
        return False
    text = QTextDocumentFragment.fromHtml(embedded.html).toPlainText()
    return not text.replace("\ufffc", "").strip()


class RichEditor(QTextEdit):
    """Rich text with inline images kept as bytes (cid -> InlineImage)."""

    files_dropped = Signal(list)  # list[Path] of non-image files: attachments for the tab
    pasted_note = Signal(str)  # about the pictures just pasted: some cannot go, or are remote

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        # Tab and Shift+Tab move on to the buttons and back, as in a form (QA5 #7); a tab
        # character is Ctrl+Tab, as in Word's table cells (Outlook's editor), or Option+Tab
        # on a Mac, as in its text fields (keyPressEvent)
        self.setTabChangesFocus(True)
        self._images: dict[str, InlineImage] = {}
        self._sender = ""  # inline images get Content-IDs on its domain

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        """Ctrl+Tab (Control or Option on a Mac) types a tab character, and does not switch
        the window's tab page from inside the text."""
        typed = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_Tab and typed in (
                Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.MetaModifier,
                Qt.KeyboardModifier.AltModifier) and not self.isReadOnly():
            self.textCursor().insertText("\t")
            event.accept()
            return
        super().keyPressEvent(event)

    # -- images ------------------------------------------------------------------------------
    def set_sender(self, sender: str) -> None:
        """The sender's address: the domain of the Content-IDs of images inserted from now."""
        self._sender = sender

    def insert_image(self, data: bytes, mime_type: str = "image/png", filename: str = "") -> str:
        """Insert an image at the cursor; returns its Content-ID (without <>)."""
        return self._insert(InlineImage(new_content_id(self._sender), bytes(data), mime_type,
                                        filename))

    def _insert(self, inline: InlineImage) -> str:
        image = QImage.fromData(QByteArray(inline.data))
        cid = inline.cid
        self._images[cid] = inline
        self._register(cid, image)
        fmt = QTextImageFormat()
        fmt.setName(f"cid:{cid}")
        if not image.isNull():
            width = min(image.width(), 600)
            fmt.setWidth(width)
            fmt.setHeight(image.height() * width / max(image.width(), 1))
        self.textCursor().insertImage(fmt)
        return cid

    def insert_image_file(self, path: Path) -> str:
        """An image file, read as `omidesk send --html-file` reads its images (one path:
        core.html_images.image_file)."""
        from ...core.html_images import image_file

        return self._insert(image_file(Path(path), sender=self._sender))

    def _register(self, cid: str, image: QImage) -> None:
        self.document().addResource(QTextDocument.ResourceType.ImageResource,
                                    QUrl(f"cid:{cid}"), image)

    def set_images(self, images: list[InlineImage]) -> None:
        """Known images (from a draft) before setHtml(), so they show and are kept."""
        for img in images:
            self._images[img.cid] = img
            self._register(img.cid, QImage.fromData(QByteArray(img.data)))

    def inline_images(self) -> list[InlineImage]:
        """The images still in the document, in the order they were added."""
        html = self.toHtml()
        return [img for cid, img in self._images.items() if f"cid:{cid}" in html]

    def html_for_mail(self) -> str:
        """toHtml() for the message: a link coloured by this screen's palette (Qt colours
        the links of HTML it reads, e.g. an opened .eml, with it) gets LINK_COLOR instead."""
        html = self.toHtml()
        screen = self.palette().link().color().name()
        if screen != LINK_COLOR:
            html = html.replace(f"color:{screen};", f"color:{LINK_COLOR};")
        return html

    def clear_all(self) -> None:
        self._images.clear()
        self.clear()

    # -- paste and drop ----------------------------------------------------------------------
    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt name)
        if source.hasImage() or source.hasUrls():
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt name)
        """Files: images inline, the rest attachments. HTML (Word, a web page, Excel's table)
        before a picture: Excel and Calc put a bitmap of the range beside it (QA5 #2), so a
        picture only when there is nothing else (a screenshot), or when the HTML is nothing
        but pictures on the web (a browser's Copy image: the picture itself goes then)."""
        if source.hasUrls():
            files = [Path(u.toLocalFile()) for u in source.urls() if u.isLocalFile()]
            images = [p for p in files if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()]
            others = [p for p in files if p not in images and p.is_file()]
            for path in images:
                self.insert_image_file(path)  # the file's own bytes, not a re-encoding
            if others:
                self.files_dropped.emit(others)
            if files:
                return
        if source.hasHtml():
            embedded = self._embedded(source.html())
            if not (source.hasImage() and _only_pictures_on_the_web(embedded)):
                self._insert_html(embedded, source)
                return
        if source.hasImage():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                buffer = QBuffer()
                buffer.open(QIODevice.OpenModeFlag.WriteOnly)
                # raw pixels from the clipboard: only now encode (QImage.save's typing is off)
                QImageWriter(buffer, QByteArray(b"PNG")).write(image)
                self.insert_image(bytes(buffer.data().data()), "image/png", "image.png")
                return
        super().insertFromMimeData(source)

    def _embedded(self, html: str, *, files: bool = True) -> EmbeddedHtml:
        """Pasted HTML's file: and data: images as cid: parts (core.html_images, the path
        `omidesk send --html-file` takes): Word's clip_image002.png from the user's
        AppData, a web page's data: picture; registered, not yet in the document."""
        from ...core.html_images import embed_images

        embedded = embed_images(html, sender=self._sender, files=files)
        for inline in embedded.images:
            self._images[inline.cid] = inline
            self._register(inline.cid, QImage.fromData(QByteArray(inline.data)))
        return embedded

    def set_html(self, html: str) -> None:
        """A draft's or an opened .eml's HTML, its data: pictures as parts (a message saved
        by another program has them; a picture file it names on this disk is not read: Send
        names it)."""
        self.setHtml(self._embedded(html, files=False).html if "data:" in html else html)

    def _insert_html(self, embedded: EmbeddedHtml, source: QMimeData) -> None:
        """The HTML with its images registered, inserted as Qt inserts pasted HTML; what did
        not go into the message (a file that cannot be read) or stays on the web is said."""
        pasted = QMimeData()
        pasted.setHtml(embedded.html)
        if source.hasText():
            pasted.setText(source.text())
        super().insertFromMimeData(pasted)
        self.pasted_note.emit(self._paste_note(embedded))

    def _paste_note(self, embedded: EmbeddedHtml) -> str:
        """What the tab says under the text after a paste ("" when all is well)."""
        said = [pick(problem.text()) for problem in embedded.problems]
        if embedded.remote:
            hosts = sorted({QUrl(src).host() for src in embedded.remote} - {""})
            said.append(self.tr(
                "Pictures of the pasted text that are on the web ({hosts}) go as links to "
                "them: many mail programs (Outlook, Gmail) show them only once the recipient "
                "allows it. To send a picture inside the message, save it and insert it with "
                "Image….").format(hosts=", ".join(hosts[:3]) + (" …" if len(hosts) > 3 else "")))
        return "\n".join(said)

    # -- formatting --------------------------------------------------------------------------
    def merge_format(self, fmt: QTextCharFormat) -> None:
        # With a selection, it changes; without, what is typed next (as in Word and Outlook).
        self.mergeCurrentCharFormat(fmt)

    def set_bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self.merge_format(fmt)

    def set_italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self.merge_format(fmt)

    def set_underline(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontUnderline(on)
        self.merge_format(fmt)

    def set_strike(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontStrikeOut(on)
        self.merge_format(fmt)

    def set_point_size(self, size: float) -> None:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(size)
        self.merge_format(fmt)

    def set_text_color(self, color: QColor) -> None:
        fmt = QTextCharFormat()
        fmt.setForeground(color)
        self.merge_format(fmt)

    def set_highlight(self, color: QColor) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        self.merge_format(fmt)

    def make_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            block = QTextBlockFormat()
            block.setIndent(0)
            for _ in range(current.count()):
                current.remove(current.item(0))
            cursor.setBlockFormat(block)
            return
        fmt = QTextListFormat()
        fmt.setStyle(style)
        cursor.createList(fmt)

    def change_indent(self, delta: int) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        if current is not None:
            fmt = current.format()
            fmt.setIndent(max(1, fmt.indent() + delta))
            current.setFormat(fmt)
            return
        block = cursor.blockFormat()
        block.setIndent(max(0, block.indent() + delta))
        cursor.setBlockFormat(block)

    def insert_link(self, text: str, url: str) -> None:
        cursor = self.textCursor()
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setFontUnderline(True)
        fmt.setForeground(QColor(LINK_COLOR))
        cursor.insertText(text or url, fmt)
        self.setCurrentCharFormat(QTextCharFormat())

    def clear_formatting(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.setCharFormat(QTextCharFormat())
        self.setCurrentCharFormat(QTextCharFormat())


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
