"""The message editor: a QTextEdit whose pasted and dropped images become inline cid: parts with
their original bytes (its toolbar and link dialog: editor_toolbar.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor, QFont, QImage, QImageWriter, QKeyEvent, QTextBlockFormat, QTextCharFormat,
    QTextDocument, QTextDocumentFragment, QTextImageFormat, QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

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
        """Known images (from a draft, or a paste's embedded ones) before their HTML goes in,
        so they show and are kept."""
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
        self.set_images(embedded.images)
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

