"""Propose the catalogue indicator a printed label most likely is, with a score and the
evidence, or abstain.

The label (with its table title when it names no measure by itself, "Number" under "Number of
CLA at the month end") is compared, abbreviations spelt out, with every text that names an
indicator: its catalogue name and the labels other families' crosswalk rows already map to it.
rapidfuzz gives the similarity; a printed national measure code, the unit the words say and
the unit of the values, the printed polarity, the magnitude of the values (or the level of
its percentages) against other councils', the word the label names first and the section the
row sits in are further evidence.
A hand-weighted sum of it all picks each label's candidates; the fitted model of
mapping.model weighs the same evidence into a confidence (percent) for each. A label whose
best confidence is below the model's threshold gets no proposal: a wrong mapping publishes
wrong numbers, a missing one only leaves a label for review. So does a label whose runner-up
is within the model's margin of the best: two indicators that close are a coin toss.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from mapping.catalogue import CrosswalkRow, Indicator, read_crosswalk, read_indicators
from mapping.model import CANDIDATES, ScoreModel, load_model
from mapping.printed import PrintedLabel, Target, read_indicator_magnitudes, read_printed_labels
from mapping.vocabulary import (
    expand,
    is_generic,
    measure_code,
    measure_words,
    count_basis_of_text,
    names_a_measure,
    without_national_codes,
    without_period_words,
    national_codes_in,
    period_basis_of_text,
    polarity_of_text,
    unit_of_text,
)

# Without a model (the hand-weighted score alone): the threshold and margin on that score.
# With one, the model's own, chosen with it on the known families' folds (docs/benchmarks.md).
THRESHOLD = 50.0
MARGIN = 12.0

FUZZY_SHARE = 0.4  # of the label score: rapidfuzz's similarity; the rest, the weighted word overlap
EXPLAINED_WEIGHT = 1.0
UNIT_MISMATCH = -25.0  # the label says percent, the indicator counts
POLARITY_MATCH, POLARITY_MISMATCH = 3.0, -10.0
NATIONAL_CODE_MATCH, NATIONAL_CODE_MISMATCH = 20.0, -15.0
MEASURE_CODE_MATCH = 30.0  # another family's crosswalk maps the same printed code
SECTION_MATCH = 4.0
COUNT_BASIS_MATCH, COUNT_BASIS_MISMATCH = 3.0, -15.0  # children at a date against children at any time in a period
# The label's values against the same indicator's values in other councils' reports: within
# MAGNITUDE_TOLERANCE tenfolds nothing (councils differ in size, and a district or a 12-month
# total is no month of a county); beyond it, so many points per tenfold (a count near 1,000 is
# not a rate per 10,000 near 40), at most the cap.
MAGNITUDE_TOLERANCE = 1.0
MAGNITUDE_PER_DECADE, MAGNITUDE_CAP = -40.0, -40.0
PERCENT_SPAN = 50.0  # percentage points apart at which percentages say all they can (percent_apart 1)

_UNIT_OF_INDICATOR = {"percent": "percent", "count": "count", "rate_per_10k": "rate_per_10k", "days": "days"}


_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class NamingText:
    """A text that names an indicator: its catalogue name, or a label another family maps to it."""

    indicator_code: str
    text: str  # expanded, as compared
    origin: str  # for the evidence
    measure_code: str | None = None
    words: frozenset[str] = frozenset()  # measure words, for the overlap
    family: str | None = None  # the family whose crosswalk row it is (None: the catalogue)


@dataclass(frozen=True)
class Ranked:
    indicator_code: str
    score: float  # the model's confidence in percent (the hand-weighted score without a model)
    evidence: tuple[str, ...]
    features: dict[str, float] = field(default_factory=dict, compare=False)  # for the model (mapping.model)


@dataclass(frozen=True)
class Suggestion:
    label: PrintedLabel
    best: Ranked | None
    second: Ranked | None
    threshold: float
    margin: float
    period_basis: str | None

    @property
    def gap(self) -> float:
        """How far the best score is above the runner-up's."""
        if self.best is None:
            return 0.0
        return self.best.score - (self.second.score if self.second else 0.0)

    @property
    def indicator_code(self) -> str | None:
        """The proposal, or None (abstained) when the best score is below the threshold or
        the runner-up is within the margin."""
        if self.best is None or self.best.score < self.threshold or self.gap < self.margin:
            return None
        return self.best.indicator_code

    @property
    def abstained(self) -> bool:
        return self.indicator_code is None


def naming_texts(indicators: Iterable[Indicator], crosswalk: Iterable[CrosswalkRow]) -> list[NamingText]:
    """Every text the suggestions compare labels with."""
    texts = [NamingText(i.indicator_code, expand(without_period_words(i.indicator_name)), f"catalogue name '{i.indicator_name}'") for i in indicators]
    texts += [  # "Children in need (DfE definition, including CP, CLA ...)" is what a report calls "Children in need"
        NamingText(i.indicator_code, expand(without_period_words(short)), f"catalogue name '{i.indicator_name}' without its parenthesis")
        for i in indicators
        if (short := _PARENTHESIS.sub(" ", i.indicator_name).strip()) != i.indicator_name.strip() and not is_generic(without_period_words(short))
    ]
    for row in crosswalk:
        if not row.indicator_code:
            continue
        label = row.source_label if row.source_label not in ("", "*") else ""
        printed = f"{row.source_table_title} {label}" if is_generic(label) or names_a_measure(row.source_table_title) else label
        texts.append(
            NamingText(
                row.indicator_code,
                expand(without_period_words(printed)),
                f"{row.family} maps '{' > '.join(p for p in (row.source_table_title, label) if p)}'",
                measure_code(row.source_code) if row.match_on == "code" else None,
                family=row.family,
            )
        )
    return [t for t in texts if t.text]


class WordWeights:
    """How much a shared word says: rare words of the catalogue's texts (dental, ceased, 25)
    weigh more than common ones (children, plan). A word the texts do not know is mapped to
    a known one rapidfuzz finds close enough (enquires / enquiries), else weighs as the rarest."""

    def __init__(self, texts: list[NamingText]) -> None:
        documents = [set(measure_words(t.text)) for t in texts]
        frequency = Counter(w for words in documents for w in words)
        self.weights = {w: math.log(len(documents) / n) + 1.0 for w, n in frequency.items()}
        self.unknown = math.log(len(documents)) + 1.0
        self._canonical: dict[str, str] = {}

    def canonical(self, word: str) -> str:
        if word in self.weights or len(word) < 5:
            return word
        if word not in self._canonical:
            found = process.extractOne(word, self.weights.keys(), scorer=fuzz.ratio, score_cutoff=88)
            self._canonical[word] = found[0] if found else word
        return self._canonical[word]

    def words(self, text: str) -> frozenset[str]:
        return frozenset(self.canonical(w) for w in measure_words(text))

    def weight(self, words: Iterable[str]) -> float:
        return sum(self.weights.get(w, self.unknown) for w in words)

    def overlap(self, label_words: frozenset[str], context_words: frozenset[str], text_words: frozenset[str]) -> float:
        """0-1: how much of the text's words the label and its context print, and how much of
        the label's own words the text has (the context -- table title, section -- may add
        words without counting against a text)."""
        covered, explained = self.coverage(label_words, context_words, text_words)
        if covered + explained == 0:
            return 0.0
        beta2 = EXPLAINED_WEIGHT**2  # F-beta: the label's own words count beta times the text's
        return (1 + beta2) * covered * explained / (beta2 * covered + explained)

    def coverage(self, label_words: frozenset[str], context_words: frozenset[str], text_words: frozenset[str]) -> tuple[float, float]:
        """The two sides of the overlap: covered (the text's words the label and context
        print) and explained (the label's own words the text has), weighted, 0-1 each."""
        if not text_words or not (label_words or context_words):
            return 0.0, 0.0
        covered = self.weight(text_words & (label_words | context_words)) / self.weight(text_words)
        own = label_words or context_words
        return covered, self.weight(own & text_words) / self.weight(own)

    def rarest(self, words: Iterable[str]) -> float:
        """0-1: the weight of the rarest of these words against the rarest possible (0: none)."""
        return max((self.weights.get(w, self.unknown) for w in words), default=0.0) / self.unknown


def _head(text: str) -> str | None:
    """The first measure word of an expanded text: what it counts ("referral" in "number
    referral led assessment started")."""
    return next(iter(measure_words(text)), None)


def similarity(query: str, text: str) -> float:
    """0-100: half rapidfuzz's token-set ratio (one label's words within the other's), half its
    token-sort ratio (the same words overall), so that a short label inside a long one counts
    but not fully."""
    return 0.5 * fuzz.token_set_ratio(query, text) + 0.5 * fuzz.token_sort_ratio(query, text)


def title_names_label(label: PrintedLabel) -> bool:
    """Whether the table title is part of the label's name: the title names a measure or the
    label names none by itself ("Number" under "Number of CLA at the month end")."""
    return bool(label.table_title) and (is_generic(without_period_words(label.source_label)) or names_a_measure(label.table_title))


def naming_label(label: PrintedLabel) -> str:
    """What names the label's indicator: the label, with the table title where that is part
    of its name; period words left out."""
    if title_names_label(label):
        return without_period_words(f"{label.table_title} {label.source_label}")
    return without_period_words(label.source_label)


def query_text(label: PrintedLabel) -> str:
    return expand(naming_label(label))


def said_unit(label: PrintedLabel) -> tuple[str | None, str]:
    """The unit the label's row says in words, and where it says it."""
    for printed in label.printed_unit:
        if unit := unit_of_text(printed):
            return unit, f"printed unit '{printed}'"
    if unit := unit_of_text(label.source_label):
        return unit, "the label's words"
    if is_generic(label.source_label) and (unit := unit_of_text(label.table_title)):
        return unit, "the table title's words"
    return None, ""


def values_unit(label: PrintedLabel) -> str | None:
    """The unit the extractor read in all the label's values (a % sign, a count ...), if one."""
    return label.units[0] if len(set(label.units)) == 1 else None


def label_polarity(label: PrintedLabel) -> tuple[str | None, str]:
    for printed in label.printed_polarity:
        if polarity := polarity_of_text(printed):
            return polarity, f"printed polarity '{printed}'"
    for text in (label.source_label, label.table_title):
        if "is better" in text.lower() and (polarity := polarity_of_text(text)):
            return polarity, f"'{text}'"
    return None, ""


class Suggester:
    """Ranks the catalogue's indicators for printed labels."""

    def __init__(
        self,
        indicators: list[Indicator],
        crosswalk: list[CrosswalkRow],
        threshold: float | None = None,
        margin: float | None = None,
        magnitudes: dict[str, dict[str, float]] | None = None,
        model: ScoreModel | None = None,
    ) -> None:
        self.magnitudes = magnitudes or {}  # indicator -> council -> typical value
        self.indicators = {i.indicator_code: i for i in indicators}
        texts = naming_texts(indicators, crosswalk)
        self.weights = WordWeights(texts)
        self.texts = [replace(t, words=self.weights.words(t.text)) for t in texts]
        self.domains = {code: expand(i.domain) for code, i in self.indicators.items()}
        self.count_bases = {  # the name first: "at any time in the period" is what it counts
            code: count_basis_of_text(i.indicator_name) or count_basis_of_text(i.definition)
            for code, i in self.indicators.items() if i.unit == "count"
        }
        self.heads: dict[str, set[str]] = {}  # indicator -> the first measure word of each of its texts
        for t in self.texts:
            if head := _head(t.text):
                self.heads.setdefault(t.indicator_code, set()).add(head)
        self.families_mapping = Counter(code for code, _ in {(t.indicator_code, t.family) for t in self.texts if t.family})
        self.model = model
        self._hand_ranked: dict[PrintedLabel, list[Ranked]] = {}
        self.threshold = model.threshold if model and threshold is None else (THRESHOLD if threshold is None else threshold)
        self.margin = model.margin if model and margin is None else (MARGIN if margin is None else margin)

    def rank(self, label: PrintedLabel) -> list[Ranked]:
        """Every indicator with a naming text, best first: by the model's confidence where
        there is a model (the CANDIDATES best by the hand-weighted score), else by that score."""
        ranked = self.hand_ranked(label)
        if self.model is None:
            return ranked
        candidates = ranked[:CANDIDATES]
        confidences = self.model.confidences([r.features for r in candidates])
        rescored = [
            Ranked(r.indicator_code, round(100 * c, 1), (f"confidence {100 * c:.0f} % (hand-weighted score {r.score:g})",) + r.evidence, r.features)
            for r, c in zip(candidates, confidences)
        ]
        rescored.sort(key=lambda r: (-r.score, r.indicator_code))
        return rescored

    def hand_ranked(self, label: PrintedLabel) -> list[Ranked]:
        """Every indicator with a naming text by the hand-weighted score, with the evidence
        and its features for the model (worked out once per label: the benchmark refits
        the model on the same rankings)."""
        if label not in self._hand_ranked:
            self._hand_ranked[label] = self._hand_ranking(label)
        return self._hand_ranked[label]

    def _hand_ranking(self, label: PrintedLabel) -> list[Ranked]:
        query = query_text(label)
        label_words = self.weights.words(query)
        context_words = self.weights.words(expand(f"{label.source_group} {label.table_title}"))
        code = measure_code(label.source_code)
        best_text: dict[str, tuple[float, NamingText]] = {}
        by_origin: dict[tuple[str, bool], float] = {}  # (indicator, from the catalogue) -> best label score
        for text in self.texts:
            overlap = self.weights.overlap(label_words, context_words, text.words)
            score = FUZZY_SHARE * similarity(query, text.text) + (1 - FUZZY_SHARE) * 100 * overlap
            origin = (text.indicator_code, text.family is None)
            by_origin[origin] = max(by_origin.get(origin, 0.0), score)
            if code and text.measure_code == code:
                score += MEASURE_CODE_MATCH
            if text.indicator_code not in best_text or score > best_text[text.indicator_code][0]:
                best_text[text.indicator_code] = (score, text)

        unit, unit_source = said_unit(label)
        of_values = values_unit(label)
        polarity, polarity_source = label_polarity(label)
        printed_codes = national_codes_in(f"{label.table_title} {label.source_label}")
        basis = count_basis_of_text(" ".join(p for p in (label.source_label, label.table_title if is_generic(label.source_label) or names_a_measure(label.table_title) else "") if p))
        section = expand(label.source_group or (label.table_title if not is_generic(label.source_label) else ""))
        own_words = label_words or context_words

        head = _head(query)
        ranked = []
        for indicator_code, (score, text) in best_text.items():
            indicator = self.indicators.get(indicator_code)
            if indicator is None:
                continue
            covered, explained = self.weights.coverage(label_words, context_words, text.words)
            features = {
                "label_score": min(score, 100.0) / 100,
                "catalogue_score": by_origin.get((indicator_code, True), 0.0) / 100,
                "crosswalk_score": by_origin.get((indicator_code, False), 0.0) / 100,
                "covered": covered,
                "explained": explained,
                "rarest_missing": self.weights.rarest(own_words - text.words),
                "rarest_extra": self.weights.rarest(text.words - label_words - context_words),
                "mapped_by_families": min(self.families_mapping.get(indicator_code, 0), 3) / 3,
                "text_says": min(self.weights.weight(text.words) / (3 * self.weights.unknown), 1.0),
            }
            evidence = [f"label score {score:.0f} against {text.origin}"]
            if head and head in self.heads.get(indicator_code, ()):
                features["same_head"] = 1.0  # "Number of Referrals (that led to an assessment)" counts referrals
                evidence.append(f"first names '{head}', as one of the indicator's names does")
            if code and text.measure_code == code:
                features["measure_code"] = 1.0
                evidence.append(f"same printed measure code {code}")
            if printed_codes and indicator.national_code:
                if indicator.national_code in printed_codes:
                    score += NATIONAL_CODE_MATCH
                    features["national_code"] = 1.0
                    evidence.append(f"national code {indicator.national_code}")
                else:
                    score += NATIONAL_CODE_MISMATCH
                    features["national_code"] = -1.0
                    evidence.append(f"prints {', '.join(sorted(printed_codes))}, the indicator is {indicator.national_code}")
            # the words and the values each say a unit: "No. of ..." whose values are percentages
            for feature, said, source in (("unit_said", unit, unit_source), ("unit_of_values", of_values, "the printed values")):
                if not said:
                    continue
                agrees = said == _UNIT_OF_INDICATOR.get(indicator.unit)
                features[feature] = 1.0 if agrees else -1.0
                if feature == "unit_of_values" and unit:
                    if said != unit:
                        evidence.append(f"values in {said}" + ("" if agrees else f", not {indicator.unit}"))
                    continue  # the hand-weighted score weighs the words' unit where they say one
                score += 0.0 if agrees else UNIT_MISMATCH
                evidence.append(f"unit {said} ({source})" + ("" if agrees else f" but the indicator is {indicator.unit}"))
            if polarity and polarity == indicator.polarity:
                score += POLARITY_MATCH
                features["polarity"] = 1.0
                evidence.append(f"polarity {polarity} ({polarity_source})")
            elif polarity and indicator.polarity != "information_only":
                score += POLARITY_MISMATCH
                features["polarity"] = -1.0
                evidence.append(f"polarity {polarity} ({polarity_source}) but the indicator is {indicator.polarity}")
            if (found := self.magnitude_distance(label, indicator_code)) is not None:
                decades, council, typical = found
                if decades > MAGNITUDE_TOLERANCE:
                    score += max(MAGNITUDE_CAP, MAGNITUDE_PER_DECADE * (decades - MAGNITUDE_TOLERANCE))
                    features["magnitude_far"] = min(decades - MAGNITUDE_TOLERANCE, 2.0)
                    evidence.append(f"values near {label.typical_value:g} but {council}'s are near {typical:g}")
                else:
                    features["magnitude_like"] = 1.0
                    features["magnitude_near"] = 1.0 - decades / MAGNITUDE_TOLERANCE  # 370 is nearer 400 than 120
                    evidence.append(f"values near {label.typical_value:g} like {council}'s ({typical:g})")
            if (found := self.percent_distance(label, indicator_code)) is not None:
                points, council, typical = found
                features["percent_apart"] = min(points / PERCENT_SPAN, 1.0)
                evidence.append(f"percentages near {label.typical_value:g}, {council}'s near {typical:g}")
            if basis is None and self.count_bases.get(indicator_code) == "in_period":
                features["in_period_unsaid"] = 1.0  # a count that says nothing is of the children on the books
                evidence.append("counts children at any time in the period, which the label does not say")
            if basis and (indicator_basis := self.count_bases.get(indicator_code)):
                score += COUNT_BASIS_MATCH if basis == indicator_basis else COUNT_BASIS_MISMATCH
                features["count_basis"] = 1.0 if basis == indicator_basis else -1.0
                evidence.append(f"counts children {'at any time in a period' if basis == 'in_period' else 'at one date'}" + (
                    "" if basis == indicator_basis else f", the indicator {'at one date' if basis == 'in_period' else 'at any time in the period'}"))
            if section and fuzz.token_set_ratio(section, self.domains[indicator_code]) >= 90:
                score += SECTION_MATCH
                features["section"] = 1.0
                evidence.append(f"section '{label.source_group or label.table_title}' is {indicator.domain}")
            ranked.append(Ranked(indicator_code, round(score, 1), tuple(evidence), features))
        ranked.sort(key=lambda r: (-r.score, r.indicator_code))
        return ranked

    def suggest_all(self, labels: Iterable[PrintedLabel], mapped: Iterable[PrintedLabel] = ()) -> list[Suggestion]:
        """Suggestions for the labels of documents, resolved jointly within each table: labels
        of one table and row group that print different words (not the same words with another
        period) are different indicators, so each indicator goes to the label it fits best and
        a label whose first choice a sibling fits better (or the crosswalk already maps a
        sibling to: `mapped`) gets its next one."""
        labels = list(labels)
        fixed = [label for label in mapped if label.indicator_code]
        ranked = [self.rank(label) for label in labels] + [
            [Ranked(label.indicator_code, math.inf, ("the crosswalk maps it",))] for label in fixed
        ]
        everyone = labels + fixed
        tables: dict[tuple, dict[str, list[int]]] = {}
        for index, label in enumerate(everyone):
            table = tables.setdefault((label.family, label.table_title, label.source_group), {})
            table.setdefault(self.sibling_key(label), []).append(index)
        for units in tables.values():
            if len(units) < 2:
                continue
            assigned = one_to_one({unit: ranked[indices[0]] for unit, indices in units.items()})
            for unit, indices in units.items():
                claimed = {r.indicator_code: other for other, r in assigned.items() if other != unit}
                for index in indices:
                    ranked[index] = self._without_siblings(ranked[index], claimed, everyone, units, len(labels))
        return [self._suggestion(label, r) for label, r in zip(labels, ranked)]

    def sibling_key(self, label: PrintedLabel) -> str:
        """Labels of one table with the same key are figures of one indicator: the same words
        with another period (children counted the same way); under a title that names the
        measure, rows that add no word of their own to it and no other unit ("At 31st March", "Percentage (YTD)" under
        "Percentage of CLA reviews ...", unlike "Rate per 10,000" or "Monthly Average")."""
        if not title_names_label(label):  # "Total CIN in the last 6 months" is not "Current CIN (snapshot)"
            words = " ".join(sorted(self.weights.words(query_text(label))))  # "Monthly % of X" is "% of X"
            return f"{words}|{unit_of_text(label.source_label) or ''}|{count_basis_of_text(label.source_label) or ''}"
        printed = without_national_codes(without_period_words(label.source_label))
        own = {w for w in self.weights.words(expand(printed)) if not w.isdigit()} - self.weights.words(expand(label.table_title))
        unit = unit_of_text(label.source_label) or unit_of_text(label.table_title) or ""
        return f"{label.table_title}|{' '.join(sorted(own))}|{unit}"

    def _without_siblings(
        self, ranked: list[Ranked], claimed: dict[str, str], labels: list[PrintedLabel], units: dict[str, list[int]], first_fixed: int
    ) -> list[Ranked]:
        """A label's ranking without the indicators its siblings were assigned, the first
        of them named in the evidence of its new best; with a model, the confidences of what
        is left shared out again (the siblings' indicators are ruled out)."""
        kept = [r for r in ranked if r.indicator_code not in claimed]
        if self.model is not None and kept and len(kept) < len(ranked):
            taken = [r for r in ranked if r.indicator_code in claimed and math.isfinite(r.score)]
            left = 100.0 - sum(r.score for r in taken)
            if left > 0 and taken:
                gone = ", ".join(r.indicator_code for r in taken)
                kept = [
                    Ranked(
                        r.indicator_code, (shared := round(min(100.0, r.score * 100.0 / left), 1)),
                        (f"confidence {shared:.0f} % once {gone} went to other labels of its table",) + r.evidence, r.features,
                    )
                    for r in kept
                ]
        if not kept or not ranked or kept[0].indicator_code == ranked[0].indicator_code:
            return kept or ranked
        index = units[claimed[ranked[0].indicator_code]][0]
        sibling = labels[index]
        why = "which the crosswalk maps to it" if index >= first_fixed else "which fits it better"
        note = f"{ranked[0].indicator_code} ({ranked[0].score}) goes to '{sibling.source_label}' of the same table, {why}"
        return [Ranked(kept[0].indicator_code, kept[0].score, kept[0].evidence + (note,), kept[0].features)] + kept[1:]

    def magnitude_distance(self, label: PrintedLabel, indicator_code: str) -> tuple[float, str, float] | None:
        """How many tenfolds the label's typical value is from the indicator's in the closest
        other council's reports (never the label's own council: its values are what is being
        mapped), with that council and its value; None without values on either side, and
        for percentages (bounded anyway, and a cell printing "4456 (95%)" holds the count)."""
        if label.typical_value is None or "percent" in label.units or self.indicators[indicator_code].unit == "percent":
            return None
        others = [(c, v) for c, v in self.magnitudes.get(indicator_code, {}).items() if c != label.council]
        if not others:
            return None
        distance = lambda typical: abs(math.log10((label.typical_value + 1) / (typical + 1)))  # noqa: E731
        council, typical = min(others, key=lambda other: distance(other[1]))
        return distance(typical), council, typical

    def percent_distance(self, label: PrintedLabel, indicator_code: str) -> tuple[float, str, float] | None:
        """How many percentage points the label's typical percentage is from the indicator's
        in the closest other council's reports (visits in time near 90 %, second plans near
        20 %), with that council and its value; None unless both are percentages."""
        if label.typical_value is None or set(label.units) != {"percent"} or self.indicators[indicator_code].unit != "percent":
            return None
        others = [(c, v) for c, v in self.magnitudes.get(indicator_code, {}).items() if c != label.council]
        if not others:
            return None
        council, typical = min(others, key=lambda other: abs(label.typical_value - other[1]))
        return abs(label.typical_value - typical), council, typical

    def suggest(self, label: PrintedLabel) -> Suggestion:
        """The suggestion for one label on its own (suggest_all weighs its siblings too)."""
        return self._suggestion(label, self.rank(label))

    def _suggestion(self, label: PrintedLabel, ranked: list[Ranked]) -> Suggestion:
        return Suggestion(
            label=label,
            best=ranked[0] if ranked else None,
            second=ranked[1] if len(ranked) > 1 else None,
            threshold=self.threshold,
            margin=self.margin,
            period_basis=period_basis_of_text(f"{label.source_label} {label.table_title}"),
        )


def one_to_one(ranked_units: dict[str, list[Ranked]]) -> dict[str, Ranked]:
    """Greedy one-to-one assignment over the score matrix of one table's labels: the highest
    score of any label and indicator is taken first, then the highest of what is left, so that
    two labels of a table do not both land on the indicator only one of them is."""
    pairs = sorted(
        ((r.score, unit, r) for unit, ranked in ranked_units.items() for r in ranked), key=lambda p: (-p[0], p[1], p[2].indicator_code)
    )
    assigned: dict[str, Ranked] = {}
    taken: set[str] = set()
    for _, unit, r in pairs:
        if unit not in assigned and r.indicator_code not in taken:
            assigned[unit] = r
            taken.add(r.indicator_code)
    return assigned


def other_families_rows(crosswalk: list[CrosswalkRow], family: str | None) -> list[CrosswalkRow]:
    """The crosswalk rows that do not cover a family: the evidence its labels may use."""
    return [row for row in crosswalk if not row.covers_family(family)]


def suggest_unmapped(warehouse: Path, target: Target) -> tuple[list[Suggestion], list[Indicator]]:
    """Suggestions for the labels of a document or family that no crosswalk row maps (or
    that two rows map to different indicators), with every crosswalk row as evidence."""
    labels = read_printed_labels(warehouse, document=target.document, family=None if target.document else target.family)
    indicators = read_indicators()
    suggester = Suggester(indicators, read_crosswalk(), magnitudes=read_indicator_magnitudes(warehouse), model=load_model())
    unmapped = [label for label in labels if label.match_status in ("unmapped", "ambiguous")]
    return suggester.suggest_all(unmapped, mapped=[label for label in labels if label.match_status == "mapped"]), indicators
