"""Helpers for the browser tests (Playwright on Chromium)."""

from __future__ import annotations


def close_quietly(context) -> None:
    """Close a browser context, refusing what its pages still send (heartbeats, beacons).

    Closing fires the pages' "pagehide" and their timers may still run: a request reaching
    the live server once the test's database is gone would fail there, not in the test.
    """
    context.route("**/*", lambda route: route.abort())
    context.close()
