"""Packaging: build.spec's shared settings (packaging/spec_common.py), the installers' scripts,
the icons, the .desktop file, the release workflow and CI's frozen self-test."""

from __future__ import annotations

import configparser
import re
import struct
import sys
from pathlib import Path

import pytest
import yaml

import omidesk
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "packaging"))
import spec_common

ICONS = REPO / "omidesk" / "resources" / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


# -- version and name: one source of truth ------------------------------------------------------


def test_the_spec_reads_name_and_version_from_the_package():
    assert spec_common.package_metadata() == {"name": omidesk.APP_NAME,
                                              "version": omidesk.__version__}
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert "spec_common.package_metadata()" in spec
    assert omidesk.__version__ not in spec  # no second copy of the version


@pytest.mark.parametrize(("version", "expected"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2.0", (2, 0, 0, 0)),
    ("1.2.3+local.7", (1, 2, 3, 0)),
])
def test_windows_file_version_is_four_numbers(version, expected):
    assert spec_common.version_tuple(version) == expected


def test_the_version_info_template_renders_the_package_version():
    template = (REPO / "packaging" / "windows" / "version_info.txt").read_text(encoding="utf-8")
    text = spec_common.render_version_info(template, "OMIDesk", "1.2.3")
    assert "@" not in text

    def record(kind):  # stand-ins for PyInstaller's versioninfo classes
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    info = eval(text, {name: record(name) for name in names})  # as PyInstaller reads it
    fixed = info[2]["ffi"][2]
    assert fixed["filevers"] == fixed["prodvers"] == (1, 2, 3, 0)
    strings = {s[1][0]: s[1][1] for s in info[2]["kids"][0][1][0][0][1][1]}
    assert strings["FileVersion"] == strings["ProductVersion"] == "1.2.3"
    assert strings["ProductName"] == "OMIDesk" and strings["OriginalFilename"] == "omidesk.exe"


# -- what goes into the bundle -------------------------------------------------------------------


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqgif.so", True),
    ("PySide6/Qt/plugins/imageformats/libqwebp.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/translations/qtbase_zh_TW.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qt_zh_TW.qm", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/lib/libQt6Network.so.6", False),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libicudata.so.73", True),
    # Windows and macOS layouts
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/Qt6Gui.dll", True),
    ("PySide6/Qt6Pdf.dll", False),
    ("PySide6/opengl32sw.dll", False),
    ("PySide6/QtWidgets.pyd", True),
    ("PySide6/QtWidgets.abi3.so", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/plugins/styles/libqmacstyle.dylib", True),
    ("PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore", True),
    ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
    ("PySide6/Qt/qml/QtQuick/qmldir", False),
    # not Qt: untouched
    ("cryptography/hazmat/bindings/_rust.abi3.so", True),
    ("omidesk/resources/translations/omidesk_zh_TW.qm", True),
])
def test_only_the_qt_parts_the_app_uses_are_kept(dest, kept):
    assert spec_common.keep(dest) is kept


def test_other_qt_bindings_tk_and_test_packages_are_excluded():
    for module in ("PyQt5", "PyQt6", "PySide2", "tkinter", "pytest", "hypothesis"):
        assert module in spec_common.EXCLUDES
    for module in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "keyring",
                   "aiosmtpd", "cryptography", "email_validator", "qasync", "sqlite3"):
        assert module not in spec_common.EXCLUDES


def test_the_app_imports_no_other_qt_module_than_the_spec_keeps():
    used = set()
    for path in (REPO / "omidesk").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used <= {"QtCore", "QtGui", "QtWidgets"}
    assert not {f"PySide6.{module}" for module in used} & set(spec_common.EXCLUDES)


# -- what the bundle defers from PyInstaller's start-up (packaging/frozen/) --------------------

LAZY_CTYPES_CHILD = """
import sys, types
sys._MEIPASS = sys.argv[2]  # as PyInstaller's bootloader sets it
module = types.ModuleType("pyimod03_ctypes")
exec(compile(open(sys.argv[1], encoding="utf-8").read(), "pyimod03_ctypes", "exec"),
     module.__dict__)
module.install()  # as PyInstaller's bootstrap calls it
print("at start:", "ctypes" in sys.modules)
import ctypes.util  # the first import of ctypes, through a submodule
print("CDLL:", ctypes.CDLL.__name__)
print("bare name:", ctypes.CDLL(sys.argv[3])._name)  # found in the bundle (sys._MEIPASS)
print("finders left:", [f for f in sys.meta_path if "ctypes" in repr(f).lower()])
"""


def test_ctypes_gets_pyinstallers_hooks_at_its_first_import_not_at_start(tmp_path):
    import importlib.util
    import shutil
    import subprocess

    pyinstaller = importlib.util.find_spec("PyInstaller")
    if pyinstaller is None or pyinstaller.origin is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]')")
    import _ctypes  # a real shared library to load by a bare name from the "bundle"

    if not getattr(_ctypes, "__file__", None):
        pytest.skip("this Python's _ctypes is built in")
    original = Path(pyinstaller.origin).parent / "loader" / "pyimod03_ctypes.py"
    source = spec_common.lazy_ctypes_source(original.read_text(encoding="utf-8"))
    assert source is not None, "PyInstaller's pyimod03_ctypes has no install() any more"
    (tmp_path / "pyimod03_ctypes.py").write_text(source, encoding="utf-8")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    library = "omidesk-probe" + Path(_ctypes.__file__).suffix
    shutil.copy(_ctypes.__file__, bundle / library)
    result = subprocess.run([sys.executable, "-c", LAZY_CTYPES_CHILD,
                             str(tmp_path / "pyimod03_ctypes.py"), str(bundle), library],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "at start: False", "CDLL: PyInstallerCDLL", f"bare name: {bundle / library}",
        "finders left: []"]
    assert spec_common.lazy_ctypes_source("def other():\n    pass\n") is None


def test_pyinstallers_pkgutil_hook_is_swapped_for_the_lazy_one_in_its_place():
    scripts = [("pyi_rth_inspect", "/pyi/pyi_rth_inspect.py", "PYSOURCE"),
               ("pyi_rth_pkgutil", "/pyi/pyi_rth_pkgutil.py", "PYSOURCE"),
               ("omidesk_main", "/repo/packaging/omidesk_main.py", "PYSOURCE")]
    lazy = REPO / "packaging" / "frozen" / "lazy_pkgutil.py"
    assert lazy.is_file()
    assert spec_common.lazy_runtime_hooks(scripts) == [
        scripts[0], ("pyi_rth_pkgutil_lazy", str(lazy), "PYSOURCE"), scripts[2]]


def test_the_frozen_app_pauses_the_collector_from_its_first_runtime_hook_to_main():
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert 'runtime_hooks=[str(ROOT / "packaging" / "frozen" / "pause_gc.py")]' in spec
    main = (REPO / "packaging" / "omidesk_main.py").read_text(encoding="utf-8")
    # the collector is back on (its counters reset by freeze) before main() runs
    assert main.index("gc.freeze()") < main.index("gc.enable()") < main.index("main())")


def test_the_spec_ships_translations_where_the_frozen_app_looks_for_them():
    from omidesk.ui import translations

    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    target = translations.TS_DIR.relative_to(REPO).as_posix()
    assert f'"{target}"' in spec and '"*.qm"' in spec
    assert '"omidesk/resources/icons"' in spec
    from omidesk.app import ICON_SIZES

    assert f"for size in {ICON_SIZES}" in spec  # the window icon's sizes are all shipped
    assert 'collect_submodules("keyring.backends")' in spec and 'copy_metadata("keyring")' in spec


# -- installers ----------------------------------------------------------------------------------


def iss_sections(text: str) -> dict[str, list[str]]:
    """The Inno Setup script's sections: their lines, comments and ISPP directives left out."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


ISS = REPO / "packaging" / "windows" / "omidesk.iss"


def test_inno_setup_script_installs_per_user_by_default_or_for_all_users():
    iss = ISS.read_text(encoding="utf-8-sig")
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with its Chinese texts
    sections = iss_sections(iss)
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"  # per user, no UAC prompt, unless chosen
    assert set(setup["PrivilegesRequiredOverridesAllowed"].split()) == {"dialog", "commandline"}
    assert setup["DefaultDirName"] == "{autopf}\\{#AppName}"  # per user: %LOCALAPPDATA%\Programs
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["AppVersion"] == "{#AppVersion}"  # from iscc /DAppVersion=...
    assert omidesk.__version__ not in iss
    assert "{app}\\_internal" in "\n".join(sections["InstallDelete"])
    icons = "\n".join(sections["Icons"])
    assert "{autoprograms}" in icons and "{autodesktop}" in icons and "{user" not in icons
    files = "\n".join(sections["Files"])
    assert 'Source: "..\\..\\dist\\omidesk\\*"' in files
    assert "THIRD-PARTY-NOTICES.txt" in files  # the licence notices, also beside the app
    # silent installs for IT, documented where IT looks
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for switch in ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/ALLUSERS", "/CURRENTUSER"):
        assert switch in iss and switch in readme


def test_inno_setup_speaks_traditional_chinese_and_english():
    iss = ISS.read_text(encoding="utf-8-sig")
    languages = iss_sections(iss)["Languages"]
    names = {line.split('"')[1] for line in languages}
    assert names == {"english", "chinesetraditional"}
    # Inno Setup 7 ships the translation; for 6.x this folder carries it (UTF-8, zh-TW)
    assert 'FileExists(AddBackslash(CompilerPath) + "Languages\\ChineseTraditional.isl")' in iss
    isl = (REPO / "packaging" / "windows" / "ChineseTraditional.isl").read_bytes()
    assert isl.startswith(b"\xef\xbb\xbf") and b"LanguageID=$0404" in isl
    assert b"LanguageName=<7e41><9ad4><4e2d><6587>" in isl  # 繁體中文, as code points
    setup = dict(line.split("=", 1) for line in iss_sections(iss)["Setup"])
    assert setup["ShowLanguageDialog"] == "auto"
    assert setup["LanguageDetectionMethod"] == "uilanguage"
    # every message the script uses exists in both languages (the stock ones in both .isl)
    custom = iss_sections(iss)["CustomMessages"]
    defined = {line.split("=", 1)[0] for line in custom}
    stock = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram"}
    for name in set(re.findall(r"\{cm:(\w+)", iss)):
        if name in stock:
            assert f"\n{name}=".encode() in isl.replace(b"\r\n", b"\n")
            continue
        assert {f"english.{name}", f"chinesetraditional.{name}"} <= defined, name
    zh = {line.split("=", 1)[1] for line in custom if line.startswith("chinesetraditional.")}
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in zh)


def test_inno_setup_offers_open_with_omidesk_for_eml():
    iss = ISS.read_text(encoding="utf-8-sig")
    registry = iss_sections(iss)["Registry"]
    assert all("Root: HKA;" in line and "Tasks: emlassoc" in line for line in registry)
    joined = "\n".join(registry)
    assert 'Subkey: "Software\\Classes\\.eml\\OpenWithProgids"; ValueType: string; ' \
        'ValueName: "OMIDesk.eml"' in joined  # offered, not made the default
    commands = [line for line in registry if "shell\\open\\command" in line]
    assert len(commands) == 2
    assert all('ValueData: """{app}\\{#AppExe}"" ""%1"""' in line for line in commands)
    assert "uninsdeletekey" in joined and "uninsdeletevalue" in joined  # uninstall cleans up
    setup = dict(line.split("=", 1) for line in iss_sections(iss)["Setup"])
    assert setup["ChangesAssociations"] == "yes"
    tasks = "\n".join(iss_sections(iss)["Tasks"])
    assert 'Name: "emlassoc"' in tasks


def test_windows_signing_runs_only_with_the_certificate_and_leaves_nothing_behind():
    script = (REPO / "packaging" / "windows" / "build_installer.ps1").read_text(encoding="utf-8")
    assert "if ($env:WINDOWS_CERTIFICATE -and $env:WINDOWS_CERTIFICATE_PWD)" in script
    assert "signing skipped, the installer stays unsigned" in script
    for needed in ("/fd sha256", "/tr $timestamp", "/td sha256", "verify /pa",
                   "Import-PfxCertificate", "'/DSignTool=omidesk'", "/Somidesk=$tool",
                   "Remove-Item -Path $pfx",
                   'Remove-Item -Path "Cert:\\CurrentUser\\My\\$thumbprint"'):
        assert needed in script, needed
    assert script.index("Remove-Item -Path $pfx") > script.index("} finally {")  # even on error
    commands = [line for line in script.splitlines() if "& $signtool" in line or "& $iscc" in line]
    assert len(commands) == 4 and not any("PWD" in line or "password" in line.lower()
                                          for line in commands)  # no password on a command line
    iss = ISS.read_text(encoding="utf-8-sig")
    signed = iss.split("#ifdef SignTool")[1].split("#endif")[0]
    assert "SignTool={#SignTool}" in signed and "SignedUninstaller=yes" in signed


def test_macos_scripts_sign_only_with_secrets(tmp_path):
    import subprocess

    script = REPO / "packaging" / "macos" / "sign_and_notarize.sh"
    text = script.read_text(encoding="utf-8")
    for needed in ("--options runtime", "--timestamp", "--entitlements",
                   "notarytool submit", "--wait", "stapler staple"):
        assert needed in text
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True, env=env,
                            timeout=30)
    assert result.returncode == 0 and "skipped" in result.stdout
    dmg = (REPO / "packaging" / "macos" / "make_dmg.sh").read_text(encoding="utf-8")
    assert "hdiutil create" in dmg and "ln -s /Applications" in dmg
    plist = (REPO / "packaging" / "macos" / "entitlements.plist").read_text(encoding="utf-8")
    assert "com.apple.security.cs.allow-unsigned-executable-memory" in plist
    import plistlib

    assert plistlib.loads(plist.encode()) == {
        "com.apple.security.cs.allow-unsigned-executable-memory": True}


def test_macos_bundle_is_localised_and_offered_for_eml_files():
    import plistlib

    plist = plistlib.loads(plistlib.dumps(spec_common.macos_info_plist("OMIDesk", "1.2.3")))
    # Finder-started, the app gets the user's language only among these (QTBUG-72491)
    assert plist["CFBundleLocalizations"] == ["zh_TW", "en"]
    assert plist["CFBundleDevelopmentRegion"] == "en"
    translated = {ts.stem.split("_", 1)[1] for ts in
                  (REPO / "omidesk" / "resources" / "translations").glob("omidesk_*.ts")}
    assert translated | {"en"} == set(plist["CFBundleLocalizations"])
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == "1.2.3"
    assert plist["LSMinimumSystemVersion"] == spec_common.MACOS_MINIMUM
    [eml] = plist["CFBundleDocumentTypes"]
    assert "com.apple.mail.email" in eml["LSItemContentTypes"]
    assert eml["LSHandlerRank"] == "Alternate"  # under "Open With", Mail stays the default
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert "info_plist = spec_common.macos_info_plist(NAME, VERSION)" in spec
    # the file arrives as an open event (omidesk/ui/file_open.py), not as an argument
    assert "argv_emulation=False" in (REPO / "packaging" / "spec_common.py").read_text()
    dmg = (REPO / "packaging" / "macos" / "make_dmg.sh").read_text(encoding="utf-8")
    assert 'cp "$notices" "$stage/Third-Party Notices.txt"' in dmg


def test_desktop_file_starts_the_bundle_with_its_icon():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(REPO / "packaging" / "linux" / "omidesk.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == omidesk.APP_NAME
    assert entry["Exec"].split()[0] == omidesk.APP_NAME.lower()  # dist/omidesk/omidesk
    assert entry["Exec"].split()[1:] == ["%f"]  # `omidesk FILE.eml` opens the message
    assert entry["MimeType"] == "message/rfc822;"
    assert entry["Icon"] == "omidesk" and entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


# -- icons ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256, 512, 1024])
def test_png_icon_in_every_size(size):
    data = (ICONS / f"omidesk_{size}.png").read_bytes()
    assert png_size(data) == (size, size)
    from PySide6.QtGui import QImage

    image = QImage.fromData(data)
    assert not image.isNull() and image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corners: transparent
    centre = image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255


def test_ico_holds_every_windows_size_as_png():
    data = (ICONS / "omidesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        real = png_size(data[offset:offset + length])
        assert real == ((width or 256), (height or 256))
        sizes.add(real[0])
    assert {16, 24, 32, 48, 256} <= sizes


def test_icns_holds_retina_sizes_as_png():
    data = (ICONS / "omidesk.icns").read_bytes()
    magic, length = struct.unpack(">4sI", data[:8])
    assert magic == b"icns" and length == len(data)
    found, pos = {}, 8
    while pos < len(data):
        kind, size = struct.unpack(">4sI", data[pos:pos + 8])
        found[kind] = png_size(data[pos + 8:pos + size])[0]
        pos += size
    assert found[b"ic10"] == 1024 and found[b"ic07"] == 128 and found[b"icp4"] == 16
    assert found[b"ic14"] == 512  # 256@2x


def test_icons_are_package_data():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for pattern in ("resources/icons/*.png", "resources/icons/*.ico", "resources/icons/*.icns"):
        assert f'"{pattern}"' in pyproject


def test_the_application_gets_the_window_icon(qapp):
    from omidesk.app import app_icon, create_application

    app = create_application(["omidesk"])
    sizes = {s.width() for s in app.windowIcon().availableSizes()}
    assert {16, 32, 256} <= sizes
    assert not app_icon().pixmap(16, 16).isNull()


def test_report_first_show_prints_once_when_asked(qtbot, capfd, monkeypatch):
    from PySide6.QtWidgets import QMainWindow

    from omidesk.app import report_first_show

    quiet = QMainWindow()
    qtbot.addWidget(quiet)
    report_first_show(quiet)  # without the variable: nothing
    monkeypatch.setenv("OMIDESK_REPORT_SHOWN", "1")
    window = QMainWindow()
    qtbot.addWidget(window)
    report_first_show(window)
    quiet.show()
    window.show()
    qtbot.waitExposed(window)
    window.update()
    qtbot.wait(50)
    lines = [line for line in capfd.readouterr().out.splitlines() if "OMIDESK_SHOWN" in line]
    assert len(lines) == 1 and float(lines[0].split()[1]) > 1.7e9
    assert 0 < float(lines[0].split()[2]) < 600  # the process's CPU time so far


def test_self_test_summary_goes_to_a_file_without_stdout(tmp_path, monkeypatch, capsys):
    from omidesk import selftest

    monkeypatch.delenv("OMIDESK_SELFTEST_LOG", raising=False)
    assert selftest.summary_file() is None
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "__stdout__", None)
    monkeypatch.setattr(selftest.tempfile, "gettempdir", lambda: str(tmp_path))
    selftest._say("OMIDesk self-test: OK")
    assert (tmp_path / "omidesk-self-test.txt").read_text(encoding="utf-8") == \
        "OMIDesk self-test: OK\n"
    target = tmp_path / "chosen.txt"
    monkeypatch.setenv("OMIDESK_SELFTEST_LOG", str(target))
    selftest._say("line")
    assert target.read_text(encoding="utf-8") == "line\n"


# -- release workflow and CI ---------------------------------------------------------------------


WORKFLOW = REPO / ".github" / "workflows" / "release.yml"


def release_workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_release_workflow_builds_tests_and_uploads_on_every_platform():
    workflow = release_workflow()
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as True
    assert trigger["push"]["tags"] == ["v*"]
    build = workflow["jobs"]["build"]
    matrix = build["strategy"]["matrix"]["include"]
    assert {entry["os"] for entry in matrix} == {"windows-latest", "macos-14",
                                                 "macos-15-intel", "ubuntu-22.04"}
    steps = build["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    for needed in ("pytest", "pyinstaller --noconfirm build.spec", "--self-test",
                   "build_installer.ps1", "make_dmg.sh", "sign_and_notarize.sh", "tar -C dist",
                   "install-system-deps.sh", "THIRD-PARTY-NOTICES.txt"):
        assert needed in runs, needed
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["if-no-files-found"] == "error"
    assert all(entry["package"].startswith("dist/") for entry in matrix)
    release = workflow["jobs"]["release"]
    assert release["needs"] == "build" and release["permissions"]["contents"] == "write"
    assert workflow["permissions"] == {"contents": "read"}


def test_every_action_is_pinned_by_commit_and_checkout_keeps_no_credentials():
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)@(\S+)(.*)", text)
    assert len(uses) == 4
    for action, ref, comment in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action} is not pinned by commit"
        assert re.fullmatch(r"\s+# v\d+(\.\d+)*", comment), f"{action}: name the tag read"
    for job in release_workflow()["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False
    zizmor = yaml.safe_load((REPO / "zizmor.yml").read_text(encoding="utf-8"))
    assert zizmor["rules"]["unpinned-uses"]["config"]["policies"] == {"*": "hash-pin"}


def test_the_release_proves_real_tls_with_the_frozen_app_on_every_runner():
    build = release_workflow()["jobs"]["build"]
    assert {entry["os"]: entry["app"] for entry in build["strategy"]["matrix"]["include"]} == {
        "windows-latest": "dist/omidesk/omidesk.exe",
        "macos-14": "dist/OMIDesk.app/Contents/MacOS/omidesk",
        "macos-15-intel": "dist/OMIDesk.app/Contents/MacOS/omidesk",
        "ubuntu-22.04": "dist/omidesk/omidesk"}
    assert build["env"]["APP"] == "${{ matrix.app }}"
    steps = build["steps"]
    names = [step.get("name", step.get("uses", "")) for step in steps]
    runs = [step.get("run", "") for step in steps]
    public = next(i for i, run in enumerate(runs) if "smtp.gmail.com" in run)
    relay = next(i for i, run in enumerate(runs) if "smtp.itpison.com" in run)
    assert runs[public].split() == ["python", "scripts/probe_frozen.py", '"$APP"', "--host",
                                    "smtp.gmail.com", "--port", "465", "--must-verify"]
    assert runs[relay].split() == ["python", "scripts/probe_frozen.py", '"$APP"', "--host",
                                   "smtp.itpison.com", "--port", "465"]  # printed, not fatal
    assert "if" not in steps[public] and "if" not in steps[relay]  # on every runner
    self_tests = [i for i, run in enumerate(runs) if "--self-test" in run]
    packaging = min(i for i, name in enumerate(names)
                    if name.startswith(("Installer", "Sign", "Disk image", "Archive")))
    assert max(self_tests) < public < relay < packaging  # the frozen app, before it is packaged


def test_signing_secrets_reach_only_the_steps_that_sign():
    steps = release_workflow()["jobs"]["build"]["steps"]
    for step in steps:
        secrets = set(re.findall(r"secrets\.(\w+)", str(step.get("env", {}))))
        if step.get("name", "").startswith("Installer (Windows"):
            assert secrets == {"WINDOWS_CERTIFICATE", "WINDOWS_CERTIFICATE_PWD"}
            assert step["if"] == "runner.os == 'Windows'"
            assert step["run"] == "packaging/windows/build_installer.ps1 -Version $env:VERSION"
        elif secrets:
            assert step["if"] == "runner.os == 'macOS'" and all(
                s.startswith(("MACOS_", "APPLE_")) for s in secrets)
        assert "secrets." not in step.get("run", "")


def test_ci_freezes_the_app_and_runs_its_self_test_after_the_tests():
    lines = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    tests = next(i for i, line in enumerate(lines) if "pytest" in line)
    build = next(i for i, line in enumerate(lines) if "build.spec" in line)
    selftest = next(i for i, line in enumerate(lines) if "--self-test" in line)
    assert tests < build < selftest and "pyinstaller" in lines[build]
    assert lines[selftest] == "QT_QPA_PLATFORM=offscreen dist/omidesk/omidesk --self-test"
    frozen = next(i for i, line in enumerate(lines) if "tests/frozen" in line)
    assert selftest < frozen and lines[frozen].startswith(
        "OMIDESK_FROZEN_APP=dist/omidesk/omidesk .venv/bin/python -m pytest")
    audit = next(i for i, line in enumerate(lines) if "zizmor" in line)
    assert tests < audit < build and lines[audit] == ".venv/bin/zizmor --offline .github/workflows"
    assert "set -euo pipefail" in lines  # a failing self-test fails CI


def test_self_test_fails_without_a_keychain_on_windows_and_macos(qapp, monkeypatch, capsys):
    import keyring
    import qasync  # noqa: F401 — imported before sys.platform is faked
    from keyring.backends import fail
    from PySide6.QtCore import QStandardPaths

    from omidesk import selftest

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    monkeypatch.setattr(sys, "platform", "darwin")
    try:
        assert selftest.run_self_test() == 1
    finally:
        QStandardPaths.setTestModeEnabled(False)
    assert "FAILED at step keyring" in capsys.readouterr().out
