"""Adding files to a release's raw snapshot (`isoc snapshot add`): the format each file's header shows, the input
checks, the copy and the manifest entry.

It sits above the adapters whose registry recognises formats (pipelines/ingest) and the manifest it writes
(pipelines/core/manifest.py), so the core imports no adapter.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from pipelines.core import manifest
from pipelines.core.canonical import FileError
from pipelines.core.manifest import (DOCUMENTATION, MANIFEST, VINTAGE, Entry, ManifestError, check_name, load,
                                     release_dir, sha256_of)
from pipelines.ingest import adapters, detect_format
from pipelines.ingest._excel import check_archive, check_input


class Added(list):
    """The entries one call added (a list of Entry), and `kept`: each file given but not added, with why (already
    in the release with the same content; the release's own manifest), so that the command can say so."""

    def __init__(self, entries: list[Entry], kept: list[str]):
        super().__init__(entries)
        self.kept = kept


def add_files(raw_root: Path, release: str, files: list[Path], *, fmt: str | None = None, subdir: str = "",
              origin: str | None = None, added: str | None = None, copy: bool = True, vintage: str = ""
              ) -> Added:
    """Add files to a release (copying them in unless they are already inside it) and record them.

    The format comes from the file's header (`fmt` overrides). Adding a file already in the release with the same
    content is a no-op; with different content it is refused. Every file is checked before any is copied, and a
    failure while copying removes what this call copied: the call adds all its files or none. `vintage` declares when
    the data were published (ISO '2024', '2024-06' or '2024-06-30'), for files that do not state it themselves (an
    OWID download); staging ranks vintages of one class of source by it (pipelines/reference/source_priority.csv).
    """
    if vintage and not VINTAGE.match(vintage):
        raise ManifestError(f"vintage {vintage!r} is not an ISO year, year-month or date (e.g. 2024, 2024-06, "
                            "2024-06-30).")
    folder = release_dir(raw_root, release)
    folder.mkdir(parents=True, exist_ok=True)
    with manifest.locked(folder), tempfile.TemporaryDirectory(prefix="isoc-unpacked-") as scratch:
        current = {e.path: e for e in (load(raw_root, release) if (folder / MANIFEST).exists() else [])}
        given = [unpacked(Path(f), Path(scratch)) if Path(f).suffix.lower() == ".zip" else Path(f) for f in files]
        planned, kept = _plan(folder, release, current, given, fmt, subdir)
        copied: list[Path] = []
        try:
            for src, rel, _, _ in planned:
                dest = folder / rel
                if copy and not src.resolve().is_relative_to(folder.resolve()):
                    existed = dest.exists()
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    tmp = dest.with_name(f".incoming-{dest.name}")
                    shutil.copyfile(src, tmp)
                    os.replace(tmp, dest)
                    if not existed:
                        copied.append(dest)
            entries = [_entry(folder / rel, rel, digest, file_format, origin, added, vintage)
                       for _, rel, digest, file_format in planned]
            manifest.write(raw_root, release, list({**current, **{e.path: e for e in entries}}.values()))
        except BaseException:
            for path in copied:
                path.unlink(missing_ok=True)
            raise
    return Added(entries, kept)


def _plan(folder: Path, release: str, current: dict[str, Entry], files: list[Path], fmt: str | None,
          subdir: str) -> tuple[list[tuple[Path, str, str, str]], list[str]]:
    """(source, path in the release, sha256, format) of each file to add, and why each other file is kept out (see
    Added); the first refusal raises before any copy."""
    planned: dict[str, tuple[Path, str, str, str]] = {}
    kept: list[str] = []
    for src, name in _named(files):
        inside = src.resolve().is_relative_to(folder.resolve())
        rel = src.resolve().relative_to(folder.resolve()).as_posix() if inside else \
            check_name("/".join(p for p in (subdir.strip("/"), name) if p))
        if inside and rel == MANIFEST:   # met when the release's folder is added
            kept.append(f"{rel}: the release's own record of its files, not an input")
            continue
        check_name(rel)
        digest = sha256_of(src)
        known = current[rel].sha256 if rel in current else planned[rel][2] if rel in planned else None
        if known is not None and known != digest:
            raise ManifestError(f"{rel} is already in release {release!r} with different content "
                                f"(sha256 {known[:12]}..., new {digest[:12]}...); raw files are "
                                "immutable: add the new version under another name or to a new release.")
        if known is not None:
            kept.append(f"{rel}: already in release {release!r} with the same content")
            continue
        file_format = fmt or (DOCUMENTATION if manifest.documentation(src) else None)
        if file_format != DOCUMENTATION:
            problem = check_input(src, src.name)
            if problem:
                raise ManifestError(f"{src} was not added: {problem.reason}")
        file_format = file_format or detect_format(src)
        if file_format is None:
            raise ManifestError(f"the format of {src} was not recognised from its header; pass --format with one of: "
                                f"{', '.join(sorted(adapters()) + [DOCUMENTATION])}.")
        if file_format != DOCUMENTATION and file_format not in adapters():
            raise ManifestError(f"unknown format {file_format!r}; known: {', '.join(sorted(adapters()))}.")
        planned[rel] = (src, rel, digest, file_format)
    return list(planned.values()), kept


def unpacked(archive: Path, scratch: Path) -> Path:
    """A .zip download (the World Bank's API_..._csv zip: the data and two metadata CSVs) unpacked into
    scratch/<its name without .zip>, to be added (or validated) as that folder is. Checked first from its declared
    sizes as a workbook is (pipelines/ingest/workbook_limits.yaml); a member whose name would land outside the folder
    is refused."""
    label = archive.name
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = [m for m in zipped.infolist() if not m.is_dir()]
            check_archive(members, label)
            folder = scratch / archive.stem
            for member in members:
                target = (folder / member.filename).resolve()
                if not target.is_relative_to(folder.resolve()):
                    raise ManifestError(f"{label} holds {member.filename!r}, which would unpack outside its folder: "
                                        "refused.")
                target.parent.mkdir(parents=True, exist_ok=True)
                with zipped.open(member) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out)
    # NotImplementedError: a compression zipfile lacks (Deflate64); RuntimeError: a member needing a password
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
        raise ManifestError(f"{archive} cannot be unpacked as a zip archive ({exc}).") from exc
    except FileError as err:
        raise ManifestError(f"{archive}: {err.reason}") from err
    return folder


def _named(paths: list[Path]) -> list[tuple[Path, str]]:
    """Each file to add with its path below `subdir`: a file by its name; each file under a folder (hidden ones left
    out) by the folder's name and its path inside it, so that folders holding files of the same name (as the
    sources' folders of ../shared/data do) keep them apart."""
    named = []
    for path in paths:
        if path.is_dir():
            inner = manifest.files_under(path)
            if not inner:
                raise ManifestError(f"{path} holds no file to add.")
            named += [(p, f"{path.resolve().name}/{p.relative_to(path).as_posix()}") for p in inner]
        elif path.is_file():
            named.append((path, path.name))
        else:
            raise ManifestError(f"{path} is neither a file nor a folder.")
    return named


def _entry(dest: Path, rel: str, digest: str, file_format: str, origin: str | None, added: str | None,
           vintage: str) -> Entry:
    module = adapters().get(file_format)
    return Entry(rel, digest, dest.stat().st_size, file_format,
                 origin or (getattr(module, "ORIGIN", "") if module else "documentation"),
                 added or dt.date.today().isoformat(), vintage)
