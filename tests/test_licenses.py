"""The third-party licence notices (packaging/licenses.py, written by build.spec into the
bundle): what ships, under which licence, with which text; and no GPL-only package, ever."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "packaging"))
import licenses
import spec_common


def names(dists) -> set[str]:  # type: ignore[no-untyped-def]
    return {licenses._key(licenses._name(d)) for d in dists}


@pytest.fixture(scope="module")
def shipped_packages() -> list[licenses.Package]:
    return licenses.packages(licenses.shipped(excludes=spec_common.EXCLUDES))


def test_the_shipped_packages_have_no_gpl_only_licence(shipped_packages):
    """Fails when a dependency the bundle would carry is GPL-only (or has no licence)."""
    shipped = {licenses._key(p.name): p for p in shipped_packages}
    for needed in ("pyside6-essentials", "shiboken6", "qasync", "aiosmtplib", "keyring",
                   "email-validator", "cryptography", "truststore", "aiosmtpd", "dnspython",
                   "openpyxl", "xlrd", "charset-normalizer"):
        assert needed in shipped, needed
    for not_shipped in ("pytest", "hypothesis", "trustme", "pyinstaller", "pyyaml", "zizmor"):
        assert not_shipped not in shipped, not_shipped  # test and build tools
    for package in shipped_packages:
        assert not licenses._gpl_only(package.chosen), package
        assert package.texts and all(text.strip() for _, text in package.texts), package.name


def test_pyside6_and_qt_ship_under_the_lgpl_with_both_texts(shipped_packages):
    pyside = next(p for p in shipped_packages if p.name.lower().startswith("pyside6"))
    assert "GPL-2.0-only" in pyside.declared and pyside.chosen == "LGPL-3.0-only"
    files = [name for name, _ in pyside.texts]
    assert files == ["LGPL-3.0.txt", "GPL-3.0.txt"]  # the LGPL adds permissions to the GPL
    lgpl, gpl = (text for _, text in pyside.texts)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3, 29 June 2007" in lgpl
    assert "GNU GENERAL PUBLIC LICENSE" in gpl and "TERMS AND CONDITIONS" in gpl


@pytest.mark.parametrize(("declared", "chosen"), [
    ("MIT", "MIT"),
    ("Apache-2.0 OR BSD-3-Clause", "Apache-2.0"),
    ("LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only", "LGPL-3.0-only"),
    ("GPL-2.0-only OR MIT", "MIT"),
    ("GNU Lesser General Public License v3 (LGPLv3)", "GNU Lesser General Public License v3 "
                                                      "(LGPLv3)"),
    ("GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0-or-later WITH "
                                                      "Classpath-exception-2.0"),
    ("Unlicense (The Unlicense (Unlicense))", "Unlicense (The Unlicense (Unlicense))"),
])
def test_a_licence_that_allows_a_closed_installer_is_chosen(declared, chosen):
    assert licenses.choose(declared) == (chosen, None)


@pytest.mark.parametrize("declared", [
    "GPL-3.0-or-later", "GPL-2.0-only", "AGPL-3.0-only", "GPLv3", "GPL",
    "GNU General Public License v3 (GPLv3)", "GPL-2.0-only OR AGPL-3.0-or-later",
    "GNU Affero General Public License v3",
])
def test_a_gpl_only_licence_is_refused(declared):
    chosen, problem = licenses.choose(declared)
    assert chosen == "" and problem is not None and "GPL" in problem


def fake_distribution(folder: Path, name: str, *, licence: str = "", requires: tuple = (),
                      classifier: str = "", text: str = "") -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (folder / name).mkdir()
    (folder / name / "__init__.py").write_text("", encoding="utf-8")
    lines = ["Metadata-Version: 2.4", f"Name: {name}", "Version: 1.0"]
    lines += [f"License-Expression: {licence}"] if licence else []
    lines += [f"Classifier: {classifier}"] if classifier else []
    lines += [f"Requires-Dist: {r}" for r in requires]
    (info / "METADATA").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (info / "top_level.txt").write_text(name + "\n", encoding="utf-8")
    record = [f"{name}/__init__.py,,", f"{info.name}/METADATA,,", f"{info.name}/RECORD,,"]
    if text:
        (info / "LICENSE").write_text(text, encoding="utf-8")
        record.append(f"{info.name}/LICENSE,,")
    (info / "RECORD").write_text("\n".join(record) + "\n", encoding="utf-8")


def test_a_gpl_only_dependency_stops_the_build_naming_it(tmp_path, monkeypatch):
    fake_distribution(tmp_path, "fakeapp", requires=("fakemit", "fakegpl"))
    fake_distribution(tmp_path, "fakemit", licence="MIT", text="MIT licence text")
    fake_distribution(tmp_path, "fakegpl", classifier="License :: OSI Approved :: GNU General "
                      "Public License v3 (GPLv3)", text="the GPL")
    fake_distribution(tmp_path, "fakebare", licence="", text="")
    monkeypatch.syspath_prepend(str(tmp_path))
    shipped = licenses.shipped(root="fakeapp")
    assert names(shipped) == {"fakegpl", "fakemit"}
    with pytest.raises(licenses.LicenceProblem) as caught:
        licenses.packages(shipped)
    assert "fakegpl 1.0: its only licence is the GPL" in str(caught.value)
    assert "fakemit" not in str(caught.value)
    # a package nothing requires but whose module PyInstaller collected ships too, and is
    # checked the same way; one that names no licence is refused as well
    collected = licenses.shipped(root="fakeapp", collected_modules=["fakebare.sub", "json"])
    assert names(collected) == {"fakegpl", "fakemit", "fakebare"}
    with pytest.raises(licenses.LicenceProblem) as caught:
        licenses.packages(collected)
    assert "fakebare 1.0: its metadata names no licence" in str(caught.value)
    # a package whose every module the bundle excludes is not shipped
    assert names(licenses.shipped(root="fakeapp", excludes=["fakegpl"])) == {"fakemit"}


LINUX_BUNDLE = [  # the shared libraries of the Linux bundle .ci/run builds (PyInstaller's view)
    "libpython3.11.so.1.0", "libssl.so.3", "libcrypto.so.3", "libffi.so.8", "libsqlite3.so.0",
    "libz.so.1", "libbz2.so.1.0", "liblzma.so.5", "libexpat.so.1", "libX11.so.6",
    "libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libfontconfig.so.1", "libfreetype.so.6",
    "libpng16.so.16", "libbrotlidec.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0",
    "libdbus-1.so.3", "libsystemd.so.0", "libgcrypt.so.20", "libgpg-error.so.0",
    "libcap.so.2", "libbsd.so.0", "libmd.so.0", "libuuid.so.1", "liblz4.so.1",
    "libzstd.so.1", "libpcre2-8.so.0", "libstdc++.so.6", "libgcc_s.so.1",
    "PySide6/Qt/lib/libicudata.so.73", "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/plugins/platforms/libqxcb.so", "libpyside6.abi3.so.6.11",
    "libshiboken6.abi3.so.6.11", "cryptography/hazmat/bindings/_rust.abi3.so",
]
WINDOWS_BUNDLE = ["python311.dll", "libssl-3.dll", "libcrypto-3.dll", "libffi-8.dll",
                  "sqlite3.dll", "VCRUNTIME140.dll", "VCRUNTIME140_1.dll", "PySide6/Qt6Core.dll",
                  "PySide6/MSVCP140.dll", "PySide6/pyside6.abi3.dll",
                  "_cffi_backend.cp311-win_amd64.pyd"]
MACOS_BUNDLE = ["Python", "libssl.3.dylib", "libcrypto.3.dylib",
                "PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore",
                "PySide6/Qt/plugins/platforms/libqcocoa.dylib"]


@pytest.mark.parametrize("bundle", [LINUX_BUNDLE, WINDOWS_BUNDLE, MACOS_BUNDLE],
                         ids=["linux", "windows", "macos"])
def test_every_bundled_library_has_a_recorded_licence(bundle):
    found, unknown = licenses.native_components(bundle)
    assert unknown == []
    listed = {file for files in found.values() for file in files}
    assert not any("Qt6" in f or f.startswith("QtCore") or "qxcb" in f for f in listed)
    assert {"libssl.so.3", "libssl-3.dll", "libssl.3.dylib"} & listed


def test_a_gpl_only_library_in_the_bundle_stops_the_build():
    with pytest.raises(licenses.LicenceProblem, match="GNU Readline"):
        licenses.native_components(["libssl.so.3", "libreadline.so.8"])


def test_the_notices_name_everything_once_with_the_qt_source_and_how_to_replace_it(
        shipped_packages, tmp_path):
    target = tmp_path / licenses.FILE_NAME
    report = licenses.write_notices(target, app_version="9.8.7",
                                    excludes=spec_common.EXCLUDES, binaries=LINUX_BUNDLE)
    text = target.read_text(encoding="utf-8")
    from PySide6 import QtCore

    qt = QtCore.qVersion()
    minor = ".".join(qt.split(".")[:2])
    assert text.startswith("OMIDesk 9.8.7 — third-party software notices")
    assert f"https://download.qt.io/official_releases/qt/{minor}/{qt}/" in text
    assert "https://code.qt.io/cgit/qt/qtbase.git/" in text and f"at the tag v{qt}" in text
    assert "Replacing the Qt libraries" in text and "_internal\\PySide6\\" in text
    assert "OMIDesk.app/Contents/Frameworks/PySide6/Qt/lib/QtCore.framework" in text
    assert "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2" in text
    # The bootloader's notice comes from the installed PyInstaller: the build has it, a test
    # venv may not (tests/frozen checks it in the real bundle).
    assert ("Bootloader Exception" in text) == bool(licenses.pyinstaller_licence()[1])
    for package in report.packages:
        assert f"{package.name} {package.version}" in text
    assert text.count("GNU LESSER GENERAL PUBLIC LICENSE\n") == 1  # each text printed once
    assert "the same text as printed above for PySide6" in text
    assert "OpenSSL — Apache-2.0" in text and "libssl.so.3" in text
    again = tmp_path / "again.txt"
    licenses.write_notices(again, app_version="9.8.7", excludes=spec_common.EXCLUDES,
                           binaries=LINUX_BUNDLE)
    assert again.read_bytes() == target.read_bytes()  # deterministic


def test_build_spec_writes_the_notices_where_the_app_reads_them():
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert "after_analysis=notices" in spec and "licenses.write_notices(" in spec
    assert "excludes=spec_common.EXCLUDES" in spec
    from omidesk.ui import licenses_dialog

    packaged = licenses_dialog.NOTICES.relative_to(REPO).as_posix()
    assert packaged == licenses.BUNDLE_PATH
