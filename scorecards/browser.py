"""Which browser draws the PNGs, and the switches it is started with.

PNGs come from a headless Chrome/Chromium: the one in CHROME_PATH, else chromium,
google-chrome, ... on PATH. nokap, which drives it, adds --headless and
--no-first-run but not --no-sandbox, which Chromium needs to start as root, nor
the switches that stop it calling home on a machine with no internet. So the
browser is started through a small wrapper script that adds those switches and a
throwaway profile.
"""

from __future__ import annotations

import os
import shlex
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# --headless, --disable-gpu, --no-first-run and --disable-background-networking are nokap's too;
# repeated here so the wrapper is safe whoever launches it.
OFFLINE_SWITCHES = (
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-dev-shm-usage",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--hide-scrollbars",
    "--mute-audio",
)

PNG_SWITCH = "CSC_SCORECARD_PNG"


@dataclass(frozen=True)
class Browser:
    """The browser PNGs are rendered with, or None with the reason none can be used."""

    path: Path | None
    reason: str


def find_browser() -> Browser:
    """CHROME_PATH if set (and executable), else the first Chromium or Chrome on PATH.

    CSC_SCORECARD_PNG=0 turns PNGs off (HTML only), e.g. for quick test runs of the pipeline.
    """
    if os.environ.get(PNG_SWITCH, "1").strip() == "0":
        return Browser(None, f"{PNG_SWITCH}=0 (HTML only)")
    configured = os.environ.get("CHROME_PATH")
    if configured:
        if os.path.isfile(configured) and os.access(configured, os.X_OK):
            return Browser(Path(configured), f"CHROME_PATH={configured}")
        return Browser(None, f"CHROME_PATH={configured} is not an executable file")
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return Browser(Path(found), f"{name} at {found}")
    return Browser(
        None,
        "no Chromium or Chrome found (looked for CHROME_PATH and " + ", ".join(BROWSER_NAMES) + " on PATH); "
        "run scripts/install_chromium.sh or set CHROME_PATH",
    )


def browser_switches(running_as_root: bool) -> list[str]:
    """Switches for a headless, offline browser; root needs --no-sandbox or Chromium refuses to start."""
    return (["--no-sandbox"] if running_as_root else []) + list(OFFLINE_SWITCHES)


def write_wrapper(browser: Path, folder: Path, running_as_root: bool) -> Path:
    """A shell script that starts `browser` with our switches and a private profile, passing nokap's on."""
    profile = folder / "profile"
    profile.mkdir(parents=True, exist_ok=True)
    switches = browser_switches(running_as_root) + [f"--user-data-dir={profile}"]
    script = folder / "headless-chromium"
    script.write_text(
        "#!/bin/sh\n"
        "# Written by scorecards/browser.py for the scorecards' PNGs (drawn through nokap).\n"
        f'exec {shlex.quote(str(browser))} {" ".join(shlex.quote(s) for s in switches)} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def remove_profile(folder: Path, attempts: int = 10) -> None:
    """Delete the wrapper and browser profile; Chromium's helpers may still be writing for a moment."""
    for _ in range(attempts):
        try:
            shutil.rmtree(folder)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.3)
    shutil.rmtree(folder, ignore_errors=True)
