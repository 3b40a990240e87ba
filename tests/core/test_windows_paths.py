"""One path rule for a list's attachment column and the command line's path flags (QA4 #13).
The rule is pure (the file system is a function), so a Windows PC's answer is checked here
with PureWindowsPath: this machine is Linux, and Windows itself is not tried. What is honest to
claim for Windows is only pathlib's own reading, which is what the app does there: nothing is
rewritten, so `sub\\b.html`, `C:\\…` and `\\\\server\\share\\…` stay native paths."""

from __future__ import annotations

from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

import pytest

from omidesk.core.windows_paths import local_path, pure_local_path, windows_only

WINDOWS_ONLY = ["C:\\Users\\me\\a.pdf", "c:/Users/me/a.pdf", "D:\\", "\\\\server\\share\\x.pdf"]


def _exists(*present: str):  # type: ignore[no-untyped-def]
    paths = {PurePosixPath(p) for p in present}
    return lambda path: PurePosixPath(path) in paths


@pytest.mark.parametrize("name", WINDOWS_ONLY)
def test_drive_and_share_paths_are_windows_only_here_and_absolute_there(name: str) -> None:
    assert windows_only(name)
    assert pure_local_path(name, windows=False, exists=_exists()) is None
    on_windows = pure_local_path(name, PureWindowsPath("D:\\lists"), windows=True,
                                 exists=_exists())
    assert on_windows == PureWindowsPath(name) and on_windows.is_absolute()


@pytest.mark.parametrize("name", ["sub\\b.html", "a.pdf", "./x", "sub/b.html", "a:b.pdf",
                                  "//host/share"])
def test_other_names_are_not_windows_only(name: str) -> None:
    assert not windows_only(name)


def test_on_windows_nothing_is_rewritten() -> None:
    """Relative names join the folder as pathlib joins them there; / and \\ are both
    separators; existence is never asked (a Windows path is never "looked for")."""
    def never(path: PurePath) -> bool:
        raise AssertionError(f"asked whether {path} exists")
    folder = PureWindowsPath("D:\\名單")
    assert pure_local_path("sub\\b.html", folder, windows=True, exists=never) == \
        PureWindowsPath("D:\\名單\\sub\\b.html")
    assert pure_local_path("sub/b.html", folder, windows=True, exists=never) == \
        PureWindowsPath("D:\\名單\\sub\\b.html")
    assert pure_local_path("sub\\b.html", None, windows=True, exists=never) == \
        PureWindowsPath("sub", "b.html")


def test_here_backslashes_are_separators_only_when_the_name_as_written_is_not_there() -> None:
    folder = PurePosixPath("/lists")
    found = pure_local_path("合約\\王小明.pdf", folder, windows=False,
                            exists=_exists("/lists/合約/王小明.pdf"))
    assert found == PurePosixPath("/lists/合約/王小明.pdf")
    # a Linux file really named with a backslash is taken as it is
    odd = pure_local_path("a\\b", folder, windows=False,
                          exists=_exists("/lists/a\\b", "/lists/a/b"))
    assert odd == PurePosixPath("/lists/a\\b")
    # neither there: as written (the caller says "does not exist")
    assert pure_local_path("x\\y.pdf", folder, windows=False, exists=_exists()) == \
        PurePosixPath("/lists/x\\y.pdf")
    # relative to the current directory when no folder is given
    assert pure_local_path("sub\\b.html", None, windows=False, exists=_exists("sub/b.html")) \
        == PurePosixPath("sub/b.html")


def test_a_new_file_takes_the_slash_form_when_its_folder_exists() -> None:
    assert pure_local_path("out\\a.eml", None, windows=False, exists=_exists("out"),
                           new=True) == PurePosixPath("out/a.eml")
    assert pure_local_path("out\\a.eml", None, windows=False, exists=_exists("out")) == \
        PurePosixPath("out\\a.eml")  # not new: an input that is not there stays as given
    assert pure_local_path("nowhere\\a.eml", None, windows=False, exists=_exists(),
                           new=True) == PurePosixPath("nowhere\\a.eml")


def test_local_path_on_this_computer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x")
    monkeypatch.chdir(tmp_path)
    assert local_path("sub\\b.html") == Path("sub/b.html")
    assert local_path("C:\\Users\\me\\a.pdf") is None
    assert local_path("sub\\b.html", tmp_path) == tmp_path / "sub" / "b.html"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert local_path("~/sub/b.html") == tmp_path / "sub" / "b.html"
