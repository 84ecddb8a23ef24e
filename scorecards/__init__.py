"""Scorecards a performance board would print, drawn with great-tables from the warehouse marts.

- council.py: one council, one period: domains, polarity, three periods, YTD, direction, RAG, trend, benchmarks
- benchmark.py: one indicator, every council's latest value ranked beside the averages
- org_unit.py: one council, one period: indicators by district or team, coloured per row by polarity
- render.py: every scorecard of a kind into CSC_OUTPUT_DIR/scorecards/<kind>/ as HTML and PNG
- export.py: HTML pages, and PNGs through great-tables' gtsave with a headless, offline Chromium

No Dagster here: orchestration/scorecard_assets.py wraps these as assets. See README.md beside this file.
"""
