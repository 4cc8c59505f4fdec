"""Wire files uploaded from the admin (one, many, or zips of them) laid out for the importer.

Nothing uploaded is trusted: names are checked one path segment at a time (no ``..``, no
absolute path, no hidden file), zips are read member by member with limits on the number of
files and on the bytes really decompressed (a zip bomb's headers may lie), and only what passes
is written, inside a fresh folder of the caller's.
"""

from __future__ import annotations

import dataclasses
import re
import stat
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

from ingest.formats.item_fields import MAX_ITEM_BYTES
from ingest.wire_files import is_wire_file

# A zip may hold a whole day's wire, but no more in all than one file may weigh.
MAX_ZIP_TOTAL_BYTES = MAX_ITEM_BYTES
MAX_ZIP_FILES = 1000
MAX_UPLOADED_FILES = 100
# Letters (any script), digits, "_", "-", "." and spaces: what agencies name files with.
SAFE_SEGMENT = re.compile(r"^[\w][\w .\-]*$")
# What zip tools add beside the files, skipped without a word.
ZIP_CLUTTER = ("__MACOSX/",)
COPY_CHUNK_BYTES = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Refusal:
    """An uploaded file (or zip member) that was not imported, and why, in the reader's words."""

    name: str
    reason: str


@dataclasses.dataclass
class UnpackedUpload:
    """The wire files written for the importer, and what was refused before importing."""

    paths: list[Path] = dataclasses.field(default_factory=list)
    refusals: list[Refusal] = dataclasses.field(default_factory=list)


class UploadRefused(ValueError):
    """The whole upload is refused (too many files, a zip over its limits)."""


def safe_relative_path(name: str) -> PurePosixPath | None:
    """The name as a path inside the upload folder, or None if it could point elsewhere."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return None
    segments = [segment for segment in name.split("/") if segment]
    if not segments or not all(SAFE_SEGMENT.match(segment) for segment in segments):
        return None
    return PurePosixPath(*segments)


def unpack_uploads(files: Iterable, folder: Path) -> UnpackedUpload:
    """Write the uploaded wire files (zips unpacked) below ``folder``; report what is refused."""
    files = list(files)
    if len(files) > MAX_UPLOADED_FILES:
        raise UploadRefused(
            _("At most %(limit)d files per upload; zip them to send more.")
            % {"limit": MAX_UPLOADED_FILES}
        )
    unpacked = UnpackedUpload()
    for upload in files:
        name = PurePosixPath(upload.name or "").name
        relative = safe_relative_path(name)
        if relative is None:
            unpacked.refusals.append(Refusal(name or "?", str(_("this file name is refused"))))
        elif relative.suffix.lower() == ".zip":
            _unpack_zip(upload, relative, folder, unpacked)
        elif not is_wire_file(Path(name)):
            unpacked.refusals.append(Refusal(name, str(_("not a wire file (.txt, .xml, .json)"))))
        elif upload.size is not None and upload.size > MAX_ITEM_BYTES:
            unpacked.refusals.append(Refusal(name, str(too_large_message())))
        else:
            target = folder / relative
            if target.exists():
                unpacked.refusals.append(Refusal(name, str(_("sent twice in this upload"))))
                continue
            with target.open("wb") as output:
                for chunk in upload.chunks():
                    output.write(chunk)
            unpacked.paths.append(target)
    return unpacked


def too_large_message() -> str:
    return str(
        _("over the limit of %(megabytes)d MB") % {"megabytes": MAX_ITEM_BYTES // (1024 * 1024)}
    )


def _unpack_zip(
    upload: BinaryIO, relative: PurePosixPath, folder: Path, unpacked: UnpackedUpload
) -> None:
    zip_name = str(relative)
    try:
        archive = zipfile.ZipFile(upload)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        unpacked.refusals.append(
            Refusal(zip_name, str(_("not a zip file, or a damaged one: nothing was imported")))
        )
        return
    with archive:
        files = [
            member
            for member in members
            if not member.is_dir() and not member.filename.startswith(ZIP_CLUTTER)
        ]
        if len(files) > MAX_ZIP_FILES:
            raise UploadRefused(
                _("%(zip)s holds %(count)d files; the limit is %(limit)d. Nothing was imported.")
                % {"zip": zip_name, "count": len(files), "limit": MAX_ZIP_FILES}
            )
        declared = sum(member.file_size for member in files)
        if declared > MAX_ZIP_TOTAL_BYTES:
            raise UploadRefused(zip_too_large_message(zip_name))
        plan: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
        for member in files:
            inner = safe_relative_path(member.filename)
            shown = f"{zip_name}/{member.filename}"
            if inner is None or _is_link(member):
                # Zip slip: "../../etc/cron.d/x", "/etc/passwd", a symbolic link.
                raise UploadRefused(
                    _("%(zip)s contains a file named %(name)s that points outside of it.")
                    % {"zip": zip_name, "name": repr(member.filename)}
                    + " "
                    + str(_("Nothing was imported."))
                )
            if member.flag_bits & 0x1:
                unpacked.refusals.append(Refusal(shown, str(_("encrypted: cannot be read"))))
            elif not is_wire_file(Path(inner.name)):
                unpacked.refusals.append(
                    Refusal(shown, str(_("not a wire file (.txt, .xml, .json)")))
                )
            else:
                plan.append((member, inner))
        _extract(archive, plan, zip_name, folder / relative, unpacked)


def zip_too_large_message(zip_name: str) -> str:
    return str(
        _("%(zip)s unpacks to more than %(megabytes)d MB. Nothing was imported.")
        % {"zip": zip_name, "megabytes": MAX_ZIP_TOTAL_BYTES // (1024 * 1024)}
    )


def _is_link(member: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(member.external_attr >> 16)


def _extract(
    archive: zipfile.ZipFile,
    plan: list[tuple[zipfile.ZipInfo, PurePosixPath]],
    zip_name: str,
    root: Path,
    unpacked: UnpackedUpload,
) -> None:
    written_bytes = 0
    written: list[Path] = []
    for member, inner in plan:
        target = root / inner
        shown = f"{zip_name}/{member.filename}"
        if target.exists():
            unpacked.refusals.append(Refusal(shown, str(_("sent twice in this upload"))))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with archive.open(member) as source, target.open("wb") as output:
                while chunk := source.read(COPY_CHUNK_BYTES):
                    # Counted as decompressed, whatever the headers said.
                    written_bytes += len(chunk)
                    if written_bytes > MAX_ZIP_TOTAL_BYTES:
                        raise UploadRefused(zip_too_large_message(zip_name))
                    output.write(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            target.unlink(missing_ok=True)
            unpacked.refusals.append(Refusal(shown, str(_("damaged in the zip: cannot be read"))))
            continue
        written.append(target)
    unpacked.paths.extend(written)
