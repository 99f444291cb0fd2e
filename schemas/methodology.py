"""Methodology parameters: every value the methodology gives, or the project chooses, is {value, status, source}.

One form for every family's configuration (indicator spec params, IDI editions, basket rules, the SDMX settings, the
microdata quality rule), so the release can publish which values are settled (methodology_parameters). Status marks
follow ../shared/METHODOLOGY.md:
  confirmed    read in a cited source;
  secondary    read in a reliable secondary source, not in the custodian's own text;
  unconfirmed  recalled, inferred or a project choice (its source then reads "project choice: <why>"): a setting to
               verify, never a settled fact.
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
    if (not isinstance(raw, dict) or "value" not in raw or raw.get("status") not in statuses
            or not str(raw.get("source") or "").strip()):
        raise ValueError(f"{where}: a parameter needs value, status ({'|'.join(statuses)}) and source")
    return Param(raw["value"], raw["status"], str(raw["source"]).strip())


def _is_param(raw: object) -> bool:
    """A mapping with a `value` key is a parameter (and must then be complete: `param` says what is missing)."""
    return isinstance(raw, dict) and "value" in raw


def _name(item: object, position: int) -> str:
    return str(item["code"]) if isinstance(item, dict) and "code" in item else str(position)


def parameters(raw: object, where: str, prefix: str = "") -> dict[str, Param]:
    """Every parameter of a configuration tree by dotted name ('rules.month_days', 'sub_indices.access.weight'); list
    items are named by their `code`, else their position."""
    found: dict[str, Param] = {}
    _walk(raw, where, prefix, found)
    return found


def values(raw: object, where: str, prefix: str = "") -> object:
    """The configuration tree with each parameter replaced by its value (checked by `param`): what the code that
    applies the configuration reads."""
    return _walk(raw, where, prefix, {})


def _walk(raw: object, where: str, name: str, found: dict[str, Param]) -> object:
    """`raw` with each parameter replaced by its value, recording every parameter in `found` by dotted name; an
    incomplete one is an error naming `where` (the file) and the dotted name."""
    if _is_param(raw):
        found[name] = param(raw, f"{where}: {name}" if name else where)
        return found[name].value
    if isinstance(raw, dict):
        return {key: _walk(item, where, _dotted(name, str(key)), found) for key, item in raw.items()}
    if isinstance(raw, list):
        return [_walk(item, where, _dotted(name, _name(item, n)), found) for n, item in enumerate(raw)]
    return raw


def _dotted(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name
