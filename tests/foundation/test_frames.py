"""`rows` gives what `itertuples(index=False)` gives, without walking Arrow-backed text value by value."""
import pandas as pd

from pipelines.core.frames import rows


def _same(a, b) -> bool:
    """Equal values, or both missing (pd.NA == pd.NA is not True)."""
    return bool(pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)


def test_rows_equal_itertuples_on_text_numbers_gaps_and_odd_column_names():
    frame = pd.DataFrame({"plan": pd.array(["Basic", None, "Max"], dtype="string"), "price": [1.5, float("nan"), 3.0],
                          "count": [1, 2, 3], "_hidden": ["a", "b", "c"], "two words": [True, False, True]})
    got = list(rows(frame))
    expected = list(frame.itertuples(index=False))
    assert len(got) == len(expected) == 3
    assert all(_same(a, b) for g, e in zip(got, expected) for a, b in zip(g, e, strict=True))
    assert [r._fields for r in got[:1]] == [expected[0]._fields]          # the same names, renamed the same way
    assert got[2].plan == "Max" and got[1].plan is pd.NA and got[0].price == 1.5


def test_rows_of_an_empty_frame_is_empty():
    assert list(rows(pd.DataFrame({"a": pd.Series([], dtype="string")}))) == []
