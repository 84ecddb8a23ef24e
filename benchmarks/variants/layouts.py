"""The named layout dimensions and the variants drawn from a seed.

Each dimension's values are dealt out evenly over the variants and shuffled by the seed, so
every value appears in a run of 40 and the combinations differ from seed to seed. Three fixed
variants (easy, medium, hard) come first in every run; the test suite runs them.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, replace

DIMENSIONS: dict[str, tuple] = {
    "page": ("A4-portrait", "A4-landscape", "A3-portrait", "A3-landscape", "Letter-portrait", "Letter-landscape"),
    "face": ("serif", "sans", "mono", "condensed"),
    "size": (6, 7, 8, 9, 10, 11),
    "rules": ("full", "horizontal", "header", "none"),
    "zebra": ("none", "grey", "blue", "cream"),
    "header_band": ("none", "light", "dark"),
    "align": ("left", "right", "centre", "decimal"),
    "label_lines": (1, 2, 3, 4),
    "spanning": ("source", "flattened", "extra_level"),
    "page_break": ("none", "repeat", "no_repeat"),
    "caption": ("none", "above", "below"),
    "running": ("none", "head", "foot", "both"),
    "page_numbers": ("none", "plain", "page_of"),
    "footnotes": ("none", "notes", "superscript", "star"),
    "rag_palette": ("office", "muted", "saturated", "tinted"),
    "rag_style": ("fill", "word", "letter", "word_on_fill", "glyph"),
    "chart": ("none", "bar", "line"),
    "front": ("none", "cover", "cover_contents"),
}


@dataclass(frozen=True)
class Variant:
    """One layout: a value of every dimension, and the seed that picks its tables."""

    name: str
    page: str
    face: str
    size: int
    rules: str
    zebra: str
    header_band: str
    align: str
    label_lines: int
    spanning: str
    page_break: str
    caption: str
    running: str
    page_numbers: str
    footnotes: str
    rag_palette: str
    rag_style: str
    chart: str
    front: str
    table_seed: int

    def dimensions(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if k in DIMENSIONS}

    def describe(self) -> str:
        d = self.dimensions()
        return " ".join(f"{k}={v}" for k, v in d.items())


FIXED = (
    # ruled, sans, as the corpus prints most tables
    Variant("easy", "A4-landscape", "sans", 9, "full", "none", "light", "left", 1, "source", "none", "none",
            "none", "none", "none", "office", "fill", "none", "none", 105),
    # serif, rows ruled only, right-aligned, labels wrapped, a table broken over pages with its header repeated
    Variant("medium", "A4-portrait", "serif", 8, "horizontal", "none", "none", "right", 2, "source", "repeat",
            "above", "both", "page_of", "notes", "muted", "word", "none", "none", 202),
    # no rules, zebra bands, dark header band, no repeated header, status letters, footnote markers,
    # a chart beside the table, a cover and contents
    Variant("hard", "Letter-portrait", "condensed", 7, "none", "blue", "dark", "decimal", 3, "extra_level",
            "no_repeat", "below", "foot", "plain", "superscript", "tinted", "letter", "bar", "cover_contents", 303),
)


def seeded_variants(seed: int, count: int) -> list[Variant]:
    rng = random.Random(seed)
    dealt: dict[str, list] = {}
    for name, values in DIMENSIONS.items():
        column = [values[i % len(values)] for i in range(count)]
        rng.shuffle(column)
        dealt[name] = column
    return [
        Variant(name=f"v{i + 1:02d}", table_seed=rng.randrange(1 << 30), **{k: dealt[k][i] for k in DIMENSIONS})
        for i in range(count)
    ]


def variants(seed: int, count: int) -> list[Variant]:
    """The fixed variants, then `count - 3` drawn from the seed (at least the fixed three)."""
    return list(FIXED) + seeded_variants(seed, max(count - len(FIXED), 0))


def layout_named(spec: str) -> Variant:
    """A fixed variant by name, with dimension values changed after it: `easy rules=none`."""
    name, *changes = spec.split()
    fixed = {v.name: v for v in FIXED}
    if name not in fixed:
        raise ValueError(f"{spec!r}: the layout must start with one of {', '.join(fixed)}")
    values = {}
    for change in changes:
        dimension, _, value = change.partition("=")
        options = {str(v): v for v in DIMENSIONS.get(dimension, ())}
        if value not in options:
            raise ValueError(f"{change!r}: {dimension} takes {', '.join(options) or 'no such dimension'}")
        values[dimension] = options[value]
    return replace(fixed[name], name="+".join([name, *changes]), **values)


def ablation_variants(base: Variant = FIXED[0]) -> list[Variant]:
    """The base layout with one dimension changed at a time: what each value costs on its own."""
    return [
        replace(base, name=f"{dimension}={value}", **{dimension: value})
        for dimension, values in DIMENSIONS.items()
        for value in values
        if value != getattr(base, dimension)
    ]
