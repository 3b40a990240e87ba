"""Private files, whole writes and what is not a file: real files, a real tmpfs for the full
disk, real FIFOs, devices and links."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from omidesk.core.errors import StorageError
from omidesk.core.files import (
    NotAFileError, file_problem, private_file, private_folder, private_writer,
    read_regular_file, write_private,
)
from omidesk.core.text import Text

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
WHAT = Text("the export", "匯出檔")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """The loosest umask, so that 0600/0700 cannot come from it."""
    old = os.umask(0)
    yield
    os.umask(old)


@posix
def test_private_folder_and_file_ignore_a_loose_umask(tmp_path, open_umask):
    folder = private_folder(tmp_path / "a" / "b" / "c")
    assert [mode(tmp_path / p) for p in ("a", "a/b", "a/b/c")] == [0o700] * 3
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    private_folder(loose)
    assert mode(loose) == 0o700
    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)
    private_folder(chosen, tighten=False)  # the user's own folder keeps its mode
    assert mode(chosen) == 0o755
    made = private_file(folder / "x.log")
    assert mode(made) == 0o600 and made.read_bytes() == b""
    old = folder / "old.log"
    old.write_text("kept")
    old.chmod(0o644)
    private_file(old)
    assert mode(old) == 0o600 and old.read_text() == "kept"


@posix
def test_private_writer_is_0600_and_whole(tmp_path, open_umask):
    target = tmp_path / "out.csv"
    write_private(target, b"first", what=WHAT)
    assert target.read_bytes() == b"first" and mode(target) == 0o600
    with pytest.raises(RuntimeError), private_writer(target, "wb", what=WHAT) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("the program failed half-way")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary left


def test_a_folder_as_target_is_a_storage_error(tmp_path):
    folder = tmp_path / "results.csv"
    folder.mkdir()
    with pytest.raises(StorageError) as err:
        write_private(folder, b"x", what=WHAT, field="export")
    assert err.value.field == "export" and "folder" in err.value.message("en")
    assert "資料夾" in err.value.message("zh_TW")
    assert list(folder.iterdir()) == [] and [p.name for p in tmp_path.iterdir()] == [
        "results.csv"]


def test_an_unwritable_folder_says_so(unwritable_dir):
    with pytest.raises(StorageError) as err:
        write_private(unwritable_dir / "out.csv", b"x", what=WHAT)
    assert err.value.code == "file_unwritable"
    assert "read-only" in err.value.message("en") or "permission" in err.value.message("en")
    assert not (unwritable_dir / "out.csv").exists()


def test_a_full_disk_keeps_the_old_file_and_says_where_to_free(small_disk):
    target = small_disk.path / "results.csv"
    write_private(target, b"the old export\n", what=WHAT)
    small_disk.fill()
    with pytest.raises(StorageError) as err:
        write_private(target, b"x" * 200_000, what=WHAT)
    assert err.value.code == "disk_full" and err.value.path == str(target)
    en, zh = err.value.message("en"), err.value.message("zh_TW")
    assert "disk is full" in en and "Free space there" in en and str(small_disk.path) in en
    assert "磁碟已滿" in zh and "釋出空間" in zh
    assert target.read_bytes() == b"the old export\n"
    assert sorted(p.name for p in small_disk.path.iterdir()) == [".filler", "results.csv"]
    small_disk.free()
    write_private(target, b"x" * 200_000, what=WHAT)
    assert target.stat().st_size == 200_000


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_target_is_written_directly():
    with private_writer("/dev/null", "wb", what=WHAT) as handle:
        handle.write(b"gone")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # not replaced by a file


@posix
def test_file_problem_names_what_it_is(tmp_path):
    (tmp_path / "real.pdf").write_bytes(b"%PDF")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "real.pdf")
    assert file_problem(tmp_path / "real.pdf") is None
    assert file_problem(tmp_path / "link.pdf") is None  # followed unless told otherwise
    assert "symbolic link" in file_problem(tmp_path / "link.pdf", follow_symlinks=False).en
    assert "folder" in file_problem(tmp_path / "folder").en
    assert "FIFO" in file_problem(tmp_path / "pipe").en
    assert "does not exist" in file_problem(tmp_path / "gone").en
    if Path("/dev/null").exists():
        assert "device" in file_problem("/dev/null").en
        assert "裝置" in file_problem("/dev/null").zh


@posix
def test_read_regular_file_never_waits_on_a_fifo(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    result: list[BaseException] = []

    def read() -> None:
        try:
            read_regular_file(tmp_path / "pipe")
        except BaseException as exc:  # noqa: BLE001
            result.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(result[0], NotAFileError) and "FIFO" in result[0].problem.en


@posix
def test_read_regular_file_refuses_a_link_when_asked(tmp_path):
    (tmp_path / "secret").write_bytes(b"id_rsa")
    (tmp_path / "invoice.pdf").symlink_to(tmp_path / "secret")
    assert read_regular_file(tmp_path / "invoice.pdf") == b"id_rsa"
    with pytest.raises(NotAFileError) as err:
        read_regular_file(tmp_path / "invoice.pdf", follow_symlinks=False)
    assert "symbolic link" in err.value.problem.en
