"""A document being laid out: pages of fills, rules and text placed first, drawn with reportlab
at the end (so page counts and contents pages can print what the layout decided)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape, letter, portrait
from reportlab.pdfgen import canvas as pdf_canvas

from benchmarks.variants.typeface import Typeface

MARGIN = 40.0
BAND = 22.0  # room kept at the top and the bottom of a page for running heads and feet
SIZES = {"A4": A4, "A3": A3, "Letter": letter}

Colour = tuple[float, float, float]


@dataclass
class PlacedText:
    x: float
    y: float  # baseline, from the bottom of the page
    text: str
    size: float
    bold: bool
    colour: Colour
    face: Typeface


@dataclass
class Page:
    fills: list[tuple[float, float, float, float, Colour]] = field(default_factory=list)
    rules: list[tuple[float, float, float, float, float]] = field(default_factory=list)
    texts: list[PlacedText] = field(default_factory=list)
    lines: list[tuple[list[tuple[float, float]], Colour]] = field(default_factory=list)  # chart polylines


def page_size(name: str) -> tuple[float, float]:
    paper, orientation = name.split("-")
    return (landscape if orientation == "landscape" else portrait)(SIZES[paper])


class Draft:
    def __init__(self, page: str):
        self.width, self.height = page_size(page)
        self.pages: list[Page] = []
        self.y = 0.0
        self.new_page()

    @property
    def top(self) -> float:
        return self.height - MARGIN - BAND

    @property
    def bottom(self) -> float:
        return MARGIN + BAND

    @property
    def left(self) -> float:
        return MARGIN

    @property
    def usable_width(self) -> float:
        return self.width - 2 * MARGIN

    @property
    def page_number(self) -> int:
        return len(self.pages)

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = self.top

    def room(self) -> float:
        return self.y - self.bottom

    def text(self, x: float, y: float, text: str, size: float, face: Typeface, bold: bool = False,
             colour: Colour = (0, 0, 0), page: Page | None = None) -> list[float]:
        """Places text on a baseline; returns its box as pdfplumber measures one (x0, top, x1, bottom)."""
        (page or self.page).texts.append(PlacedText(x, y, text, size, bold, colour, face))
        return [round(x, 1), round(self.height - y - 0.72 * size, 1),
                round(x + face.width(text, size, bold), 1), round(self.height - y + 0.22 * size, 1)]

    def fill(self, x: float, y: float, w: float, h: float, colour: Colour, page: Page | None = None) -> None:
        (page or self.page).fills.append((x, y, w, h, colour))

    def rule(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5, page: Page | None = None) -> None:
        (page or self.page).rules.append((x0, y0, x1, y1, width))

    def save(self, path: Path) -> None:
        c = pdf_canvas.Canvas(str(path), pagesize=(self.width, self.height), invariant=1)
        for page in self.pages:
            for x, y, w, h, colour in page.fills:
                c.setFillColorRGB(*colour)
                c.rect(x, y, w, h, stroke=0, fill=1)
            c.setStrokeColorRGB(0, 0, 0)
            for x0, y0, x1, y1, width in page.rules:
                c.setLineWidth(width)
                c.line(x0, y0, x1, y1)
            for points, colour in page.lines:
                c.setStrokeColorRGB(*colour)
                c.setLineWidth(1.2)
                path_ = c.beginPath()
                path_.moveTo(*points[0])
                for point in points[1:]:
                    path_.lineTo(*point)
                c.drawPath(path_, stroke=1, fill=0)
            for t in page.texts:
                t.face.draw(c, t.x, t.y, t.text, t.size, t.bold, t.colour)
            c.showPage()
        c.save()
