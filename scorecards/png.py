"""PNGs of scorecard tables, drawn one after another in a single headless browser tab.

great-tables' gtsave opens a new tab for every picture, writes a temporary file,
waits for it in 50 ms polls, sleeps and resizes the viewport two or three times:
about 0.28 s a PNG. Here one tab, kept open while a PngWriter is, is handed each
table's HTML directly, measured once its fonts are ready, and captured with a clip
that scales it: about a quarter of that. The picture is the one gtsave draws: the
table's HTML alone (no doctype, as gtsave gives it; under the page's doctype the
lines around inline sparklines come out a few pixels taller), in a 1600 px viewport,
10 px of page around the table, at twice CSS size; a table too wide for that page is
laid out at its natural width rather than squeezed.
"""

from __future__ import annotations

import base64
import io
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from scorecards.browser import Browser, find_browser, is_root, remove_profile, write_wrapper

if TYPE_CHECKING:
    import nokap
    from nokap._cdp import SyncCDP

PNG_ZOOM = 2.0  # twice the CSS size: sharp when printed or zoomed
# Wider than any scorecard's natural width, so the browser never squeezes columns to wrap;
# the PNG is cropped to the table.
VIEWPORT_WIDTH = 1600
VIEWPORT_HEIGHT = 744  # gtsave's; the capture reaches below it
WIDE_VIEWPORT = 16384  # for a table as wide as VIEWPORT_WIDTH: room to find its natural width
EXPAND = 10  # CSS pixels of page around the table, as gtsave was asked for
# What gtsave (through nokap) handed the browser: the table's HTML after a charset.
TABLE_DOCUMENT = '<meta charset="utf-8">\n{table}'

# Resolves once web fonts are in and layout is done (measuring forces it): the table's box in page
# coordinates, and the width its container leaves it.
MEASURE_TABLE = """document.fonts.ready.then(() => {
  const table = document.querySelector("table");
  if (!table) return null;
  const box = table.getBoundingClientRect();
  return {x: box.x + window.scrollX, y: box.y + window.scrollY, width: box.width, height: box.height,
          room: table.parentElement.clientWidth};
})"""


@dataclass(frozen=True)
class PngResult:
    """A PNG written (with its pixel size), or skipped with the reason."""

    path: Path | None
    width: int = 0
    height: int = 0
    skipped: str | None = None


@dataclass(frozen=True)
class Box:
    """A table's place on the page, and the width its container leaves it, in CSS pixels."""

    x: float
    y: float
    width: float
    height: float
    room: float

    @property
    def squeezed(self) -> bool:
        """As wide as it may be: its columns may have been narrowed (and their text wrapped) to fit."""
        return self.width >= self.room - 1


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR), without an imaging library."""
    with path.open("rb") as handle:
        head = handle.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG file")
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def clip(box: Box, expand: int, scale: float) -> dict[str, float]:
    """The capture rectangle: the box grown by `expand` on every side (not past the page's top or left)."""
    return {
        "x": max(0.0, box.x - expand),
        "y": max(0.0, box.y - expand),
        "width": box.width + 2 * expand,
        "height": box.height + 2 * expand,
        "scale": scale,
    }


@dataclass
class Tab:
    """One tab of a browser started for the PNGs: each table's HTML goes into it in turn.

    nokap 0.1.0 is pinned in pyproject.toml: its public API (Chrome, Session) starts the browser
    and opens the tab, but the connection class (nokap._cdp.SyncCDP) and sending a tab any
    command (Session._send) are private.
    """

    chrome: nokap.Chrome
    cdp: SyncCDP
    session: nokap.Session
    frame_id: str
    width: int = VIEWPORT_WIDTH

    @classmethod
    def start(cls, program: Path) -> Tab:
        """Start the browser (through the wrapper) and open the tab; nokap's ChromeStartError if it will not."""
        import nokap
        from nokap._cdp import SyncCDP

        chrome = nokap.Chrome(path=str(program))
        cdp: SyncCDP | None = None
        try:
            cdp = SyncCDP(chrome.ws_url)
            cdp.connect()
            session = nokap.Session(cdp, width=VIEWPORT_WIDTH, height=VIEWPORT_HEIGHT)
            frame_id = session._send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        except Exception as exc:
            if cdp is not None:
                cdp.close()
            chrome.close()
            raise nokap.ChromeStartError(f"the browser started but could not be driven: {exc}") from exc
        return cls(chrome, cdp, session, frame_id)

    def draw(self, html: str, zoom: float, expand: int) -> bytes:
        """The PNG of the document's table: `zoom` times its CSS size, `expand` CSS pixels of page around it."""
        self.session._send("Page.setDocumentContent", {"frameId": self.frame_id, "html": html})
        try:
            box = self._natural_box()
            shot = self.session._send(
                "Page.captureScreenshot",
                {"format": "png", "captureBeyondViewport": True, "clip": clip(box, expand, zoom)},
            )
        finally:
            self._viewport(VIEWPORT_WIDTH)
        return base64.b64decode(shot["data"])

    def _natural_box(self) -> Box:
        """The table's box; a squeezed one is laid out again in a far wider viewport, at its natural width.

        Squeezed is as wide as the room the page leaves it (the viewport less the body's margins),
        which a table reaches only by wrapping its columns. One that fills the wide viewport too
        is fluid (width 100%), and is drawn at the usual width.
        """
        box = self._measure()
        if not box.squeezed:
            return box
        self._viewport(WIDE_VIEWPORT)
        wide = self._measure()
        if not wide.squeezed:
            return wide
        self._viewport(VIEWPORT_WIDTH)
        return self._measure()

    def _viewport(self, width: int) -> None:
        if width != self.width:
            self.session.set_viewport(width, VIEWPORT_HEIGHT)
            self.width = width

    def _measure(self) -> Box:
        from nokap import SelectorError

        found: dict[str, Any] = self.session._send(
            "Runtime.evaluate", {"expression": MEASURE_TABLE, "awaitPromise": True, "returnByValue": True}
        )
        if "exceptionDetails" in found:
            raise RuntimeError(f"measuring the table failed: {found['exceptionDetails'].get('text')}")
        value = found.get("result", {}).get("value")
        if value is None:
            raise SelectorError("table")
        return Box(value["x"], value["y"], value["width"], value["height"], value["room"])

    def close(self) -> None:
        """Close the tab, the connection and the browser, each whatever became of the others."""
        for close in (self.session.close, self.cdp.close, self.chrome.close):
            try:
                close()
            except Exception:  # noqa: BLE001 - closing after a failure: the browser may be gone already
                pass


class PngWriter:
    """Draws tables as PNG in one browser tab, for as long as it is open.

    The browser starts at the first PNG (a run whose scorecards are all unchanged starts
    none) and is closed on exit. If it cannot be found or will not start, every save
    returns a skipped result with that reason instead of failing. After any other failure
    the PNG is skipped and the next one starts a new browser.
    """

    def __init__(self, browser: Browser | None = None, zoom: float = PNG_ZOOM) -> None:
        self.browser = browser or find_browser()
        self.zoom = zoom
        self.disabled: str | None = None if self.browser.path else self.browser.reason
        self._folder: Path | None = None
        self._wrapper: Path | None = None
        self._tab: Tab | None = None

    def __enter__(self) -> PngWriter:
        if self.browser.path is None:
            return self
        try:
            import nokap  # noqa: F401
        except ImportError as exc:
            self.disabled = f"the PNG renderer (nokap, great-tables' dependency) is not installed: {exc}"
            return self
        self._folder = Path(tempfile.mkdtemp(prefix="csc-chromium-"))
        self._wrapper = write_wrapper(self.browser.path, self._folder, running_as_root=is_root())
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._folder is None:
            return
        try:
            self._close_tab()
        finally:
            remove_profile(self._folder)
            self._folder = self._wrapper = None

    def skipped(self) -> PngResult:
        """What every save returns while PNGs cannot be drawn."""
        return PngResult(None, skipped=f"PNG skipped: {self.disabled}")

    def save(self, table_html: str, path: Path) -> PngResult:
        """Write the table (great-tables' as_raw_html) to `path` as PNG.

        On a browser failure, say why and leave no file: the next run draws it.
        """
        if self.disabled:
            return self.skipped()
        if self._wrapper is None:
            raise RuntimeError("PngWriter.save() outside `with PngWriter() as writer:`")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._tab = self._tab or Tab.start(self._wrapper)
            path.write_bytes(self._tab.draw(TABLE_DOCUMENT.format(table=table_html), self.zoom, EXPAND))
            width, height = png_size(path)
        except _browser_failures() as exc:
            path.unlink(missing_ok=True)
            self._close_tab()
            reason = f"{type(exc).__name__}: {exc}".strip()
            if _browser_unusable(exc):
                self.disabled = f"the browser {self.browser.path} would not start ({reason})"
            return PngResult(None, skipped=f"PNG skipped: {reason}")
        return PngResult(path, width, height)

    def _close_tab(self) -> None:
        if self._tab is not None:
            self._tab.close()
            self._tab = None


def _browser_failures() -> tuple[type[BaseException], ...]:
    """What a browser (another process, over a socket) can raise; each becomes a skipped PNG."""
    from nokap import NokapError
    from websockets.exceptions import WebSocketException

    return (NokapError, WebSocketException, OSError, ValueError, TimeoutError, RuntimeError, KeyError)


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
