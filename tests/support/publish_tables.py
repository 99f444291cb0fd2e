"""A tiny published table, and publishing tables as the publish step does (a new version written table by table, then
switched in), for the tests of publishing and `latest` (tests/hardening, tests/foundation/test_publish.py)."""
import pandas as pd

from pipelines.core import publish


def table(name, values):
    frame = pd.DataFrame({"k": list(range(len(values))), "v": values})
    fields = [{"name": "k", "type": "integer", "description": "key"}, {"name": "v", "type": "number",
                                                                       "description": "value"}]
    return publish.TableOutput(name, frame, name.title(), f"{name} table", fields, ["k"])


def publish_tables(published_root, release, tables, sources, extra_files=None, properties=None):
    """Every table written into a new version of `release`, which is then switched in; the release path."""
    with publish.incoming_version(published_root, release) as version:
        for t in tables:
            version.write(t)
        return version.switch(tables, sources, extra_files, properties)
