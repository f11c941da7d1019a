"""Attachments: PDF only, checked by content (not by name or the browser's word),
limited in size and number, stored under ``HEARING_FILES_DIR`` (outside the web root)
under a random name."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class IncomingFile:
    """A file as received: its name as the sender called it, and its bytes."""

    name: str
    content: bytes


class AttachmentError(ValueError):
    pass


def files_dir() -> Path:
    return Path(settings.HEARING_FILES_DIR)


def max_bytes() -> int:
    return int(settings.HEARING_ATTACHMENT_MAX_BYTES)


def max_count() -> int:
    return int(settings.HEARING_ATTACHMENT_MAX_COUNT)


def check_pdf(incoming: IncomingFile) -> None:
    """Refuse anything that is not a PDF by its content, or is too large."""
    name = incoming.name or _("bilaget")
    if len(incoming.content) > max_bytes():
        raise AttachmentError(_("%(name)s er større end %(limit)s MB.")
                              % {"name": name, "limit": max_bytes() // 1_000_000})
    if len(incoming.content) == 0:
        raise AttachmentError(_("%(name)s er tom.") % {"name": name})
    head = incoming.content[:1024]
    tail = incoming.content[-1024:]
    if b"%PDF-" not in head or b"%%EOF" not in tail:
        raise AttachmentError(_("%(name)s er ikke en PDF-fil. Vedhæft kun PDF.")
                              % {"name": name})


def clean_name(name: str) -> str:
    """The sender's file name reduced to something safe in a header and on a page."""
    base = Path(name.replace("\\", "/")).name
    kept = "".join(c for c in base if c.isalnum() or c in " ._-()æøåÆØÅ").strip(" .")
    if not kept.lower().endswith(".pdf"):
        kept = (kept or "bilag") + ".pdf"
    return kept[-120:]


@dataclass(frozen=True)
class StoredFile:
    original_name: str
    stored_name: str
    size: int
    sha256: str


_made: set[Path] = set()


def _directory() -> Path:
    """The files' directory, made (mode 700) the first time a process stores a file."""
    directory = files_dir()
    if directory not in _made:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        _made.add(directory)
    return directory


def store(incoming: IncomingFile) -> StoredFile:
    stored_name = f"{secrets.token_hex(16)}.pdf"
    path = _directory() / stored_name
    try:
        # Created with mode 600 (and never over an existing file), not chmod-ed after.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileNotFoundError:  # the directory was removed after this process made it
        _made.discard(files_dir())
        descriptor = os.open(_directory() / stored_name,
                             os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(incoming.content)
    return StoredFile(clean_name(incoming.name), stored_name, len(incoming.content),
                      hashlib.sha256(incoming.content).hexdigest())


def path_of(stored_name: str) -> Path:
    return files_dir() / stored_name


def remove(stored_names: list[str]) -> None:
    for stored_name in stored_names:
        path_of(stored_name).unlink(missing_ok=True)
