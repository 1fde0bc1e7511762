"""Read and extract documents under limits: a time limit, a memory limit, several cores.

``extract_inputs(inputs, limits)`` yields ``(input, outcome)`` in input order, the outcome
being a ``DocumentExtraction`` or the ``FilmKBError`` that explains why there is none.
With ``limits.jobs >= 1`` each document is read and extracted in one of ``jobs`` worker
processes (forked) whose address space is capped with ``RLIMIT_AS`` (what the worker maps
once its models are loaded + ``max_memory``) and
which is killed when one document takes longer than ``timeout`` seconds; a new worker
takes its place and the batch goes on. With ``jobs == 0`` everything runs in this process
(no time or memory limit: for tests and library use). Storing stays with the caller: one
writer.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from filmkb import errors
from filmkb.documents import MAX_BYTES, Input, read_input
from filmkb.errors import ExtractError, FilmKBError
from filmkb.extract import extract_document
from filmkb.types import Document, DocumentExtraction

Outcome = DocumentExtraction | FilmKBError


@dataclass(frozen=True)
class Limits:
    """Per-document limits; ``jobs`` worker processes (0: no workers, no time/memory limit)."""

    max_bytes: int = MAX_BYTES
    timeout: float = 30.0  # seconds per document
    max_memory: int = 1 << 30  # bytes of address space a worker may add for one document
    jobs: int = 0

    @staticmethod
    def default_jobs() -> int:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def extract_one(item: Input, max_bytes: int = MAX_BYTES) -> Outcome:
    """Read and extract one input; every failure becomes a ``FilmKBError`` value."""
    name = str(item.path)
    try:
        return extract_document(read_input(item, max_bytes))
    except FilmKBError as err:
        return err
    except MemoryError:
        return ExtractError("out of memory", name, errors.MEMORY_LIMIT)
    except RecursionError:
        return ExtractError("structure nested too deeply", name, errors.EXTRACTOR_FAILED)
    except Exception as err:  # an extractor bug must not stop the batch
        return ExtractError(f"{type(err).__name__}: {err}", name, errors.EXTRACTOR_FAILED)


def extract_inputs(inputs: Sequence[Input], limits: Limits) -> Iterator[tuple[Input, Outcome]]:
    """``(input, outcome)`` for every input, in order (see the module docstring)."""
    if limits.jobs <= 0:
        for item in inputs:
            yield item, extract_one(item, limits.max_bytes)
        return
    with _Pool(limits) as pool:
        yield from pool.run(inputs)


# --- the worker processes -------------------------------------------------------------------


def _worker_main(conn: Connection, limits: Limits) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us
    try:  # the cap: what the worker maps now (program, models) + max_memory for the page
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = _address_space() + limits.max_memory
        cap = cap if hard == resource.RLIM_INFINITY else min(hard, cap)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        pass  # a platform without RLIMIT_AS: the time limit still holds
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, item = task
        outcome = extract_one(item, limits.max_bytes)
        if isinstance(outcome, ExtractError) and outcome.code == errors.MEMORY_LIMIT:
            outcome = _memory_error(item, limits)
        try:
            conn.send((index, outcome))
        except MemoryError:
            conn.send((index, _memory_error(item, limits)))
        except Exception as err:  # an unpicklable result: report it, keep serving
            message = f"cannot hand the result over ({type(err).__name__}: {err})"
            conn.send((index, ExtractError(message, str(item.path), errors.EXTRACTOR_FAILED)))


def _address_space() -> int:
    """Bytes of address space this process maps now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _warm_up() -> None:
    """Load the extractors' lazy models in this process (a forked worker inherits them)."""
    text = "Escape (2024) is a thriller directed by Lee Jong-pil, starring Lee Je-hoon."
    extract_document(Document(source="warm-up", text=text, sha256=""))


def _memory_error(item: Input, limits: Limits) -> ExtractError:
    limit = f"--max-memory {limits.max_memory // 2**20} MB"
    return ExtractError(f"over the memory limit ({limit})", str(item.path), errors.MEMORY_LIMIT)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: tuple[int, Input] | None = None
    deadline: float = 0.0


class _Pool:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.context = multiprocessing.get_context("fork")
        self.workers: list[_Worker] = []
        _warm_up()  # models loaded once here, shared by every fork, not timed per document

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child, self.limits), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self._start()

    def run(self, inputs: Sequence[Input]) -> Iterator[tuple[Input, Outcome]]:
        results: dict[int, Outcome] = {}
        jobs = max(1, min(self.limits.jobs, len(inputs)))
        window = 4 * jobs  # results held back for order: at most this many ahead
        todo = 0  # next input to hand out
        done = 0  # next input to yield
        while done < len(inputs):
            while done in results:
                yield inputs[done], results.pop(done)
                done += 1
            if done >= len(inputs):
                break
            while todo < len(inputs) and todo < done + window:
                item = inputs[todo]
                if item.skipped is not None:  # nothing to read: the reason is the outcome
                    results[todo] = extract_one(item, self.limits.max_bytes)
                    todo += 1
                    continue
                worker = self._idle(jobs)
                if worker is None:
                    break
                worker.task = (todo, item)
                worker.deadline = time.monotonic() + self.limits.timeout
                worker.conn.send(worker.task)
                todo += 1
            if done in results:
                continue
            self._collect(results)

    def _idle(self, jobs: int) -> _Worker | None:
        for worker in self.workers:
            if worker.task is None:
                return worker
        if len(self.workers) < jobs:
            self.workers.append(self._start())
            return self.workers[-1]
        return None

    def _collect(self, results: dict[int, Outcome]) -> None:
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return
        now = time.monotonic()
        timeout = max(0.0, min(w.deadline for w in busy) - now)
        ready = set(wait([w.conn for w in busy], timeout=timeout))
        now = time.monotonic()
        for worker in busy:
            assert worker.task is not None
            index, item = worker.task
            if worker.conn in ready:
                try:
                    got, outcome = worker.conn.recv()
                except (EOFError, OSError):  # the worker died (a crash, the kernel's OOM killer)
                    code = worker.process.exitcode
                    worker.process.join(timeout=1)
                    code = worker.process.exitcode if code is None else code
                    message = f"the worker process died (exit code {code}) reading this file"
                    results[index] = ExtractError(message, str(item.path), errors.WORKER_DIED)
                    self._replace(worker)
                    continue
                results[got] = outcome
                worker.task = None
                if isinstance(outcome, FilmKBError) and outcome.code == errors.MEMORY_LIMIT:
                    self._replace(worker)  # its heap is spent: the next page gets a fresh one
            elif now >= worker.deadline:
                limit = f"--timeout {self.limits.timeout:g} s"
                message = f"took longer than the time limit ({limit})"
                results[index] = ExtractError(message, str(item.path), errors.TIME_LIMIT)
                self._replace(worker)
