"""Hand-made mart frames for the scorecard tests, with values read by eye from the sample PDFs.

Rotherham, "Safeguarding Children & Families Monthly Performance Report", month end
December 2020 (data/sample_reports/rotherham_monthly__2020-12__dev.pdf):
  page 2, row 1.8 "% of re-referral in 12 months - rolling 12 mths": Low; Oct-20 19.4%,
    Nov-20 19.3%, Dec-20 18.8%; DOT up (better); RAG green, target 23%<;
    STAT NEIGH AVE 21.6%, NAT AVE 22.6%. Monthly detail on page 8 (Jan-20 21.5% ... Dec-20 18.8%).
  page 2, row 3.1 "Number of S47 Investigations started": Info; 204, 159, 140; YTD 1582.
  page 2, row 3.3 "Number of S47's per 10,000 population aged 0-17 - rolling 12 month
    performance": 369.1, 368.6, 368.6 (no movement); RAG red, target "+/-5 of 158.8";
    SN 238.38, NAT 167.2.
  page 3, row 5.5 "% of initial child protection conference (ICPCs) completed within 15 days
    of S47": High; 46.0%, 40.0%, 38.1%; YTD 45.6%; DOT down (worse); RAG red, target 90%+;
    SN 78.5%, NAT 78.7%. Monthly detail on page 22 (Jan-20 50.8% ... Dec-20 38.1%).
Lancashire, "Annex A" data as at 01/09/2020 (lancashire_annex_a__2020-09-01__dev.pdf), page 1:
  "Assessments Within 45 Days (Last Full Month Rate)": Burnley 85%, Pendle 85%,
    Preston 96%, Chorley & South Ribble 98%, Lancashire 93%.
  "CIN Rate (per 10,000)": Burnley 39.7, Pendle 71.5, Preston 51.3, Chorley & South Ribble 45.4,
    Lancashire 79.2.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from scorecards.records import OPTIONAL_SCORECARD_COLUMNS, SCORECARD_COLUMNS, TREND_COLUMNS

ROTHERHAM_DOC = "rotherham_monthly__2020-12__dev.pdf"
ANNEX_A_DOC = "lancashire_annex_a__2020-09-01__dev.pdf"

# The mart names indicators from the seed `indicators.csv`, not as each report prints them.
RE_REFERRALS = "Re-referrals within 12 months of a previous referral"
ICPC_15_DAYS = "Initial child protection conferences within 15 working days of the S47 / strategy discussion"
S47_STARTED = "Section 47 enquiries started"
S47_RATE = "Section 47 enquiries started per 10,000 children"

RE_REFERRALS_MONTHLY = [21.5, 21.0, 20.7, 19.9, 19.7, 20.2, 19.7, 19.9, 19.5, 19.4, 19.3, 18.8]
ICPC_MONTHLY = [50.8, 76.2, 47.7, 43.9, 84.1, 47.6, 30.2, 56.3, 21.2, 46.0, 40.0, 38.1]


def scorecard_row(**given: Any) -> dict[str, Any]:
    """A fct_scorecard row: every column present, unset ones missing (None)."""
    columns = (*SCORECARD_COLUMNS, *OPTIONAL_SCORECARD_COLUMNS)
    unknown = set(given) - set(columns)
    if unknown:
        raise KeyError(f"not fct_scorecard columns: {sorted(unknown)}")
    return {column: given.get(column) for column in columns}


MONTHLY = dict(
    period_type="month", period_key="month:2020-12-01:2020-12-31",
    period_label="Dec 2020", previous_period_label="Nov 2020", period_2_label="Oct 2020",
)  # fmt: skip
ROLLING = dict(
    period_type="rolling_12_months", period_key="rolling_12_months:2020-01-01:2020-12-31",
    period_label="12 months to Dec 2020", previous_period_label="12 months to Nov 2020",
    period_2_label="12 months to Oct 2020",
)  # fmt: skip


def _rotherham(periods: dict[str, Any], **given: Any) -> dict[str, Any]:
    return scorecard_row(
        council="Rotherham",
        council_org_unit_code="rotherham",
        org_unit_code="rotherham",
        org_unit_name="Rotherham",
        period_end=date(2020, 12, 31),
        source_document=ROTHERHAM_DOC,
        **periods,
        **given,
    )


def rotherham_december_2020() -> pd.DataFrame:
    return pd.DataFrame(
        [
            _rotherham(
                ROLLING, indicator_code="re_referrals_within_12_months_pct", indicator_name=RE_REFERRALS,
                domain="Contacts and referrals", polarity="lower_is_better", unit="percent",
                value=18.8, previous_value=19.3, value_2_periods_ago=19.4, direction="better",
                printed_direction="↑", rag_status="green", printed_rag="green", target_text="23%<",
                sn_average=21.6, england_average=22.6, source_page=2,
            ),
            _rotherham(
                MONTHLY, indicator_code="s47_started_count", indicator_name=S47_STARTED, domain="Section 47 enquiries",
                polarity="information_only", unit="count", value=140.0, previous_value=159.0,
                value_2_periods_ago=204.0, ytd_value=1582.0, printed_direction="↓", source_page=2,
            ),
            _rotherham(
                ROLLING, indicator_code="s47_rate_per_10k", indicator_name=S47_RATE, domain="Section 47 enquiries",
                polarity="information_only", unit="rate_per_10k", value=368.6, previous_value=368.6,
                value_2_periods_ago=369.1, direction="same", printed_direction="→", rag_status="red",
                printed_rag="red", target_text="+/-5 of 158.8", sn_average=238.38, england_average=167.2,
                source_page=2,
            ),
            _rotherham(
                MONTHLY, indicator_code="icpc_within_15_days_pct", indicator_name=ICPC_15_DAYS,
                domain="Child protection", polarity="higher_is_better", unit="percent", value=38.1, previous_value=40.0,
                value_2_periods_ago=46.0, ytd_value=45.6, direction="worse", printed_direction="↓",
                rag_status="red", printed_rag="red", target_text="90%+", sn_average=78.5,
                england_average=78.7, source_page=3,
            ),
        ]
    )  # fmt: skip


def rotherham_monthly_2020() -> pd.DataFrame:
    rows = []
    for code, kind, values in (
        ("re_referrals_within_12_months_pct", "rolling_12_months", RE_REFERRALS_MONTHLY),
        ("icpc_within_15_days_pct", "month", ICPC_MONTHLY),
    ):
        for month, value in enumerate(values, start=1):
            end = (pd.Timestamp(2020, month, 1) + pd.offsets.MonthEnd(0)).date()
            rows.append(
                {"council": "Rotherham", "org_unit_code": "rotherham", "indicator_code": code,
                 "period_end": end, "value": value, "period_type": kind}
            )  # fmt: skip
    return pd.DataFrame(rows, columns=[*TREND_COLUMNS, "period_type"])


# (code, name, area, sort order) as in seeds/org_units.csv; listed here council first, out of order.
ANNEX_A_UNITS = [
    ("lancashire", "Lancashire", None, 200),
    ("lancashire_preston", "Preston", "CSC Central", 221),
    ("lancashire_burnley", "Burnley", "CSC East", 211),
    ("lancashire_pendle", "Pendle", "CSC East", 212),
    ("lancashire_chorley_south_ribble", "Chorley & South Ribble", "CSC Central", 222),
]
ASSESSMENTS_45_DAYS = "Assessments completed within 45 working days (last full month)"
CIN_RATE = "Children in need per 10,000 children"


def lancashire_annex_a() -> pd.DataFrame:
    assessments = [93.0, 96.0, 85.0, 85.0, 98.0]
    cin_rate = [79.2, 51.3, 39.7, 71.5, 45.4]
    rows = []
    for (code, name, area, order), a45, cin in zip(ANNEX_A_UNITS, assessments, cin_rate, strict=True):
        common = dict(
            council="Lancashire", council_org_unit_code="lancashire", org_unit_code=code, org_unit_name=name,
            period_type="snapshot", period_key="snapshot:2020-09-01:2020-09-01", period_label="1 Sep 2020",
            period_end=date(2020, 9, 1), source_document=ANNEX_A_DOC, source_page=1,
            org_unit_sort_order=order, parent_org_unit_name=area or "Lancashire",
        )  # fmt: skip
        rows.append(
            scorecard_row(
                indicator_code="assessments_within_45_days_last_month_pct", indicator_name=ASSESSMENTS_45_DAYS,
                domain="Assessments", polarity="higher_is_better", unit="percent", value=a45, **common,
            )
        )  # fmt: skip
        rows.append(
            scorecard_row(
                indicator_code="cin_rate_per_10k", indicator_name=CIN_RATE, domain="Children in need",
                polarity="information_only", unit="rate_per_10k", value=cin, **common,
            )
        )  # fmt: skip
    return pd.DataFrame(rows)
