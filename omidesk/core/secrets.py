"""Passwords: the OS keychain (keyring) and memory, nowhere else. Where no keychain backend
exists (headless Linux), the password is kept for this session only and the UI says so.

Only an OS keychain counts (macOS Keychain, Windows Credential Manager, the Secret Service,
KWallet): keyring backends that keep passwords in a file (keyrings.alt's plain-text and
encrypted-file backends, keyrings.cryptfile) or nowhere (fail, null) are refused, and so is a
chainer holding only those; of a chainer that holds a keychain, only the keychain is used.

The keychain is opened on first use, not when the store is made: importing keyring and finding
its backend takes ~60 ms (and a macOS keychain may ask the user), so the app opens it with
`load()` on a worker thread once its window is up. Any error of a backend (keyring's own, or
whatever its D-Bus or OS layer raises) makes the store session-only; it never stops the app.

Why the keychain is not used is a code (`problem_code`): NO_KEYCHAIN (none here, or only
stand-ins), KEYCHAIN_REFUSED (there is one, but it is locked or access was denied — macOS's
"Deny", a locked Secret Service collection) and KEYCHAIN_FAILED (it answered with another
error). The last two can be asked again (`retry`): a "Deny" is often pressed by mistake."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from .text import Text

SERVICE = "OMIDesk"
log = logging.getLogger(__name__)

# Modules of keyring backends that are not an OS keychain.
NOT_A_KEYCHAIN = ("keyrings.alt", "keyrings.cryptfile", "keyring.backends.fail",
                  "keyring.backends.null")


def backend_name(backend: object) -> str:
    return type(backend).__name__ if type(backend).__name__ != "Keyring" else \
        f"{type(backend).__module__.rsplit('.', 1)[-1]}.Keyring"


def _not_a_keychain(backend: object) -> bool:
    module = type(backend).__module__
    return any(module == name or module.startswith(name + ".") for name in NOT_A_KEYCHAIN)


def choose_keychain(backend: object) -> tuple[object | None, str]:
    """(the backend to use, "") for an OS keychain — for a chainer, its first keychain — or
    (None, why not, naming the backends)."""
    chosen, why, names = keychain_choice(backend)
    return chosen, with_names(why, names).en


# Why there is no keychain, in words an office user can read (QA 9): the backends' class names
# go in a tooltip and the report (SecretStore.problem, problem_names), never in the sentence.
_STAND_INS = Text("only stand-ins that keep passwords in a file or not at all",
                  "只有把密碼存在檔案中或根本不保存的替代方案")


def keychain_choice(backend: object) -> tuple[object | None, Text, str]:
    """choose_keychain, with why not in both languages (the Account tab shows it) and the
    backends' names ("PlaintextKeyring, EncryptedKeyring") apart."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        children = list(backend.backends)
        usable = [child for child in children if keychain_choice(child)[0] is not None]
        if usable:
            return usable[0], _NO_PROBLEM, ""
        if not children:
            return None, Text("no password store at all", "沒有任何密碼儲存方式"), ""
        return None, _STAND_INS, ", ".join(backend_name(c) for c in children)
    if _not_a_keychain(backend):
        return None, _STAND_INS, backend_name(backend)
    priority = getattr(backend, "priority", 1)
    if priority is not None and priority <= 0:
        return None, Text("no usable keychain", "沒有可用的鑰匙圈"), backend_name(backend)
    return backend, _NO_PROBLEM, ""


def with_names(why: Text, names: str) -> Text:
    """The reason with the backends' names, for the report and the log."""
    return Text(f"{why.en} ({names})", f"{why.zh}（{names}）") if names else why


_NO_PROBLEM = Text("", "")

NO_KEYCHAIN = "no_keychain"
KEYCHAIN_REFUSED = "keychain_refused"
KEYCHAIN_FAILED = "keychain_failed"
_REFUSED = Text("it is locked, or access to it was denied: perhaps “Deny” in its prompt",
                "鑰匙圈已鎖定，或存取被拒絕：可能在提示中按了「拒絕」")
_FAILED = Text("it answered with an error", "鑰匙圈回報了錯誤")


class SecretStore:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        # account id -> password; "" when the keychain had none (it is asked once a session)
        self._session: dict[str, str] = {}
        self._problem: str | None = None  # None: the keychain not looked at yet
        self._problem_text = _NO_PROBLEM
        self._problem_names = ""
        self._problem_code = ""
        self._backend: object | None = None  # the keychain in use (None: session only)
        self._opening = threading.Lock()  # one thread finds the backend; keychain calls are
        # made outside any lock, so the UI thread never waits on a prompt shown to a worker

    @property
    def opened(self) -> bool:
        """Whether the keychain has been looked at (reading `problem` would open it)."""
        return self._problem is not None

    @property
    def problem(self) -> str:
        """Why the keychain cannot be used ("" when it can)."""
        if self._problem is None:
            with self._opening:
                if self._problem is None:
                    self._backend, self._problem_text, self._problem_names = self._open()
                    self._problem = with_names(self._problem_text, self._problem_names).en
                    self._problem_code = NO_KEYCHAIN if self._problem else ""
        return self._problem

    @property
    def problem_text(self) -> Text:
        """Why there is no keychain, in both languages and plain words (empty when there is
        one); `problem` adds the backends' names."""
        self.problem  # noqa: B018 (opens the keychain, once)
        return self._problem_text

    @property
    def problem_code(self) -> str:
        """"" (the keychain works), NO_KEYCHAIN, KEYCHAIN_REFUSED or KEYCHAIN_FAILED."""
        self.problem  # noqa: B018 (opens the keychain, once)
        return self._problem_code

    @property
    def can_retry(self) -> bool:
        """A keychain exists and refused or failed: asking again may work (`retry`)."""
        return self.problem_code in (KEYCHAIN_REFUSED, KEYCHAIN_FAILED)

    def retry(self, account_id: str, *, store: str | None = None) -> bool:
        """Ask a keychain that refused again (the user unlocked it, or will not press Deny
        this time): store `store` as the account's password, or read it. Blocking, like
        `load` (a prompt may show). True when the keychain works now."""
        if not self.can_retry:
            return self.keychain_available
        with self._opening:
            self._problem, self._problem_text, self._problem_names = "", _NO_PROBLEM, ""
            self._problem_code = ""
        if store is not None:
            self.set(account_id, store, remember=True)
        else:
            if self._session.get(account_id) == "":  # "none there" from the refused time
                del self._session[account_id]
            self.get(account_id)
        return self.keychain_available

    @property
    def problem_names(self) -> str:
        """The keyring backends (or the error) behind problem_text, for a tooltip."""
        self.problem  # noqa: B018 (opens the keychain, once)
        return self._problem_names

    @staticmethod
    def _open() -> tuple[object | None, Text, str]:
        try:
            import keyring

            return keychain_choice(keyring.get_keyring())
        except ImportError as exc:  # a frozen app missing keyring's backends
            return None, Text("the keychain support could not be loaded",
                              "無法載入鑰匙圈支援"), str(exc)
        except Exception as exc:  # noqa: BLE001 (any backend failure: session-only)
            return None, Text("the keychain could not be opened", "無法開啟鑰匙圈"), \
                type(exc).__name__

    @property
    def keychain(self) -> object | None:
        """The OS keychain backend in use, or None (session only)."""
        return self._backend if self.keychain_available else None

    @property
    def keychain_available(self) -> bool:
        return not self.problem

    def load(self, account_ids: Iterable[str]) -> None:
        """Open the keychain and read these accounts' passwords into memory. Blocking: the app
        runs it on a worker thread, so a slow keychain or its prompt never freezes the window."""
        for account_id in account_ids:
            self.get(account_id)

    def get(self, account_id: str) -> str:
        if account_id in self._session:
            return self._session[account_id]
        keychain = self.keychain
        if keychain is None:
            return ""
        try:
            password = keychain.get_password(self.service, account_id) or ""  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001
            self._degrade(exc)
            return ""
        # The keychain is asked once per account and session (found or not): it may be slow
        # or show a prompt. A password set meanwhile (set/keep) wins.
        return self._session.setdefault(account_id, password)

    def cached(self, account_id: str) -> str | None:
        """The password already in memory, without asking the keychain (None if not)."""
        return self._session.get(account_id)

    def redact(self, text: str) -> str:
        """`text` without any password this store holds in memory (an unexpected error's
        message or traceback is shown to the user and logged)."""
        from .smtp.transcript import Redactor

        return Redactor("", [p for p in list(self._session.values()) if p])(text)

    def keep(self, account_id: str, password: str) -> None:
        """For this session only, without touching the keychain (the sandbox's password)."""
        self._session[account_id] = password

    def set(self, account_id: str, password: str, *, remember: bool) -> bool:
        """Keep the password; in the keychain when asked and possible. True when remembered."""
        self._session[account_id] = password
        keychain = self.keychain
        if not remember or keychain is None:
            self._forget_in_keychain(account_id)
            return False
        try:
            keychain.set_password(self.service, account_id, password)  # type: ignore[attr-defined]
            return True
        except Exception as exc:  # noqa: BLE001
            self._degrade(exc)
            return False

    def delete(self, account_id: str) -> None:
        self._session.pop(account_id, None)
        self._forget_in_keychain(account_id)

    def _forget_in_keychain(self, account_id: str) -> None:
        keychain = self.keychain
        if keychain is None:
            return
        from keyring.errors import PasswordDeleteError

        try:
            keychain.delete_password(self.service, account_id)  # type: ignore[attr-defined]
        except PasswordDeleteError:
            pass
        except Exception as exc:  # noqa: BLE001
            self._degrade(exc)

    def _degrade(self, exc: BaseException) -> None:
        from keyring.errors import (
            KeyringError, KeyringLocked, NoKeyringError, PasswordDeleteError, PasswordSetError,
        )

        # Never log the password: keyring's own errors do not hold it; of any other error
        # only its type is kept, its text being unknown. The backend's words go to the log
        # and `problem_names` (a tooltip), never into the sentence (QA4 #12).
        if isinstance(exc, NoKeyringError) or not isinstance(exc, KeyringError):
            self._problem = type(exc).__name__
        else:
            self._problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        if isinstance(exc, NoKeyringError):
            self._problem_code, self._problem_text = NO_KEYCHAIN, Text(
                "no usable keychain", "沒有可用的鑰匙圈")
        elif isinstance(exc, (KeyringLocked, PasswordSetError, PasswordDeleteError)):
            self._problem_code, self._problem_text = KEYCHAIN_REFUSED, _REFUSED
        else:
            self._problem_code, self._problem_text = KEYCHAIN_FAILED, _FAILED
        self._problem_names = self._problem
        log.warning("keychain unavailable: %s", self._problem)
