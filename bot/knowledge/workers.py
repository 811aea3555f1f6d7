"""Answers questions in a child process, so a burst of questions uses a second CPU core.

The search is pure Python and holds the GIL. In the bot's one event loop, 50 staff asking
at once meant every reply waited for every other search, and the searches, interleaved
with 50 updates' other work, ran ~2x slower than alone (cold caches). `SearchWorkers`
hands `ask` to a child process (`python -m bot.knowledge.workers`) that loads the same
packs once; the bot's own KnowledgeBase keeps serving cards, names and the vocabulary.

The pipe protocol is length-prefixed pickles over the child's stdin/stdout, read by the
event loop itself (no executor threads in the bot: they cost more than the search they
move). Both ends are our own code, so pickle is safe here. The child exits when its stdin
closes, so a killed bot leaves no orphan. Until the child has loaded the packs, and
whenever it has died or stalls, the question is answered in-process: a slow answer beats
none. A dead child is replaced on the next question.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import logging
import pickle
import sys
from pathlib import Path
from typing import BinaryIO

from bot.knowledge.reply import Reply
from bot.knowledge.search import KnowledgeBase
from bot.privacy.logsafe import describe

log = logging.getLogger(__name__)

ANSWER_TIMEOUT = 5.0  # seconds before a stalled child is given up and the bot answers itself
RESTART_AFTER = 30.0  # seconds between starts, so a child that cannot start is not respawned per question
_HEADER = 4


def _frame(obj: object) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(_HEADER, "big") + data


class SearchWorkers:
    """`await ask(question, org, lang)`: the same Reply as `kb.ask`, computed off the loop."""

    def __init__(self, kb: KnowledgeBase, packs_dir: Path | None, workers: int = 1) -> None:
        self._kb = kb
        self._packs_dir = packs_dir
        self._wanted = workers > 0  # one child at most: a second core is what a small server has
        self._proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task | None = None
        self._pending: dict[int, asyncio.Future] = {}
        self._ids = itertools.count(1)
        self._ready = asyncio.Event()
        self._closing = False
        self._started_at: float | None = None

    @property
    def ready(self) -> bool:
        """True while a child has the packs loaded (otherwise questions run in-process)."""
        return self._ready.is_set()

    @property
    def pid(self) -> int | None:
        """The child's process id, while there is one."""
        return self._proc.pid if self._proc is not None else None

    async def until_ready(self, timeout: float) -> bool:
        """Wait (at most `timeout` seconds) until a child has loaded the packs."""
        try:
            await asyncio.wait_for(self._ready.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def start(self) -> None:
        """Start the child (no-op when workers=0 or already running); it loads the packs."""
        if not self._wanted or self._proc is not None or self._closing:
            return
        now = asyncio.get_running_loop().time()
        if self._started_at is not None and now - self._started_at < RESTART_AFTER:
            return
        self._started_at = now  # set before the await: concurrent questions start one child
        args = [sys.executable, "-m", "bot.knowledge.workers"]
        if self._packs_dir is not None:
            args.append(str(self._packs_dir))
        self._proc = await asyncio.create_subprocess_exec(
            *args, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        self._reader = asyncio.create_task(self._read(self._proc), name="search-worker-reader")

    async def _read(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        try:
            while True:
                header = await proc.stdout.readexactly(_HEADER)
                message = pickle.loads(await proc.stdout.readexactly(int.from_bytes(header, "big")))
                if message[0] == "ready":
                    self._ready.set()
                    log.info("search worker ready: %d entries", message[1])
                    continue
                future = self._pending.pop(message[0], None)
                if future is not None and not future.done():
                    future.set_result(message[1])
        except (asyncio.IncompleteReadError, ConnectionError, pickle.UnpicklingError):
            pass
        finally:
            self._lost(proc)

    def _lost(self, proc: asyncio.subprocess.Process) -> None:
        """The child is gone: fail what it owed; the next question starts a new one."""
        if self._proc is proc:
            self._proc = None
            self._ready.clear()
            if not self._closing:
                log.warning("search worker stopped; answering in-process until a new one is up")
        for future in self._pending.values():
            if not future.done():
                future.set_result(None)
        self._pending.clear()

    async def ask(self, question: str, org: str, lang: str = "sv") -> Reply:
        proc = self._proc
        if proc is None or not self.ready or proc.stdin is None:
            if self._proc is None and not self._closing:
                await self.start()
            return self._kb.ask(question, org, lang)
        request_id = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        try:
            proc.stdin.write(_frame((request_id, question, org, lang)))
            await proc.stdin.drain()
            reply = await asyncio.wait_for(future, ANSWER_TIMEOUT)
        except (ConnectionError, TimeoutError):
            reply = None
        finally:
            self._pending.pop(request_id, None)
        # None: the child died, stalled or failed on this question; answer here instead.
        return reply if isinstance(reply, Reply) else self._kb.ask(question, org, lang)

    async def close(self) -> None:
        self._closing = True
        proc, reader = self._proc, self._reader
        if proc is not None:
            if proc.stdin is not None:
                proc.stdin.close()  # the child's signal to exit
            try:
                await asyncio.wait_for(proc.wait(), 5)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        if reader is not None:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader


def serve(packs_dir: Path | None, stdin: BinaryIO, stdout: BinaryIO) -> int:
    """The child's loop: load the packs, then answer one framed question after another."""
    kb = KnowledgeBase.load(packs_dir).prepare()  # a first typo must not wait for an index
    gc.collect()
    gc.freeze()  # the index lives as long as the process: keep it out of every GC pass

    def send(obj: object) -> None:
        stdout.write(_frame(obj))
        stdout.flush()

    send(("ready", kb.size()))
    while True:
        header = stdin.read(_HEADER)
        if len(header) < _HEADER:
            return 0  # stdin closed: the bot stopped or died
        request_id, question, org, lang = pickle.loads(stdin.read(int.from_bytes(header, "big")))
        try:
            reply: Reply | None = kb.ask(question, org, lang)
        except Exception as exc:  # noqa: BLE001 - the bot answers this one itself
            # No traceback text: an exception's message may quote the question.
            log.error("search worker failed on a question: %s", describe(exc))
            reply = None
        send((request_id, reply))


if __name__ == "__main__":
    packs = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    sys.exit(serve(packs, sys.stdin.buffer, sys.stdout.buffer))
