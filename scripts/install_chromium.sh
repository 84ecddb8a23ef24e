#!/bin/sh
# Install Debian's Chromium (and a font with arrows and dashes) so great-tables' gtsave can
# render the scorecards to PNG. Called by `make setup`.
#
# This script never fails setup: where apt-get is missing, we are not root (and have no
# passwordless sudo) or the install fails, it says why and exits 0. The scorecards' HTML is
# written regardless; only their PNGs are skipped, with the reason in the run's log.
#
# Set CSC_SKIP_CHROMIUM=1 to skip, or CHROME_PATH to a browser you already have.

set -u

say() { printf 'install_chromium: %s\n' "$*"; }

if [ "${CSC_SKIP_CHROMIUM:-0}" = "1" ]; then
    say "CSC_SKIP_CHROMIUM=1: not installing a browser; scorecard PNGs will be skipped."
    exit 0
fi

if [ -n "${CHROME_PATH:-}" ] && [ -x "${CHROME_PATH}" ]; then
    say "using CHROME_PATH=${CHROME_PATH}"
    exit 0
fi

for name in chromium chromium-browser google-chrome google-chrome-stable; do
    found=$(command -v "$name" 2>/dev/null) && {
        say "found $name at $found; nothing to install."
        exit 0
    }
done

if ! command -v apt-get >/dev/null 2>&1; then
    say "apt-get is not available on this system; install Chromium or Chrome yourself"
    say "(or set CHROME_PATH) to get scorecard PNGs. Continuing without it."
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    say "not root and no passwordless sudo; run 'sudo apt-get install chromium fonts-dejavu-core'"
    say "yourself to get scorecard PNGs. Continuing without it."
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
say "installing chromium and fonts-dejavu-core with apt-get ..."
if $as_root apt-get update -qq \
    && $as_root apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; then
    say "installed: $(command -v chromium)"
else
    say "apt-get could not install chromium (offline, or no such package here)."
    say "Scorecard HTML is still written; PNGs are skipped until a browser is installed."
fi
exit 0
