"""What build.spec and the bundle benchmark's hello-world share: the name and version read from
the package (one source of truth), the excludes, the Qt plugins and translations kept, strip,
onedir, what PyInstaller's start-up defers, and the PyInstaller steps themselves (`freeze`).
Import it from a spec only: the PyInstaller classes used by `freeze` need a running
PyInstaller build."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "omidesk"

# macOS bundle identifier: reverse DNS of the publisher (沛盛資訊, itpison.com).
BUNDLE_ID = "tw.com.itpison.omidesk"
MACOS_MINIMUM = "13.0"  # Qt 6.10+ (PySide6 6.11 wheels) supports macOS 13 Ventura and later


def package_metadata() -> dict[str, str]:
    """APP_NAME and __version__ from omidesk/__init__.py, read without importing the package."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in ("APP_NAME", "__version__"):
                    found[target.id] = str(node.value.value)
    return {"name": found["APP_NAME"], "version": found["__version__"]}


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """"1.2.3rc1" -> (1, 2, 3, 0): Windows file versions are four 16-bit numbers."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0].split("-")[0])[:3]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def render_version_info(template: str, name: str, version: str) -> str:
    """packaging/windows/version_info.txt with the placeholders filled in."""
    values = {"NAME": name, "VERSION": version, "VERSION_TUPLE": repr(version_tuple(version)),
              "EXE": f"{name.lower()}.exe"}
    text = re.sub(r"@(\w+)@", lambda m: values[m.group(1)], template)
    ast.parse(text)  # PyInstaller eval()s the file: it must be a valid Python expression
    return text


def macos_info_plist(name: str, version: str) -> dict[str, object]:
    """The bundle's Info.plist keys (PyInstaller adds the executable, identifier and icon).
    CFBundleLocalizations makes macOS hand a Finder-started app the user's language: without
    it only the development region (English) is offered, Qt's QLocale::system() says English
    on a 繁中 Mac and the system's own dialogs stay English (QTBUG-72491). The document type
    puts OMIDesk under "Open With" for .eml files without taking them from Mail (Alternate);
    macOS then sends the file as an open event, which the app handles."""
    return {
        "CFBundleName": name,
        "CFBundleDisplayName": name,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": ["zh_TW", "en"],
        "CFBundleAllowMixedLocalizations": True,
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow dark mode
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHumanReadableCopyright": name,
        "CFBundleDocumentTypes": [{
            "CFBundleTypeName": "E-mail message",
            "CFBundleTypeRole": "Editor",  # opened as a draft to edit and send
            "LSHandlerRank": "Alternate",
            "LSItemContentTypes": ["com.apple.mail.email", "public.email-message"],
        }],
    }


# Python modules that must never be bundled: other Qt bindings (qasync imports whichever it
# finds; two bindings abort the build), GUI toolkits and test packages.
EXCLUDES = [
    "PyQt5", "PyQt6", "PySide2", "shiboken2", "tkinter", "_tkinter", "turtle", "turtledemo",
    "idlelib", "lib2to3", "pydoc_data", "unittest", "doctest", "test", "tests",
    "pytest", "_pytest", "pytestqt", "pytest_asyncio", "hypothesis", "trustme", "PyInstaller",
    "keyrings",  # keyrings.alt: file "keychains" the tests use and the app refuses
    "setuptools", "pip", "pkg_resources", "distutils",
    # Standard modules nothing in the app uses. (dnspython is bundled since the sender-domain
    # check: see dns_excludes.)
    "xmlrpc", "ftplib", "multiprocessing",
    # Qt modules the app does not use (it imports QtCore, QtGui, QtWidgets only).
    "PySide6.QtNetwork", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtQml",
    "PySide6.QtQuick", "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtPrintSupport",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtConcurrent",
    "PySide6.QtDBus", "PySide6.QtUiTools", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtMultimedia", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtPdf", "PySide6.QtCharts", "PySide6.QtStateMachine", "PySide6.QtGraphs",
    "PySide6.scripts",
]

# dnspython (the sender-domain check): the record types it reads — any other type parses as
# generic data — and none of DNS over QUIC (aioquic is not installed), trio or dynamic update.
DNS_RDTYPES_KEPT = {"ANY.CNAME", "ANY.DNAME", "ANY.MX", "ANY.NS", "ANY.OPT", "ANY.PTR",
                    "ANY.SOA", "ANY.SPF", "ANY.TSIG", "ANY.TXT", "IN.A", "IN.AAAA"}
DNS_UNUSED = ["dns.quic._asyncio", "dns.quic._common", "dns.quic._sync", "dns.quic._trio",
              "dns._trio_backend", "dns.update", "dns.dnssec", "dns.dnssecalgs", "dns.zone",
              "dns.zonefile", "dns.versioned"]


def dns_excludes() -> list[str]:
    """The modules of dnspython the app never loads (found in the installed package)."""
    import pkgutil

    try:
        import dns.rdtypes
    except ImportError:
        return []
    prefix = "dns.rdtypes."
    unused = [info.name for info in pkgutil.walk_packages(dns.rdtypes.__path__, prefix)
              if not info.ispkg and info.name.count(".") == 3
              and info.name.removeprefix(prefix) not in DNS_RDTYPES_KEPT]
    windows = ["dns.win32util"] if sys.platform != "win32" else []  # the resolver's Windows setup
    return [*DNS_UNUSED, *windows, *unused]

# Qt plugins kept, by plugin folder; every other plugin folder is dropped entirely.
# Platforms: xcb (X11), wayland and offscreen (the self-test, CI) on Linux, cocoa on macOS,
# windows on Windows. Image formats: what the rich editor accepts (png and bmp are built into
# QtGui; jpeg, gif, webp are plugins). Styles: the native look on Windows 11 and macOS.
# Input contexts: ibus for Chinese input methods on Linux, compose for dead keys.
QT_PLUGINS = {
    "platforms": {"qxcb", "qwayland", "qwayland-generic", "qoffscreen", "qcocoa", "qwindows"},
    "imageformats": {"qjpeg", "qgif", "qwebp"},
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"},
    "platforminputcontexts": {"composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"},
    "platformthemes": {"qxdgdesktopportal"},
    "xcbglintegrations": {"qxcb-egl-integration", "qxcb-glx-integration"},
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient"},
    "wayland-graphics-integration-client": {"qt-plugin-wayland-egl", "shm-emulation-server"},
}
# Qt's own translations: only the 繁中 one for the widgets' standard texts.
QT_TRANSLATIONS = {"qtbase_zh_TW.qm"}
# Qt shared libraries the kept modules and plugins need; any other Qt library is dropped.
QT_LIBRARIES = {"Core", "Gui", "Widgets", "DBus", "XcbQpa", "WaylandClient",
                "WaylandEglClientHwIntegration", "OpenGL", "EglFSDeviceIntegration"}


def _qt_parts(dest: str) -> tuple[str, ...] | None:
    """The path below PySide6/Qt (or PySide6 on Windows) of a collected file, else None."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return None
    return parts[2:] if len(parts) > 1 and parts[1] == "Qt" else parts[1:]


def _stem(filename: str) -> str:
    name = filename.split(".")[0]
    return name[3:] if name.startswith("lib") else name


def keep(dest: str) -> bool:
    """Whether a collected file (its destination path in the bundle) stays in the bundle."""
    parts = _qt_parts(dest)
    if parts is None:
        return True
    if len(parts) >= 3 and parts[0] == "plugins":
        return _stem(parts[-1]) in QT_PLUGINS.get(parts[1], set())
    if len(parts) >= 2 and parts[0] == "translations":
        return parts[-1] in QT_TRANSLATIONS
    if parts and parts[0] in ("qml", "resources", "libexec", "metatypes", "typesystems",
                              "include", "glue", "doc", "examples"):
        return False
    # Qt libraries: libQt6Foo.so.6 (Linux), Qt6Foo.dll (Windows), QtFoo.framework (macOS).
    for part in parts:
        match = re.match(r"^(?:lib)?Qt6?([A-Za-z]+)(?:\.framework|\.dll|\.so|\.dylib)", part)
        if match:
            return match.group(1) in QT_LIBRARIES
    if len(parts) == 1 and parts[0].lower() in ("opengl32sw.dll", "d3dcompiler_47.dll"):
        return False  # Windows: software OpenGL and the shader compiler, for Qt Quick/OpenGL only
    # not the Qt tools PySide6 ships beside the modules
    return not (len(parts) == 1 and re.match(
        r"^(?:designer|assistant|linguist|lrelease|lupdate|uic|rcc|qmllint|qmlformat|qmlls|"
        r"balsam)", parts[0]))


# What PyInstaller's start-up does before the app's first line and the app does not need yet:
# the same work, done when it is first needed (packaging/frozen/; bench/paint_instructions.py
# counts what it saved).
FROZEN = ROOT / "packaging" / "frozen"
LAZY_RUNTIME_HOOKS = {"pyi_rth_pkgutil": FROZEN / "lazy_pkgutil.py"}


def lazy_runtime_hooks(scripts: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The analysis' scripts with PyInstaller's runtime hooks in LAZY_RUNTIME_HOOKS replaced
    by ours (same place in the order, another name)."""
    return [(f"{entry[0]}_lazy", str(LAZY_RUNTIME_HOOKS[entry[0]]), entry[2])
            if entry[0] in LAZY_RUNTIME_HOOKS else entry for entry in scripts]


def lazy_ctypes_source(original: str) -> str | None:
    """PyInstaller's pyimod03_ctypes source with packaging/frozen/lazy_ctypes.py appended,
    whose install() runs the original install() at the first import of ctypes instead of at
    start; None for a PyInstaller whose module has no install()."""
    if not re.search(r"^def install\(\):", original, re.MULTILINE):
        return None
    return original + (FROZEN / "lazy_ctypes.py").read_text(encoding="utf-8")


def defer_ctypes_hooks(dependencies: list[tuple[str, str, str]],
                       workpath: Path) -> list[tuple[str, str, str]]:
    """The bootstrap modules (PYZ.dependencies) with pyimod03_ctypes made lazy
    (lazy_ctypes_source). A PyInstaller whose module has no install() keeps its own, and the
    build says so."""
    from PyInstaller.building.utils import compile_pymodule
    from PyInstaller.depend.analysis import get_bootstrap_modules

    sources = {name: path for name, path, typecode in get_bootstrap_modules()
               if typecode == "PYMODULE"}
    original = Path(sources.get("pyimod03_ctypes", ""))
    text = lazy_ctypes_source(original.read_text(encoding="utf-8")) if original.is_file() else None
    if text is None:
        print("spec_common: WARNING: PyInstaller's pyimod03_ctypes has no install(); "
              "ctypes stays imported at every start")
        return dependencies
    folder = workpath / "omidesk-loader"
    folder.mkdir(parents=True, exist_ok=True)
    lazy = folder / "pyimod03_ctypes.py"
    lazy.write_text(text, encoding="utf-8")
    pyc = compile_pymodule("pyimod03_ctypes", str(lazy), str(folder / "pyc"), optimize=0)
    return [(name, pyc if name == "pyimod03_ctypes" else path, typecode)
            for name, path, typecode in dependencies]


def _limit_qt_plugins() -> None:
    """Drop unwanted Qt plugins where PyInstaller's Qt hooks collect them, before the binary
    dependency analysis: a plugin removed only afterwards leaves its libraries behind (the GTK
    theme plugin alone pulls in cairo, pango and GLib's friends)."""
    from PyInstaller.utils.hooks import qt as pyi_qt

    original = pyi_qt.QtLibraryInfo.collect_plugins
    if getattr(original, "_omidesk", False):
        return

    def collect_plugins(self, plugin_type):  # type: ignore[no-untyped-def]
        return [(src, dst) for src, dst in original(self, plugin_type)
                if keep(f"{dst}/{Path(src).name}")]

    collect_plugins._omidesk = True  # type: ignore[attr-defined]
    pyi_qt.QtLibraryInfo.collect_plugins = collect_plugins


def freeze(*, name: str, script: str, datas=(), hiddenimports=(), runtime_hooks=(), icon=None,
           version_file=None, bundle_name=None, info_plist=None, entitlements=None,
           after_analysis=None):
    """Analysis -> PYZ -> EXE -> COLLECT (onedir) [-> BUNDLE on macOS] with the shared settings.
    runtime_hooks: scripts run before PyInstaller's own runtime hooks and the script.
    after_analysis(modules, binaries) -> [(destination, source)]: more data files, computed
    from what the analysis collected (build.spec writes the licence notices with it)."""
    from PyInstaller.building.api import COLLECT, EXE, PYZ
    from PyInstaller.building.build_main import Analysis
    from PyInstaller.config import CONF

    _limit_qt_plugins()

    a = Analysis([script], pathex=[str(ROOT)], datas=list(datas),
                 hiddenimports=list(hiddenimports), excludes=[*EXCLUDES, *dns_excludes()],
                 runtime_hooks=list(runtime_hooks))
    a.scripts = lazy_runtime_hooks(a.scripts)
    a.binaries = [entry for entry in a.binaries if keep(entry[0])]
    a.datas = [entry for entry in a.datas if keep(entry[0])]
    if after_analysis is not None:
        modules = [entry[0] for entry in a.pure] + [entry[0] for entry in a.binaries
                                                    if entry[2] == "EXTENSION"]
        binaries = [entry[0] for entry in a.binaries if entry[2] == "BINARY"]
        a.datas += [(dest, src, "DATA") for dest, src in after_analysis(modules, binaries)]
    pyz = PYZ(a.pure)
    if any(entry[0] == "ctypes" for entry in a.pure):  # else PyInstaller's install() is a no-op
        pyz.dependencies = defer_ctypes_hooks(pyz.dependencies, Path(CONF["workpath"]))
    windowed = sys.platform in ("win32", "darwin")  # Linux: keep stdout for --self-test
    strip = sys.platform != "win32"
    exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name=name, console=not windowed,
              strip=strip, upx=False, icon=icon, version=version_file,
              entitlements_file=entitlements, codesign_identity=None,
              argv_emulation=False)
    coll = COLLECT(exe, a.binaries, a.datas, strip=strip, upx=False, name=name)
    if sys.platform == "darwin" and bundle_name:
        from PyInstaller.building.osx import BUNDLE

        return BUNDLE(coll, name=bundle_name, icon=icon, bundle_identifier=BUNDLE_ID,
                      version=info_plist.get("CFBundleShortVersionString") if info_plist else None,
                      info_plist=info_plist)
    return coll
