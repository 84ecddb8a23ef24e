"""Dagster code location: landing PDFs -> raw tables in DuckDB -> dbt models."""
