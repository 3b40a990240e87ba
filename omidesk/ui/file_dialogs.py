"""Where a file dialog opens: the folder the user last chose for that kind of file, and the
user's Documents folder the first time (QStandardPaths), never the process's working folder
(which is the install folder, or / on macOS, for a packaged app)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from .settings import app_settings

KEY = "dialogs/folder/{kind}"


def documents_folder() -> str:
    """Documents, where it exists, else the home folder: a QFileDialog told to start in a
    folder that does not exist opens in the process's working folder instead (QA3 #13)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and Path(found).is_dir() else str(Path.home())


def start_folder(kind: str) -> str:
    """The folder a `kind` dialog ("list", "attachment", "export" …) opens in."""
    saved = str(app_settings().value(KEY.format(kind=kind), "") or "")
    return saved if saved and Path(saved).is_dir() else documents_folder()


def start_in(dialog: QFileDialog, kind: str, name: str = "") -> QFileDialog:
    """Open `dialog` in the folder for `kind` (with `name` proposed, for a save dialog) and
    remember the folder of what the user picks."""
    dialog.setDirectory(start_folder(kind))
    if name:
        dialog.selectFile(name)

    def remember(paths: list[str]) -> None:
        if paths:
            folder = Path(paths[0]).parent
            app_settings().setValue(KEY.format(kind=kind), str(folder))

    dialog.filesSelected.connect(remember)
    fit_columns(dialog)
    return dialog


def fit_columns(dialog: QFileDialog) -> None:
    """Qt's own (non-native) dialog opens small, with a Date Modified column that the 繁中 short
    date ("2026/12/31 下午11:59") does not fit — elided in the middle, the time lost — and a
    Type column that cuts "Excel 試算表" (QA round 2, finding 15). Here: a size with room for
    the names, the date column as wide as the longest date of the user's locale, the type
    column as wide as a spreadsheet's type."""
    from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
    from PySide6.QtWidgets import QTreeView

    view = dialog.findChild(QTreeView, "treeView")
    if view is None:  # a native dialog
        return
    longest = QDateTime(QDate(2026, 12, 28), QTime(23, 59))  # two-digit month, day, hour
    metrics = view.fontMetrics()
    width = max(metrics.horizontalAdvance(locale.toString(longest,
                                                         QLocale.FormatType.ShortFormat))
                for locale in (QLocale.system(), QLocale()))  # the model's, the app's
    width += 3 * metrics.averageCharWidth()
    header = view.header()
    if header.count() > 3 and header.sectionSize(3) < width:
        header.resizeSection(3, width)
    kind = max(metrics.horizontalAdvance(t) for t in ("Excel 2007 試算表",
                                                       "Microsoft Excel Worksheet"))
    kind += 2 * metrics.averageCharWidth()
    if header.count() > 2 and header.sectionSize(2) < kind:
        header.resizeSection(2, kind)
    if dialog.width() < 820:
        dialog.resize(820, max(dialog.height(), 500))
