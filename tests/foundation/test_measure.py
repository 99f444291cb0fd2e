"""benchmarks/_measure.py: the release benchmark's peak memory counts the processes that read a large release."""
import os
import subprocess
import sys
import time

from benchmarks._measure import TreePeak, tree_rss_bytes

HOLD_200_MB = "import sys, time; block = bytearray(200 * 1024 ** 2); sys.stdout.write('ready\\n'); " \
              "sys.stdout.flush(); time.sleep(30)"


def test_the_tree_counts_a_child_and_the_peak_keeps_it_after_the_child_ends():
    alone = tree_rss_bytes(os.getpid())
    with TreePeak(interval=0.02) as peak:
        child = subprocess.Popen([sys.executable, "-c", HOLD_200_MB], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline() == "ready\n"
            with_child = tree_rss_bytes(os.getpid())
            time.sleep(0.2)                                   # a few samples while the child holds its block
        finally:
            child.kill()
            child.wait()
    assert with_child - alone >= 190 * 1024 ** 2               # the child's 200 MB block is in the tree
    assert peak.bytes >= with_child - 20 * 1024 ** 2           # sampled while it lived, kept after it ended
