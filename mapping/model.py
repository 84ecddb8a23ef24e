"""How much each piece of evidence counts, learnt rather than guessed: a conditional logit
over a label's candidate indicators plus "none of them".

Every candidate has the same evidence features (label similarity against the catalogue name
and against other families' crosswalk rows, the words the label prints that the indicator's
names lack and the reverse, the unit, the polarity, a printed code, the magnitude of the
values, the section ...). The model gives each candidate a utility w . features and the
option "none of them" a utility of its own, and turns them into probabilities (a softmax):
the confidence of a proposal is the probability of its candidate. Because "none of them" is
an option, a label whose best candidate is only the least bad one gets a low confidence.

The weights are fitted (Newton's method, each step halved until it gains, on the
L2-penalised log-likelihood) on folds of report families held out one at a time: each
fold's labels suggested back without its own crosswalk rows, the crosswalk's indicator the
right answer, and labels the crosswalk excludes on purpose (or whose indicator is no
candidate) answered "none of them". The fitted model is saved in suggestion_model.json
beside this file with the threshold chosen for it; benchmarks/suggest_mappings.py fits and
judges it family by family without ever letting a family's own rows inform its score or
its threshold.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().with_name("suggestion_model.json")

# The evidence features of one candidate (mapping.suggest computes them), in a fixed order.
FEATURES: tuple[str, ...] = (
    "label_score",  # 0-1: the best of the label's similarities to the indicator's texts
    "catalogue_score",  # 0-1: against the catalogue name alone
    "crosswalk_score",  # 0-1: against other families' crosswalk labels (0: none map it)
    "covered",  # 0-1: how much of the best text's words the label and its context print
    "explained",  # 0-1: how much of the label's own words the best text has
    "rarest_missing",  # 0-1: the rarest label word the text lacks (started, visits, open ...)
    "rarest_extra",  # 0-1: the rarest text word the label and context lack (update, ceased ...)
    "mapped_by_families",  # 0-1: how many other families map the indicator (3 or more: 1)
    "text_says",  # 0-1: how much the best text says (its words' weight; "CIN Rate" says little)
    "measure_code",  # 1: another family's crosswalk maps the same printed measure code
    "national_code",  # +1 the printed national code is the indicator's, -1 another one
    "unit_said",  # +1/-1: the unit the label or its unit column says agrees / disagrees
    "unit_of_values",  # +1/-1: the unit read in the values agrees / disagrees (whatever the words say)
    "polarity",  # +1/-1: the printed polarity agrees / disagrees
    "magnitude_like",  # 1: values within a tenfold of the indicator's in another council
    "magnitude_far",  # 0-2: tenfolds beyond that
    "magnitude_near",  # 0-1: within the tenfold, how near (1: the same value)
    "percent_apart",  # 0-1: percentage points from the indicator's in another council, per 50
    "count_basis",  # +1/-1: children at a date / at any time in a period agrees / disagrees
    "section",  # 1: the row group or section is the indicator's domain
    "same_head",  # 1: the label's first measure word is the first of one of the indicator's texts
    "in_period_unsaid",  # 1: the indicator counts children at any time in a period, the label does not say so
)
NULL = "none of them"
L2 = 1.0  # penalty on the weights: a handful of families is little to learn from
CANDIDATES = 15  # the candidates the model weighs, the best by the hand-weighted score


@dataclass(frozen=True)
class ScoreModel:
    """The fitted weights, the utility of "none of them", and the threshold and margin
    (confidence percent) chosen on held-out folds."""

    weights: dict[str, float]
    null_utility: float
    threshold: float
    margin: float
    fitted_on: tuple[str, ...]  # the families whose folds it was fitted on

    def utility(self, features: dict[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * features.get(name, 0.0) for name in FEATURES)

    def confidences(self, candidates: Sequence[dict[str, float]]) -> list[float]:
        """The probability of each candidate (the rest goes to "none of them")."""
        utilities = [self.utility(f) for f in candidates]
        top = max(utilities + [self.null_utility])
        exps = [math.exp(u - top) for u in utilities]
        total = sum(exps) + math.exp(self.null_utility - top)
        return [e / total for e in exps]

    def with_settings(self, threshold: float, margin: float) -> ScoreModel:
        return ScoreModel(self.weights, self.null_utility, threshold, margin, self.fitted_on)

    def record(self) -> dict:
        return {**asdict(self), "fitted_on": list(self.fitted_on)}

    def save(self, path: Path = MODEL_PATH, held_out: dict[str, ScoreModel] | None = None) -> None:
        """Save it with, for each family, the model and settings fitted without that family
        (what a benchmark on a warehouse of one family judges it with)."""
        record = {**self.record(), "features": list(FEATURES)}
        record["without_family"] = {family: model.record() for family, model in sorted((held_out or {}).items())}
        path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _model_of(record: dict) -> ScoreModel:
    return ScoreModel(
        {k: float(v) for k, v in record["weights"].items()}, float(record["null_utility"]),
        float(record["threshold"]), float(record["margin"]), tuple(record["fitted_on"]),
    )


def load_model(path: Path = MODEL_PATH, without: str | None = None) -> ScoreModel:
    """The saved model (or the one fitted without a family, where saved); a clear error when
    it is missing or was fitted on other features."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"{path}: cannot read the suggestion model ({error}); refit it with benchmarks/suggest_mappings.py --save-model") from error
    if record.get("features") != list(FEATURES):
        raise ValueError(f"{path}: fitted on other evidence features; refit it with benchmarks/suggest_mappings.py --save-model")
    if without and without in record.get("without_family", {}):
        return _model_of(record["without_family"][without])
    return _model_of(record)


@dataclass(frozen=True)
class Example:
    """One label of a fold: its candidates' features and which is right (None: none of them)."""

    candidates: tuple[dict[str, float], ...]
    answer: int | None


def fit(examples: Sequence[Example], fitted_on: Sequence[str], l2: float = L2, steps: int = 30) -> ScoreModel:
    """The weights and null utility of the highest penalised likelihood of the answers."""
    usable = [e for e in examples if e.candidates]
    width = len(FEATURES) + 1  # the last column is "none of them"
    most = max((len(e.candidates) for e in usable), default=0) + 1
    x = np.zeros((len(usable), most, width))
    mask = np.zeros((len(usable), most), dtype=bool)
    target = np.zeros(len(usable), dtype=int)
    for row, example in enumerate(usable):
        for column, features in enumerate(example.candidates):
            x[row, column, :-1] = [features.get(name, 0.0) for name in FEATURES]
            mask[row, column] = True
        x[row, len(example.candidates), -1] = 1.0
        mask[row, len(example.candidates)] = True
        target[row] = example.answer if example.answer is not None else len(example.candidates)
    theta = np.zeros(width)
    penalty = np.full(width, l2)
    penalty[-1] = l2 / 100  # the null utility is a level, hardly penalised
    chosen = x[np.arange(len(usable)), target]

    def probabilities(theta: np.ndarray) -> tuple[np.ndarray, float]:
        """Each option's probability, and the penalised log-likelihood."""
        utilities = np.where(mask, x @ theta, -np.inf)
        utilities -= utilities.max(axis=1, keepdims=True)
        log_total = np.log(np.exp(utilities).sum(axis=1))
        picked = utilities[np.arange(len(usable)), target] - log_total
        return np.exp(utilities - log_total[:, None]), float(picked.sum() - 0.5 * (penalty * theta**2).sum())

    p, likelihood = probabilities(theta)
    for _ in range(steps):
        mean = np.einsum("lk,lkf->lf", p, x)
        gradient = (chosen - mean).sum(axis=0) - penalty * theta
        centred = x - mean[:, None, :]
        hessian = np.einsum("lk,lkf,lkg->fg", p, centred, centred) + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        for _ in range(30):  # halve the Newton step until the likelihood rises
            p_new, new = probabilities(theta + step)
            if new >= likelihood - 1e-9:
                break
            step = step / 2
        theta, p, gained, likelihood = theta + step, p_new, new - likelihood, new
        if gained < 1e-9:
            break
    weights = {name: round(float(w), 4) for name, w in zip(FEATURES, theta[:-1])}
    return ScoreModel(weights, round(float(theta[-1]), 4), 0.0, 0.0, tuple(fitted_on))
