"""Qt fixtures: a qasync loop per test, a throw-away settings folder, an in-memory keychain.

The in-memory keyring is the one mock here: a real macOS Keychain or Windows Credential Manager
cannot exist on this Linux CI machine."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import keyring
import pytest
import qasync
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError, PasswordSetError

from omidesk.core.sandbox import SandboxRelay
from omidesk.ui.session import Session


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


Backend = TypeVar("Backend", bound=KeyringBackend)


class RefusingKeyring(MemoryKeyring):
    """A keychain that refuses while `refusing` is set, with keyring's real error types and
    words of a macOS keychain whose prompt got "Deny" (a locked Secret Service collection
    raises the same KeyringLocked). The one allowed kind of mock: no keychain that could
    refuse exists on this Linux machine (QA4 #12)."""

    def __init__(self) -> None:
        super().__init__()
        self.refusing = True
        self.calls = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        if self.refusing:
            raise KeyringLocked("The keychain is locked (user pressed Deny)")
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        if self.refusing:
            raise PasswordSetError("User denied access to the keychain")
        super().set_password(service, username, password)


def _installed(backend: Backend) -> Iterator[Backend]:
    """`backend` as keyring's for one test, the one before it put back after."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def refusing_keyring() -> Iterator[RefusingKeyring]:
    yield from _installed(RefusingKeyring())


@pytest.fixture(scope="session", autouse=True)
def english_ui(qapp) -> None:
    """English as the app installs it at start: the source texts, with the plural forms of
    its counts ("1 file", "2 files"; omidesk_en.ts)."""
    from PySide6.QtCore import QStandardPaths

    from omidesk.ui import translations

    QStandardPaths.setTestModeEnabled(True)  # the compiled .qm in Qt's test cache
    assert translations.install("en")
    QStandardPaths.setTestModeEnabled(False)


@pytest.fixture
def english() -> Iterator[None]:
    from omidesk.ui import i18n

    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language(None)


@pytest.fixture
def options_tab(qtbot, english):  # type: ignore[no-untyped-def]
    """The Options tab on a fresh session, in English, 1000×800."""
    from omidesk.ui.tabs.options_tab import OptionsTab

    widget = OptionsTab(Session())
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    return widget


@pytest.fixture
def session(qapp, tmp_path: Path) -> Session:
    """What a tab under test shares with the others in the window: its data folder is the
    test's own, and it has no sent log (the window's tests have one)."""
    return Session(tmp_path, sent_log=None)


@pytest.fixture
def relay() -> Iterator[SandboxRelay]:
    """The app's sandbox relay, running (the assembled window's tests send to it)."""
    with SandboxRelay() as running:
        yield running


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    yield from _installed(MemoryKeyring())


@pytest.fixture
def settings_dir(tmp_path: Path, qapp, monkeypatch) -> Iterator[Path]:
    """QSettings (IniFormat) and QStandardPaths (data, cache, config) in this test's own
    folder. Not Qt's test mode: that shares ~/.qttest between tests, and a draft autosaved by
    one test would be restored by the next."""
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(False)  # whatever a previous test left
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield tmp_path
    # Still this test's own folder at its end: nothing turned Qt's test mode on meanwhile
    # (its ~/.qttest is shared by every test and run, and keeps what they leave).
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert Path(data).is_relative_to(tmp_path), f"the app's data went to {data}"


@pytest.fixture
def qloop(qapp) -> Iterator[qasync.QEventLoop]:
    """A qasync loop on the test's QApplication: drive coroutines with
    qloop.run_until_complete(...); inside them, await signal_future(...) — never the blocking
    qtbot.waitSignal, which deadlocks there."""
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    loop.run_until_complete(asyncio.sleep(0))
    asyncio.set_event_loop(None)
    loop.close()
    # Free the closed loop's Qt timers here, on the GUI thread: left to the garbage collector
    # they may be freed on a test server's thread ("Timers cannot be stopped from another
    # thread") and crash the process.
    gc.collect()


@pytest.fixture(params=["en", "zh_TW"])
def lang(request, qapp) -> Iterator[str]:
    """Each UI language in turn, its translators installed (the tests of what every tab shows
    in both: access keys, the focus chain's names)."""
    from omidesk.ui import i18n, translations

    i18n.set_language(request.param)
    translations.install(request.param)
    yield request.param
    i18n.set_language(None)
    translations.install(i18n.current_lang())


@pytest.fixture
def chinese_ui() -> Iterator[None]:
    """The app's 繁中 translation installed for one test, English again after it (its .qm is
    compiled into the session's or the test's cache folder, tests/conftest.py, settings_dir)."""
    from omidesk.ui import translations

    assert translations.install("zh_TW")
    yield
    translations.install("en")
