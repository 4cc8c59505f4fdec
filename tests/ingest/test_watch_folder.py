"""The watched drop folder and the batch importer's helper processes, in real subprocesses."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, WIRE

GOOD = WIRE / "en_body_ends_with_parenthesis.txt"
OTHER_GOOD = WIRE / "fr_place_notes.txt"
EMPTY = WIRE / "bad" / "empty.txt"


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> dict[str, str]:
    """A subprocess environment on its own migrated SQLite file, logging JSON."""
    database = tmp_path_factory.mktemp("watch") / "db.sqlite3"
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.test_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_LOG_FORMAT": "json",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=REPO,
        env=environment,
        check=True,
        timeout=120,
    )
    return environment


def database_path(environment: dict[str, str]) -> str:
    return environment["DATABASE_URL"].removeprefix("sqlite:///")


def source_texts(environment: dict[str, str], source_id: str) -> list[str]:
    with sqlite3.connect(database_path(environment)) as database:
        rows = database.execute(
            "SELECT source_text FROM articles_article WHERE source_id = ?", [source_id]
        )
        return [row[0] for row in rows]


# Patient: a loaded CI machine starts a Python process in seconds, not milliseconds.
def wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.1)


@pytest.fixture
def start_watcher(environment) -> Iterator[Callable[[Path], subprocess.Popen]]:
    started: list[subprocess.Popen] = []

    def start(folder: Path) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_articles", "--watch", str(folder)],
            cwd=REPO,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def stop(process: subprocess.Popen) -> tuple[int, list[dict]]:
    """SIGTERM the watcher; its exit status and its JSON log lines."""
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=10)
    return process.returncode, [json.loads(line) for line in stderr.splitlines() if line]


def unique_name(stem: str) -> str:
    return f"{stem}_{uuid.uuid4().hex[:8]}.txt"


def test_dropped_files_are_imported_and_filed_and_sigterm_exits_0(
    tmp_path, environment, start_watcher
):
    watcher = start_watcher(tmp_path)
    good, bad = unique_name("good"), unique_name("bad")
    (tmp_path / good).write_bytes(GOOD.read_bytes())
    (tmp_path / bad).write_bytes(EMPTY.read_bytes())
    (tmp_path / "note.part").write_bytes(GOOD.read_bytes())
    (tmp_path / ".hidden.txt").write_bytes(GOOD.read_bytes())

    wait_for(lambda: (tmp_path / "processed" / good).exists())
    wait_for(lambda: (tmp_path / "failed" / f"{bad}.error").exists())
    returncode, log = stop(watcher)

    assert returncode == 0
    assert source_texts(environment, good.removesuffix(".txt")) == [GOOD.read_text()]
    assert (tmp_path / "failed" / bad).exists()
    assert (tmp_path / "failed" / f"{bad}.error").read_text() == "empty file\n"
    # Temporary names and dot-files are left alone.
    assert (tmp_path / "note.part").exists() and (tmp_path / ".hidden.txt").exists()
    per_file = {entry["file"]: entry for entry in log if "file" in entry}
    assert per_file.keys() == {good, bad}
    assert per_file[good]["outcome"] == "created"
    assert per_file[bad] | {"outcome": "failed", "error": "empty file"} == per_file[bad]


def test_a_half_written_file_is_imported_once_whole(tmp_path, environment, start_watcher):
    watcher = start_watcher(tmp_path)
    name = unique_name("half")
    whole = GOOD.read_bytes()
    with open(tmp_path / name, "wb") as file:
        file.write(whole[: len(whole) // 2])
        file.flush()
        time.sleep(0.6)
        file.write(whole[len(whole) // 2 :])

    wait_for(lambda: (tmp_path / "processed" / name).exists())
    returncode, log = stop(watcher)

    assert returncode == 0
    assert source_texts(environment, name.removesuffix(".txt")) == [whole.decode()]
    assert [entry["outcome"] for entry in log if entry.get("file") == name] == ["created"]


def test_a_restart_imports_what_arrived_while_it_was_down(tmp_path, environment, start_watcher):
    first = unique_name("before")
    returncode, _ = stop_after_start(start_watcher(tmp_path), tmp_path)
    assert returncode == 0
    # Delivered while no watcher runs.
    later = [unique_name("while_down"), unique_name("while_down")]
    (tmp_path / later[0]).write_bytes(GOOD.read_bytes())
    (tmp_path / later[1]).write_bytes(OTHER_GOOD.read_bytes())
    (tmp_path / first).write_bytes(GOOD.read_bytes())

    watcher = start_watcher(tmp_path)
    for name in [*later, first]:
        wait_for(lambda name=name: (tmp_path / "processed" / name).exists())
    returncode, _ = stop(watcher)

    assert returncode == 0
    assert not any(path.is_file() for path in tmp_path.iterdir())


def stop_after_start(watcher: subprocess.Popen, folder: Path) -> tuple[int, list[dict]]:
    wait_for(lambda: (folder / "processed").is_dir())
    return stop(watcher)


# Helper processes of a batch import (#14): none outlives the importer.


def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is `pid`, read from /proc."""
    children = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            children.add(int(entry.name))
    return children


def is_alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def big_batch(tmp_path) -> Path:
    """Enough files for three chunks, so the parser worker starts."""
    folder = tmp_path / "batch"
    folder.mkdir()
    prefix = uuid.uuid4().hex[:8]
    data = GOOD.read_bytes()
    for number in range(1400):
        (folder / f"{prefix}_{number:04}.txt").write_bytes(data)
    return folder


def start_batch(environment: dict[str, str], folder: Path) -> tuple[subprocess.Popen, set[int]]:
    """Start a batch import and wait until its parser worker and resource tracker run."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_articles", str(folder)],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for(lambda: len(children_of(process.pid)) >= 2, timeout=60)
    return process, children_of(process.pid)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_killed_batch_import_leaves_no_helper_process(environment, big_batch):
    process, helpers = start_batch(environment, big_batch)

    process.kill()
    process.communicate(timeout=10)

    wait_for(lambda: not any(is_alive(pid) for pid in helpers))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_sigterm_finishes_the_chunk_in_hand_and_reports_the_summary(environment, big_batch):
    process, helpers = start_batch(environment, big_batch)

    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)

    summary = stdout.strip().splitlines()[-1]
    created = int(summary.split()[0])
    assert summary == f"{created} created, 0 updated, 0 unchanged, 0 failed"
    # Whole chunks only, and not all of them.
    assert created % 500 == 0 and created < 1400
    assert "stopped by SIGTERM" in stderr
    assert process.returncode == 1
    wait_for(lambda: not any(is_alive(pid) for pid in helpers))
