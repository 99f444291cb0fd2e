"""A tiny published table, for the tests of publishing and `latest` (tests/hardening)."""
import pandas as pd

from pipelines.core import publish


def table(name, values):
    frame = pd.DataFrame({"k": list(range(len(values))), "v": values})
    fields = [{"name": "k", "type": "integer", "description": "key"}, {"name": "v", "type": "number",
                                                                       "description": "value"}]
    return publish.TableOutput(name, frame, name.title(), f"{name} table", fields, ["k"])
