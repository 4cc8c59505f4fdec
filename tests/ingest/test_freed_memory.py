"""A long import gives back the memory it has freed, rather than keeping it fragmented."""

import os
import threading

from ingest.freed_memory import return_freed_memory


def resident_megabytes() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_memory_freed_between_blocks_still_in_use_goes_back_to_the_system():
    kept: list[bytes] = []

    def build_and_drop_a_chunk() -> None:
        # Blocks above Python's small-object size come from the C library, in this
        # thread's arena, as the import's texts do; one in 200 outlives the chunk.
        blocks = [bytes(2000) for _ in range(60_000)]
        kept.extend(blocks[::200])
        blocks.clear()

    worker = threading.Thread(target=build_and_drop_a_chunk)
    worker.start()
    worker.join()
    fragmented = resident_megabytes()

    assert return_freed_memory()
    assert resident_megabytes() < fragmented - 60
