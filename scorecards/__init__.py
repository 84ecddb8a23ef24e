"""Scorecards a performance board would print, drawn with great-tables from the warehouse marts.

- council.py: one council, one period: domains, polarity, three periods, YTD, direction, RAG, trend, benchmarks
- benchmark.py: one indicator, every council's latest value ranked beside the averages
- org_unit.py: one council, one period: indicators by district or team, coloured per row by polarity
- render.py: every scorecard of a kind into CSC_OUTPUT_DIR/scorecards/<kind>/ as HTML and PNG
- export.py: each scorecard's HTML page and PNG, kept as they are when its inputs did not change
- inputs.py: the fingerprint of a scorecard's inputs its page carries
- png.py: PNGs of the tables, drawn in one tab of a headless, offline Chromium (browser.py)

No Dagster here: orchestration/scorecard_assets.py wraps these as assets. See README.md beside this file.
"""
