"""Work spread over the machine's cores, and the garbage collector kept out of the way of
loading.

Workers are forked: they start with the parent's memory, so the work list reaches them through
the pool's initializer without being pickled, and only results travel back. `ForkedCall` runs
one function in a forked process while this one goes on, and hands back what it returned.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

MAX_WORKERS = 8
"""More processes than this only add start-up and memory; the 2-core target uses 2."""
PARALLEL_FROM = 300
"""Below this many items, starting workers costs more than it saves (loading and writing alike)."""

T = TypeVar("T")
R = TypeVar("R")
_WORK: Sequence[Any] = ()


def worth_sharing(items: int) -> bool:
    """Whether `items` pieces of work are enough to start workers for (`PARALLEL_FROM`)."""
    return items >= PARALLEL_FROM


def workers(requested: int | None = None) -> int:
    """How many processes: as requested, else one per core this process may use, at most 8."""
    if requested is not None:
        return max(1, requested)
    return max(1, min(len(os.sched_getaffinity(0)), MAX_WORKERS))


def _receive(work: Sequence[Any]) -> None:
    global _WORK
    _WORK = work


def _run(fn: Callable[[Sequence[Any]], list[Any]], bounds: tuple[int, int]) -> list[Any]:
    return fn(_WORK[bounds[0]:bounds[1]])


def map_batches(fn: Callable[[Sequence[T]], list[R]], work: Sequence[T], *, jobs: int | None = None) -> list[R]:
    """`fn(work)`, computed batch by batch on every core when the work is large enough, results
    in order. `fn` must be a module-level function (it is named to the workers, not pickled)."""
    count = workers(jobs)
    if count == 1 or len(work) < PARALLEL_FROM:
        return fn(work)
    return list(iter_batches(fn, work, jobs=jobs))


def iter_batches(fn: Callable[[Sequence[T]], list[R]], work: Sequence[T], *, jobs: int | None = None) -> Iterator[R]:
    """`map_batches`, each batch's results handed on as soon as it is done, in order: the caller
    works on the first batches while the workers compute the next ones."""
    count = workers(jobs)
    if count == 1 or len(work) < PARALLEL_FROM:
        yield from fn(work)
        return
    step = max(64, len(work) // (count * 8))
    slices = [(start, min(start + step, len(work))) for start in range(0, len(work), step)]
    with multiprocessing.get_context("fork").Pool(count, initializer=_receive, initargs=(work,)) as pool:
        for part in pool.imap(partial(_run, fn), slices):
            yield from part


def map_stream(fn: Callable[[list[T]], list[R]], batches: Iterator[list[T]], *, jobs: int | None = None,
               parallel: bool = True) -> Iterator[list[R]]:
    """`fn(batch)` for each batch as `batches` makes it, on every core, results in order: the
    producer (reading a file) and the workers overlap. Batches travel to the workers pickled;
    `fn` must be a module-level function. `parallel=False` (little work): all in this process."""
    count = workers(jobs)
    if count == 1 or not parallel:
        for batch in batches:
            yield fn(batch)
        return
    with multiprocessing.get_context("fork").Pool(count) as pool:
        yield from pool.imap(fn, batches)


@contextmanager
def long_lived() -> Iterator[None]:
    """While tens of thousands of small long-lived objects are made, keep the cyclic garbage
    collector from rescanning them again and again (it doubled loading time at 32,000 entries;
    nothing made here forms reference cycles); afterwards, freeze them, so that later
    collections skip them (reference counting still frees them when they go)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def give_back() -> None:
    """Hand the memory freed inside this process's heap back to the system (glibc's
    `malloc_trim`): Python frees what it drops, but the C allocator keeps the pages of a heap
    that has holes, so the process stays as large as it ever was. Nothing where there is no
    glibc."""
    global _TRIM
    if _TRIM is None:
        _TRIM = False
        try:
            import ctypes

            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            pass
    if _TRIM:
        _TRIM(0)


_TRIM: Any = None


def start_pool(count: int) -> multiprocessing.pool.Pool | None:
    """`count` forked worker processes for `imap` over batches (None: one, or no fork here)."""
    if count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork").Pool(count)


class ForkedError(Exception):
    """What a `ForkedCall` raised, in words (or that it ended without an answer)."""


def _call(fn: Callable[..., Any], args: tuple, kwargs: dict[str, Any], writer: Any) -> None:
    # What it inherited put out of the garbage collector's reach: a collection here would write
    # into every page holding one, and each page it writes stops being shared with the parent.
    gc.freeze()
    try:
        writer.send((True, fn(*args, **kwargs)))
    except BaseException as error:  # noqa: BLE001 - reported to the caller as a message
        writer.send((False, f"{type(error).__name__}: {error}"))
    finally:
        writer.close()


class _Forked:
    """What `ForkedCall` and `FedCall` share: the forked process (`_process`), the end of the pipe
    its answer comes through (`_reader`) and the other ends this process still holds (`_held`)."""

    _process: Any
    _reader: Any
    _held: tuple[Any, ...] = ()

    def wait(self) -> Any:
        process, reader = self._process, self._reader
        if process is None:
            raise ForkedError("sudah diambil atau dibatalkan")
        self._process = None
        try:
            message = reader.recv()
        except EOFError:
            message = None
        finally:
            process.join()
            reader.close()
            for end in self._held:
                end.close()
        if isinstance(message, tuple) and len(message) == 2:
            ok, value = message
            if ok:
                return value
            raise ForkedError(value)
        raise ForkedError(f"proses berhenti tanpa hasil (kode keluar {process.exitcode})")

    def abort(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._reader.close()
            for end in self._held:
                end.close()
            self._process = None


class ForkedCall(_Forked):
    """`fn(*args, **kwargs)` in a forked process, which starts with this process's memory (the
    arguments are not copied); `wait` returns its result (pickled back) or raises `ForkedError`,
    `abort` stops it."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process: Any = context.Process(target=_call, args=(fn, args, kwargs, writer), daemon=True)
        self._process.start()
        writer.close()


def _fed(fn: Callable[..., Any], inbox: Any, outbox: Any, others: tuple[Any, ...]) -> None:
    for end in others:  # the parent's ends: closed here, so that either side sees the other go
        end.close()
    gc.freeze()
    items: list[Any] = []
    try:
        while True:
            message = inbox.recv()
            if message[0] == "items":
                items += message[1]
                continue
            _, args, kwargs = message
            gc.freeze()  # what it was sent lives as long as the call: no collection scans it again
            result = fn(items, *args, **kwargs)
            break
    except EOFError:
        return  # the parent went away, or dropped the call before running it
    except BaseException as error:  # noqa: BLE001 - reported to the caller as a message
        outbox.send((False, str(error) if isinstance(error, ForkedError) else f"{type(error).__name__}: {error}"))
        return
    finally:
        inbox.close()
    outbox.send((True, result))
    outbox.close()


class FedCall(_Forked):
    """`fn(items, *args, **kwargs)` in a process forked now, while this one is still small, and
    fed later: `feed` sends items through a pipe in batches (pickled: send small things), `run`
    the other arguments, and the process calls `fn` with all of them. So the process's memory
    is its own work and what it was sent, not whatever this one holds by the time `fn` can run
    (a process forked late starts with all of that, and its resident pages count as its own).
    `wait` returns what `fn` returned or raises `ForkedError` (with the words of a `ForkedError`
    `fn` raised, as they are); `abort` stops it."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        context = multiprocessing.get_context("fork")
        inbox, self._sender = context.Pipe(duplex=False)
        self._reader, outbox = context.Pipe(duplex=False)
        self._process: Any = context.Process(target=_fed, args=(fn, inbox, outbox, (self._sender, self._reader)),
                                             daemon=True)
        self._process.start()
        inbox.close()
        outbox.close()
        self._held = (self._sender,)

    def handed_over(self) -> None:
        """`feed` and `run` are now another process's to call (forked after this one was made):
        this one's end of the pipe closed, so that the process sees the input end if that one
        ends without `run`."""
        self._sender.close()

    def feed(self, items: list[Any]) -> None:
        self._send(("items", items))

    def run(self, *args: Any, **kwargs: Any) -> None:
        self._send(("run", args, kwargs))
        self._sender.close()

    def _send(self, message: tuple) -> None:
        if self._process is None:
            raise ForkedError("sudah diambil atau dibatalkan")
        try:
            self._sender.send(message)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # it stopped: `wait` says why
