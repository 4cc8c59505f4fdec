"""An import reads the next chunk of files while it builds the one in hand."""

import hashlib
import os

from ingest.reading_ahead import read_ahead


def test_chunks_come_back_in_order_with_their_bytes_and_hashes(tmp_path):
    paths = []
    for number in range(5):
        path = tmp_path / f"{number}.txt"
        path.write_bytes(f"copy {number}".encode())
        paths.append(path)

    read = list(read_ahead([paths[:2], paths[2:4], paths[4:]]))

    assert [[file.path for file in chunk] for chunk in read] == [paths[:2], paths[2:4], paths[4:]]
    assert [file.data for chunk in read for file in chunk] == [
        f"copy {number}".encode() for number in range(5)
    ]
    assert read[0][0].source_hash == hashlib.sha256(b"copy 0").hexdigest()


def test_a_file_that_cannot_be_read_says_why_and_the_others_are_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(b"copy")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    [chunk] = read_ahead([[tmp_path / "gone.txt", fifo, good]])

    assert [file.error for file in chunk] == [
        "No such file or directory",
        "not a regular file (a FIFO, device or socket is never read)",
        "",
    ]
    assert chunk[2].data == b"copy"


def test_the_next_chunk_is_asked_for_while_this_one_is_in_hand(tmp_path):
    asked: list[int] = []

    def chunks():
        for number in range(3):
            asked.append(number)
            yield []

    reading = read_ahead(chunks())
    next(reading)

    assert asked == [0, 1]
    assert len(list(reading)) == 2
    assert asked == [0, 1, 2]
