#!/usr/bin/env bash
# Signs dist/OMIDesk.app with a Developer ID certificate (hardened runtime, secure timestamp,
# packaging/macos/entitlements.plist), then notarizes and staples it. Runs only when the
# signing secrets are set; otherwise it says so and exits 0 (the build stays unsigned: users
# see the Gatekeeper prompt described in the README).
#   MACOS_CERTIFICATE      base64 of the "Developer ID Application" .p12
#   MACOS_CERTIFICATE_PWD  the .p12's password
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   for notarytool (an app-specific password)
# Usage: bash packaging/macos/sign_and_notarize.sh [app|dmg FILE]
#   app (default): sign and notarize dist/OMIDesk.app, staple the app (before make_dmg.sh)
#   dmg FILE:      sign, notarize and staple the disk image (after make_dmg.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
for var in MACOS_CERTIFICATE MACOS_CERTIFICATE_PWD APPLE_ID APPLE_TEAM_ID APPLE_APP_PASSWORD; do
    if [ -z "${!var:-}" ]; then
        echo "sign_and_notarize: $var is not set: skipped, the build stays unsigned"
        exit 0
    fi
done
mode="${1:-app}"
app="dist/OMIDesk.app"
entitlements="packaging/macos/entitlements.plist"

# A throw-away keychain holding the certificate, removed on exit.
keychain="${RUNNER_TEMP:-$(mktemp -d)}/omidesk-signing.keychain-db"
keychain_pwd="$(uuidgen)"
cert="$(mktemp).p12"
trap 'rm -f "$cert"; security delete-keychain "$keychain" 2>/dev/null || true' EXIT
echo "$MACOS_CERTIFICATE" | base64 --decode > "$cert"
security create-keychain -p "$keychain_pwd" "$keychain"
security set-keychain-settings -lut 21600 "$keychain"
security unlock-keychain -p "$keychain_pwd" "$keychain"
security import "$cert" -P "$MACOS_CERTIFICATE_PWD" -A -t cert -f pkcs12 -k "$keychain"
security set-key-partition-list -S apple-tool:,apple: -k "$keychain_pwd" "$keychain" >/dev/null
security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
identity="$(security find-identity -v -p codesigning "$keychain" \
    | awk -F'"' '/Developer ID Application/ {print $2; exit}')"
[ -n "$identity" ] || { echo "sign_and_notarize: no Developer ID Application identity" >&2; exit 1; }

notarize() {  # $1: a .zip or .dmg
    xcrun notarytool submit "$1" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait --timeout 30m
}

if [ "$mode" = app ]; then
    # Inside out, no --deep: every Mach-O binary (Qt libraries, Python extensions, the
    # Python library) first, then the bundle itself with the entitlements.
    find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -u+x \) -print0 \
        | while IFS= read -r -d '' file; do
            if file "$file" | grep -q 'Mach-O'; then
                codesign --force --timestamp --options runtime --sign "$identity" "$file"
            fi
        done
    find "$app/Contents" -type d -name '*.framework' -print0 | sort -rz \
        | xargs -0 -I{} codesign --force --timestamp --options runtime --sign "$identity" {}
    codesign --force --timestamp --options runtime --entitlements "$entitlements" \
        --sign "$identity" "$app"
    codesign --verify --strict --verbose=2 "$app"
    zip="$(mktemp -d)/OMIDesk.zip"
    ditto -c -k --keepParent "$app" "$zip"
    notarize "$zip"
    xcrun stapler staple "$app"
    spctl --assess --type execute --verbose "$app"
elif [ "$mode" = dmg ]; then
    dmg="${2:?usage: sign_and_notarize.sh dmg FILE}"
    codesign --force --timestamp --sign "$identity" "$dmg"
    notarize "$dmg"
    xcrun stapler staple "$dmg"
else
    echo "usage: sign_and_notarize.sh [app|dmg FILE]" >&2
    exit 2
fi
echo "sign_and_notarize: $mode signed, notarized and stapled"
