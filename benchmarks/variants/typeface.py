"""Faces of the variants: reportlab's standard fonts, condensed by horizontal scaling, with the
characters they lack (arrows, the status glyph) set in the bundled DejaVu Sans."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SYMBOL_FONT = "DejaVuSans"
_FONT_FILE = Path(__file__).with_name("fonts") / "DejaVuSans.ttf"

FACES = {  # regular, bold, horizontal scale in percent
    "serif": ("Times-Roman", "Times-Bold", 100),
    "sans": ("Helvetica", "Helvetica-Bold", 100),
    "mono": ("Courier", "Courier-Bold", 100),
    "condensed": ("Helvetica", "Helvetica-Bold", 80),
}


def _register_symbol_font() -> None:
    if SYMBOL_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(SYMBOL_FONT, str(_FONT_FILE)))


def _in_standard_font(ch: str) -> bool:
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def runs(text: str) -> list[tuple[str, bool]]:
    """The text cut into runs a standard font can set (True) and runs it cannot."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        standard = _in_standard_font(ch)
        if out and out[-1][1] == standard:
            out[-1] = (out[-1][0] + ch, standard)
        else:
            out.append((ch, standard))
    return out


@dataclass(frozen=True)
class Typeface:
    regular: str
    bold: str
    scale: float  # horizontal scale in percent

    @classmethod
    def named(cls, face: str, scale: float | None = None) -> "Typeface":
        _register_symbol_font()
        regular, bold, default_scale = FACES[face]
        return cls(regular, bold, default_scale if scale is None else scale)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        font = self.bold if bold else self.regular
        total = sum(pdfmetrics.stringWidth(run, font if standard else SYMBOL_FONT, size) for run, standard in runs(text))
        return total * self.scale / 100.0

    def wrap(self, text: str, size: float, width: float, bold: bool = False) -> list[str]:
        """Words filled into lines no wider than width (a longer word keeps a line of its own)."""
        lines: list[str] = []
        for word in text.split():
            if lines and self.width(f"{lines[-1]} {word}", size, bold) <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]

    def longest_word(self, text: str, size: float, bold: bool = False) -> float:
        return max((self.width(word, size, bold) for word in text.split()), default=0.0)

    def draw(self, canvas, x: float, y: float, text: str, size: float, bold: bool = False,
             colour: tuple[float, float, float] = (0, 0, 0)) -> None:
        font = self.bold if bold else self.regular
        t = canvas.beginText(x, y)
        t.setHorizScale(self.scale)
        t.setFillColorRGB(*colour)
        for run, standard in runs(text):
            t.setFont(font if standard else SYMBOL_FONT, size)
            t.textOut(run)
        canvas.drawText(t)
