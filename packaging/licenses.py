"""The third-party licence notices of everything the bundle ships, generated at build time
(build.spec) from the installed packages' metadata and licence files: the Python packages the
app needs (its runtime requirements, walked for this platform, less what spec_common excludes,
plus any other package whose modules PyInstaller collected), Python itself, the PyInstaller
bootloader, the native libraries beside them, and Qt / PySide6 under the LGPL-3.0 with where
to get their source and how to replace the Qt libraries in the onedir bundle.

A package whose only licence is the GPL (or the AGPL) cannot be shipped in OMIDesk's closed
installers: `collect` refuses it, naming it, and the build stops (tests/test_licenses.py runs
the same check on the installed packages). So does a package without any licence in its
metadata, or without a licence text to print.

    python packaging/licenses.py [OUT.txt]   # what the build would write, from this venv"""

from __future__ import annotations

import hashlib
import importlib.metadata as metadata
import platform
import re
import sys
import sysconfig
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "licenses"  # licence texts a package's metadata names but does not carry
ROOT = "omidesk"
FILE_NAME = "THIRD-PARTY-NOTICES.txt"
BUNDLE_PATH = f"omidesk/resources/licenses/{FILE_NAME}"  # where the About dialog opens it

# Copyleft licences that would cover the whole application. The LGPL (and any licence with a
# linking exception) is fine: it is not in this list.
GPL_ONLY = re.compile(r"^(A?GPL)(-\d(\.\d)?(-only|-or-later|\+)?)?$", re.IGNORECASE)
GPL_CLASSIFIER = re.compile(r"GNU (Affero )?General Public License", re.IGNORECASE)
LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
# Texts for packages that name a licence but ship no file (PySide6 and shiboken6 wheels).
# The LGPL-3.0 is a set of additional permissions on top of the GPL-3.0: both are conveyed.
VENDORED = {"LGPL-3.0-only": ("LGPL-3.0.txt", "GPL-3.0.txt")}


class LicenceProblem(RuntimeError):
    """Something about to be shipped cannot be, or its licence cannot be shown."""


@dataclass
class Package:
    name: str
    version: str
    declared: str  # what its metadata says
    chosen: str  # the licence OMIDesk ships it under
    homepage: str
    texts: list[tuple[str, str]] = field(default_factory=list)  # (file name, text)


@dataclass(frozen=True)
class NativeComponent:
    pattern: str  # regular expression on a library's file name
    name: str
    licence: str
    source: str
    gpl_only: bool = False


# Shared libraries PyInstaller collects beside the Python packages (Python's own, Qt's and the
# system's); the Qt libraries themselves are covered by the Qt section.
NATIVE = [
    NativeComponent(r"^(lib)?python3|^Python$", "Python runtime", "PSF-2.0",
                    "https://www.python.org/downloads/source/"),
    NativeComponent(r"^(lib)?(ssl|crypto)([.-]|$)", "OpenSSL", "Apache-2.0",
                    "https://www.openssl.org/source/"),
    NativeComponent(r"^(lib)?sqlite3", "SQLite", "blessing (public domain)",
                    "https://sqlite.org/"),
    NativeComponent(r"^libffi", "libffi", "MIT", "https://sourceware.org/libffi/"),
    NativeComponent(r"^(lib)?z\.|^zlib", "zlib", "Zlib", "https://zlib.net/"),
    NativeComponent(r"^libbz2", "bzip2", "bzip2-1.0.6", "https://sourceware.org/bzip2/"),
    NativeComponent(r"^liblzma", "XZ Utils (liblzma)", "0BSD", "https://tukaani.org/xz/"),
    NativeComponent(r"^libexpat", "Expat", "MIT", "https://libexpat.github.io/"),
    NativeComponent(r"^libmpdec", "libmpdec", "BSD-2-Clause",
                    "https://www.bytereef.org/mpdecimal/"),
    NativeComponent(r"^(lib)?icu", "ICU (Qt's Unicode support)", "Unicode License (ICU)",
                    "https://icu.unicode.org/"),
    NativeComponent(r"^libpcre2", "PCRE2", "BSD-3-Clause WITH PCRE2-exception",
                    "https://github.com/PCRE2Project/pcre2"),
    NativeComponent(r"^libpng", "libpng", "libpng-2.0", "http://www.libpng.org/"),
    NativeComponent(r"^libfreetype", "FreeType", "FTL", "https://freetype.org/"),
    NativeComponent(r"^libfontconfig", "Fontconfig", "MIT-style (HPND)",
                    "https://www.freedesktop.org/wiki/Software/fontconfig/"),
    NativeComponent(r"^libbrotli", "Brotli", "MIT", "https://github.com/google/brotli"),
    NativeComponent(r"^libzstd", "Zstandard", "BSD-3-Clause", "https://facebook.github.io/zstd/"),
    NativeComponent(r"^liblz4", "LZ4", "BSD-2-Clause", "https://lz4.org/"),
    NativeComponent(r"^lib(X11|Xau|Xdmcp|xcb|xkbcommon)", "X.Org / XCB / xkbcommon", "MIT",
                    "https://www.x.org/"),
    NativeComponent(r"^libglib|^libgthread|^libgio|^libgobject", "GLib", "LGPL-2.1-or-later",
                    "https://gitlab.gnome.org/GNOME/glib"),
    NativeComponent(r"^libdbus", "D-Bus", "AFL-2.1 OR GPL-2.0-or-later (used under AFL-2.1)",
                    "https://www.freedesktop.org/wiki/Software/dbus/"),
    NativeComponent(r"^libsystemd", "systemd (libsystemd)", "LGPL-2.1-or-later",
                    "https://systemd.io/"),
    NativeComponent(r"^libgcrypt|^libgpg-error", "Libgcrypt / libgpg-error", "LGPL-2.1-or-later",
                    "https://gnupg.org/"),
    NativeComponent(r"^libcap\.", "libcap", "BSD-3-Clause OR GPL-2.0-only (used under BSD)",
                    "https://sites.google.com/site/fullycapable/"),
    NativeComponent(r"^libbsd|^libmd\.", "libbsd / libmd", "BSD-3-Clause and others",
                    "https://libbsd.freedesktop.org/"),
    NativeComponent(r"^libuuid", "libuuid (util-linux)", "BSD-3-Clause",
                    "https://github.com/util-linux/util-linux"),
    NativeComponent(r"^lib(stdc\+\+|gcc_s)", "GCC runtime libraries",
                    "GPL-3.0-or-later WITH GCC-exception-3.1", "https://gcc.gnu.org/"),
    NativeComponent(r"^(vcruntime|msvcp|concrt|ucrtbase|api-ms-win)", "Microsoft C/C++ runtime",
                    "Microsoft Visual C++ Redistributable licence terms",
                    "https://learn.microsoft.com/cpp/windows/redistributing-visual-cpp-files"),
    # Never to be shipped: the GPL would cover the app (the readline module is not used).
    NativeComponent(r"^libreadline", "GNU Readline", "GPL-3.0-or-later",
                    "https://tiswww.case.edu/php/chet/readline/rltop.html", gpl_only=True),
]


# -- which packages ship ---------------------------------------------------------------------


def _name(dist: metadata.Distribution) -> str:
    return str(dist.metadata["Name"])


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure(root: str = ROOT) -> list[metadata.Distribution]:
    """`root` and every package its runtime requirements pull in on this platform (markers
    evaluated here, extras not taken), in a stable order; `root` itself is not returned."""
    from packaging.requirements import Requirement

    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError as exc:
            raise LicenceProblem(f"{name} is required but not installed") from exc
        if _key(_name(dist)) in seen:
            continue
        seen[_key(_name(dist))] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return sorted((d for k, d in seen.items() if k != _key(root)), key=lambda d: _key(_name(d)))


def top_level_modules(dist: metadata.Distribution) -> set[str]:
    listed = dist.read_text("top_level.txt")
    if listed:
        return {line.strip() for line in listed.splitlines() if line.strip()}
    names: set[str] = set()
    for file in dist.files or []:
        parts = PurePath(str(file)).parts
        if parts and not parts[0].endswith((".dist-info", ".egg-info", ".data")) \
                and parts[0] != "..":
            names.add(parts[0].split(".")[0])
    return names


def distributions_of(modules: Iterable[str]) -> set[str]:
    """The installed packages that own these (dotted) module names."""
    owners = metadata.packages_distributions()
    found: set[str] = set()
    for module in modules:
        found.update(_key(n) for n in owners.get(module.split(".")[0], ()))
    return found


def shipped(*, root: str = ROOT, excludes: Sequence[str] = (),
            collected_modules: Iterable[str] = ()) -> list[metadata.Distribution]:
    """What the bundle carries: the runtime closure less the packages whose every module is
    excluded from the bundle, plus any package PyInstaller collected modules of."""
    excluded = set(excludes)
    dists = {_key(_name(d)): d for d in runtime_closure(root)
             if not (top_level_modules(d) and top_level_modules(d) <= excluded)}
    for key in sorted(distributions_of(collected_modules) - set(dists) - {_key(root)}):
        dist = metadata.distribution(key)
        if not (top_level_modules(dist) <= excluded):
            dists[key] = dist
    return [dists[key] for key in sorted(dists)]


# -- licences --------------------------------------------------------------------------------


def _first(meta: metadata.PackageMetadata, name: str) -> str:
    """A metadata field's first value, or "" (get_all is what every Python's metadata has)."""
    values = meta.get_all(name)
    return str(values[0]) if values else ""


def declared_licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = _first(meta, "License-Expression")
    if expression:
        return expression.strip()
    text = _first(meta, "License").strip()
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::") and c.strip() != "License :: OSI Approved"]
    if text and len(text) < 80 and "\n" not in text:
        return text if not classifiers else f"{text} ({'; '.join(classifiers)})"
    return "; ".join(classifiers)


def _gpl_only(licence: str) -> bool:
    if " WITH " in licence or "exception" in licence.lower():
        return False  # a linking or runtime-library exception
    if re.search(r"Lesser|Library|LGPL", licence, re.IGNORECASE):
        return False
    return bool(GPL_ONLY.match(licence) or GPL_CLASSIFIER.search(licence) or
                re.match(r"^A?GPL\s*v?\d", licence, re.IGNORECASE))


def choose(declared: str) -> tuple[str, str | None]:
    """(the licence to ship under, or why it cannot be shipped). An SPDX expression with OR
    offers a choice: the LGPL when offered, else the first alternative that is not GPL-only."""
    if not declared:
        return "", "its metadata names no licence"
    alternatives = [a.strip() for a in declared.split(" OR ")]
    if len(alternatives) > 1:
        alternatives = [a[1:-1].strip() if a.startswith("(") and a.endswith(")") else a
                        for a in alternatives]
    lgpl = [a for a in alternatives if re.search(r"Lesser|LGPL", a, re.IGNORECASE)]
    allowed = lgpl + [a for a in alternatives if a not in lgpl and not _gpl_only(a)]
    if allowed:
        return allowed[0], None
    return "", f"its only licence is the GPL ({declared})"


def licence_texts(dist: metadata.Distribution, chosen: str) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for file in dist.files or []:
        path = PurePath(str(file))
        if path.parts and path.parts[0].endswith(".dist-info") and LICENCE_FILE.search(path.name):
            content = dist.read_text(str(PurePath(*path.parts[1:])))
            if content and content.strip():
                texts.append((path.name, content.strip("\r\n").rstrip()))
    if not texts:
        for name in VENDORED.get(chosen, ()):
            texts.append((name, (TEXTS / name).read_text(encoding="utf-8").strip("\n").rstrip()))
    return texts


def packages(dists: Sequence[metadata.Distribution]) -> list[Package]:
    """Raises LicenceProblem naming every package that cannot be shipped or shown."""
    out: list[Package] = []
    problems: list[str] = []
    for dist in dists:
        declared = declared_licence(dist)
        chosen, problem = choose(declared)
        if problem:
            problems.append(f"{_name(dist)} {dist.version}: {problem}")
            continue
        texts = licence_texts(dist, chosen)
        if not texts:
            problems.append(f"{_name(dist)} {dist.version}: no licence text in its metadata "
                            f"and none in packaging/licenses/ for {chosen}")
        out.append(Package(_name(dist), dist.version, declared, chosen, _homepage(dist), texts))
    if problems:
        raise LicenceProblem("cannot ship: " + "; ".join(problems))
    return out


def _homepage(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    urls = [u.split(",", 1)[1].strip() for u in meta.get_all("Project-URL") or [] if "," in u]
    preferred = [u.split(",", 1)[1].strip() for u in meta.get_all("Project-URL") or []
                 if u.lower().startswith(("source", "repository", "homepage", "home", "code"))]
    return _first(meta, "Home-page") or next(iter(preferred + urls), "")


def native_components(binaries: Iterable[str]) -> tuple[dict[NativeComponent, list[str]],
                                                          list[str]]:
    """The bundle's shared libraries (destination paths) by component, and the unknown ones.
    Python extension modules belong to their package, Qt's libraries to the Qt section."""
    found: dict[NativeComponent, list[str]] = {}
    unknown: list[str] = []
    for dest in sorted(set(binaries)):
        path = PurePath(dest.replace("\\", "/"))
        name = path.name
        in_qt = path.parts[0] in ("PySide6", "shiboken6")
        if re.match(r"^(lib)?(Qt6?[A-Z]|pyside6|shiboken6)", name, re.IGNORECASE) or \
                (in_qt and "plugins" in path.parts):
            continue  # Qt, its plugins and its bindings: the Qt section
        if "lib-dynload" in path.parts or re.search(r"\.(pyd|abi3\.so)$|\.cpython-|\.cp\d+-",
                                                    name) or (len(path.parts) > 1 and not in_qt):
            continue  # Python extension modules, and anything inside a package's folder
        component = next((c for c in NATIVE if re.search(c.pattern, name, re.IGNORECASE)), None)
        if component is None:
            unknown.append(name)
        else:
            found.setdefault(component, []).append(name)
    forbidden = [f"{c.name} ({', '.join(files)})" for c, files in found.items() if c.gpl_only]
    if forbidden:
        raise LicenceProblem("cannot ship GPL-only libraries: " + "; ".join(forbidden))
    return found, unknown


# -- the notices -----------------------------------------------------------------------------


def python_licence() -> str:
    for folder in (Path(sysconfig.get_paths()["stdlib"]), Path(sys.base_prefix)):
        candidate = folder / "LICENSE.txt"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace").strip("\n").rstrip()
    raise LicenceProblem("Python's LICENSE.txt was not found beside its standard library")


def pyinstaller_licence() -> tuple[str, str]:
    try:
        dist = metadata.distribution("pyinstaller")
    except metadata.PackageNotFoundError:
        return "", ""
    texts = licence_texts(dist, "")
    return dist.version, "\n\n".join(text for _, text in texts)


def qt_section(pyside: str, qt: str, frameworks: Sequence[str]) -> str:
    minor = ".".join(qt.split(".")[:2])
    return f"""\
Qt {qt} and Qt for Python (PySide6 {pyside}, shiboken6) are used under the GNU Lesser General
Public License version 3 (LGPL-3.0-only); they are also offered under the GPL-2.0, the GPL-3.0
and a commercial licence by The Qt Company. The texts of the LGPL-3.0 and of the GPL-3.0 it
adds its permissions to are printed below. Qt libraries in this bundle: {", ".join(frameworks)}.
Qt itself contains third-party code (among others ICU, HarfBuzz, FreeType, libpng, libjpeg,
PCRE2, zlib, md4c, double-conversion) under their own permissive licences, listed in
"Licenses Used in Qt": https://doc.qt.io/qt-6/licenses-used-in-qt.html

Source code
  Qt {qt}:
    https://download.qt.io/official_releases/qt/{minor}/{qt}/ (once superseded:
    https://download.qt.io/archive/qt/{minor}/{qt}/), or https://code.qt.io/cgit/qt/qtbase.git/
    (and the other Qt modules' repositories) at the tag v{qt}
  PySide6 and shiboken6 {pyside}:
    https://download.qt.io/official_releases/QtForPython/pyside6/, or
    https://code.qt.io/cgit/pyside/pyside-setup.git/ at the tag v{pyside}
OMIDesk uses Qt and PySide6 unmodified, as The Qt Company publishes them.

Replacing the Qt libraries
  OMIDesk is a "onedir" bundle: Qt and PySide6 are separate shared libraries beside the
  program, loaded at start, and you may replace them with your own build of the same Qt minor
  version ({minor}.x, or a later patch release), built with the same configuration:
  - Windows:  the folder OMIDesk is installed in (default %LOCALAPPDATA%\\Programs\\OMIDesk or
              C:\\Program Files\\OMIDesk), _internal\\PySide6\\: Qt6Core.dll, Qt6Gui.dll,
              Qt6Widgets.dll and the plugins\\ folder; the PySide6 bindings (QtCore.pyd, …)
              and shiboken6 beside them.
  - macOS:    OMIDesk.app/Contents/Frameworks/PySide6/Qt/lib/QtCore.framework (QtGui,
              QtWidgets, …) and Contents/Frameworks/PySide6/Qt/plugins/; then sign the app
              again (for your own use: codesign --force --deep --sign - OMIDesk.app).
  - Linux:    omidesk/_internal/PySide6/Qt/lib/libQt6Core.so.6 (libQt6Gui, libQt6Widgets, …)
              and omidesk/_internal/PySide6/Qt/plugins/.
  The Python bindings must match the Qt you put in: build PySide6 {pyside} (or the matching
  version) from its source above against your Qt and replace PySide6/ and shiboken6/ too.
"""


def render(pkgs: Sequence[Package], natives: dict[NativeComponent, list[str]],
           unknown: Sequence[str], *, app_version: str, pyside: str, qt: str,
           qt_libraries: Sequence[str]) -> str:
    """The notices as one UTF-8 text: deterministic (no date), each distinct licence text
    printed once and referred to after."""
    bar = "=" * 78
    out: list[str] = [
        f"OMIDesk {app_version} — third-party software notices / 第三方軟體授權聲明", bar,
        "OMIDesk includes the third-party software below. Each part is used under the licence",
        "named, and its licence text follows it (a text identical to one printed earlier is",
        "referred to). Generated at build time by packaging/licenses.py from the metadata and",
        "licence files of the packages this build shipped.",
        "本程式包含下列第三方軟體，各依所列授權條款使用；授權全文列於各項之後。", "",
        "Contents: 1. Qt and Qt for Python (LGPL-3.0) — 2. Python — 3. Python packages —",
        "          4. Native libraries — 5. PyInstaller bootloader", "",
    ]
    printed: dict[str, str] = {}

    def text_block(owner: str, texts: Sequence[tuple[str, str]]) -> list[str]:
        lines: list[str] = []
        for file_name, text in texts:
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest in printed:
                lines.append(f"  [{file_name}: the same text as printed above for "
                             f"{printed[digest]}]")
                continue
            printed[digest] = owner
            lines += [f"---- {file_name} ({owner}) " + "-" * max(0, 60 - len(file_name) -
                                                                len(owner)), text, ""]
        return lines

    pyside_pkgs = [p for p in pkgs if _key(p.name) in ("pyside6-essentials", "pyside6",
                                                       "shiboken6")]
    out += [bar, f"1. Qt {qt} and Qt for Python (PySide6 {pyside}) — LGPL-3.0-only", bar,
            qt_section(pyside, qt, qt_libraries)]
    for pkg in pyside_pkgs:
        out.append(f"{pkg.name} {pkg.version}: {pkg.declared} — shipped under {pkg.chosen}")
    out.append("")
    for pkg in pyside_pkgs:
        out += text_block(pkg.name, pkg.texts)

    out += [bar, f"2. Python {platform.python_version()} — PSF-2.0 (Python Software "
            "Foundation License)", bar, "https://www.python.org/", ""]
    out += text_block("Python", [("LICENSE.txt", python_licence())])

    others = [p for p in pkgs if p not in pyside_pkgs]
    out += [bar, f"3. Python packages ({len(others)})", bar]
    for pkg in others:
        licence = pkg.declared if pkg.declared == pkg.chosen else \
            f"{pkg.declared} — shipped under {pkg.chosen}"
        out.append(f"  {pkg.name} {pkg.version} — {licence}" +
                   (f" — {pkg.homepage}" if pkg.homepage else ""))
    out.append("")
    for pkg in others:
        out += [f"{pkg.name} {pkg.version}", ""] + text_block(pkg.name, pkg.texts)

    out += [bar, "4. Native libraries bundled with the above", bar]
    for component in sorted(natives, key=lambda c: c.name.lower()):
        out.append(f"  {component.name} — {component.licence} — {component.source}")
        out.append(f"      {', '.join(sorted(natives[component]))}")
    if unknown:
        out.append("  System libraries of the build machine, under their vendors' licences:")
        out.append(f"      {', '.join(unknown)}")
    out.append("  Each library's licence text comes with its source at the address given; the "
               "common ones (Apache-2.0, MIT, BSD, LGPL) are printed in full above.")
    out.append("")

    version, bootloader = pyinstaller_licence()
    if bootloader:
        out += [bar, f"5. PyInstaller {version} bootloader — GPL-2.0-or-later WITH the "
                "Bootloader exception (run-time hooks Apache-2.0)", bar,
                "The bootloader that starts OMIDesk may be combined with any program and "
                "distributed without restriction (the exception below).", ""]
        out += text_block("PyInstaller", [("COPYING.txt", bootloader)])
    return "\n".join(out).rstrip() + "\n"


@dataclass
class Report:
    path: Path
    packages: list[Package]
    unknown_libraries: list[str]


def write_notices(target: Path, *, app_version: str, excludes: Sequence[str] = (),
                  collected_modules: Iterable[str] = (), binaries: Iterable[str] = ()) -> Report:
    """Check and write the notices (raises LicenceProblem before writing anything wrong)."""
    import PySide6
    from PySide6 import QtCore

    binaries = list(binaries)
    pkgs = packages(shipped(excludes=excludes, collected_modules=collected_modules))
    natives, unknown = native_components(binaries)
    qt_libraries = sorted({m.group(1) for b in binaries
                           if (m := re.search(r"(?:lib)?Qt6?([A-Z][A-Za-z]+)(?:\.framework|\.dll|"
                                              r"\.so)", PurePath(b.replace("\\", "/")).name))})
    text = render(pkgs, natives, unknown, app_version=app_version,
                  pyside=PySide6.__version__, qt=QtCore.qVersion(),
                  qt_libraries=[f"Qt{name}" for name in qt_libraries] or ["QtCore", "QtGui",
                                                                          "QtWidgets"])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return Report(target, pkgs, unknown)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    sys.path.insert(0, str(HERE))
    import spec_common

    target = Path(args[0]) if args else Path("build") / FILE_NAME
    report = write_notices(target, app_version=spec_common.package_metadata()["version"],
                           excludes=spec_common.EXCLUDES)
    print(f"licenses: {len(report.packages)} packages, {target.stat().st_size} bytes -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
