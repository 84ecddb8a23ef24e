"""The words of children's social care reports, so that labels compare by meaning: the
domain's abbreviations spelt out, the words that say a unit or a polarity, and national
measure codes (NI 62, A10, CSC 038) picked out of a label."""

from __future__ import annotations

import re

# Abbreviations as reports print them, spelt out (keys are normalised tokens).
ABBREVIATIONS: dict[str, str] = {
    "cin": "child in need",
    "cp": "child protection",
    "cpp": "child protection plan",
    "cpps": "child protection plan",
    "cla": "looked after children",
    "lac": "looked after children",
    "s47": "section 47 enquiry",
    "s47s": "section 47 enquiry",
    "icpc": "initial child protection conference",
    "icpcs": "initial child protection conference",
    "rcpc": "review child protection conference",
    "conf": "conference",
    "confs": "conference",
    "sn": "statistical neighbours",
    "rag": "red amber green",
    "dot": "direction of travel",
    "ytd": "year to date",
    "fytd": "year to date",
    "eet": "education employment training",
    "neet": "not in education employment training",
    "sgo": "special guardianship order",
    "sgos": "special guardianship order",
    "shobpa": "should be placed for adoption",
    "pep": "personal education plan",
    "peps": "personal education plan",
    "rhi": "return home interview",
    "rhis": "return home interview",
    "ehcp": "education health care plan",
    "uasc": "unaccompanied asylum seeking children",
    "cse": "child sexual exploitation",
    "cce": "child criminal exploitation",
    "mash": "multi agency safeguarding hub",
    "nfa": "no further action",
    "iha": "initial health assessment",
    "sw": "social worker",
    "sws": "social worker",
    "cyp": "children young people",
    "av": "average",
    "ave": "average",
    "avg": "average",
    "mth": "months",
    "mths": "months",
    "12mth": "12 months",
    "yr": "years",
    "yrs": "years",
    "pop": "population",
    "10k": "10000",
    "acc": "accommodation",
    "prog": "progressed",
    "la": "local authority",
    "inc": "including",
    "num": "number",
    "%": "percent",
    "percentage": "percent",
    "2nd": "second",
    "dept": "department",
    "upto": "up to",
    "not": "no",
    "enquires": "enquiry",
    "adopted": "adoption",
    "ended": "ceased",
    "adopt": "adoption",
    "investigation": "enquiry",
    "investigations": "enquiry",
}

# Words that carry no meaning of their own when two labels are compared.
STOPWORDS = frozenset(
    "a an the of in within to with for who at on and by as be been have has had is are were was that "
    "which whose whom from or into onto their our they it its this those these than per".split()
)

# Words that only say how a figure is counted (kept out of "is this label generic?" and out
# of the word overlap: the unit is weighed on its own).
UNIT_WORDS = frozenset("number percent rate 10000 total count population".split())

# Words of a period label ("At 31st March"): they name no measure either.
DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec 1st 2nd 3rd 31st 30th month monthly".split()
)

_TOKEN = re.compile(r"[a-z0-9%]+")


def normalise_label(text: str | None) -> str:
    """Labels as the crosswalk compares them (the SQL macro normalise_label): lower case,
    & read as "and", punctuation other than % dropped, whitespace collapsed."""
    lowered = (text or "").lower().replace("&", " and ")
    return " ".join(_TOKEN.findall(lowered))


def _stem(token: str) -> str:
    """A crude stem, the same on both sides of a comparison: reviews, reviewed -> review;
    ceased, cease -> ceas; enquiries -> enquiry."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(token) > len(suffix) + 3 and token.endswith(suffix) and not token.endswith("ss"):
            return token[: -len(suffix)]
    return token


# Words that say the period a figure covers, not what it measures ("rolling 12 months"
# is the same indicator as the month's figure, with another period basis).
_PERIOD_PHRASES = re.compile(
    r"\b(rolling\s*(12|twelve)\s*(months?|mths?)|(12|twelve)\s*(months?|mths?)\s*rolling|rolling"
    r"|(in\s+)?the\s+last\s+(6|six)\s+months|in\s+(the\s+)?(current\s+)?month|current\s+month"
    r"|(in\s+)?(the\s+)?last\s+full\s+month(\s+rate)?|\b(6|six)\s+month\s+rate"
    r"|year\s+to\s+date|ytd|\bcumulative\b|snapshot|\(in\s+month\)"
    # and whether children are counted at one date or at any time (weighed on its own)
    r"|at\s+any\s+time(\s+in\s+the\s+period)?|at\s+the\s+(month|period)\s+end|\bcurrent(ly)?)",
    re.IGNORECASE,
)


def without_period_words(text: str | None) -> str:
    return _PERIOD_PHRASES.sub(" ", text or "")


# The ages of the child population a rate is per 10,000 of: every children's rate is of them.
_CHILD_POPULATION = re.compile(r"\b(aged\s+)?0\s*(-|–|to)\s*17(\s*(years?|year\s+olds|yrs))?(?!\d)")


def expanded_tokens(text: str | None) -> list[str]:
    """The content words of a label, abbreviations spelt out, plurals made singular."""
    lowered = (text or "").lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    lowered = re.sub(r"(\d),(\d{3})", r"\1\2", lowered)  # 10,000 -> 10000
    lowered = re.sub(r"\bc and f\b", "children and families", lowered)
    lowered = _CHILD_POPULATION.sub(" ", lowered)  # "per 10,000 population aged 0-17" says the unit
    lowered = re.sub(r"\bno\s*\.(?=\s)", "number", lowered)  # "No." is number, "No Target" is not
    words: list[str] = []
    for token in _TOKEN.findall(lowered.replace("%", " % ")):
        for word in ABBREVIATIONS.get(token, token).split():
            if word not in STOPWORDS:
                words.append(_stem(word))
    return words


def expand(text: str | None) -> str:
    """expanded_tokens joined: the form rapidfuzz compares."""
    return " ".join(expanded_tokens(text))


def names_a_measure(title: str | None) -> bool:
    """A table title that is itself an indicator's name ("Number of CP Plans at the month end",
    "Percentage of ... "): the row labels under it only say which figure of it."""
    words = expanded_tokens(title)
    return bool(words) and words[0] in {"number", "percent", "rate", "average", "proportion"} and len(content_words(title)) >= 2


def is_generic(text: str | None) -> bool:
    """A label that names no measure by itself ("Number", "Rate per 10,000", "At 31st March"):
    the table title it is printed under names the indicator."""
    return len(content_words(text)) < 2


def measure_words(text: str | None) -> list[str]:
    """The words two labels are compared on: no unit or date words, numbers kept (45 days, 2 years)."""
    return [w for w in expanded_tokens(text) if w not in UNIT_WORDS and w not in DATE_WORDS]


def content_words(text: str | None) -> list[str]:
    """The words of a label that name what is measured (no unit, date or bare number)."""
    return [w for w in expanded_tokens(text) if w not in UNIT_WORDS and w not in DATE_WORDS and not w.isdigit()]


def unit_of_text(text: str | None) -> str | None:
    """The unit a label or a printed unit says (percent, rate_per_10k, days, count), if any."""
    words = set(expanded_tokens(text))
    if "10000" in words or ("rate" in words and "population" in words):
        return "rate_per_10k"
    if "percent" in words or "proportion" in words:
        return "percent"
    if "day" in words and "average" in words:
        return "days"
    if words & {"number", "count", "total"}:
        return "count"
    return None


_POLARITY_WORDS = (
    (re.compile(r"within\s+(limits|range)", re.I), "within_range"),
    (re.compile(r"\b(higher|high|bigger|increase)\b", re.I), "higher_is_better"),
    (re.compile(r"\b(lower|low|smaller|decrease)\b", re.I), "lower_is_better"),
    (re.compile(r"\b(info|information|context)\b", re.I), "information_only"),
)


def _first_said(patterns: tuple[tuple[re.Pattern, str], ...], text: str | None) -> str | None:
    return next((meaning for pattern, meaning in patterns if text and pattern.search(text)), None)


def polarity_of_text(text: str | None) -> str | None:
    """The polarity a printed "good performance is" cell or "higher/lower is better" says."""
    return _first_said(_POLARITY_WORDS, text)


# National measures printed inside labels: NI 62, (A10), A2 - ..., and council codes CSC 038.
_NATIONAL_CODE = re.compile(r"\b(NI\s?\d{2,3}|A(?:10|[1-9]))\b")
_MEASURE_CODE = re.compile(r"^\s*([A-Z]{2,5}\s?\d{2,4}[a-z]?)\s*$")


def national_codes_in(text: str | None) -> set[str]:
    """National indicator codes a label prints, in the catalogue's spelling ("NI 62", "A10")."""
    codes = set()
    for found in _NATIONAL_CODE.findall(text or ""):
        code = found.upper().replace(" ", "")
        codes.add(f"NI {code[2:]}" if code.startswith("NI") else code)
    return codes


def without_national_codes(text: str | None) -> str:
    return _NATIONAL_CODE.sub(" ", text or "")


def measure_code(text: str | None) -> str | None:
    """A printed measure code such as `CSC 038` (not a row number like `2.2`), normalised."""
    found = _MEASURE_CODE.match(text or "")
    return re.sub(r"\s+", " ", found.group(1)).upper() if found else None


_PERIOD_WORDS = (
    (re.compile(r"rolling|last 12 month|previous 12 month|12 mth", re.I), "rolling_12_months"),
    (re.compile(r"(last|past) (6|six) months|6 month rate", re.I), "six_months"),
    (re.compile(r"last full month", re.I), "last_full_month"),
    (re.compile(r"year to date|\bytd\b|\bcumulative\b", re.I), "fytd"),
    (re.compile(r"\bsnapshot\b", re.I), "snapshot"),
)


def period_basis_of_text(text: str | None) -> str | None:
    """The period basis a label's words say (rolling 12 months, last 6 months, YTD ...)."""
    return _first_said(_PERIOD_WORDS, text)


# A count is either of the children on the books at a date (a stock: "current", "snapshot",
# "at the month end", "open cases") or of every child at any time in a period ("total ... in
# the last 6 months"): two indicators whose names differ only by that.
_AT_ANY_TIME = re.compile(r"at any time|\btotal\b.*\b(in|over|during) (the )?(last|past|previous) \w+ months?", re.I)
_AT_A_DATE = re.compile(r"\bsnapshot\b|\bcurrent(ly)?\b(?!\s+month)|\b(month|period|year) end\b|\bas at\b|\bopen\b|\bat 3[01](st|th)\b", re.I)


def count_basis_of_text(text: str | None) -> str | None:
    """"in_period" for a count of every child at any time in a period, "at_date" for the
    children counted at one date, None when the words say neither."""
    if text and _AT_ANY_TIME.search(text):
        return "in_period"
    if text and _AT_A_DATE.search(text):
        return "at_date"
    return None
