#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the HTML report tests (analyzer's ChromiumReportTest and
# ReportCommandChromiumTest), only when it is missing. Called by .ci/run before the build; safe to run again
# (does nothing then).
# Needs root (CI containers run as root); falls back to sudo when available.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-chromium: /usr/bin/chromium is missing and we are not root (no sudo); install Debian's 'chromium' package" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# --no-install-recommends: the report test needs only the browser and one font, not the recommended extras.
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
