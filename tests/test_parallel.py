"""cspplan.parallel: how many processes pay, results in order, the collector restored."""

from __future__ import annotations

import gc

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
