"""Writing scorecards to disk: HTML always, PNG through great-tables' gtsave when a browser exists.

gtsave hands the table to `nokap`, which starts Chrome/Chromium from the path in
CHROME_PATH (else chromium, google-chrome, ... on PATH). It adds --headless and
--no-first-run but not --no-sandbox, which Chromium needs to start as root, nor
the switches that stop it calling home on a machine with no internet. So while
a PngWriter is open, CHROME_PATH points at a small wrapper script that starts
the real browser with those switches and a throwaway profile. Where no browser
is found, or it will not start, the HTML is still written and each PNG result
says why it was skipped.
"""

from __future__ import annotations

import base64
import io
import os
import shlex
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from great_tables import GT

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
PNG_ZOOM = 2.0  # twice the CSS size: sharp when printed or zoomed
# Wider than any scorecard's natural width, so the browser never squeezes columns to wrap;
# the PNG is cropped to the table.
VIEWPORT_WIDTH = 1600
# Seconds between page load and screenshot. Scorecards use system fonts and inline SVG only, so
# nothing arrives late; gtsave's 0.2 s default would make the ~200 benchmark PNGs a minute slower.
PNG_DELAY = 0.05


@dataclass(frozen=True)
class Browser:
    """The browser PNGs are rendered with, or None with the reason none can be used."""

    path: Path | None
    reason: str


@dataclass(frozen=True)
class PngResult:
    """A PNG written (with its pixel size), or skipped with the reason."""

    path: Path | None
    width: int = 0
    height: int = 0
    skipped: str | None = None


@dataclass(frozen=True)
class ExportedScorecard:
    """One scorecard on disk: its HTML, and its PNG or why there is none."""

    kind: str
    name: str
    title: str
    html_path: Path
    png: PngResult
    redrawn: bool = True  # False: the page was unchanged and its files were kept


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
        "# Written by scorecards/export.py for great-tables' gtsave (via nokap).\n"
        f'exec {shlex.quote(str(browser))} {" ".join(shlex.quote(s) for s in switches)} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR), without an imaging library."""
    with path.open("rb") as handle:
        head = handle.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG file")
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def html_page(gt: GT, title: str) -> str:
    """A standalone page (UTF-8, titled) holding the table, for a browser or an email."""
    from html import escape

    page = gt.as_raw_html(make_page=True)
    return page.replace("<head>", f"<head>\n<title>{escape(title)}</title>", 1)


def export_scorecard(gt: GT, kind: str, name: str, title: str, folder: Path, png: PngWriter) -> ExportedScorecard:
    """Write <name>.html and <name>.png into the folder, unless the same page is there already.

    Drawing a PNG starts a browser and takes most of a scorecard's time; a scorecard whose
    page is unchanged (a load that did not touch its rows) keeps the PNG drawn from it.
    """
    html_path, png_path = folder / f"{name}.html", folder / f"{name}.png"
    page = html_page(gt, title)
    if html_path.is_file() and png_path.is_file() and html_path.read_text(encoding="utf-8") == page:
        width, height = png_size(png_path)
        return ExportedScorecard(kind, name, title, html_path, PngResult(png_path, width, height), redrawn=False)
    folder.mkdir(parents=True, exist_ok=True)
    png_path.unlink(missing_ok=True)  # drawn from the old page
    html_path.write_text(page, encoding="utf-8")
    return ExportedScorecard(kind, name, title, html_path, png.save(gt, png_path))


class PngWriter:
    """Saves tables as PNG with gtsave, through the wrapper, for as long as it is open.

    One browser serves every PNG written while open (nokap keeps it), and is
    closed on exit. If the browser cannot be found or will not start, every
    save returns a skipped result with that reason instead of failing.
    """

    def __init__(self, browser: Browser | None = None, zoom: float = PNG_ZOOM) -> None:
        self.browser = browser or find_browser()
        self.zoom = zoom
        self.disabled: str | None = None if self.browser.path else self.browser.reason
        self._folder: Path | None = None
        self._saved_chrome_path: str | None = None

    def __enter__(self) -> PngWriter:
        if self.browser.path is None:
            return self
        try:
            import nokap
        except ImportError as exc:
            self.disabled = f"great-tables' PNG renderer (nokap) is not installed: {exc}"
            return self
        nokap.close()  # a browser nokap started earlier, without our switches, must not be reused
        self._folder = Path(tempfile.mkdtemp(prefix="csc-chromium-"))
        wrapper = write_wrapper(self.browser.path, self._folder, running_as_root=_is_root())
        self._saved_chrome_path = os.environ.get("CHROME_PATH")
        os.environ["CHROME_PATH"] = str(wrapper)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._folder is None:
            return
        try:
            import nokap

            nokap.close()
        finally:
            if self._saved_chrome_path is None:
                os.environ.pop("CHROME_PATH", None)
            else:
                os.environ["CHROME_PATH"] = self._saved_chrome_path
            _remove_profile(self._folder)
            self._folder = None

    def save(self, gt: GT, path: Path) -> PngResult:
        """Write `path` as PNG; on any browser failure, say why and leave no partial file."""
        if self.disabled:
            return PngResult(None, skipped=f"PNG skipped: {self.disabled}")
        if self._folder is None:
            raise RuntimeError("PngWriter.save() outside `with PngWriter() as writer:`")
        from nokap import NokapError

        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            gt.gtsave(path, zoom=self.zoom, expand=10, vwidth=VIEWPORT_WIDTH, delay=PNG_DELAY)
            width, height = png_size(path)
        except (NokapError, OSError, ValueError, TimeoutError) as exc:
            path.unlink(missing_ok=True)
            reason = f"{type(exc).__name__}: {exc}".strip()
            if _browser_unusable(exc):
                self.disabled = f"the browser {self.browser.path} would not start ({reason})"
            return PngResult(None, skipped=f"PNG skipped: {reason}")
        return PngResult(path, width, height)


def _remove_profile(folder: Path, attempts: int = 10) -> None:
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


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _browser_unusable(exc: BaseException) -> bool:
    """A start failure will repeat for every table, so stop trying after the first."""
    from nokap import ChromeNotFoundError, ChromeStartError

    return isinstance(exc, (ChromeNotFoundError, ChromeStartError, PermissionError))


def png_preview_markdown(png: PngResult, title: str, max_width: int = 900, max_height: int = 1400) -> str | None:
    """A markdown image of the PNG's top (shrunk to max_width, cut at max_height) for Dagster's metadata.

    Inline as a data URI, which Dagster's markdown view shows, and as JPEG to keep the
    run's event log small; the full PNG is at its path. Without Pillow, the PNG as it is.
    """
    if png.path is None:
        return None
    data, mime = png.path.read_bytes(), "image/png"
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            picture = image.convert("RGB")
        if picture.width > max_width:
            picture = picture.resize((max_width, round(picture.height * max_width / picture.width)), Image.LANCZOS)
        if picture.height > max_height:
            picture = picture.crop((0, 0, picture.width, max_height))
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=85, optimize=True)
        data, mime = buffer.getvalue(), "image/jpeg"
    except ImportError:
        pass
    alt = title.replace("[", "(").replace("]", ")")
    return f"![{alt}](data:{mime};base64,{base64.b64encode(data).decode('ascii')})"
