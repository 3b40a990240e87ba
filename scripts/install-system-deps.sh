#!/usr/bin/env bash
# Installs what Qt and the venv need on Debian/Ubuntu; a no-op where everything is present.
# Offscreen tests need little; a real window needs the xcb libraries; Chinese needs a CJK font;
# PyInstaller (build.spec) needs objdump and strip from binutils; the sender-domain tests run
# dnsmasq (from dnsmasq-base, the server alone) as their DNS server; certificates are verified
# against the system's CA store (ca-certificates, also what tests/frozen adds a CA to).
set -euo pipefail

packages=(
    python3-venv
    libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
    libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0
    libxcb-xkb1 libxcb-xfixes0 libx11-xcb1
    fonts-noto-cjk
    binutils
    dnsmasq-base
    ca-certificates
)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-system-deps: not a Debian/Ubuntu system; install Qt's xcb libraries yourself." >&2
    exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
    if [ "$pkg" = python3-venv ] && python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
        continue  # a Python with venv + ensurepip (pyenv, python.org) needs no Debian package
    fi
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "install-system-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
