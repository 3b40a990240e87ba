"""The window's tabs, each built on first use: a placeholder until then, replaced in place.

The tab the window opens on is built right after the window's first paint; the others once that
one is on screen, one per turn of the event loop (input still flows), or at once when something
uses one. A tab that needs another (the Mailing tab reads the Compose tab's draft) has it built
first."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from ..painted import on_first_paint


class TabDeck(QObject):
    built = Signal(str, QWidget)  # name, tab: just built and in its place

    def __init__(self, tabs: QTabWidget, titles: Mapping[str, str],
                 factories: Mapping[str, Callable[[], QWidget]], *,
                 needs: Mapping[str, Sequence[str]] | None = None) -> None:
        """titles: the tabs in order; factories: how each is built; needs: the tabs that must
        exist before a tab is built."""
        super().__init__(tabs)
        self.tabs = tabs
        self.order = list(titles)
        self._factories = dict(factories)
        self._needs = dict(needs or {})
        self._built: dict[str, QWidget] = {}
        self._rest_planned = False
        self._held = False  # the rest waits (the keychain is read first)
        self._waiting = False  # it waited: release() goes on
        self._stopped = False
        for name in self.order:
            tabs.addTab(QWidget(), titles[name])

    def follow(self) -> None:
        """From now on, the tab shown is built (after the saved tab index is restored)."""
        self.tabs.currentChanged.connect(self._shown)

    # -- building --------------------------------------------------------------------------------
    def get(self, name: str) -> QWidget:
        built = self._built.get(name)
        if built is not None:
            return built
        if name not in self.order:
            raise AttributeError(f"this window has no {name}")
        for needed in self._needs.get(name, ()):
            if needed in self.order:
                self.get(needed)
        if name in self._built:  # built meanwhile by what it needs
            return self._built[name]
        widget = self._factories[name]()
        self._built[name] = widget
        index = self.order.index(name)
        placeholder = self.tabs.widget(index)
        title = self.tabs.tabText(index)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        if placeholder is not None:
            placeholder.deleteLater()
        self.built.emit(name, widget)
        return widget

    def is_built(self, name: str) -> bool:
        return name in self._built

    def built_names(self) -> list[str]:
        return [name for name in self.order if name in self._built]

    def built_tabs(self) -> list[QWidget]:
        return [self._built[name] for name in self.built_names()]

    def show(self, name: str) -> QWidget:
        tab = self.get(name)
        self.tabs.setCurrentWidget(tab)
        return tab

    def _shown(self, index: int) -> None:
        if 0 <= index < len(self.order):
            self.get(self.order[index])

    # -- after the first paint -------------------------------------------------------------------
    def build_current(self) -> QWidget | None:
        """The tab the window shows, then (once it is painted) the rest. Returns the tab if it
        was built now."""
        if self._rest_planned:
            return None
        self._rest_planned = True
        name = self.order[self.tabs.currentIndex()]
        fresh = name not in self._built
        tab = self.get(name)
        # Not inside its paint event: the frame reaches the screen once painting is done.
        on_first_paint(tab, lambda: QTimer.singleShot(0, self._build_rest))
        tab.update()
        return tab if fresh else None

    def hold(self) -> None:
        """The rest waits until release() (the keychain is read first)."""
        self._held = True

    def release(self) -> None:
        self._held = False
        if self._waiting:
            self._waiting = False
            QTimer.singleShot(0, self._build_rest)

    def stop(self) -> None:
        """The window closes: nothing more is built."""
        self._stopped = True

    def _build_rest(self) -> None:
        if self._stopped:
            return
        if self._held:
            self._waiting = True
            return
        for name in self.order:
            if name not in self._built:
                self.get(name)
                QTimer.singleShot(0, self._build_rest)
                return
