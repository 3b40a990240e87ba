"""The live SMTP transcript: monospace, coloured by direction (server, client, local fact) with
colours taken from the palette (so dark mode works), batched so a flood of lines never stalls the
UI, auto-scrolling until the user scrolls up, with find, copy and a per-attempt filter (the
panel around it, with its tool row and find bar, is transcript_panel.py).

Lines arrive already redacted by core (TranscriptEvent.render()); nothing here adds any secret.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor, QContextMenuEvent, QFontDatabase, QGuiApplication, QPalette, QTextCharFormat,
    QTextCursor, QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from ...core.smtp.transcript import CLIENT, LOCAL, SERVER, TranscriptEvent
from ..i18n import current_lang

ALL = None  # the filter value that shows every attempt
MAX_HIGHLIGHTS = 2000


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def _contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _flatten(color: QColor, background: QColor) -> QColor:
    """A translucent colour (Qt's PlaceholderText is Text at half alpha) as painted on
    `background`."""
    a = color.alphaF()
    return QColor.fromRgbF(color.redF() * a + background.redF() * (1 - a),
                           color.greenF() * a + background.greenF() * (1 - a),
                           color.blueF() * a + background.blueF() * (1 - a))


def readable(color: QColor, background: QColor, minimum: float = 3.0) -> QColor:
    """`color`, made lighter on a dark background (darker on a light one) until it reads."""
    dark_background = _luminance(background) < 0.5
    result = _flatten(color, background)
    for _ in range(12):
        if _contrast(result, background) >= minimum:
            break
        result = result.lighter(125) if dark_background else result.darker(125)
        if dark_background and result.value() >= 255 and result.saturation() == 0:
            break
    return result


class TranscriptView(QPlainTextEdit):
    """Read-only transcript. Feed it with append_event(attempt, event); lines are collected and
    written every FLUSH_MS by a single-shot timer."""

    FLUSH_MS = 50
    MAX_LINES_PER_FLUSH = 500

    following_changed = Signal(bool)
    find_requested = Signal()  # "Find…" chosen in the context menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setPlaceholderText(self.tr("The SMTP conversation appears here line by line as a "
                                        "test runs: what the server says (<<), what OMIDesk "
                                        "sends (>>) and notes (**). The password never shows."))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._events: list[tuple[int, TranscriptEvent]] = []  # everything, for the filter
        self._pending: list[tuple[int, TranscriptEvent]] = []
        self._prefixes: dict[int, str] = {}
        self._filter: int | None = ALL
        self._shown = 0  # lines in the document
        self._follow = True
        self._find_text = ""
        self._formats: dict[str, QTextCharFormat] = {}
        self._meta_format = QTextCharFormat()
        self._build_formats()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush_batch)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.setAccessibleName(self.tr("SMTP transcript"))

    # -- feeding ---------------------------------------------------------------------------------
    def set_prefix(self, attempt: int, prefix: str) -> None:
        """Text put before each line of `attempt` ("" for none), e.g. "#2 587/starttls"."""
        self._prefixes[attempt] = prefix

    def append_event(self, attempt: int, event: TranscriptEvent) -> None:
        self._events.append((attempt, event))
        if self._filter is ALL or self._filter == attempt:
            self._pending.append((attempt, event))
            if not self._timer.isActive():
                self._timer.start(self.FLUSH_MS)

    def clear_events(self) -> None:
        self._timer.stop()
        self._events.clear()
        self._pending.clear()
        self._prefixes.clear()
        self._shown = 0
        self.clear()
        self._follow = True
        self._highlight()

    def events(self, attempt: int | None = ALL) -> list[TranscriptEvent]:
        return [e for a, e in self._events if attempt is ALL or a == attempt]

    def flush(self) -> None:
        """Write every collected line now (copy, find and tests call this)."""
        self._flush(None)

    def _flush_batch(self) -> None:
        self._flush(self.MAX_LINES_PER_FLUSH)

    def _flush(self, limit: int | None) -> None:
        self._timer.stop()
        if limit is None or len(self._pending) <= limit:
            batch, self._pending = self._pending, []
        else:  # a flood: write a slice now, the rest on the next turns of the event loop
            batch, self._pending = self._pending[:limit], self._pending[limit:]
            self._timer.start(0)
        if not batch:
            return
        follow = self._follow
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        for attempt, event in batch:
            self._write(cursor, attempt, event)
        cursor.endEditBlock()
        if follow:
            self.scroll_to_end()
        if self._find_text:
            self._highlight()

    def _write(self, cursor: QTextCursor, attempt: int, event: TranscriptEvent) -> None:
        line = event.render(current_lang())
        split = line.find(f" {event.direction} ")
        split = split + 1 if split >= 0 else 0
        prefix = self._prefixes.get(attempt, "")
        if self._shown:
            cursor.insertBlock()
        self._shown += 1
        meta = (f"{prefix} │ " if prefix else "") + line[:split]
        cursor.insertText(meta, self._meta_format)
        body = line[split:]
        fmt = self._formats.get(event.direction, self._formats[LOCAL])
        if event.direction == SERVER and event.text[:1] in ("4", "5"):
            fmt = self._formats["error"]
        cursor.insertText(body, fmt)

    def _rerender(self) -> None:
        self._timer.stop()
        self._pending = [(a, e) for a, e in self._events
                         if self._filter is ALL or a == self._filter]
        self._shown = 0
        self.clear()
        self._follow = True
        self.flush()
        self._highlight()

    # -- filter ----------------------------------------------------------------------------------
    def set_filter(self, attempt: int | None) -> None:
        """Show one attempt's lines (its number) or all of them (None)."""
        if attempt == self._filter:
            return
        self._filter = attempt
        self._rerender()

    @property
    def filter(self) -> int | None:
        return self._filter

    # -- colours ---------------------------------------------------------------------------------
    def _build_formats(self) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dim = readable(palette.color(QPalette.ColorRole.PlaceholderText), base, 2.5)
        link = readable(palette.color(QPalette.ColorRole.Link), base, 4.0)
        # A warm accent for refusals, adjusted to the background like the others.
        warn = readable(QColor("#c0392b"), base, 4.0)

        def fmt(color: QColor, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            f.setForeground(color)
            if bold:
                f.setFontWeight(700)
            f.setFontItalic(italic)
            return f

        self._formats = {
            SERVER: fmt(text),  # the server's words: the plain text colour
            CLIENT: fmt(link),  # what we sent: the palette's link colour
            LOCAL: fmt(dim, italic=True),  # our own facts: dimmed
            "error": fmt(warn, bold=True),  # 4xx/5xx replies
        }
        self._meta_format = fmt(dim)

    def direction_color(self, direction: str) -> QColor:
        return self._formats.get(direction, self._formats[LOCAL]).foreground().color()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._build_formats()
            self._rerender()
        elif event.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(self.tr("SMTP transcript"))
            self._rerender()  # the ** notes in the new language

    # -- auto-scroll -----------------------------------------------------------------------------
    @property
    def following(self) -> bool:
        """True while new lines scroll into view; False after the user scrolled up."""
        return self._follow

    def scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
        self._set_follow(True)

    def _scrolled(self, value: int) -> None:
        self._set_follow(value >= self.verticalScrollBar().maximum())

    def _set_follow(self, follow: bool) -> None:
        if follow != self._follow:
            self._follow = follow
            self.following_changed.emit(follow)

    # -- copy ------------------------------------------------------------------------------------
    def copy_text(self) -> str:
        """The selection, or every line shown when nothing is selected."""
        self.flush()
        cursor = self.textCursor()
        if cursor.hasSelection():
            return cursor.selection().toPlainText()
        return self.toPlainText()

    def copy_to_clipboard(self) -> str:
        text = self.copy_text()
        QGuiApplication.clipboard().setText(text)
        return text

    def copy_all(self) -> str:
        self.flush()
        text = self.toPlainText()
        QGuiApplication.clipboard().setText(text)
        return text

    # -- find ------------------------------------------------------------------------------------
    def find_text(self, text: str, *, backward: bool = False) -> bool:
        """Select the next (or previous) match, wrapping around; highlight every match."""
        self.flush()
        if text != self._find_text:
            self._find_text = text
            self._highlight()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.find(text, flags):
            return True
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End if backward
                            else QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        return self.find(text, flags)

    def set_find_text(self, text: str) -> int:
        """Highlight every match of `text` ("" clears); returns how many there are."""
        self._find_text = text
        return self._highlight()

    def match_count(self) -> int:
        return len(self.extraSelections())

    def _highlight(self) -> int:
        selections: list[QTextEdit.ExtraSelection] = []
        if self._find_text:
            color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            color.setAlpha(90)
            document = self.document()
            cursor = document.find(self._find_text, 0)
            while not cursor.isNull() and len(selections) < MAX_HIGHLIGHTS:
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format.setBackground(color)
                selections.append(selection)
                cursor = document.find(self._find_text, cursor)
        self.setExtraSelections(selections)
        return len(selections)

    # -- context menu ----------------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt name)
        menu: QMenu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        menu.addAction(self.tr("Copy &all"), self.copy_all)
        menu.addAction(self.tr("&Find…"), self.find_requested.emit)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
