"""One replica's view of its store: the newest Dataset, loaded one load at a time, each load
built from the last one's parts (`geo/store/reuse.py`).

Every session of a process shows the replica's current Dataset. A load is never started
for a revision another load is already past, and never two at once: a caller that waited
for another's load finds the store at that revision and takes it. With a shared store, a
follower thread loads whenever the watcher has heard a revision other than the one
loaded: a burst of accepts heard during a load is one more load, straight to the newest
revision (the database's own at the time it is read, never an older one), so loads per
burst are bounded by how long the burst lasts over how long a load takes, not by how
many accepts it holds. Pages rerun when a load is published, not when a revision is heard.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from geo.dataset import Dataset
from geo.filters import prepare
from geo.heap import give_back
from geo.settings import Settings
from geo.store import open_store
from geo.store.changes import with_changes
from geo.store.reuse import Reuse

LOG = logging.getLogger("atlas.store")
Loader = Callable[[Reuse], tuple[str, Dataset]]  # a load: (its revision, its Dataset)


@dataclass(frozen=True)
class Loaded:
    """A Dataset and the store revision it is of."""

    revision: str
    data: Dataset
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


class Replica:
    """The newest Dataset of one store in this process (see the module's docstring)."""

    def __init__(self, revision: Callable[[], str], load: Loader):
        self._revision, self._load = revision, load
        self._reuse = Reuse()
        self._current: Loaded | None = None
        self._one_load = threading.Lock()  # one load at a time
        self._published = threading.Condition()
        self.loads = 0  # loads done (for tests and the benchmark)
        self._stop = threading.Event()
        self.warming: threading.Thread | None = None  # building indexes a load left
        self._warming_lock = threading.Lock()

    @property
    def current(self) -> Loaded | None:
        return self._current

    def refresh(self, *, known: str | None = None, warm: bool = True) -> Loaded:
        """The store's newest revision, loaded unless it is the current one. `known`: a
        revision the caller read just now (saves reading it again). `warm=False`: the
        indexes a big load left for later wait for `warm_up()`, which the first page drawn
        calls (`ui.live.page_drawn`): built beside a start, they took the CPU its first map
        needed."""
        with self._one_load:
            now = known if known is not None else self._revision()
            current = self._current
            if current is not None and current.revision == now:
                return current  # another caller's load got there first
            revision, data = self._load(self._reuse)
            data = with_changes(current.data if current else None, data, self._reuse.fresh)
            # Nothing left to build, or a big frame's word index in the background; or, when
            # the layers' indexes are built after the load and joined (`warm_up`), only the
            # rows of each actor, language and outlet now (an actor's rerun needs them).
            prepare(data.frame, words=self._reuse.join is None)
            give_back()  # what reading the compiled files freed leaves the process
            done = self._publish(Loaded(revision, data))
        if warm:
            self.warm_up()
        return done

    def warm_up(self) -> None:
        """Build, in a thread, the indexes a big load left for later (its layers', joined
        into its frame's); nothing if none are left or a build is under way (every page
        drawn asks: the next one asks again if it ended meanwhile)."""
        with self._warming_lock:  # the follower and a page drawn may ask at once
            if self.warming is not None and self.warming.is_alive():
                return
            if self._reuse.pending:  # a big first load: its layers' indexes, for the next
                self.warming = threading.Thread(target=self._build_pending, daemon=True)
                self.warming.start()

    def _build_pending(self) -> None:
        try:
            with self._one_load:
                self._reuse.build_pending()
        except Exception:  # searches scan the text until a build succeeds (same rows)
            LOG.exception("building the search indexes after a load failed")

    def ensure(self, revision: str, *, warm: bool = True) -> Loaded:
        """A Dataset of `revision` (read just now by the caller), loaded if need be."""
        current = self._current
        if current is not None and current.revision == revision:
            return current
        return self.refresh(known=None, warm=warm)

    def _publish(self, loaded: Loaded) -> Loaded:
        with self._published:
            self._current = loaded  # the last one's Dataset goes with the last page on it
            self.loads += 1
            self._published.notify_all()
        return loaded

    def wait_for(self, until: Callable[[Loaded | None], bool], *, timeout: float) -> Loaded | None:
        """Wait until the current load passes `until` (or `timeout` seconds pass)."""
        with self._published:
            self._published.wait_for(lambda: until(self._current), timeout)
            return self._current

    def follow(self, news: Callable[[str | None], str | None]) -> threading.Thread:
        """Load in a thread of its own whenever `news(loaded revision)` returns a revision
        other than the loaded one (it waits for one; None: nothing new, or the store away)."""
        thread = threading.Thread(target=self._follow, args=(news,), daemon=True)
        thread.name = "atlas-replica"
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()

    def _follow(self, news: Callable[[str | None], str | None]) -> None:
        while not self._stop.is_set():
            current = self._current
            heard = news(current.revision if current else None)
            if self._stop.is_set() or heard is None:
                continue
            if current is not None and heard == current.revision:
                continue
            try:
                self.refresh()
            except Exception as exc:  # the store went away mid-load: tried again shortly
                LOG.warning("loading the store's new revision failed: %s", exc)
                self._stop.wait(RETRY_SECONDS)


RETRY_SECONDS = 1.0  # a failed load is tried again this often while news keeps coming
NEWS_SECONDS = 5.0  # the follower looks at the stop flag at least this often
_REPLICAS: dict[Settings, Replica] = {}
_GUARD = threading.Lock()


def replica_for(env: Settings) -> Replica:
    """The one replica of the store these settings name, in this process (one at a time:
    settings that name another store replace it, and its Dataset goes with it)."""
    with _GUARD:
        found = _REPLICAS.get(env)
        if found is not None:
            return found
        for old in _REPLICAS.values():
            old.stop()
        _REPLICAS.clear()
        store = open_store(env)
        replica = Replica(store.revision, store.reload)
        if env.store_url:
            replica.follow(store_news(env.store_url))
        _REPLICAS[env] = replica
        return replica


def store_news(url: str) -> Callable[[str | None], str | None]:
    """What the follower waits for: the database's revision once it differs from the one
    loaded (None after a while with nothing new, or while the database cannot be reached)."""
    from geo.store.watch import watcher  # psycopg only with a database

    def news(loaded: str | None) -> str | None:
        heard = watcher(url).wait(
            lambda h: h.error is None and h.revision not in (None, loaded), timeout=NEWS_SECONDS
        )
        return heard.revision if heard.error is None else None

    return news
