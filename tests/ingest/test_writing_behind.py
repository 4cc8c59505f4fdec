"""Writes handed to a thread of their own: in order, one at a time, errors raised."""

from __future__ import annotations

import threading

import pytest

from ingest.writing_behind import WritingBehind


class TestWritingBehind:
    def test_writes_run_in_order_one_at_a_time_on_another_thread(self):
        threads, running, overlapped = [], [], []

        def write(number: int):
            def run() -> int:
                overlapped.append(bool(running))
                running.append(number)
                threads.append(threading.current_thread())
                running.remove(number)
                return number

            return run

        with WritingBehind(enabled=True) as writing:
            finished = [writing.hand_over(write(number)) for number in range(4)]
            finished.append(writing.finish())

        assert finished == [[], [0], [1], [2], [3]]
        assert not any(overlapped)
        assert threading.current_thread() not in threads

    def test_when_not_enabled_each_write_runs_at_once_in_the_callers_thread(self):
        with WritingBehind(enabled=False) as writing:
            assert writing.hand_over(threading.current_thread) == [threading.current_thread()]
            assert writing.finish() == []

    def test_a_write_that_fails_raises_in_the_caller(self):
        def fail() -> None:
            raise RuntimeError("disk full")

        with pytest.raises(RuntimeError, match="disk full"), WritingBehind(enabled=True) as writing:
            writing.hand_over(fail)
            writing.finish()
