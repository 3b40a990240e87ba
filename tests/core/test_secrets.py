"""Only an OS keychain is "the system keychain": keyring backends that keep passwords in a file
(keyrings.alt, real, installed for these tests) or nowhere are refused, and the password is
kept for the session only. The stand-in for an OS keychain is tests/ui/conftest.py's in-memory
backend: a real macOS Keychain or Windows Credential Manager cannot exist on this machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend
from keyrings.alt.file import EncryptedKeyring, PlaintextKeyring

from omidesk.core.secrets import SecretStore, choose_keychain
from tests.ui.conftest import MemoryKeyring, RefusingKeyring

PASSWORD = "Keychain-密碼-4242"


@pytest.fixture
def use_backend() -> Iterator:  # type: ignore[type-arg]
    previous = keyring.get_keyring()

    def use(backend):  # type: ignore[no-untyped-def]
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(previous)


def plaintext(tmp_path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    return backend


def _chainer(*children):  # type: ignore[no-untyped-def]
    class Fixed(ChainerBackend):  # keyring's own chainer over a known list of backends
        backends = list(children)  # type: ignore[assignment]

    return Fixed()


@pytest.mark.parametrize("make", [
    "plaintext", "encrypted", "fail", "null", "chainer_of_files", "empty_chainer"])
def test_file_and_null_backends_are_not_the_system_keychain(tmp_path, use_backend, make):
    backend = {
        "plaintext": lambda: plaintext(tmp_path),
        "encrypted": EncryptedKeyring,
        "fail": fail.Keyring,
        "null": null.Keyring,
        "chainer_of_files": lambda: _chainer(plaintext(tmp_path), EncryptedKeyring()),
        "empty_chainer": lambda: _chainer(),
    }[make]()
    use_backend(backend)
    store = SecretStore()
    assert not store.keychain_available and store.problem
    assert store.set("acct", PASSWORD, remember=True) is False  # not remembered ...
    assert store.get("acct") == PASSWORD  # ... kept for this session
    files = list(tmp_path.rglob("*"))
    assert all(PASSWORD not in f.read_text(errors="replace") for f in files if f.is_file())
    assert not (tmp_path / "keyring_pass.cfg").exists()


def test_the_reason_is_plain_words_and_the_backends_are_named_apart(tmp_path, use_backend):
    use_backend(plaintext(tmp_path))
    store = SecretStore()
    assert store.problem == "only stand-ins that keep passwords in a file or not at all " \
        "(PlaintextKeyring)"  # the log, the self-test: with the name
    assert store.problem_names == "PlaintextKeyring"
    use_backend(_chainer(plaintext(tmp_path), EncryptedKeyring()))
    store = SecretStore()
    assert store.problem_names == "PlaintextKeyring, EncryptedKeyring"
    # the Account tab's sentence, in 繁中 too, has no class names (QA round 2, finding 9)
    assert store.problem_text.zh == "只有把密碼存在檔案中或根本不保存的替代方案"
    assert "Keyring" not in store.problem_text.en + store.problem_text.zh


def test_a_chainer_with_a_keychain_uses_only_the_keychain(tmp_path, use_backend):
    memory = MemoryKeyring()
    file_backend = plaintext(tmp_path)
    use_backend(_chainer(file_backend, memory))
    store = SecretStore()
    assert store.keychain_available and store.keychain is memory
    assert store.set("acct", PASSWORD, remember=True) is True
    assert memory.store[("OMIDesk", "acct")] == PASSWORD
    assert not Path(file_backend.file_path).exists()


def test_an_os_keychain_is_used(use_backend):
    memory = use_backend(MemoryKeyring())
    store = SecretStore()
    assert store.keychain_available and store.set("acct", PASSWORD, remember=True)
    assert memory.store[("OMIDesk", "acct")] == PASSWORD
    assert choose_keychain(memory) == (memory, "")


def test_a_refusing_keychain_is_not_called_absent_and_can_be_asked_again(use_backend):
    """QA4 #12: a keychain that is locked or got "Deny" (RefusingKeyring: keyring's real error
    types; no such keychain exists here) is KEYCHAIN_REFUSED, in plain words in both
    languages, the backend's text apart; retry() asks it again."""
    from omidesk.core.secrets import KEYCHAIN_REFUSED, NO_KEYCHAIN

    backend = use_backend(RefusingKeyring())
    backend.store[("OMIDesk", "acct")] = PASSWORD
    store = SecretStore()
    assert store.get("acct") == "" and not store.keychain_available
    assert store.problem_code == KEYCHAIN_REFUSED and store.can_retry
    assert "Deny" in store.problem_text.en and "拒絕" in store.problem_text.zh
    assert "user pressed" not in store.problem_text.en + store.problem_text.zh
    assert "user pressed Deny" in store.problem_names  # for the tooltip and the log
    assert store.retry("acct") is False  # still refusing: asked, and said so again
    assert store.problem_code == KEYCHAIN_REFUSED
    backend.refusing = False  # unlocked, or "Allow" this time
    assert store.retry("acct") is True and store.get("acct") == PASSWORD
    assert store.problem_code == "" and store.keychain_available
    # a refused store: the password stays in memory; a retry stores it
    backend.refusing = True
    assert store.set("other", "n3w-密碼", remember=True) is False
    assert store.problem_code == KEYCHAIN_REFUSED and store.get("other") == "n3w-密碼"
    backend.refusing = False
    assert store.retry("other", store="n3w-密碼") is True
    assert backend.store[("OMIDesk", "other")] == "n3w-密碼"
    # no keychain at all: NO_KEYCHAIN, and nothing to retry
    from keyring.backends.fail import Keyring as FailKeyring

    use_backend(FailKeyring())
    absent = SecretStore()
    assert absent.problem_code == NO_KEYCHAIN and not absent.can_retry
    assert absent.retry("acct") is False
