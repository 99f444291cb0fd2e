"""Dagster assets by group: ingest, stage, indicators, publish (and report, added by report modules)."""
