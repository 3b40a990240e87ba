"""Passwords: the OS keychain (keyring) and memory, nowhere else. Where no keychain backend
exists (headless Linux), the password is kept for this session only and the UI says so."""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

SERVICE = "OMIDesk"
log = logging.getLogger(__name__)


class SecretStore:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service
        self._session: dict[str, str] = {}
        self.problem = ""  # why the keychain cannot be used ("" when it can)
        try:
            backend = keyring.get_keyring()
            priority = getattr(backend, "priority", 1)
            if priority is not None and priority <= 0:
                self.problem = f"no usable keychain backend ({type(backend).__name__})"
        except (KeyringError, RuntimeError) as exc:
            self.problem = type(exc).__name__

    @property
    def keychain_available(self) -> bool:
        return not self.problem

    def get(self, account_id: str) -> str:
        if account_id in self._session:
            return self._session[account_id]
        if not self.keychain_available:
            return ""
        try:
            password = keyring.get_password(self.service, account_id) or ""
        except (KeyringError, RuntimeError) as exc:
            self._degrade(exc)
            return ""
        if password:
            # The keychain is asked once per account and session: each call runs on the UI
            # thread, and a keychain may be slow or show a prompt.
            self._session[account_id] = password
        return password

    def set(self, account_id: str, password: str, *, remember: bool) -> bool:
        """Keep the password; in the keychain when asked and possible. True when remembered."""
        self._session[account_id] = password
        if not remember or not self.keychain_available:
            self._forget_in_keychain(account_id)
            return False
        try:
            keyring.set_password(self.service, account_id, password)
            return True
        except (KeyringError, RuntimeError) as exc:
            self._degrade(exc)
            return False

    def delete(self, account_id: str) -> None:
        self._session.pop(account_id, None)
        self._forget_in_keychain(account_id)

    def _forget_in_keychain(self, account_id: str) -> None:
        if not self.keychain_available:
            return
        try:
            keyring.delete_password(self.service, account_id)
        except PasswordDeleteError:
            pass
        except (KeyringError, RuntimeError) as exc:
            self._degrade(exc)

    def _degrade(self, exc: BaseException) -> None:
        # Never log the password; the exception text from keyring does not hold it.
        self.problem = type(exc).__name__ if isinstance(exc, NoKeyringError) else str(exc)
        log.warning("keychain unavailable: %s", self.problem)
