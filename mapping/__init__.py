"""Suggest how a report's printed labels map to the indicator catalogue (plain Python, no
Dagster): `printed` reads the labels of loaded documents from the warehouse, `suggest` ranks
the catalogue's indicators for each, `model` weighs its evidence into a confidence (fitted on
the known families, saved in suggestion_model.json), `review` writes the review CSV and
applies the accepted rows to the crosswalk seed, `family_entry` proposes the families.toml
entry of an unknown report."""
