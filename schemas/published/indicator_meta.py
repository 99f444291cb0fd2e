"""Config.metadata for a published table computed by an indicator family (its SQL lives in indicators/<family>/)."""
from pathlib import Path

from schemas.published.core import meta

INDICATORS_DIR = Path(__file__).resolve().parents[2] / "indicators"


def indicator_table_meta(family: str, table: str, title: str, description: str, key: list[str],
                         source: str | None = None) -> dict:
    """Published from indicators/<family>/published_<table>.sql, only when the release has built its source table
    (`table` itself unless `source` names another)."""
    return {**meta(table, title, description, key, sql=f"published_{table}.sql"),
            "sql_root": str(INDICATORS_DIR / family), "requires": [source or table]}
