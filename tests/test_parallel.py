"""cspplan.parallel: how many processes pay, results in order, the collector restored."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.conftest import SHIPPED

from cspplan.parallel import PER_PROCESS, collector_paused, map_in_order, processes_for


def _square(number: int) -> int:
    return number * number


def test_jobs_given_are_used_but_never_more_than_the_tasks():
    assert processes_for(100, 3) == 3
    assert processes_for(2, 8) == 2
    assert processes_for(0, 4) == 1


def test_without_jobs_a_few_tasks_stay_in_this_process():
    assert processes_for(PER_PROCESS - 1, None) == 1


def test_results_come_in_order_in_this_process_and_across_processes():
    items = list(range(40))
    wanted = [number * number for number in items]
    assert list(map_in_order(_square, items, jobs=1)) == wanted
    assert list(map_in_order(_square, items, jobs=2)) == wanted


def test_the_collector_is_paused_and_then_restored():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before, so it stays off
    finally:
        gc.enable()


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in command:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's /proc and prctl")
def test_workers_die_with_a_killed_cspplan(tmp_path):
    """`kill -9` of cspplan used to leave its worker processes waiting for work forever,
    holding the output pipe open: a CI step or `$(cspplan ...)` never ended."""
    for copy in range(8):  # enough files that the workers are busy when the kill comes
        shutil.copytree(SHIPPED, tmp_path / f"copy-{copy}")
    process = subprocess.Popen(
        [sys.executable, "-m", "cspplan", "fmt", "--check", "-j", "2", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while len(_processes_mentioning(str(tmp_path))) < 3:  # cspplan and its two workers
        assert process.poll() is None, "fmt finished before its workers were seen"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.kill()
    assert process.stdout is not None
    ended = threading.Event()
    threading.Thread(target=lambda: (process.stdout.read(), ended.set()), daemon=True).start()
    assert ended.wait(20), "a worker still holds the output open"
    process.wait()
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_mentioning(str(tmp_path)) == []
