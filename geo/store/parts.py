"""A big layer validated and compiled a batch at a time, in this process or in worker
processes: each batch goes through the same function either way, so the file is the same.

A batch's features are checked one by one (pydantic and the feature checks) and against
each other (duplicate ids); an id an earlier batch used is caught here, in order. With
several workers (`ATLAS_IMPORT_WORKERS`), batches go to processes started fresh (none
of the caller's threads, locks or `__main__` is inherited) as their JSON text, which the
compiled file keeps anyway, and come back as Arrow tables, in the order they were sent.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO, Any, cast

import numpy as np
import pyarrow as pa

from geo.context import Context
from geo.dataset import layer_frame
from geo.errors import Problem
from geo.layers import MAX_PROBLEMS_PER_FILE, Catalog, Layer, check_catalog, load_events
from geo.model import EventFeature, ReferenceKind
from geo.settings import ROOT
from geo.store.fresh import proven
from geo.store.fresh_table import fresh_table
from geo.store.stream import CompiledWriter, batch_table


@dataclass(frozen=True)
class PartJob:
    """What every batch of one layer is checked with (sent once to each worker)."""

    name: str
    path: Path
    title: str
    ctx: Context
    references: dict[ReferenceKind, Layer] = field(default_factory=dict)
    fresh: bool = False  # an import's own rows: dataset rows and border not checked again


@dataclass(frozen=True)
class Part:
    """One batch compiled: its problems, its valid features' ids and their table rows."""

    problems: list[Problem]
    ids: list[str]
    table: pa.Table


def compile_batches(
    layer: Layer,
    batches: Iterable[list[Any]],
    ctx: Context,
    references: dict[ReferenceKind, Layer],
    writer: CompiledWriter,
    *,
    fresh: bool = False,
    workers: int = 1,
    cap: int = MAX_PROBLEMS_PER_FILE,
) -> None:
    """Validate raw features a batch at a time into `writer`; problems go to `layer`
    (at most `cap` of them, then a count), kept features are not held."""
    refs = {
        kind: Layer(r.name, r.path, r.title, reference=r.reference)
        for kind, r in references.items()
    }
    job = PartJob(layer.name, layer.path, layer.title, ctx, refs, fresh)
    seen: set[str] = set()
    found: list[Problem] = []
    more = 0
    for part in compile_parts(job, batches, workers):
        problems, table = _first_use(part, seen, layer.path.name)
        room = max(0, cap - len(found))
        found, more = found + problems[:room], more + len(problems[room:])
        writer.write(table)
    if more:
        found.append(Problem(layer.path.name, None, None, f"… and {more:,} more"))
    layer.problems += found


def _first_use(part: Part, seen: set[str], file: str) -> tuple[list[Problem], pa.Table]:
    """The batch's problems, plus one for each id an earlier batch used (its row dropped)."""
    again = [fid in seen for fid in part.ids]
    seen.update(fid for fid, used in zip(part.ids, again, strict=True) if not used)
    if not any(again):
        return part.problems, part.table
    twice = [
        Problem(file, fid, "id", "duplicate id; first used in " + file)
        for fid, used in zip(part.ids, again, strict=True)
        if used
    ]
    return [*part.problems, *twice], part.table.filter(pa.array([not a for a in again]))


def compile_part(job: PartJob, raws: list[Any], texts: list[str] | None = None) -> Part:
    """Validate one batch of raw features and compile the valid ones. `texts` are the
    raws' JSON when the caller has it already (a worker's batch), else it is made here."""
    if job.fresh:
        return _compile_fresh(job, raws, texts)
    return compile_checked(job, raws, texts)


def _compile_fresh(job: PartJob, raws: list[Any], texts: list[str] | None) -> Part:
    """An import's batch: the rows the columnar checks prove (`geo/store/fresh.py`) go
    straight to the frame, the others through every per-row check (which name their
    problems); the rows keep their order. Repeated ids: all of it per row, as before."""
    ok = proven(raws)
    fast_at, slow_at = np.flatnonzero(ok), np.flatnonzero(~ok)
    ids = [raws[i]["properties"]["id"] for i in fast_at]
    slow_ids = [_raw_id(raws[i]) for i in slow_at]
    named = all(isinstance(fid, str) and fid.strip() and len(fid) <= 120 for fid in slow_ids)
    if not named or len(set(ids)) < len(ids) or not set(ids).isdisjoint(slow_ids):
        return compile_checked(job, raws, texts)  # a row named by its place in the batch
    made = [texts[i] for i in fast_at] if texts is not None else None
    table = fresh_table(job.name, [raws[i] for i in fast_at], job.ctx, made)
    if not len(slow_at):
        return Part([], ids, table)
    slow_texts = [texts[i] for i in slow_at] if texts is not None else None
    slow = compile_checked(job, [raws[i] for i in slow_at], slow_texts)
    first = {fid: at for at, fid in reversed(list(zip(slow_at, slow_ids, strict=True)))}
    at = np.concatenate([fast_at, [first[fid] for fid in slow.ids]]).astype(np.int64)
    order = np.argsort(at, kind="stable")
    both = pa.concat_tables([table, slow.table]).unify_dictionaries().take(order)
    return Part(slow.problems, [[*ids, *slow.ids][i] for i in order], both)


def _raw_id(raw: Any) -> Any:
    props = raw.get("properties") if isinstance(raw, dict) else None
    return props.get("id") if isinstance(props, dict) else None


def compile_checked(job: PartJob, raws: list[Any], texts: list[str] | None) -> Part:
    """Every check of every raw feature, one by one (any layer's batch)."""
    part = Layer(job.name, job.path, job.title)
    load_events(part, raws, job.ctx, cap=None)
    catalog = Catalog([*job.references.values(), part])
    catalog.chosen = dict(job.references)
    check_catalog(catalog, job.ctx, links=False, fresh=job.fresh, cap=False)
    ids = [f.properties.id for f in part.features]
    frame = layer_frame([(job.name, f) for f in part.features], job.ctx)
    return Part(part.problems, ids, batch_table(frame, _json(part.features, raws, texts)))


def _json(kept: list[EventFeature], raws: list[Any], texts: list[str] | None) -> list[str]:
    """Each kept feature's JSON: that of the first raw feature with its id."""
    first: dict[str, int] = {}
    for at, raw in enumerate(raws):
        props = raw.get("properties") if isinstance(raw, dict) else None
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            first.setdefault(props["id"], at)
    if texts is None:
        return [json.dumps(raws[first[f.properties.id]], ensure_ascii=False) for f in kept]
    return [texts[first[f.properties.id]] for f in kept]


def compile_parts(job: PartJob, batches: Iterable[list[Any]], workers: int) -> Iterator[Part]:
    """Each batch compiled, in order: here when one worker is asked for or there is only
    one batch, else in `workers` processes (at most workers + 1 batches in flight)."""
    rest = iter(batches)
    head = [b for b in (next(rest, None), next(rest, None)) if b is not None]
    if workers <= 1 or len(head) < 2:
        for batch in chain(head, rest):
            yield compile_part(job, batch)
        return
    yield from _in_workers(job, chain(head, rest), workers)


def _in_workers(job: PartJob, batches: Iterator[list[Any]], workers: int) -> Iterator[Part]:
    """Batch i goes to worker i % workers; each holds one batch at a time, and the next
    is made ready before the result it waits on is read, so no worker waits long."""
    with Workers(job, workers) as pool:
        sent = 0
        for batch in batches:
            message = _texts(batch)
            if sent >= workers:
                yield pool.result(sent - workers)
            pool.send(sent, message)
            sent += 1
        for done in range(max(0, sent - workers), sent):
            yield pool.result(done)


class Workers:
    """Worker processes (running `main` below) fed pickled messages on stdin, each
    answering on stdout: started fresh, so nothing of the caller's state is inherited,
    and a worker that dies is an error naming its exit status, never a hang."""

    def __init__(self, job: PartJob, count: int):
        self.procs = [_SPARE.pop() if _SPARE else _spawn() for _ in range(count)]
        for proc in self.procs:
            _put(proc, job)

    def send(self, index: int, message: list[Any]) -> None:
        """Give batch `index` to its worker."""
        _put(self.procs[index % len(self.procs)], message)

    def result(self, index: int) -> Part:
        """Batch `index` compiled (waits for its worker)."""
        proc = self.procs[index % len(self.procs)]
        found = _get(proc.stdout)
        if found is None:
            raise RuntimeError(f"an import worker stopped (exit status {proc.wait()})")
        if isinstance(found, BaseException):
            raise found
        return cast(Part, found)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            _stop(proc, kill=exc[0] is not None)


_SPARE: list[subprocess.Popen[bytes]] = []  # started early by `warm_workers`


def _spawn() -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path])}
    command = [sys.executable, "-c", "from geo.store.parts import main; main()"]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)


@contextlib.contextmanager
def warm_workers(count: int) -> Iterator[None]:
    """Start `count` workers now, so their imports (seconds each) run while the caller
    reads and maps its rows; the next big write inside uses them. Those not used are
    stopped on leaving. One worker means none: everything runs in this process."""
    _SPARE.extend(_spawn() for _ in range(count if count > 1 else 0))
    try:
        yield
    finally:
        while _SPARE:
            _stop(_SPARE.pop(), kill=True)


def _stop(proc: subprocess.Popen[bytes], *, kill: bool) -> None:
    with contextlib.suppress(OSError):
        cast(IO[bytes], proc.stdin).close()  # the end of its input: a worker stops
    if kill:
        proc.kill()
    proc.wait()
    cast(IO[bytes], proc.stdout).close()


def _put(proc: subprocess.Popen[bytes], message: Any) -> None:
    stream = cast(IO[bytes], proc.stdin)
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "little") + data)
    stream.flush()


def _get(stream: IO[bytes] | None) -> Any:
    """The next message on a stream, or None at its end."""
    head = stream.read(8) if stream else b""
    if len(head) < 8:
        return None
    return pickle.loads(stream.read(int.from_bytes(head, "little")))  # type: ignore[union-attr]


def _texts(batch: list[Any]) -> list[Any]:
    """A batch as JSON texts (cheap to send, kept in the file), or wrapped as it is when a
    raw feature is no JSON at all (then it is sent pickled and checked as it is)."""
    try:
        return [json.dumps(raw, ensure_ascii=False) for raw in batch]
    except (TypeError, ValueError):
        return [_Raw(raw) for raw in batch]


@dataclass(frozen=True)
class _Raw:
    value: Any


def _work(job: PartJob, items: list[Any]) -> Part:
    if items and isinstance(items[0], _Raw):
        return compile_part(job, [item.value for item in items])
    return compile_part(job, [json.loads(text) for text in items], items)


def serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """A worker: read the job, then compile each batch read and write its Part (or the
    exception that stopped it) until the input ends."""
    job = _get(source)
    while (items := _get(source)) is not None:
        try:
            found: Any = _work(job, items)
        except Exception as exc:  # handed to the caller, which raises it
            found = exc
        data = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
        sink.write(len(data).to_bytes(8, "little") + data)
        sink.flush()


def main() -> None:
    """Serve on stdin and stdout; anything printed goes to stderr, not into the answers."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, answers)
