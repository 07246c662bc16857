"""Reload the FAQ without a restart: the serving Responder, and a watcher on the FAQ folder.

`FaqLibrary.responder` is the Responder answering right now. A reload builds the new one completely
off the event loop and then swaps that one reference, so a message is never answered from half an
FAQ; an invalid folder leaves the last good Responder in place. `FolderWatcher` polls the size and
modification time of every file under the folder and calls back once a change has settled.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from bot.core.knowledge import FaqInvalid, Problem, load_faq
from bot.core.pipeline import Responder
from bot.core.replies import fit

logger = logging.getLogger(__name__)

Snapshot = dict[str, tuple[int, int]]


@dataclass(frozen=True)
class ReloadResult:
    """What a reload did: `entries` served now, or the `problems` that kept the old FAQ serving."""

    ok: bool
    entries: int
    problems: tuple[Problem, ...] = ()
    # content warnings of the FAQ now served (`python -m bot check`): it works, but serves patients badly
    warnings: tuple[str, ...] = ()


def build_responder(folder: Path) -> Responder:
    """Load, validate and index the FAQ folder. Raises FaqInvalid."""
    return Responder(load_faq(folder))


def freeze_loaded() -> None:
    """Keep everything loaded so far out of the garbage collector's walks (call once loading is done).

    The FAQ, the Responder's indexes and the models are some 50,000 objects that live as long as the process;
    a full collection during a message would walk them all (12-77 ms measured). Frozen, a collection walks only
    what messages made since. The last load's objects are thawed first, so an FAQ replaced by a reload is
    freed like any garbage, not kept frozen for good; the benchmarks call this too, so they time what the bot does.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _build_and_lint(folder: Path) -> tuple[Responder, tuple[str, ...]]:
    from bot.staff.content_lint import lint  # staff tooling, loaded only by the process that reloads

    responder = build_responder(folder)
    return responder, tuple(lint(responder.faq))


class FaqLibrary:
    """The FAQ being served, replaced whole by `reload`."""

    def __init__(self, folder: Path, responder: Responder) -> None:
        self.folder = Path(folder)
        self.responder = responder
        self._lock = asyncio.Lock()

    @classmethod
    def load(cls, folder: Path) -> FaqLibrary:
        """The library for a folder that must be valid now (at start). Raises FaqInvalid."""
        return cls(folder, build_responder(Path(folder)))

    async def reload(self) -> ReloadResult:
        """Re-read the folder; swap it in if valid, otherwise keep serving the last good FAQ."""
        async with self._lock:
            try:
                responder, warnings = await asyncio.to_thread(_build_and_lint, self.folder)
            except FaqInvalid as exc:
                for problem in exc.problems:
                    logger.error("FAQ not reloaded: %s", problem)
                return ReloadResult(False, len(self.responder.faq.entries), exc.problems)
            self.responder = responder  # one assignment: readers see the old FAQ or the new, never a mix
            freeze_loaded()  # the old FAQ thawed and collected, the new one frozen
            logger.info("FAQ reloaded from %s: %d entries", self.folder, len(responder.faq.entries))
            for warning in warnings:
                logger.warning("FAQ reloaded with a content warning: %s", warning)
            return ReloadResult(True, len(responder.faq.entries), warnings=warnings)


def describe(result: ReloadResult, folder: Path) -> str:
    """The reload result as a message for staff."""
    if result.ok:
        if not result.warnings:
            return f"Reloaded: {result.entries} entries"
        n = len(result.warnings)
        lines = [f"Reloaded: {result.entries} entries, with {n} warning{'' if n == 1 else 's'}. Patients are "
                 "served, but these lines need fixing (python -m bot check shows them too):"]
        return fit("\n".join(lines + [_plain_warning(w, folder) for w in result.warnings]))
    lines = [f"The FAQ was not reloaded: still serving the last good version ({result.entries} entries).",
             "Fix these lines (python -m bot check shows them too):"]
    lines += [_relative(problem, folder) for problem in result.problems]
    return fit("\n".join(lines))


def _plain_warning(warning: str, folder: Path) -> str:
    """A lint line with its path shown from the FAQ folder's parent, as for errors: faq/entries/risks.yaml:12."""
    path, _, rest = warning.partition(":")
    try:
        path = str(Path(path).resolve().relative_to(folder.resolve().parent))
    except ValueError:
        pass
    return f"{path}:{rest}"


def _relative(problem: Problem, folder: Path) -> str:
    try:
        path = problem.path.resolve().relative_to(folder.resolve().parent)
    except ValueError:
        path = problem.path
    return f"{path}:{problem.line}: {problem.message}"


def snapshot(folder: Path) -> Snapshot:
    """(modification time, size) of every file under `folder`, skipping hidden and editor backup files."""
    files: Snapshot = {}
    for path in folder.rglob("*"):
        name = path.name
        if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp")):
            continue
        with contextlib.suppress(OSError):  # deleted between listing and stat
            if path.is_file():
                stat = path.stat()
                files[str(path.relative_to(folder))] = (stat.st_mtime_ns, stat.st_size)
    return files


class FolderWatcher:
    """Calls `on_change` after files under `folder` change and then stay unchanged for one interval."""

    def __init__(
        self,
        folder: Path,
        on_change: Callable[[], Awaitable[object]],
        *,
        interval: float = 1.0,
        baseline: Snapshot | None = None,
    ) -> None:
        """`baseline`: the snapshot taken just before the served FAQ was read (default: at start)."""
        self.folder = Path(folder)
        self.on_change = on_change
        self.interval = interval
        self.baseline = baseline
        self.looks = 0  # how many times the folder was read: lets a caller wait for a quiet look
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._watch(), name="faq-folder-watcher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _watch(self) -> None:
        served = self.baseline if self.baseline is not None else await asyncio.to_thread(snapshot, self.folder)
        previous = served
        while True:
            await asyncio.sleep(self.interval)
            try:
                current = await asyncio.to_thread(snapshot, self.folder)
            except OSError as exc:
                logger.warning("Cannot read the FAQ folder %s: %s", self.folder, exc)
                continue
            finally:
                self.looks += 1
            # Reload once a change has settled, so an editor's half-written save is not reported.
            if current != served and current == previous:
                served = current
                try:
                    await self.on_change()
                except Exception:
                    logger.exception("FAQ reload after a file change failed")
            previous = current
