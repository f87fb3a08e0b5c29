"""Accepting a reviewed candidate: the article saved under seeds/ with its manifest entry, the
layer written validated and atomically, an append-only audit log, and undo of the last accept.

Every write happens under one exclusive lock on the layers directory (`fcntl.flock`), and the
layer is re-read inside it, so two editors accepting at the same moment both land.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import json
import re
import tempfile
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geo.border import BorderIndex, build_index
from geo.context import Context, load_context
from geo.errors import Problem
from geo.io import atomic_write_text, dump_geojson, read_json
from geo.layers import load_layer
from geo.model import REFERENCE_MARK, ReferenceKind
from geo.seeds import MANIFEST, web_address
from geo.store import Store, StoreUnavailable, WriteConflict, store_for
from geo.store.base import AUDIT_NAME, LOCK_NAME
from geo.vocab import Place
from geo.writing import annotate_feature, write_validated

__all__ = ["AUDIT_NAME", "LOCK_NAME"]
LAYER_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


@dataclass(frozen=True)
class ArticleMeta:
    """What the manifest records about an accepted article."""

    lang: str
    published: str | None  # ISO date
    outlet: str | None = None
    title_en: str = "Article added through the review page"
    published_note: str = "Set on the review page."
    url: str | None = None  # the article's web address, as geo.seeds.web_address keeps it


@dataclass(frozen=True)
class Outcome:
    """What an accept or undo did: problems (nothing written), or the feature and article."""

    problems: list[Problem] = field(default_factory=list)
    feature_id: str | None = None
    doc: str | None = None
    reused_article: bool = False


def _told(write: Callable[..., Outcome]) -> Callable[..., Outcome]:
    """An accept or undo that meets a store it cannot write (the shared database down, or
    another editor first) says so as a problem: nothing was written, nothing is lost."""

    @functools.wraps(write)
    def told(*args: Any, **kwargs: Any) -> Outcome:
        try:
            return write(*args, **kwargs)
        except (StoreUnavailable, WriteConflict) as exc:
            return Outcome([Problem("store", None, None, f"{exc}; nothing was written")])

    return told


def edit_lock(layers_dir: Path, seeds_dir: Path) -> AbstractContextManager[None]:
    """Hold the store's lock (the layers directory's, then the seeds'): one writer at a
    time, across threads and processes, whichever door it writes through."""
    return _store(layers_dir, seeds_dir).lock()


def _store(layers_dir: Path, seeds_dir: Path | None = None) -> Store:
    return store_for(layers_dir, seeds_dir)


def article_sha(text: str) -> str:
    """SHA-256 of the article's UTF-8 bytes, as the manifest records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _manifest(seeds_dir: Path) -> dict[str, Any]:
    return json.loads((seeds_dir / MANIFEST).read_text(encoding="utf-8"))


def existing_article(text: str, seeds_dir: Path) -> str | None:
    """The seed file that already holds exactly this article, if any."""
    sha = article_sha(text)
    return next((e["file"] for e in _manifest(seeds_dir)["sources"] if e["sha256"] == sha), None)


def _new_seed_name(seeds_dir: Path, sha: str) -> str:
    # The name is generated: nothing the uploader chose reaches the file system.
    numbers = [int(p.name[:3]) for p in seeds_dir.glob("*.txt") if p.name[:3].isdigit()]
    return f"{max(numbers, default=-1) + 1:03d}_{sha[:16]}.txt"


def _save_article(text: str, meta: ArticleMeta, seeds_dir: Path, name: str) -> None:
    atomic_write_text(seeds_dir / name, text)
    raw = _manifest(seeds_dir)
    raw["sources"].append(
        {
            "file": name,
            "lang": meta.lang,
            "outlet": meta.outlet,
            "outlet_note": "Set on the review page.",
            "published": meta.published,
            "published_note": meta.published_note,
            "title_en": meta.title_en,
            "sha256": article_sha(text),
            "url": web_address(meta.url),
        }
    )
    atomic_write_text(seeds_dir / MANIFEST, json.dumps(raw, ensure_ascii=False, indent=2) + "\n")


def _slug(*parts: str | None) -> str:
    words = "-".join(p for p in parts if p).lower()
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-")[:100] or "event"


def _taken_ids(layers_dir: Path) -> set[str]:
    taken = set()
    for path in layers_dir.glob("*.geojson"):
        data, _ = read_json(path)
        for feat in (data or {}).get("features", []) if isinstance(data, dict) else []:
            if isinstance(feat, dict) and isinstance(feat.get("properties"), dict):
                taken.add(str(feat["properties"].get("id")))
    return taken


def finalize(
    candidate: Mapping[str, Any], doc: str, taken: set[str], places: Mapping[str, Place]
) -> dict[str, Any]:
    """The feature a reviewed candidate becomes: no ingest notes, a status, its seed, an id."""
    feature = copy.deepcopy(dict(candidate))
    props = feature["properties"]
    props.pop("ingest", None)
    if props.get("status") in (None, "proposed"):
        props["status"] = "reported"  # accepting says the source reports it
    for src in props.get("sources", []):
        src["doc"] = doc
    base = _slug(props.get("event_type"), props.get("place_id"), props.get("date_start"))
    fid, n = base, 2
    while fid in taken:
        fid, n = f"{base}-{n}", n + 1
    props["id"] = feature["id"] = fid
    place = places.get(props.get("place_id") or "")
    if place is not None and (props.get("geo_precision") == 1 or not feature.get("geometry")):
        feature["geometry"] = {"type": "Point", "coordinates": [place.lon, place.lat]}
    return feature


def _border_index(layers_dir: Path) -> BorderIndex | None:
    refs: dict[str, Any] = {}
    for path in sorted(layers_dir.glob("*.geojson")):
        data, _ = read_json(path)
        if isinstance(data, dict) and data.get(REFERENCE_MARK):
            refs[str(data[REFERENCE_MARK])] = data
    if ReferenceKind.BORDER in refs and ReferenceKind.BOUNDARIES in refs:
        return build_index(refs[ReferenceKind.BORDER], refs[ReferenceKind.BOUNDARIES])
    return None


def _read_layer(path: Path, title: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    if not path.exists():
        return {"type": "FeatureCollection", "name": title, "features": []}, []
    data, problems = read_json(path)
    if not problems and (not isinstance(data, dict) or data.get(REFERENCE_MARK)):
        problems = [Problem(path.name, None, None, "not an event layer")]
    return data, problems


def _dry_run(path: Path, data: dict[str, Any], ctx: Context) -> list[Problem]:
    """Validate the layer as it would be written, before anything touches the disk."""
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / path.name
        trial.write_text(dump_geojson(data), encoding="utf-8")
        return load_layer(trial, ctx).problems


def _sha_file(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def read_audit(layers_dir: Path) -> list[dict[str, Any]]:
    """Every audit entry, oldest first."""
    return _store(layers_dir).audit()


def _now(now: dt.datetime | None) -> str:
    return (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")


@dataclass(frozen=True)
class _Plan:
    """An accept worked out and validated, not yet written."""

    path: Path
    data: dict[str, Any]
    feature: dict[str, Any]
    doc: str
    reused: bool


def _plan(
    candidate: Mapping[str, Any], text: str, layer: str, layers_dir: Path, seeds_dir: Path
) -> _Plan | list[Problem]:
    """The layer with the feature added, validated as if the article were already saved."""
    ctx = load_context(seeds_dir)
    found = existing_article(text, seeds_dir)
    doc = found or _new_seed_name(seeds_dir, article_sha(text))
    trial_ctx = replace(ctx, seeds={**ctx.seeds, doc: text})
    path = layers_dir / f"{layer}.geojson"
    data, problems = _read_layer(path, layer.replace("_", " ").capitalize())
    if problems or data is None:
        return problems
    feature = finalize(candidate, doc, _taken_ids(layers_dir), ctx.places)
    if (index := _border_index(layers_dir)) is not None and feature.get("geometry"):
        annotate_feature(feature, index, trial_ctx)
    data["features"].append(feature)
    if problems := _dry_run(path, data, trial_ctx):
        return problems
    return _Plan(path, data, feature, doc, found is not None)


@_told
def accept(
    candidate: Mapping[str, Any],
    text: str,
    meta: ArticleMeta,
    layer: str,
    layers_dir: Path,
    seeds_dir: Path,
    now: dt.datetime | None = None,
    *,
    who: str = "",
) -> Outcome:
    """Save the article (or reuse it), add the feature to the layer, log it; all or nothing.

    `who` names the editor (their sign-in, or their session): undo takes back only their own.
    """
    if not LAYER_NAME.match(layer):
        return Outcome([Problem(layer, None, None, "a layer name is a-z, 0-9, - and _")])
    with edit_lock(layers_dir, seeds_dir):
        plan = _plan(candidate, text, layer, layers_dir, seeds_dir)
        if not isinstance(plan, _Plan):
            return Outcome(plan)
        before = _sha_file(plan.path)
        if not plan.reused:
            _save_article(text, meta, seeds_dir, plan.doc)
        fid = plan.feature["id"]
        detail = {
            "time": _now(now),
            "feature_id": fid,
            "feature_sha256": feature_sha(plan.feature),
            "doc": plan.doc,
            "article_sha256": article_sha(text),
            "reused_article": plan.reused,
            "layer_sha256_before": before,
        }
        ctx = load_context(seeds_dir)
        if problems := write_validated(
            plan.path, plan.data, ctx, action="accept", detail=detail, who=who
        ):
            return Outcome(problems, doc=plan.doc, reused_article=plan.reused)
        return Outcome([], fid, plan.doc, plan.reused)


def feature_sha(feature: Mapping[str, Any]) -> str:
    """SHA-256 of a feature's JSON (keys sorted): tells a feature changed since it was written."""
    return hashlib.sha256(
        json.dumps(feature, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def open_accepts(entries: list[dict[str, Any]], who: str | None = None) -> list[dict[str, Any]]:
    """The accepts not yet undone, newest first; only `who`'s when given."""
    stack: list[dict[str, Any]] = []
    for entry in entries:
        if entry.get("action") == "accept":
            stack.append(entry)
        elif entry.get("action") == "undo":
            stack = [e for e in stack if e["feature_id"] != entry.get("feature_id")]
    return [e for e in reversed(stack) if who is None or e.get("who", "") == who]


def last_accept(entries: list[dict[str, Any]], who: str | None = None) -> dict[str, Any] | None:
    """The most recent accept not yet undone (by `who`, when given)."""
    found = open_accepts(entries, who)
    return found[0] if found else None


@_told
def undo_last(
    layers_dir: Path,
    seeds_dir: Path,
    now: dt.datetime | None = None,
    *,
    who: str | None = None,
    feature_id: str | None = None,
) -> Outcome:
    """Take an accepted feature out of its layer again; the article stays in seeds/.

    Only `who`'s own accepts (None: anyone's), the newest unless `feature_id` names one.
    A feature changed since it was accepted (by hand, or by another editor) is not taken
    out: the change would be lost without a word.
    """
    with edit_lock(layers_dir, seeds_dir):
        mine = open_accepts(read_audit(layers_dir), who)
        entry = next((e for e in mine if feature_id in (None, e["feature_id"])), None)
        if entry is None:
            return Outcome([Problem(AUDIT_NAME, feature_id, None, "nothing of yours to undo")])
        path = layers_dir / f"{entry['layer']}.geojson"
        data, problems = read_json(path)
        if problems:
            return Outcome(problems)
        fid = entry["feature_id"]
        if problem := _changed_since(path.name, data["features"], entry):
            if problem.message == GONE:  # closed, so Undo moves on to the accept before it
                gone = {"time": _now(now), "action": "undo", "layer": entry["layer"]}
                _store(layers_dir, seeds_dir).note(
                    {**gone, "feature_id": fid, "who": who or "", "gone": True}
                )
            return Outcome([problem])
        data["features"] = [f for f in data["features"] if _id(f) != fid]
        detail = {"time": _now(now), "feature_id": fid, "doc": entry["doc"]}
        ctx = load_context(seeds_dir)
        if problems := write_validated(
            path, data, ctx, action="undo", detail=detail, who=who or ""
        ):
            return Outcome(problems)
        return Outcome([], fid, entry["doc"])


GONE = "no longer in the layer (taken out by hand?); nothing to undo, marked as undone"


def _id(feature: Any) -> Any:
    return (feature.get("properties") or {}).get("id") if isinstance(feature, dict) else None


def _changed_since(file: str, features: list[Any], entry: dict[str, Any]) -> Problem | None:
    fid = entry["feature_id"]
    now = next((f for f in features if _id(f) == fid), None)
    if now is None:
        return Problem(file, fid, None, GONE)
    accepted = entry.get("feature_sha256")
    if accepted and feature_sha(now) != accepted:
        return Problem(
            file, fid, None,
            "changed since it was accepted (by hand or by another editor); not undone, so "
            "the change is not lost: remove it from the layer by hand if it must go",
        )  # fmt: skip
    return None
