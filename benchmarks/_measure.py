"""Shared by the benchmark scripts: run one measurement in a fresh process (wall time and its own peak memory),
and describe the machine and its load, so every results file says where and how it was measured."""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"


def child(module: str, *args: str, timeout: float) -> dict:
    """Run `python -m module args...`; it prints one JSON line: {"seconds", "peak_rss_bytes", ...}."""
    done = subprocess.run([sys.executable, "-m", module, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})
    if done.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def peak_rss_bytes() -> int:
    """This process's peak resident memory (Linux reports kilobytes)."""
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class TreePeak:
    """The peak resident memory of this process and its descendants together, sampled every `interval` seconds
    while in the `with` block: a large release is read by worker processes (pipelines/ingestion.py), whose memory
    this process's own peak leaves out. Never below this process's own peak, which sampling could miss. A sample
    reads /proc, about 4 ms: every 0.25 s it takes under 2 % of the measured run's time. A worker's peak between
    two samples is missed, and pages the processes share are counted in each: an estimate, not a bound."""

    def __init__(self, interval: float = 0.25):
        self.interval, self.sampled = interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def bytes(self) -> int:
        return max(self.sampled, peak_rss_bytes())

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.sampled = max(self.sampled, tree_rss_bytes(os.getpid()))


def tree_rss_bytes(root: int) -> int:
    """The resident memory of a process and all its descendants now (Linux /proc; a process that ends meanwhile
    counts as nothing)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])   # the name may hold spaces and brackets
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


def machine() -> str:
    import duckdb
    import pandas

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return (f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 ** 2:.0f} GB RAM, {platform.platform()}, "
            f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, pandas {pandas.__version__}")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


class Results:
    """The measurements kept for one benchmark (benchmarks/results/<name>.json) and its Markdown table (<name>.md):
    a new measurement replaces the one with the same key, so sizes can be measured in separate sittings."""

    def __init__(self, name: str, key: list[str], title: str, script: str):
        self.json, self.markdown, self.key = RESULTS / f"{name}.json", RESULTS / f"{name}.md", key
        self.title, self.script = title, script
        self.kept = (json.loads(self.json.read_text()) if self.json.exists()
                     else {"machine": machine(), "context": "", "measurements": []})

    def add(self, measurement: dict) -> None:
        """Keep one measurement, stamped with the machine, its load and the time it was taken (sittings may run on
        different machines: the header names the latest one and says when rows differ)."""
        self.kept["machine"] = machine()
        measurement = measurement | {"machine": self.kept["machine"], "load": load(),
                                     "measured": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
        print(json.dumps(measurement))
        same = [measurement[k] for k in self.key]
        self.kept["measurements"] = [m for m in self.kept["measurements"] if [m[k] for k in self.key] != same]
        self.kept["measurements"].append(measurement)
        self.json.write_text(json.dumps(self.kept, indent=1) + "\n")

    def write(self, context: str, render) -> None:
        """The Markdown file: title, machine, context, then `render(measurements)` (the table's lines); an empty
        context keeps the last one."""
        self.kept["context"] = context or self.kept.get("context", "")
        self.json.write_text(json.dumps(self.kept, indent=1) + "\n")
        mixed = any(m.get("machine") != self.kept["machine"] for m in self.kept["measurements"])
        machine_line = (f"Machine of the latest measurement: {self.kept['machine']}. Some rows were measured on "
                        f"another machine or before machines were recorded (each row's `machine` in "
                        f"{self.json.name})." if mixed else f"Machine: {self.kept['machine']}.")
        header = f"{machine_line}\n\n{self.kept['context']}".strip()
        lines = [f"# {self.title}", "", f"Generated by `benchmarks/{self.script}`; do not edit by hand.", "",
                 header, ""]
        self.markdown.write_text("\n".join(lines + render(self.kept["measurements"])) + "\n")
