"""OpenDocument spreadsheets (.ods) written by hand, as LibreOffice writes them: typed cells, repeated rows and cells
given as counts, and error cells marked calcext:value-type="error". No library writes .ods among the project's
dependencies, and a hand-written file can hold what a reader must withstand (a repeat of a billion cells)."""
from __future__ import annotations

import zipfile
from html import escape
from pathlib import Path

NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
              'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
              'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')
# LibreOffice ends a sheet with the rest of its rows and columns, empty, as one repeated row
EMPTY_REST = ('<table:table-row table:number-rows-repeated="1048000">'
              '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')


def cell(value: object) -> str:
    """A cell as LibreOffice writes it: a number as a float, text as a string, None empty, a raw XML string as is."""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, str) and value.startswith("<table:"):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p>' \
               "</table:table-cell>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def error_cell(text: str = "#DIV/0!") -> str:
    """A formula that failed: LibreOffice keeps a cached 0 beside the error's text."""
    return (f'<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" '
            f'calcext:value-type="error"><text:p>{text}</text:p></table:table-cell>')


def row(values: list, repeated: int = 1) -> str:
    count = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return f"<table:table-row{count}>" + "".join(cell(v) for v in values) + "</table:table-row>"


def write_ods(path: Path, sheets: dict[str, list[str]]) -> Path:
    """{sheet name: its rows' XML (row(), or raw XML)} as an .ods file."""
    tables = "".join(f'<table:table table:name="{escape(name)}">{"".join(rows)}</table:table>'
                     for name, rows in sheets.items())
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.3">'
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
    return path
