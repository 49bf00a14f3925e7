"""Walk a corpus folder: every entry is either returned as a regular file or logged with a reason.

Symbolic links to folders are followed once; a link back into a folder being walked (a loop) or
to a folder already walked is logged and not followed. Dangling links, FIFOs, sockets and device
files are logged and never opened (opening a FIFO blocks forever). Hidden files and folders are
logged, a hidden folder as one line with the number of files in it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .log import IngestLog

__all__ = ["walk"]


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "a special file"


def _count_files(folder: str) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def walk(root: Path, log: IngestLog) -> list[Path]:
    """The regular files under ``root`` (sorted, depth first); everything else goes to ``log``."""
    files: list[Path] = []
    st = os.stat(root)
    seen: set[tuple[int, int]] = {(st.st_dev, st.st_ino)}

    def visit(folder: Path, ancestors: frozenset) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            log.add(folder, "skipped", f"cannot list this folder ({err.strerror or err}); its files are not read")
            return
        for e in entries:
            p = Path(e.path)
            try:
                is_link = e.is_symlink()
                if e.name.startswith("."):
                    if e.is_dir(follow_symlinks=False):
                        log.add(p, "skipped", f"hidden folder ({_count_files(e.path)} files in it); not read")
                    else:
                        log.add(p, "skipped", "hidden file")
                    continue
                try:
                    st = os.stat(p) if is_link else e.stat(follow_symlinks=False)
                except FileNotFoundError:
                    log.add(p, "skipped", f"dangling symbolic link (to {os.readlink(p)!s}, which does not exist)")
                    continue
                except OSError as err:  # ELOOP: a link that points at itself
                    log.add(p, "skipped", f"unusable symbolic link ({err.strerror or err})")
                    continue
                if stat.S_ISDIR(st.st_mode):
                    key = (st.st_dev, st.st_ino)
                    if key in ancestors:
                        log.add(p, "skipped", f"symbolic link to {os.readlink(p)!s}, a folder that contains it: "
                                              "a loop, not followed")
                        continue
                    if key in seen:
                        log.add(p, "skipped", f"symbolic link to {os.readlink(p) if is_link else p!s}, a folder "
                                              "already read; not read twice")
                        continue
                    seen.add(key)
                    visit(p, ancestors | {key})
                elif stat.S_ISREG(st.st_mode):
                    files.append(p)
                else:
                    log.add(p, "skipped", f"not a regular file ({_kind(st.st_mode)}); not read")
            except OSError as err:
                log.add(p, "skipped", f"cannot inspect it ({err.strerror or err})")

    visit(root, frozenset({(st.st_dev, st.st_ino)}))
    return files
