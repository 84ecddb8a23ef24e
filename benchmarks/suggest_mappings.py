"""Leave-one-family-out: how well suggest-mappings would map a council's report it has never seen.

For each report family of a built warehouse, every crosswalk row that covers the family (its
own rows and patterns such as lancashire%) is removed, and its printed labels are suggested
back from the catalogue and the other families' rows alone. Each label the full crosswalk maps
is then either correct (the proposal is the indicator the crosswalk says), wrong above the
threshold (a proposal, the wrong one) or abstained (no proposal). Labels the crosswalk
excludes on purpose are counted apart: any proposal for them is a false one.

The model that weighs the evidence (mapping/model.py), and the threshold and margin a
held-out family is judged at, are fitted and chosen on the other families' folds only, each
suggested back without the held-out family's rows either (nested), so that no family's
figures come from weights or settings its own labels picked; `--fixed` judges every family
at --threshold/--margin instead. A warehouse of one family is judged with the saved model
fitted without it. `--save-model` writes the model fitted on every family (and the ones
fitted without each) to mapping/suggestion_model.json, what `cli suggest-mappings` uses.

    .venv/bin/python benchmarks/suggest_mappings.py [--warehouse PATH] [--family NAME ...] [--fixed] [--show-wrong] [--save-model]

The warehouse defaults to CSC_WAREHOUSE's (make demo builds it from the sample reports).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mapping.catalogue import read_crosswalk, read_indicators  # noqa: E402
from mapping.model import CANDIDATES, MODEL_PATH, Example, ScoreModel, fit, load_model  # noqa: E402
from mapping.printed import PrintedLabel, read_indicator_magnitudes, read_printed_labels  # noqa: E402
from mapping.suggest import MARGIN, THRESHOLD, Suggester, Suggestion  # noqa: E402


@dataclass
class FamilyResult:
    family: str
    correct: list[Suggestion] = field(default_factory=list)
    wrong: list[tuple[Suggestion, str]] = field(default_factory=list)  # with the crosswalk's indicator
    abstained: list[tuple[Suggestion, str]] = field(default_factory=list)
    excluded_proposed: list[Suggestion] = field(default_factory=list)
    excluded_total: int = 0
    threshold: float = THRESHOLD
    margin: float = MARGIN

    @property
    def mapped(self) -> int:
        return len(self.correct) + len(self.wrong) + len(self.abstained)


@dataclass(frozen=True)
class HeldOut:
    """A family's labels suggested back without its crosswalk rows, before any threshold: the
    suggestions and, for each, the crosswalk's indicator (None: the crosswalk excludes it)."""

    family: str
    suggestions: tuple[tuple[Suggestion, str | None], ...]


@dataclass
class Fold:
    """A family's labels and a suggester built without the crosswalk rows that cover it, nor
    those of the families in `without` (the family judged later, when this fold trains)."""

    family: str
    without: frozenset[str]
    suggester: Suggester
    labels: list[PrintedLabel]

    def examples(self) -> list[Example]:
        """What the model learns from: each label's candidates and the crosswalk's answer
        (none of them where the crosswalk excludes the label or its indicator is no candidate)."""
        found = []
        for label in self.labels:
            candidates = self.suggester.hand_ranked(label)[:CANDIDATES]
            codes = [r.indicator_code for r in candidates]
            answer = codes.index(label.indicator_code) if label.match_status == "mapped" and label.indicator_code in codes else None
            found.append(Example(tuple(r.features for r in candidates), answer))
        return found

    def held_out(self, model: ScoreModel) -> HeldOut:
        """The family's labels suggested back with this model, before any threshold."""
        self.suggester.model = model
        suggestions = self.suggester.suggest_all(self.labels)
        return HeldOut(self.family, tuple((s, s.label.indicator_code if s.label.match_status == "mapped" else None) for s in suggestions))


class Folds:
    """The folds of a warehouse, built once each."""

    def __init__(self, warehouse: Path) -> None:
        self.warehouse = warehouse
        self.indicators = read_indicators()
        self.crosswalk = read_crosswalk()
        self.magnitudes = read_indicator_magnitudes(warehouse)
        labels = read_printed_labels(warehouse)
        self.families = sorted({label.family for label in labels if label.family})
        self.councils = {f: {label.council for label in labels if label.family == f and label.council} for f in self.families}
        self._built: dict[tuple[str, frozenset[str]], Fold] = {}

    def get(self, family: str, without: Iterable[str] = ()) -> Fold:
        """A family's fold without its rows nor those of `without`; nor the values of their
        councils as magnitudes (where they land is what those rows say)."""
        left_out = frozenset(without) | {family}
        if (family, left_out) not in self._built:
            rows = [row for row in self.crosswalk if not any(row.covers_family(f) for f in left_out)]
            councils = set().union(*(self.councils.get(f, set()) for f in left_out))
            magnitudes = {code: {c: v for c, v in values.items() if c not in councils} for code, values in self.magnitudes.items()}
            suggester = Suggester(self.indicators, rows, 0.0, 0.0, magnitudes)
            labels = [l for l in read_printed_labels(self.warehouse, family=family) if l.match_status in ("mapped", "excluded")]
            self._built[(family, left_out)] = Fold(family, left_out, suggester, labels)
        return self._built[(family, left_out)]


def fitted(folds: list[Fold]) -> ScoreModel:
    return fit([e for fold in folds for e in fold.examples()], [fold.family for fold in folds])


def saved_without(family: str) -> ScoreModel:
    try:
        return load_model(without=family)
    except ValueError as error:
        raise SystemExit(f"{error}") from error


def settings_for(folds: Folds, judged: str, saved: ScoreModel) -> tuple[float, float]:
    """The threshold and margin for a held-out family, chosen on the other families' folds
    each scored by a model fitted on the rest of them (the judged family's rows in none);
    the saved model's when there are too few other families."""
    others = [f for f in folds.families if f != judged]
    if len(others) < 2:
        return saved.threshold, saved.margin
    inner = [
        folds.get(g, {judged}).held_out(fitted([folds.get(h, {judged}) for h in others if h != g]))
        for g in others
    ]
    return choose_settings(inner)


def judge(held_out: HeldOut, threshold: float, margin: float) -> FamilyResult:
    """Each label of a held-out family correct, wrong or abstained at a threshold and margin."""
    result = FamilyResult(held_out.family, threshold=threshold, margin=margin)
    for suggestion, expected in held_out.suggestions:
        suggestion = replace(suggestion, threshold=threshold, margin=margin)
        if expected is None:
            result.excluded_total += 1
            if not suggestion.abstained:
                result.excluded_proposed.append(suggestion)
        elif suggestion.abstained:
            result.abstained.append((suggestion, expected))
        elif suggestion.indicator_code == expected:
            result.correct.append(suggestion)
        else:
            result.wrong.append((suggestion, expected))
    return result


THRESHOLDS = [t / 2 for t in range(0, 200, 5)]  # confidence percent, 0 to 97.5 by 2.5
MARGINS = [float(m) for m in range(0, 81, 4)]
WRONG_LIMIT = 0.02


def choose_settings(folds: list[HeldOut]) -> tuple[float, float]:
    """The threshold and margin with the most correct proposals over these folds whose wrong
    share stays within WRONG_LIMIT (fewest wrong, then the stricter pair, on a tie); the
    defaults when there is no fold to choose on."""
    outcomes = [
        (s.best.score, s.gap, s.best.indicator_code == expected)
        for fold in folds for s, expected in fold.suggestions if expected is not None and s.best is not None
    ]
    mapped = sum(expected is not None for fold in folds for _, expected in fold.suggestions)
    if not mapped:
        return THRESHOLD, MARGIN
    best: tuple | None = None
    for threshold in THRESHOLDS:
        for margin in MARGINS:
            proposed = [right for score, gap, right in outcomes if score >= threshold and gap >= margin]
            correct, wrong = sum(proposed), len(proposed) - sum(proposed)
            within = wrong / mapped <= WRONG_LIMIT
            key = (within, correct if within else -wrong, -wrong, threshold, margin)
            if best is None or key > best:
                best = key
    return best[3], best[4]


def product_model(folds: Folds) -> ScoreModel:
    """The model a new council's report gets: fitted on every family's fold, its threshold
    and margin chosen on each fold scored by a model fitted on the other folds."""
    everyone = [folds.get(f) for f in folds.families]
    scored = [fold.held_out(fitted([o for o in everyone if o is not fold])) for fold in everyone]
    return fitted(everyone).with_settings(*choose_settings(scored))


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def describe(suggestion: Suggestion, expected: str) -> str:
    label = suggestion.label
    printed = " > ".join(p for p in (label.table_title, label.source_group, label.source_label) if p)
    best = suggestion.best
    proposal = f"{best.indicator_code} ({best.score}, lead {suggestion.gap:.1f})" if best else "nothing"
    return f"    {printed[:110]!r}: proposed {proposal}, crosswalk {expected}"


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--warehouse", type=Path, default=None, help="a built warehouse (default: CSC_WAREHOUSE's)")
    args.add_argument("--family", action="append", help="hold out only these families (default: every one)")
    args.add_argument("--threshold", type=float, default=THRESHOLD, help=f"with --fixed: confidence (percent) below which it abstains (default {THRESHOLD})")
    args.add_argument("--margin", type=float, default=MARGIN, help=f"with --fixed: least lead over the runner-up, in confidence points (default {MARGIN})")
    args.add_argument("--fixed", action="store_true", help="use --threshold and --margin for every family instead of choosing them on the other folds")
    args.add_argument("--show-wrong", action="store_true", help="list the wrong and abstained labels")
    args.add_argument("--save-model", action="store_true", help=f"write the model fitted on every family to mapping/{MODEL_PATH.name}")
    options = args.parse_args(argv)
    warehouse = options.warehouse or Path(os.environ.get("CSC_WAREHOUSE", REPO_ROOT / "data/warehouse/warehouse.duckdb"))
    if not warehouse.is_absolute():
        warehouse = REPO_ROOT / warehouse
    if not warehouse.exists():
        print(f"{warehouse}: no warehouse; run `make demo` or pass --warehouse", file=sys.stderr)
        return 2

    folds = Folds(warehouse)
    try:
        saved = load_model()
    except ValueError as error:  # refitting it: --save-model
        print(f"{error}", file=sys.stderr)
        saved = ScoreModel({}, 0.0, THRESHOLD, MARGIN, ())
    chosen = options.family or folds.families
    if options.fixed:
        print(f"threshold {options.threshold:g}, margin {options.margin:g} for every family")
    else:
        print(
            "model fitted, threshold and margin chosen for each held-out family on the other families' folds only "
            f"(most correct with at most {WRONG_LIMIT:.0%} wrong there), never with the family's own crosswalk rows"
        )
    held_out, results, without_family = [], [], {}
    for family in chosen:
        others = [f for f in folds.families if f != family]
        if others:
            model = fitted([folds.get(g, {family}) for g in others])
            model = model.with_settings(*settings_for(folds, family, saved))
        else:
            model = saved_without(family)
            print(f"note: no family but {family} here to fit on: judged with the saved model fitted without it"
                  f" (on {', '.join(model.fitted_on)} of the warehouse it was saved from)")
        without_family[family] = model
        held = folds.get(family).held_out(model)
        threshold, margin = (options.threshold, options.margin) if options.fixed else (model.threshold, model.margin)
        held_out.append(held)
        results.append(judge(held, threshold, margin))
    print("labels the full crosswalk maps, suggested back without the family's rows")
    print(f"{'family':<22}{'labels':>8}{'correct':>10}{'wrong':>8}{'abstained':>11}{'threshold':>11}{'margin':>8}   excluded labels proposed")
    for r in results:
        print(
            f"{r.family:<22}{r.mapped:>8}{percent(len(r.correct), r.mapped):>10}{percent(len(r.wrong), r.mapped):>8}"
            f"{percent(len(r.abstained), r.mapped):>11}{r.threshold:>11g}{r.margin:>8g}   {len(r.excluded_proposed)} of {r.excluded_total}"
        )
        if options.show_wrong:
            for suggestion, expected in r.wrong:
                print("  wrong" + describe(suggestion, expected)[5:])
            for suggestion, expected in r.abstained:
                print("  abst." + describe(suggestion, expected)[5:])
            for suggestion in r.excluded_proposed:
                print("  excl." + describe(suggestion, "excludes it")[5:])
    ranked_first = sum(s.best is not None and s.best.indicator_code == e for h in held_out for s, e in h.suggestions if e)
    ranked_total = sum(e is not None for h in held_out for _, e in h.suggestions)
    print(f"best candidate is the crosswalk's indicator (no threshold): {percent(ranked_first, ranked_total)} of {ranked_total}")
    if len(folds.families) > 1:
        model = product_model(folds)
        print(f"fitted on every family's fold (what a new council's report gets): threshold {model.threshold:g}, margin {model.margin:g}"
              f" ({MODEL_PATH.name} has {saved.threshold:g}, {saved.margin:g})")
        if options.save_model and not options.family:
            model.save(held_out=without_family)
            print(f"saved to {MODEL_PATH}, with the model fitted without each family")
    total = sum(r.mapped for r in results)
    correct = sum(len(r.correct) for r in results)
    wrong = sum(len(r.wrong) for r in results)
    abstained = sum(len(r.abstained) for r in results)
    print(
        f"leave-one-family-out: top-1 correct {percent(correct, total)}, "
        f"wrong above threshold {percent(wrong, total)}, abstained {percent(abstained, total)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
