"""Border Atlas dashboard: a thin Streamlit page placing the parts from ui/ (built by geo/)."""

from __future__ import annotations

from ui import start

if __name__ == "__main__":  # a visitor's run: the server's start imports the modules first
    start.wait_for_imports()

# The page's modules, imported after that wait (ui/start.py).
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo import settings
from geo.choices import date_extent
from geo.dataset import Dataset
from geo.filters import Filters, apply_filters, describe_view
from geo.stories import Story
from geo.view.fit import Circle
from geo.view.modes import MapMode, Measure
from geo.view.panel import build_panel
from geo.view.places import Near
from ui import live, signin
from ui.area_picker import area_filter
from ui.feed import event_feed
from ui.live import follow_store, say_unavailable
from ui.mapview import BIG_DATA, MAP_HEIGHT, draw_map
from ui.modes import measure_row, mode_choice, near_stem, picture_buttons, picture_words, view_words
from ui.overview import Said, area_note, area_rows, overview_charts, toll_line
from ui.panel import event_picker, hidden_selection, source_panel
from ui.places import PlaceNote, near_circle, near_rows, place_filter, place_note, search_hint
from ui.playback import playback
from ui.sections import (
    about_the_data,
    clean_url,
    counts,
    show_problems,
    table_and_exports,
    timeline,
)
from ui.sidebar import sidebar_filters
from ui.state import ask_fit_now, fit_if_asked
from ui.stories import story_control, story_step

# Compact page: the map and the panel fill the first screen at 1280x720.
PAGE_CSS = """<style>
/* Tests wait for this: Streamlit may draw the page before it applies this sheet. */
:root{--atlas-page-css:1}
.block-container{padding:2.2rem 1.2rem 1rem 1.2rem}
h1{font-size:1.35rem !important;padding:0 0 .2rem 0 !important}
.atlas-count{margin:.1rem 0 .3rem 0}
/* A table's toolbar (shown on hover or touch) sits above it: keep it off the text above. */
[data-testid="stFullScreenFrame"]:has(> [data-testid="stDataFrame"]){margin-top:1.2rem}
/* Sidebar closed: Streamlit's header (white, 60 px, the open-sidebar button) spans the
   page, so the title moves below it. */
.stApp:has([data-testid="stSidebar"][data-collapsed="true"]) .block-container{padding-top:3.9rem}
/* The closed sidebar's button says what it opens (Streamlit draws a bare "»"). */
[data-testid="stExpandSidebarButton"]{width:auto !important;padding:0 .55rem !important;
  border:1px solid rgba(49,51,63,.3) !important;border-radius:.5rem !important}
[data-testid="stExpandSidebarButton"]::after{content:"Filters";margin-left:.3rem;
  font-weight:600;font-size:.95rem}
/* The Province box, once a province is chosen, shows it whole ("Republican Subordination
   · Tajikistan" was cut to "… · Tajikista"): its "Open" arrow gives way (a click on the
   box or a typed letter opens the list; the clear button stays), a little less padding
   and a slightly smaller type. */
.st-key-area_province:has(button[aria-label="Clear value"]) button[aria-label="Open"]{
  display:none}
.st-key-area_province input{font-size:13px;padding-left:6px;padding-right:2px}
/* The map's head: the counts, the toll line, the map modes and "Fit map"; rows close
   together and narrower mode buttons, so that on a phone the five modes take one row and
   the map still ends on the first screen (at 1280x720 the modes sit beside Fit map). */
.st-key-map-head{row-gap:.4rem !important;column-gap:.6rem !important}
/* The feed's pager in one row: its words wrap between the buttons (on a phone "Older ›"
   fell onto a line of its own). */
.st-key-feed-pager{flex-wrap:nowrap !important}
.st-key-feed-pager > :has([data-testid="stCaptionContainer"]){flex:1 1 0;min-width:0}
/* The event's panel: its title and each source's heading close to what they head (the
   browser's own heading margins left 40-60 px of blank; a phone's sheet has little room). */
[class*="st-key-panel-"] [data-testid="stHtml"] > :is(h3,h5){margin:.1rem 0}
.st-key-map_mode button[role="radio"]{padding:4px 10px !important}
/* The map's column: its parts close together, and the map's frame a block (inline, it
   left 7 px under the map), so that the playback bar ends on a laptop's first screen. */
[data-testid="stColumn"]:has(.st-key-map-head) > [data-testid="stVerticalBlock"]{gap:.5rem}
iframe[title="streamlit_folium.st_folium"]{display:block}
/* The notes above the map (ui/notes.py): one tinted line in smaller type, its button
   beside the words and no taller than them (a phone's map starts on the first screen). */
.st-key-area-note,.st-key-place-note{background:rgba(28,131,225,.1);border-radius:.5rem;
  padding:.15rem .5rem;row-gap:.15rem !important;font-size:14px}
.st-key-area-note p,.st-key-place-note p{font-size:14px}
.st-key-area-note button,.st-key-place-note button{min-height:0 !important;
  padding:.05rem .6rem !important}
/* Playing: the playback bar stays at the screen's foot while the map's column is on
   screen, so the moving map and Pause are seen together (Play scrolls the map into view
   above it: geo/view/follow.py PlayInView). It folds to Back / Pause / Next / Stop and
   the window in words; the step and the width come back with Pause. (On a phone with an
   event open, it is fixed under the event's sheet: below.) */
[data-testid="stLayoutWrapper"]:has(> .st-key-playbar-on){position:sticky;bottom:0;
  z-index:1001;background:#fff;box-shadow:0 -3px 10px rgba(0,0,0,.18);
  padding:.35rem .25rem;border-radius:8px 8px 0 0}
.st-key-playbar-on{align-items:center !important}
/* Narrower buttons: with an event open the map's column is 557 px at 1280x720 beside the
   sidebar, and the four buttons and two boxes wrapped to a second row off the screen. */
:is(.st-key-playbar,.st-key-playbar-on) button{padding-left:.5rem !important;
  padding-right:.5rem !important}
.st-key-playbar-on .st-key-play_unit,.st-key-playbar-on .st-key-play_width{display:none}
@media (max-width: 640px){
  .block-container{padding-top:3.6rem}
  /* A phone's head, compact: the title in smaller type (two lines at 360 px, not three)
     and the five map modes in one row of narrower buttons, so the map starts higher. */
  [data-testid="stMain"] [data-testid="stHeading"] h1{font-size:1.2rem !important;
    padding-top:0 !important}
  .st-key-map_mode [role="radiogroup"]{flex-wrap:nowrap}
  .st-key-map_mode button[role="radio"]{padding:4px 7px !important}
  /* Phones: the map comes first; a tapped event's panel opens over it as a sheet. */
  /* Nothing selected: the panel holds one line of help, not a 480 px empty box. */
  .st-key-panel-none,[data-testid="stLayoutWrapper"]:has(> .st-key-panel-none){
    height:auto !important;flex:0 0 auto !important}
  /* The sheet leaves the page's flow: its box there (480 px) would stay as a blank. */
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-panel-"]:not(.st-key-panel-none)){
    height:0 !important;min-height:0 !important;flex:0 0 0 !important}
  [class*="st-key-panel-"]:not(.st-key-panel-none){position:fixed;left:0;right:0;bottom:0;
    height:50vh !important;z-index:1000;background:#fff;border-radius:12px 12px 0 0;
    box-shadow:0 -4px 16px rgba(0,0,0,.25);padding:0 .6rem;
    animation:atlas-sheet-away linear both;animation-timeline:--atlas-page;
    animation-range:0 320px}
  /* Scrolling down to the timeline or table slides the sheet down to its top line (its
     Close button); scrolling back up brings it back. Driven by the page's own scroll,
     no script: browsers without scroll timelines keep the sheet as it is. */
  [data-testid="stMain"]{scroll-timeline:--atlas-page block}
  @keyframes atlas-sheet-away{to{transform:translateY(calc(100% - 52px))}}
  /* An event's sheet open: the playback bar, paused or playing, is fixed at the screen's
     foot in one row of buttons (their words hidden but named on a narrow phone; the step
     and the width come back when the sheet closes), the window in words on a line above
     it, and the sheet stands on both: Play is in reach with an event open (it lay under
     the sheet), and the bar covers nothing of the sheet, slid away or not (its top stays
     halfway down the screen), nor of the page's foot. */
  /* The sheet's Close stays at its top as its words are scrolled, a thumb's size. */
  [class*="st-key-panel-"]:not(.st-key-panel-none) .st-key-close-panel{position:sticky;
    top:0;z-index:2;background:#fff;margin:0 -.6rem;padding:0 .6rem}
  .st-key-close-panel button{min-height:44px}
  body{--atlas-bar:3.3rem}
  body:has(.st-key-playbar,.st-key-playbar-on [data-testid="stMarkdown"]){
    --atlas-bar:4.8rem}
  body:has([class*="st-key-panel-"]:not(.st-key-panel-none))
    [data-testid="stLayoutWrapper"]:has(> :is(.st-key-playbar,.st-key-playbar-on)){
    position:fixed;left:0;right:0;bottom:0;z-index:1001;background:#fff;margin:0;
    padding:.375rem .5rem;border-radius:0;box-sizing:border-box;height:3.3rem;
    box-shadow:0 -3px 10px rgba(0,0,0,.18)}
  body:has([class*="st-key-panel-"]:not(.st-key-panel-none))
    :is(.st-key-playbar,.st-key-playbar-on){flex-wrap:nowrap !important}
  body:has([class*="st-key-panel-"]:not(.st-key-panel-none))
    .st-key-playbar :is(.st-key-play_unit,.st-key-play_width){display:none}
  body:has([class*="st-key-panel-"]:not(.st-key-panel-none))
    :is(.st-key-playbar-on > :has([data-testid="stMarkdown"]),
      [data-testid="stElementContainer"]:has(+ [data-testid="stLayoutWrapper"] > .st-key-playbar)){
    position:fixed;left:0;right:0;bottom:3.3rem;z-index:1002;background:#fff;margin:0;
    padding:0 .75rem;height:1.5rem;box-shadow:0 -3px 10px rgba(0,0,0,.18);
    width:auto !important;max-width:none !important}
  body:has([class*="st-key-panel-"]:not(.st-key-panel-none))
    :is(.st-key-playbar-on,
      [data-testid="stElementContainer"]:has(+ [data-testid="stLayoutWrapper"] > .st-key-playbar))
    [data-testid="stMarkdown"] p{
    margin:0;line-height:1.5rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
  body:has(.st-key-playbar,.st-key-playbar-on)
    [class*="st-key-panel-"]:not(.st-key-panel-none){bottom:var(--atlas-bar);
    height:calc(50vh - var(--atlas-bar)) !important}
  body:has([class*="st-key-panel-"]:not(.st-key-panel-none)) .block-container{
    padding-bottom:calc(var(--atlas-bar) + 52px + 1rem) !important}
}
@media (max-width: 640px) and (max-height: 700px){
  /* A short phone with an event's sheet open: the title gives way, so the map keeps a
     band above the sheet for the event it holds (at 360x640 the sheet covered all of
     it); Close brings the title back. */
  body:has([class*="st-key-panel-"]:not(.st-key-panel-none))
    [data-testid="stElementContainer"]:has(> [data-testid="stHeading"] h1){display:none}
}
@media (max-width: 389px){
  /* A narrow phone: the fixed bar's buttons show their icons only (named still). */
  body:has([class*="st-key-panel-"]:not(.st-key-panel-none))
    :is(.st-key-playbar,.st-key-playbar-on) button [data-testid="stMarkdownContainer"]{
    position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);
    white-space:nowrap}
}
</style>"""


def _dataset(env: settings.Settings) -> Dataset:
    """The replica's Dataset (one for every session: `geo/store/replica.py`). While a
    shared store cannot be reached, the last one read is shown, and said so."""
    st.session_state[live.RUNNING] = True
    live.run_started()
    # The notice's place is kept on every run, said or not: a notice inserted above the
    # map moved every element after it, and the map was made anew (a blank map, reloaded).
    notice = st.empty()
    done, trouble = live.current(env)
    if trouble is not None:
        with notice.container():
            showing = done.revision if done else None
            say_unavailable(trouble, showing=showing, editor=signin.session(env).door.known_editor)
    if done is None:
        st.session_state[live.RUNNING] = False
        follow_store(env, None)
        st.stop()
    st.session_state["_drawn"] = done.revision  # followed from once the whole page is drawn
    return done.data


# --- selection: one path. Map clicks, table rows and related links all call _select,
# in a callback, so the picker and the URL show the new event in the same rerun.


@dataclass(frozen=True)
class _View:
    """What the sidebar and the link chose, and the rows it shows."""

    filters: Filters
    area: str
    near: Near | None
    story: tuple[Story, int] | None
    shown: pd.DataFrame
    area_said: Said | None
    place_said: PlaceNote | None
    circle: Circle | None


def dashboard() -> None:
    """The map page."""
    env, data = _page_head()
    view = _chosen(data)
    # Nothing selected (here or in the link): the map takes more width, the feed the rest.
    chosen = st.session_state.get("event") or st.query_params.get("event")
    map_col, panel_col = st.columns([3, 2] if chosen else [13, 7], gap="small")
    with panel_col:
        selected = _panel(data, view)
    with map_col:
        words, mode, measure = _map_column(data, view, selected, env)
    drawn = _below_map(data, view, words, mode, measure)
    # Last: a page follows the shared store only once it is wholly drawn. Registered
    # earlier, a revision heard mid-run restarted the run, and with accepts coming faster
    # than a big page draws, the page never finished (seen at 20,000 events).
    st.session_state[live.RUNNING] = False
    if drawn:
        live.page_drawn(env)
    follow_store(env, st.session_state.get("_drawn"))


def _page_head() -> tuple[settings.Settings, Dataset]:
    """The page's style and title, the settings, the data and what is wrong with it."""
    st.html(PAGE_CSS)
    st.title("Border Atlas: security events on the Tajikistan–Afghanistan border")
    env = settings.from_env()
    data = _dataset(env)
    st.session_state["_extent"] = date_extent(data.frame)
    clean_url(data)
    show_problems(data)
    return env, data


def _chosen(data: Dataset) -> _View:
    """The sidebar's story and filters, the area and place, and the rows they show."""
    with st.sidebar:
        story = story_control(data)  # before the picker: a step may select its event
    filters = sidebar_filters(data)
    area = area_filter(data)
    near = place_filter(data)
    shown, area_said = area_rows(data, apply_filters(data.frame, filters), area)
    shown, place_said = near_rows(data, shown, near)
    circle = fit_if_asked(shown, data.areas, near_circle(near))  # a place, or the button
    return _View(filters, area, near, story, shown, area_said, place_said, circle)


def _panel(data: Dataset, view: _View) -> str | None:
    """The event picker, then the chosen event's panel or the feed; the chosen event."""
    selected = event_picker(data, view.shown)
    # A new key per event: the panel opens scrolled to its top.
    with st.container(height=MAP_HEIGHT - 60, key=f"panel-{selected or 'none'}"):
        # In the panel, not above it: on a phone the panel is a sheet over the page,
        # and a note above it lay under the sheet.
        hidden_selection(selected, view.shown, data, view.filters, view.area, view.near)
        story_step(view.story)
        if selected:
            source_panel(build_panel(selected, data))
        else:
            event_feed(data, view.shown, selected)
    return selected


def _map_column(
    data: Dataset, view: _View, selected: str | None, env: settings.Settings
) -> tuple[tuple[str, str, str], MapMode, Measure]:
    """The counts and notes above the map, the map in its mode, playback under it; the
    view in words and the mode (the pictures below use them)."""
    shown = view.shown
    head = st.container(horizontal=True, vertical_alignment="center", key="map-head")
    head.markdown(counts(shown, len(data.frame)))
    toll_line(head, shown, len(data.frame))
    # One slot drawn on every run: a note coming or going no longer moves the map among
    # the column's elements (Streamlit then made the map anew: its frame 0 px high for up
    # to 1.4 s, the page below jumping up and back, whenever an area was chosen).
    with st.empty().container():
        place_note(view.place_said)
        area_note(view.area, view.area_said)
        search_hint(view.filters.text, shown)
    # The map modes in the head, last but one: on the first screen at 1280x720 (under the
    # map they lay below it) and "Fit map" stays the last stop before the map. The mode's
    # count and key are under the map, so nothing above the map grows with the mode.
    mode = mode_choice(head)
    # The fit is worked out in the run the click starts, on its rows: a callback's
    # arguments stay in the session (the shown rows, the areas: the Dataset) until
    # the next run.
    head.button("Fit map to shown events", key="fit", on_click=ask_fit_now)
    map_slot = st.container()
    # Playback right under the map: under the modes' key (whose length follows the
    # dates), each step moved the buttons up or down under the reader's pointer. Drawn
    # in the column itself, not in a container of its own: playing, it sticks to the
    # screen's foot within its parent, the whole column.
    playback(data)
    measure, key_row = measure_row(mode)
    words = view_words(data, view.filters, view.area, view.near)  # for the pictures
    with map_slot:
        draw_map(data, shown, selected, env.tiles, mode, measure, key_row,
                 picture_words(shown, len(data.frame), *words), view.circle)  # fmt: skip
    return words, mode, measure


def _below_map(
    data: Dataset, view: _View, words: tuple[str, str, str], mode: MapMode, measure: Measure
) -> bool:
    """The overview, the timeline, the table and downloads, and about the data; False
    when they wait for the next run (_map_first)."""
    st.subheader("Overview")
    if _map_first(data):
        st.caption("The overview, the timeline and the table follow once the map is drawn.")
        return False
    # The view that chose the shown rows: a rerun of the same view reuses the counts.
    chosen = (view.filters, view.area, view.near, st.session_state.get("area_wide"))
    overview_charts(data, view.shown, chosen)
    timeline(data, view.filters, view.area, view.near)
    table_and_exports(
        data, view.shown, view.filters, area=view.area, near=near_stem(data, view.near),
        said=describe_view(view.filters, words[0]),
    )  # fmt: skip
    # Beside the other downloads (built only when clicked, like them).
    picture_buttons(data, view.shown, *words, mode, measure)
    about_the_data(data)
    return True


def _map_first(data: Dataset) -> bool:
    """A big layer's first run in a session draws the map and stops there: the map then
    reports its view, which runs the page again anyway (the server sends markers only for
    the view: ui/mapview.py), and the sections below come with that run. Drawn in the
    first run too, they held the server while the browser drew the map."""
    first = not st.session_state.get("_ran")
    st.session_state["_ran"] = True
    return first and len(data.frame) > BIG_DATA


def main() -> None:
    st.set_page_config(page_title="Border Atlas — Tajikistan–Afghanistan border", layout="wide")
    pages = [st.Page(dashboard, title="Map", default=True)]
    # The review page exists only for who may edit (ui/signin.py, geo/access.py's Door):
    # for anyone else it is neither listed nor reachable by its URL.
    here = signin.session(settings.from_env())
    if here.door.has_page:
        pages.append(st.Page("screens/review.py", title="Review an article", url_path="review"))
    page = st.navigation(pages, position="sidebar" if len(pages) > 1 else "hidden")
    page.run()
    if page.url_path != "review":  # the review page names who is signed in at its top
        signin.sidebar_box(here)


if __name__ == "__main__":  # run by Streamlit; server.py imports it for its imports only
    main()
