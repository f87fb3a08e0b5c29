"""The server's start as a visitor's run meets it: the run waits while the start imports
the map page's modules (server.py, ui/data.py `import_page`), then imports nothing
itself that is half-made.

The server answers at once (its own scripts reach the browser while the page's modules
are imported and the atlas read); a run importing the same modules in another thread at
the same time could meet a half-initialised one ("cannot import name 'ENV' from
'branca.element'", seen under load), so it waits here first. Open unless server.py's
start closes it: `streamlit run app.py`, AppTest and scripts never wait.
"""

from __future__ import annotations

import logging
import threading

# An import that hangs must not hold every visitor for ever: past this, a run goes on and
# imports for itself (what it did before the start imported anything).
WAIT_SECONDS = 300.0

LOG = logging.getLogger("atlas.gate")
_IMPORTED = threading.Event()
_IMPORTED.set()


def importing() -> None:
    """The start is importing the page's modules: runs wait (`wait_for_imports`)."""
    _IMPORTED.clear()


def imported() -> None:
    """The start is done importing (or gave up): runs go on."""
    _IMPORTED.set()


def held() -> bool:
    """Whether runs wait now (the start is importing)."""
    return not _IMPORTED.is_set()


def wait_for_imports(timeout: float = WAIT_SECONDS) -> bool:
    """Wait until the start has imported the page's modules. False if it took too long:
    the gate is then opened for every run (one wait, not one per run) and that is
    logged."""
    if _IMPORTED.wait(timeout):
        return True
    LOG.warning("the page's modules were not imported at start within %.0f s: runs go on", timeout)
    imported()
    return False
