"""Methodology parameters: every value the methodology gives, or the project chooses, is {value, status, source}.

One form for every family's configuration (IDI editions, basket rules, aggregation settings), so each published table
of parameters can say which values are settled. Status marks follow ../shared/METHODOLOGY.md:
  confirmed    read in a cited source;
  secondary    read in a reliable secondary source, not in the custodian's own text;
  unconfirmed  recalled, inferred or a project choice: a setting to verify, never a settled fact.
A family may accept fewer marks (the IDI editions know only confirmed and unconfirmed).
"""
from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("confirmed", "secondary", "unconfirmed")


@dataclass(frozen=True)
class Param:
    value: object
    status: str
    source: str


def param(raw: object, where: str, statuses: tuple[str, ...] = STATUSES) -> Param:
    """Read `{value, status, source}` from a configuration file; `where` names the file and key in the error."""
    if not isinstance(raw, dict) or "value" not in raw or raw.get("status") not in statuses:
        raise ValueError(f"{where}: a parameter needs value, status ({'|'.join(statuses)}) and source")
    return Param(raw["value"], raw["status"], raw.get("source", ""))
