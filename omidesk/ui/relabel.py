"""The live language switch: every text already on screen in the other language.

Qt sends LanguageChange to every widget when a translator is installed; the widgets whose
texts depend on their state (the diagnosis, the options, the transcript…) rebuild them in
retranslate(). Everything else — labels, buttons, group titles, tabs, menus, actions,
placeholders, tool tips, combo items, table headers — was set once from tr() or from a core
Text, and is found again here: its words in the language it was shown in lead back to the
message it came from (the .ts for tr(), the Texts picked through i18n.pick), and that message
is shown in the new language. One walk over every window on a switch; nothing is rebuilt, so
nothing typed, selected or running is lost.

A text built with .format() (a count, a name) is not a message any more: the widget that shows
it words it again in retranslate() (or at its next update)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QGroupBox, QLabel, QLineEdit,
    QMenu, QPlainTextEdit, QTabWidget, QTextEdit, QToolBox, QTreeWidget, QTreeWidgetItem, QWidget,
)

from ..core.text import Text, normalize_lang
from . import i18n
from .translations import TS_DIR


@dataclass
class Catalog:
    """The messages of one .ts: source -> [(context, translation)], and the reverse."""

    forward: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    backward: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, context: str, source: str, translation: str) -> None:
        self.forward.setdefault(source, []).append((context, translation))
        self.backward.setdefault(translation, []).append((context, source))


_PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%n")


@dataclass(frozen=True)
class Pattern:
    """A message with placeholders ("{n} sent", "%n message(s) received") as a regular
    expression over its words in one language, to find a formatted text's values again."""

    regex: re.Pattern[str]
    names: tuple[str, ...]
    source: str
    translation: str
    literal: int  # how much of it is words, not values: the longer, the surer the match
    context: str = ""


def _pattern(shown: str, source: str, translation: str, context: str) -> Pattern | None:
    parts = _PLACEHOLDER.split(shown)
    names = tuple(_PLACEHOLDER.findall(shown))
    words = "".join(parts)
    literal = sum(len(p.strip()) for p in parts)
    # words, not only punctuation around values ("{a} ({b})" would match anything)
    if not names or len(re.findall(r"\w", words)) < 2 or len(set(names)) != len(names):
        return None
    regex = "".join(re.escape(part) + (f"(?P<g{i}>.+?)" if i < len(names) else "")
                    for i, part in enumerate(parts))
    return Pattern(re.compile(regex + r"\Z", re.S), names, source, translation, literal,
                   context)


@cache
def patterns(lang: str) -> tuple[Pattern, ...]:
    """The catalog's messages with placeholders, as shown in `lang`, surest first (an English
    count as shown: each of its plural forms, "%n file, {size}" and "%n files, {size}")."""
    found = []
    plurals = english_plurals()
    for source, entries in catalog().forward.items():
        for context, translation in entries:
            shown = [translation] if lang == "zh_TW" else \
                list(plurals.get((context, source), ())) or [source]
            for text in shown:
                pattern = _pattern(text, source, translation, context)
                if pattern is not None:
                    found.append(pattern)
    return tuple(sorted(found, key=lambda p: -p.literal))


@cache
def english_plurals() -> dict[tuple[str, str], tuple[str, str]]:
    """(context, source) -> (one, many) of the English counts (omidesk_en.ts)."""
    import xml.etree.ElementTree as ET

    path = TS_DIR / "omidesk_en.ts"
    found: dict[tuple[str, str], tuple[str, str]] = {}
    if not Path(path).exists():
        return found
    for ctx in ET.parse(path).getroot().iter("context"):
        for msg in ctx.iter("message"):
            forms = [f.text or "" for f in msg.iter("numerusform")]
            if len(forms) == 2 and all(forms):
                found[(ctx.findtext("name") or "", msg.findtext("source") or "")] = \
                    (forms[0], forms[1])
    return found


def english_count(context: str, source: str, n: str) -> str:
    """The English plural form of a count message for the number shown as `n`."""
    forms = english_plurals().get((context, source))
    if forms is None:
        return source
    return forms[0] if n.strip() == "1" else forms[1]


@cache
def catalog(lang: str = "zh_TW") -> Catalog:
    """The .ts messages with a translation (plural forms: the first)."""
    import xml.etree.ElementTree as ET

    found = Catalog()
    path = TS_DIR / f"omidesk_{lang}.ts"
    if not Path(path).exists():
        return found
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            translation = msg.find("translation")
            if translation is None or translation.get("type") in ("vanished", "obsolete"):
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")]
            text = (forms[0] if forms else translation.text) or ""
            if text and source:
                found.add(name, source, text)
    return found


def _contexts(obj: QObject) -> list[str]:
    """The tr() contexts nearest first: the object's class and its parents' classes, each
    parent followed by the classes of its other children (a tab's model words the tab's
    combo box: SentLogModel for SentLogTab's filter)."""
    names: list[str] = []
    current: QObject | None = obj
    while current is not None:
        names += [cls.__name__ for cls in type(current).__mro__[:3]]
        names += [type(child).__name__ for child in current.children()]
        current = current.parent()
    return names


def _best(candidates: list[tuple[str, str]], obj: QObject) -> str:
    if len(candidates) > 1 and len({text for _c, text in candidates}) > 1:
        contexts = _contexts(obj)
        for context in contexts:
            for candidate_context, text in candidates:
                if candidate_context == context:
                    return text
    return candidates[0][1]


class Relabeller:
    """Words a text of `old` in `new`: a tr() message or a picked core Text, else None."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = normalize_lang(old), normalize_lang(new)
        self.catalog = catalog()
        self.picked = i18n.picked_texts()
        self.qt_own: dict[str, str] = {}

    def __call__(self, text: str, obj: QObject) -> str | None:
        if not text or self.old == self.new:
            return None
        if " · " in text:  # a line of parts ("2 rows · 1 will be sent · 1 invalid")
            parts = text.split(" · ")
            worded = [self(part, obj) for part in parts]
            if any(w is not None for w in worded):
                return " · ".join(w or p for w, p in zip(worded, parts, strict=True))
        if text[-1] in ":：" and len(text) > 1:  # a form label (i18n.with_colon)
            base = self._words(text[:-1], obj)
            if base is not None:
                return base + ("：" if self.new == "zh_TW" else ":")
        return self._words(text, obj)

    def _formatted(self, text: str, obj: QObject) -> str | None:
        """A message formatted with values: its words in the new language around the same
        values (a value that is itself a message, a field's name, is worded too)."""
        matches = [(p, m) for p in patterns(self.old) if (m := p.regex.match(text))]
        if matches:
            surest = [pm for pm in matches if pm[0].literal == matches[0][0].literal]
            contexts = _contexts(obj)
            surest.sort(key=lambda pm: contexts.index(pm[0].context)
                        if pm[0].context in contexts else len(contexts))
            pattern, match = surest[0]
            target = pattern.source if self.new == "en" else pattern.translation
            if self.new == "en" and "%n" in pattern.names:
                count = match[f"g{pattern.names.index('%n')}"]
                target = english_count(pattern.context, pattern.source, count)
            out = target
            for i, name in enumerate(pattern.names):
                value = match[f"g{i}"]
                value = self._words(value, obj, formatted=False) or value
                out = out.replace(name, value, 1)
            return out
        return None

    def _words(self, text: str, obj: QObject, *, formatted: bool = True) -> str | None:
        if text in self.qt_own:
            return self.qt_own[text]
        core = self.picked.get(text)
        if core is not None and core.get(self.old) == text:
            return core.get(self.new)
        if self.old == "en":  # English shown: it is the source itself
            candidates = self.catalog.forward.get(text)
            if candidates:
                return _best(candidates, obj)
            return self._formatted(text, obj) if formatted else None
        candidates = self.catalog.backward.get(text)
        if not candidates:
            return self._formatted(text, obj) if formatted else None
        source = _best(candidates, obj)
        if self.new == "en":
            return source
        return _best(self.catalog.forward.get(source, []), obj) or None


def _update(getter: Callable[[], str], setter: Callable[[str], object], obj: QObject,
            relabel: Relabeller) -> None:
    text = getter()
    new = relabel(text, obj)
    if new is not None and new != text:
        setter(new)


def _objects(roots: list[QWidget]) -> Iterator[QObject]:
    seen: set[int] = set()
    for root in roots:
        for obj in [root, *root.findChildren(QObject)]:
            if id(obj) not in seen:
                seen.add(id(obj))
                yield obj


def _is_data(obj: QObject) -> bool:
    current: QObject | None = obj
    while current is not None:
        if current.property(i18n.DATA):
            return True
        current = current.parent()
    return False


def _indexed(count: int, get: Callable[[int], str], put: Callable[[int, str], object],
             obj: QObject, r: Relabeller) -> None:
    for i in range(count):
        text = get(i)
        new = r(text, obj)
        if new is not None and new != text:
            put(i, new)


def relabel(obj: QObject, relabeller: Relabeller) -> None:
    """Every text property of one object that is a message of the old language."""
    r = relabeller
    if isinstance(obj, QWidget):
        _update(obj.toolTip, obj.setToolTip, obj, r)
        _update(obj.windowTitle, obj.setWindowTitle, obj, r)
        _update(obj.accessibleName, obj.setAccessibleName, obj, r)
        _update(obj.whatsThis, obj.setWhatsThis, obj, r)
    if _is_data(obj):  # its items and text are the user's
        return
    if isinstance(obj, (QLabel, QAbstractButton)):
        _update(obj.text, obj.setText, obj, r)
    elif isinstance(obj, QGroupBox):
        _update(obj.title, obj.setTitle, obj, r)
    elif isinstance(obj, (QLineEdit, QTextEdit, QPlainTextEdit)):
        _update(obj.placeholderText, obj.setPlaceholderText, obj, r)
    elif isinstance(obj, QMenu):
        _update(obj.title, obj.setTitle, obj, r)
    elif isinstance(obj, QComboBox):
        _indexed(obj.count(), obj.itemText, obj.setItemText, obj, r)
        line = obj.lineEdit() if obj.isEditable() else None
        if line is not None:
            _update(line.placeholderText, line.setPlaceholderText, obj, r)
    if isinstance(obj, QTabWidget):
        _indexed(obj.count(), obj.tabText, obj.setTabText, obj, r)
        _indexed(obj.count(), obj.tabToolTip, obj.setTabToolTip, obj, r)
    if isinstance(obj, QToolBox):
        _indexed(obj.count(), obj.itemText, obj.setItemText, obj, r)
    if isinstance(obj, QTreeWidget):
        header = obj.headerItem()
        columns = obj.columnCount()
        if header is not None:
            _indexed(columns, header.text, header.setText, obj, r)
        for item in _tree_items(obj):
            _indexed(columns, item.text, item.setText, obj, r)
            _indexed(columns, item.toolTip, item.setToolTip, obj, r)
    elif isinstance(obj, QAbstractItemView) and obj.model() is not None:
        _refresh_model(obj.model(), obj, r)
    if isinstance(obj, QAction):
        _update(obj.text, obj.setText, obj, r)
        _update(obj.toolTip, obj.setToolTip, obj, r)
        _update(obj.statusTip, obj.setStatusTip, obj, r)
        _update(obj.iconText, obj.setIconText, obj, r)


def _tree_items(tree: QTreeWidget) -> Iterator[QTreeWidgetItem]:
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        yield item
        stack += [item.child(i) for i in range(item.childCount())]


def model_shape(model: QAbstractItemModel) -> tuple[int, int]:
    """(rows, columns); a list model's columnCount is private in Qt: one column."""
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:
        columns = 1
    return model.rowCount(QModelIndex()), columns


def _refresh_model(model: QAbstractItemModel, view: QObject, r: Relabeller) -> None:
    """A model that words its headers and cells when asked (tr() in data()) is told to be
    asked again; one that keeps texts (QStandardItemModel, a QTableWidget) is relabelled."""
    rows, columns = model_shape(model)
    set_header = getattr(model, "setHeaderData", None)
    for orientation, count in ((Qt.Orientation.Horizontal, columns),
                               (Qt.Orientation.Vertical, 0)):
        for section in range(count):
            text = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            new = r(text, view) if isinstance(text, str) else None
            if new is not None and set_header is not None:
                set_header(section, orientation, new, Qt.ItemDataRole.EditRole)
    if columns:
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    if rows and columns:
        if hasattr(model, "item") or hasattr(view, "item"):  # keeps texts: relabel them
            for row in range(min(rows, 2000)):
                for column in range(columns):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        text = model.data(index, role)
                        new = r(text, view) if isinstance(text, str) else None
                        if new is not None and new != text:
                            model.setData(index, new, role)
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))


# Qt's own texts that Qt does not word again on LanguageChange (qtbase's catalogue).
QT_OWN = (("QTabBar", "Scroll Left"), ("QTabBar", "Scroll Right"))


def switch_language(old: str, new: str) -> None:
    """Install `new`'s translators and show every window in it."""
    from PySide6.QtCore import QCoreApplication

    from . import translations

    before = {QCoreApplication.translate(c, s): (c, s) for c, s in QT_OWN}
    translations.install(new)
    qt_own = {shown: QCoreApplication.translate(c, s) for shown, (c, s) in before.items()}
    relabel_all(old, new, qt_own=qt_own)


def relabel_all(old: str, new: str, roots: list[QWidget] | None = None, *,
                qt_own: dict[str, str] | None = None) -> None:
    """Every window's texts from `old` to `new` (after the new translator is installed).
    qt_own: Qt's own texts as shown before -> as shown now."""
    relabeller = Relabeller(old, new)
    relabeller.qt_own = qt_own or {}
    if roots is None:
        app = QApplication.instance()
        roots = list(app.topLevelWidgets()) if isinstance(app, QApplication) else []
    for obj in _objects(roots):
        relabel(obj, relabeller)


__all__ = ["Catalog", "Relabeller", "catalog", "relabel", "relabel_all", "Text"]
