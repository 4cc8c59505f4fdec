"""Hand memory the import has freed back to the operating system."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _malloc_trim() -> ctypes._CFuncPtr | None:
    library = ctypes.util.find_library("c")
    if library is None:
        return None
    return getattr(ctypes.CDLL(library), "malloc_trim", None)


def return_freed_memory() -> bool:
    """Give freed heap pages back to the system, where the C library can (glibc); say if done.

    A long import frees as much as it allocates, but glibc keeps what it freed in each
    thread's arena, fragmented between the few blocks still in use: the run's resident
    memory grew by about 9 MB per 100,000 files although its live objects stayed flat.
    malloc_trim releases those pages; musl and macOS have no such call and need none here.
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
