"""Text encodings through the shared reading layer (pipelines/core/parsing.py): UTF-8 with or without BOM, Latin-1
and Windows-1252 transcoded (and said so in the file's provenance note), UTF-16 refused as a file error, and a file
mixing encodings read line by line with every undecodable line quarantined by number; never a traceback.

The one-pass reader (pyarrow) and the line reader must split every regular file identically, whatever its encoding.
"""
from pathlib import Path
from unittest import mock

import pytest
from support.adapter_checks import check_result

from pipelines.cli import main
from pipelines.core import parsing
from pipelines.core.parsing import encoding_note, read_delimited
from pipelines.ingest import detect_format, read_file

DATAHUB = ["seriesID", "seriesCode", "seriesName", "seriesParent", "seriesUnits", "entityID", "entityIso",
           "entityName", "dataValue", "dataYear", "dataNote", "dataSource", "seriesDescription"]
GENDER = ["INDICATOR_LABEL", "REF_AREA", "REF_AREA_DESC", "ISO3", "TIME_PERIOD", "SEX", "AGE", "ICT_SKILL",
          "OBS_VALUE", "UNIT_MEASURE", "NATURE", "COMMENT_OBS", "SOURCE_DETAIL"]
# (ISO3, name, value, note): names and notes with the letters a Latin-1 export holds
ROWS = [("CIV", "Côte d'Ivoire", "1.2", "Données estimées"), ("CUW", "Curaçao", "30", ""),
        ("DEU", "Germany", "45.6", "Année de référence 2022")]
CP1252_NOTE = "ITU’s estimate – see note"      # curly apostrophe and en dash: Windows-1252, not Latin-1
TRANSCODED = "text encoding Windows-1252/Latin-1, transcoded to UTF-8 when read"


def datahub_line(iso: str, name: str, value: str, note: str) -> str:
    return (f'19257,"i992b","Fixed-broadband subscriptions",,"per 100 people",4,"{iso}","{name}","{value}",2023,'
            f'"{note}","","per 100 people"')


def datahub_text(rows=ROWS) -> str:
    return "\n".join([",".join(f'"{c}"' for c in DATAHUB)] + [datahub_line(*r) for r in rows]) + "\n"


def gender_text(note: str) -> str:
    values = {"INDICATOR_LABEL": "I.18", "REF_AREA": "384", "REF_AREA_DESC": "Côte d'Ivoire", "ISO3": "CIV",
              "TIME_PERIOD": "2019", "SEX": "_T", "OBS_VALUE": "46.82", "UNIT_MEASURE": "PT", "NATURE": "C",
              "COMMENT_OBS": note, "SOURCE_DETAIL": "Enquête ménages"}
    return "\t".join(GENDER) + "\n" + "\t".join(values.get(c, "") for c in GENDER) + "\n"


def line_reader(path: Path, **kwargs) -> parsing.DelimitedFile:
    """The file read by the line reader alone (the one-pass reader declining every file)."""
    with mock.patch.object(parsing, "_read_regular", lambda *args: None):
        return read_delimited(path, path.name, **kwargs)


def same_split(a: parsing.DelimitedFile, b: parsing.DelimitedFile) -> bool:
    return (a.header == b.header and a.lines == b.lines and a.problems == b.problems and a.data_lines == b.data_lines
            and {c: s.tolist() for c, s in a.columns.items()} == {c: s.tolist() for c, s in b.columns.items()})


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "cp1252"])
def test_a_datahub_file_reads_the_same_in_every_accepted_encoding(tmp_path, encoding):
    rows = ROWS if encoding != "cp1252" else [*ROWS[:2], ("DEU", "Germany", "45.6", CP1252_NOTE)]
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(datahub_text(rows).encode(encoding))
    assert detect_format(path) == "itu_datahub_csv"
    parsed = read_delimited(path, path.name)
    assert parsing._read_regular(path.read_bytes(), path.name, ",", 0, []) is not None   # the one-pass reader read it
    assert same_split(parsed, line_reader(path))
    assert parsed.columns["entityName"].tolist() == [r[1] for r in rows] and parsed.lines == [2, 3, 4]
    result = read_file(path, "itu_datahub_csv", path.name)
    check_result(result)
    assert result.quarantine.empty and result.rows_read == 3
    obs = result.observations.sort_values("ref_area")
    assert obs["ref_area"].tolist() == ["CIV", "CUW", "DEU"] and obs["obs_value"].tolist() == [1.2, 30.0, 45.6]
    assert obs["note"].fillna("").tolist() == [r[3] for r in sorted(rows)]
    assert encoding_note(path) == (TRANSCODED if encoding in ("latin-1", "cp1252") else None)


@pytest.mark.parametrize("encoding, note", [("latin-1", "Données 2019"), ("cp1252", CP1252_NOTE)])
def test_a_tab_separated_gender_file_in_a_windows_encoding_keeps_its_accents(tmp_path, encoding, note):
    path = tmp_path / "gender.tsv"
    path.write_bytes(gender_text(note).encode(encoding))
    assert same_split(read_delimited(path, path.name, delimiter="\t"), line_reader(path, delimiter="\t"))
    result = read_file(path, detect_format(path), path.name)
    check_result(result)
    [row] = result.observations.to_dict("records")
    assert (row["ref_area"], row["obs_value"], row["note"], row["source"]) == ("CIV", 46.82, note, "Enquête ménages")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_with_or_without_a_bom_is_refused_as_a_file_error(tmp_path, encoding):
    path = tmp_path / "utf16.tsv"
    path.write_bytes(gender_text("x").encode(encoding))
    result = read_file(path, "un_gender_portal_tsv", path.name)
    [problem] = result.quarantine.to_dict("records")
    assert (problem["rule"], problem["severity"], problem["value"]) == ("utf16_encoding", "file_error", "1 lines")
    assert problem["reason"].startswith("utf16.tsv is encoded as UTF-16")
    assert result.observations.empty and result.rows_read == result.rows_quarantined == 1


def test_a_utf8_file_with_latin1_lines_quarantines_exactly_those_lines(tmp_path, capsys):
    """UTF-8 lines (one holds 'Curaçao' in UTF-8) mixed with two lines saved as Latin-1: the file is UTF-8, and the
    Latin-1 lines are held back as `not_utf8` by line number, never guessed; the rest is staged."""
    lines = [datahub_line(*r) for r in [("DEU", "Germany", "45.6", ""), ("CUW", "Curaçao", "30", "")]]
    latin = [datahub_line(*r).encode("latin-1") for r in [("CIV", "Côte d'Ivoire", "1.2", "Données"),
                                                         ("FRA", "France", "50.1", "Année 2023")]]
    head = ",".join(f'"{c}"' for c in DATAHUB).encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join([head, lines[0].encode(), latin[0], lines[1].encode(), latin[1]]) + b"\n")
    result = read_file(path, "itu_datahub_csv", path.name)
    check_result(result)
    assert result.quarantine[["line", "rule", "column"]].values.tolist() == [[3, "not_utf8", "*"], [5, "not_utf8", "*"]]
    assert "byte 0xf4" in result.quarantine["reason"].iloc[0]          # the 'ô' of Côte, as Latin-1
    assert sorted(result.observations["ref_area"]) == ["CUW", "DEU"] and result.rows_read == 4
    assert encoding_note(path) is None
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "line 3, column *, rule not_utf8: Line 3 is not valid UTF-8" in out and "Traceback" not in out
