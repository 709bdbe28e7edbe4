#!/usr/bin/env bash
# Installs the system packages the app and its tests need, when they are missing, on Debian/Ubuntu.
# Elsewhere it prints what is needed. Idempotent and quiet when everything is there.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
pkg-config --exists libsecret-1 2>/dev/null || need+=(libsecret-1-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus)
command -v dbus-launch >/dev/null 2>&1 || need+=(dbus-x11)
command -v openssl >/dev/null 2>&1 || need+=(openssl)

if [ ${#need[@]} -eq 0 ]; then exit 0; fi

if command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  sudo_cmd=()
  if [ "$(id -u)" != "0" ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing system packages: ${need[*]}" >&2
  echo "Install them with your package manager (macOS and Windows need none of them except a browser for the browser tests)." >&2
  exit 1
fi
