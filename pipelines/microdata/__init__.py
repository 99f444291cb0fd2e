"""Household-survey microdata: validate respondent files and estimate ICT indicators with their standard errors.

Everything runs in DuckDB over the Parquet files (pipelines/microdata/sql/), so a survey round of millions of
respondents never passes through pandas. See docs/microdata.md for the input schema and the method.
"""
