"""The raw rules' fast path (`passes`, schemas/raw/_columns.py) is only a shortcut: on every frame the adapters hand
to validation, from the demo release and from every real file, it vouches for a frame exactly when the Pandera model
built from the same declaration accepts it. A frame it wrongly vouched for would stage rows Pandera rejects."""
import pandera.pandas as pa
import pytest
from support import DECLARED_VINTAGES, shared_folders, snapshot

from pipelines.commands.demo import build_demo
from pipelines.ingestion import read_release
from schemas import validation
from schemas.raw._columns import pandera_model


def _verdicts(monkeypatch, raw_root, release) -> list[tuple[str, bool, bool]]:
    """(raw model, passes' verdict, Pandera's verdict) for each non-empty frame the release's adapters validate."""
    seen = []
    real_passes = validation.passes

    def recording(model, df):
        vouched = real_passes(model, df)
        try:
            pandera_model(model).validate(df, lazy=True)
            accepted = True
        except pa.errors.SchemaErrors:
            accepted = False
        seen.append((model.__name__, vouched, accepted))
        return vouched

    monkeypatch.setattr(validation, "passes", recording)
    for _entry, _result in read_release(raw_root, release, workers=1):   # the recording lives in this process
        pass
    return seen


@pytest.mark.slow
def test_on_the_demo_release_passes_vouches_exactly_for_the_frames_pandera_accepts(monkeypatch, tmp_path):
    build_demo(tmp_path / "raw")
    verdicts = _verdicts(monkeypatch, tmp_path / "raw", "demo")
    assert len(verdicts) >= 29                                   # one frame per demo file at least
    assert [v for v in verdicts if v[1] != v[2]] == []
    assert sum(v[1] for v in verdicts) >= 20                     # most demo files are clean: Pandera is not called
    assert any(not v[2] for v in verdicts)                       # the demo's planted bad rows reach Pandera


def test_on_every_real_file_passes_never_vouches_for_a_frame_pandera_rejects(monkeypatch, tmp_path, shared_data):
    raw_root = tmp_path / "raw"
    for folder, files in shared_folders(shared_data).items():
        snapshot(raw_root, "real", files, subdir=folder, vintage=DECLARED_VINTAGES.get(folder, ""))
    verdicts = _verdicts(monkeypatch, raw_root, "real")
    assert len({model for model, _, _ in verdicts}) >= 15        # the raw models of the real formats
    assert [v for v in verdicts if v[1] and not v[2]] == []
    assert any(v[1] for v in verdicts) and any(not v[2] for v in verdicts)
