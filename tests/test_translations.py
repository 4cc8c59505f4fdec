"""Every string of ours has its French translation, and the catalogue compiles.

makemessages runs on a copy of the project, so the catalogue in the worktree is never touched:
a string added to the code without a French entry shows up there with an empty msgstr.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SOURCE_FOLDERS = ["articles", "ingest", "website", "api", "newsroom", "templates", "locale"]
CATALOGUE = Path("locale") / "fr" / "LC_MESSAGES" / "django.po"


def po_entries(text: str) -> list[dict]:
    """The entries of a .po file: msgid, msgstr (or plural forms) and flags, header left out."""
    entries = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        entry: dict = {"flags": set(), "msgid": None, "msgstr": []}
        current = None
        for line in lines:
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("msgid "):
                entry["msgid"], current = ast.literal_eval(line[6:]), "msgid"
            elif line.startswith("msgid_plural "):
                current = None
            elif line.startswith("msgstr"):
                entry["msgstr"].append(ast.literal_eval(line.split(" ", 1)[1]))
                current = "msgstr"
            elif line.startswith('"') and current == "msgid":
                entry["msgid"] += ast.literal_eval(line)
            elif line.startswith('"') and current == "msgstr":
                entry["msgstr"][-1] += ast.literal_eval(line)
        if entry["msgid"]:
            entries.append(entry)
    return entries


def untranslated(text: str) -> list[str]:
    """The msgids with an empty translation or a fuzzy one (which gettext ignores)."""
    return [
        entry["msgid"]
        for entry in po_entries(text)
        if "fuzzy" in entry["flags"] or not all(entry["msgstr"])
    ]


def test_the_checker_finds_empty_and_fuzzy_entries():
    catalogue = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        'msgid "Done"\nmsgstr "Fait"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "Close %(n)s"\nmsgstr "Proche %(n)s"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "un"\nmsgstr[1] ""\n'
    )
    assert untranslated(catalogue) == ["Empty", "Close %(n)s", "one"]


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory) -> Path:
    """The project copied aside, with makemessages and compilemessages run on the copy."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext, msgfmt) is needed: apt-get install gettext")
    copy = tmp_path_factory.mktemp("project")
    shutil.copy(REPO / "manage.py", copy / "manage.py")
    for folder in SOURCE_FOLDERS:
        shutil.copytree(REPO / folder, copy / folder, ignore=shutil.ignore_patterns("*.pyc"))
    environment = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    for command in (["makemessages", "-l", "fr"], ["compilemessages", "-l", "fr"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=copy,
            env=environment,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return copy


def test_every_string_of_ours_is_translated_into_french(fresh_catalogue):
    missing = untranslated((fresh_catalogue / CATALOGUE).read_text(encoding="utf-8"))
    assert missing == [], "Untranslated or fuzzy in locale/fr (run make messages):\n" + "\n".join(
        missing
    )


def test_the_french_catalogue_compiles(fresh_catalogue):
    assert (fresh_catalogue / CATALOGUE).with_suffix(".mo").stat().st_size > 0
