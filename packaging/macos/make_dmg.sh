#!/usr/bin/env bash
# Packs dist/OMIDesk.app (from `pyinstaller build.spec`) into a compressed disk image with an
# /Applications link to drag it onto and the third-party licence notices:
# dist/OMIDesk-<version>-macos-<arch>.dmg.
# Usage: bash packaging/macos/make_dmg.sh [VERSION]   (default: the package's version)
set -euo pipefail
cd "$(dirname "$0")/../.."
app="dist/OMIDesk.app"
[ -d "$app" ] || { echo "make_dmg: $app not found; run pyinstaller build.spec first" >&2; exit 1; }
version="${1:-$(python3 -c 'import sys; sys.path.insert(0, "packaging"); import spec_common; print(spec_common.package_metadata()["version"])')}"
arch="$(uname -m)"
dmg="dist/OMIDesk-${version}-macos-${arch}.dmg"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# ditto keeps the bundle's symlinks, extended attributes and code signature intact.
ditto "$app" "$stage/OMIDesk.app"
ln -s /Applications "$stage/Applications"
# The licence notices the build wrote into the app, also beside it in the disk image.
notices="$(find "$app/Contents" -name THIRD-PARTY-NOTICES.txt -print -quit)"
[ -n "$notices" ] || { echo "make_dmg: no THIRD-PARTY-NOTICES.txt in $app" >&2; exit 1; }
cp "$notices" "$stage/Third-Party Notices.txt"
rm -f "$dmg"
hdiutil create -volname "OMIDesk ${version}" -srcfolder "$stage" -fs HFS+ -format UDZO \
    -imagekey zlib-level=9 -ov "$dmg"
echo "make_dmg: wrote $dmg"
