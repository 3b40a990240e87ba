"""Passwords: the OS keychain (keyring) and memory, nowhere else. Where no keychain backend
exists (headless Linux), the password is kept for this session only and the UI says so.

The keychain is opened on first use, not when the store is made: importing keyring and finding
its backend takes ~60 ms (and a macOS keychain may ask the user), so the app opens it with
`load()` on a worker thread once its window is up."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

SERVICE = "OMIDesk"
log = logging.getLogger(__name__)


class SecretStore:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._session: dict[str, str] = {}
        self._problem: str | None = None  # None: the keychain not looked at yet
        self._lock = threading.RLock()  # load() may run on a worker thread

    @property
    def opened(self) -> bool:
        """Whether the keychain has been looked at (reading `problem` would open it)."""
        return self._problem is not None

    @property
    def problem(self) -> str:
        """Why the keychain cannot be used ("" when it can)."""
        with self._lock:
            if self._problem is None:
                self._problem = self._open()
            return self._problem

    @staticmethod
    def _open() -> str:
        try:
            import keyring
            from keyring.errors import KeyringError

            backend = keyring.get_keyring()
        except ImportError as exc:  # a frozen app missing keyring's backends
            return f"keyring cannot be loaded ({exc})"
        except (KeyringError, RuntimeError) as exc:
            return type(exc).__name__
        priority = getattr(backend, "priority", 1)
        if priority is not None and priority <= 0:
            return f"no usable keychain backend ({type(backend).__name__})"
        return ""

    @property
    def keychain_available(self) -> bool:
        return not self.problem

    def load(self, account_ids: Iterable[str]) -> None:
        """Open the keychain and read these accounts' passwords into memory. Blocking: the app
        runs it on a worker thread, so a slow keychain or its prompt never freezes the window."""
        for account_id in account_ids:
            self.get(account_id)

    def get(self, account_id: str) -> str:
        with self._lock:
            if account_id in self._session:
                return self._session[account_id]
            if not self.keychain_available:
                return ""
            import keyring
            from keyring.errors import KeyringError

            try:
                password = keyring.get_password(self.service, account_id) or ""
            except (KeyringError, RuntimeError) as exc:
                self._degrade(exc)
                return ""
            if password:
                # The keychain is asked once per account and session: it may be slow or
                # show a prompt.
                self._session[account_id] = password
            return password

    def cached(self, account_id: str) -> str | None:
        """The password already in memory, without asking the keychain (None if not)."""
        return self._session.get(account_id)

    def keep(self, account_id: str, password: str) -> None:
        """For this session only, without touching the keychain (the sandbox's password)."""
        with self._lock:
            self._session[account_id] = password

    def set(self, account_id: str, password: str, *, remember: bool) -> bool:
        """Keep the password; in the keychain when asked and possible. True when remembered."""
        with self._lock:
            self._session[account_id] = password
            if not remember or not self.keychain_available:
                self._forget_in_keychain(account_id)
                return False
            import keyring
            from keyring.errors import KeyringError

            try:
                keyring.set_password(self.service, account_id, password)
                return True
            except (KeyringError, RuntimeError) as exc:
                self._degrade(exc)
                return False

    def delete(self, account_id: str) -> None:
        with self._lock:
            self._session.pop(account_id, None)
            self._forget_in_keychain(account_id)

    def _forget_in_keychain(self, account_id: str) -> None:
        if not self.keychain_available:
            return
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(self.service, account_id)
        except PasswordDeleteError:
            pass
        except (KeyringError, RuntimeError) as exc:
            self._degrade(exc)

    def _degrade(self, exc: BaseException) -> None:
        from keyring.errors import NoKeyringError

        # Never log the password; the exception text from keyring does not hold it.
        self._problem = type(exc).__name__ if isinstance(exc, NoKeyringError) else str(exc)
        log.warning("keychain unavailable: %s", self._problem)
