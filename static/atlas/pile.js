/*
 * A pile's list (geo/view/piles.py): events on one point, or closer than the deepest zoom
 * can part, listed newest first in a panel over the map, a page at a time; choosing one
 * selects it as a click on its marker does (the panel, the link).
 *
 * Two sources open it: markers.js lists the markers it holds itself; density.js (events
 * counted per cell on the server) asks the server for a page, which comes back as the
 * `pile` kind below, on every rerun while the pile stays open. The open pile is kept on
 * the map's window (`window.atlasPile`: its box and page), which outlives reruns, so the
 * list opens again, where it was, once the events are drawn anew (after a selection).
 *
 * A row: [id, date, kind, toll, status, headline], plain text set with textContent.
 * A box: [south, west, north, east], the extent of the pile's events.
 */
(() => {
  const atlas = window.atlas;
  let shown = null; // {el, owner (the layer whose removal closes it)}

  const keyOf = (box) => box.join(',');
  const isOpen = (box) => !!window.atlasPile && window.atlasPile.key === keyOf(box);

  // "at one point", or how far apart its events are at most ("within 12 m").
  function where(box) {
    if (box[0] === box[2] && box[1] === box[3]) {
      return 'at one point';
    }
    const lat = ((box[0] + box[2]) / 2) * (Math.PI / 180);
    const m = Math.max(box[2] - box[0], (box[3] - box[1]) * Math.cos(lat)) * 111320;
    return `within ${Math.max(1, Math.round(m)).toLocaleString('en')} m`;
  }

  // The list's element the keyboard is on, if any; its entry is kept as the one to focus
  // when the list is drawn again (unless another is already asked for).
  function remember() {
    const held = shown?.el.contains(document.activeElement) ? document.activeElement : null;
    if (held?.dataset.id && !window.atlasPileFocus) {
      window.atlasPileFocus = held.dataset.id;
    }
    return held;
  }

  function remove() {
    if (shown) {
      shown.el.remove();
      shown = null;
    }
  }

  function close(map) {
    window.atlasPile = null;
    window.atlasPileFocus = null;
    remove();
    map.getContainer().focus({preventScroll: true});
  }

  // A click sent to the server as streamlit-folium reports a marker's: a feature with
  // these properties, its click propagated to `evented` (a group streamlit-folium listens
  // to), then sent at once by clicks.js. After the click's own handlers have run.
  atlas.sendFeature = (evented, latlng, properties, hook) => {
    setTimeout(() => {
      const m = L.circleMarker(latlng);
      m.feature = {
        type: 'Feature',
        properties,
        geometry: {type: 'Point', coordinates: [latlng[1], latlng[0]]},
      };
      m.addEventParent(evented);
      m.fire('click', {latlng: L.latLng(latlng)}, true);
      const report = window[hook];
      if (report) {
        report();
      }
    }, 0);
  };

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) {
      node.className = cls;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function button(cls, text, onPress) {
    const b = el('button', cls, text);
    b.type = 'button';
    b.addEventListener('click', (ev) => {
      ev.preventDefault();
      onPress();
    });
    return b;
  }

  function entry(r, page, src) {
    const li = el('li');
    const b = button('atlas-pile-row', undefined, () => {
      window.atlasPileFocus = r[0];
      src.choose(r[0]);
    });
    b.dataset.id = r[0];
    const meta = el('span', 'atlas-pile-meta');
    const dot = el('i', 'atlas-pile-dot');
    dot.style.background = page.colours[r[2]] || page.other;
    meta.append(dot, el('b', '', r[1]));
    for (const part of [r[2], r[3], r[4]]) {
      if (part) {
        meta.append(el('span', '', ` · ${part}`));
      }
    }
    const title = el('bdi', 'atlas-pile-title', r[5]);
    title.dir = 'auto';
    b.append(meta, title);
    if (r[0] === page.selected) {
      b.setAttribute('aria-current', 'true');
    }
    li.append(b);
    return li;
  }

  function pager(panel, map, page, src) {
    const nav = el('div', 'atlas-pile-pages');
    const go = (offset, name) => () => {
      window.atlasPile.offset = offset;
      window.atlasPileFocus = name;
      atlas.pile.show(map, src, true);
    };
    const newer = button('atlas-pile-newer', '‹ Newer', go(page.offset - page.size, 'newer'));
    const older = button('atlas-pile-older', 'Older ›', go(page.offset + page.size, 'older'));
    newer.disabled = page.offset <= 0;
    older.disabled = page.offset + page.size >= page.total;
    nav.append(newer, older);
    panel.append(nav);
    const hint = 'More than one page: the dates, an actor or a search narrow this list.';
    panel.append(el('p', 'atlas-pile-hint', hint));
  }

  // The list's keys: Escape closes it; the arrows move between its entries (and never
  // pan the map behind it).
  function keys(panel, map) {
    panel.addEventListener('keydown', (ev) => {
      ev.stopPropagation();
      if (ev.key === 'Escape') {
        ev.preventDefault();
        close(map);
      } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        const rows = [...panel.querySelectorAll('.atlas-pile-row')];
        const at = rows.indexOf(document.activeElement);
        const next = rows[at + (ev.key === 'ArrowDown' ? 1 : -1)];
        if (next) {
          ev.preventDefault();
          next.focus();
        }
      }
    });
  }

  // The panel for one page (or, while the server sends it, for none yet).
  function draw(map, page, src) {
    const panel = el('div', 'atlas-pile');
    const head = `${atlas.count(page.total, 'event')} ${where(page.box)}`;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', head);
    const top = el('div', 'atlas-pile-head');
    top.append(el('strong', '', head));
    const shut = button('atlas-pile-close', '✕', () => close(map));
    shut.setAttribute('aria-label', 'Close the list');
    top.append(shut);
    panel.append(top);
    if (!page.rows) {
      panel.append(el('p', 'atlas-pile-sub', 'Loading…'));
      panel.setAttribute('aria-busy', 'true');
    } else {
      const last = Math.min(page.offset + page.rows.length, page.total);
      const range = `${(page.offset + 1).toLocaleString('en')}–${last.toLocaleString('en')}`;
      const of = page.total.toLocaleString('en');
      panel.append(el('p', 'atlas-pile-sub', `Newest first · ${range} of ${of}`));
      const list = el('ol', 'atlas-pile-list');
      for (const r of page.rows) {
        list.append(entry(r, page, src));
      }
      panel.append(list);
      if (page.total > page.size) {
        pager(panel, map, page, src);
      }
    }
    L.DomEvent.disableClickPropagation(panel);
    L.DomEvent.disableScrollPropagation(panel);
    keys(panel, map);
    return panel;
  }

  function focusIn(panel, asked) {
    const want = window.atlasPileFocus;
    let target = null;
    if (want === 'first') {
      target = panel.querySelector('.atlas-pile-row');
    } else if (want === 'newer' || want === 'older') {
      target = panel.querySelector(`.atlas-pile-${want}:not([disabled])`);
    } else if (want) {
      target = panel.querySelector(`.atlas-pile-row[data-id="${CSS.escape(want)}"]`);
    }
    if (!target && asked) {
      target = panel.querySelector('.atlas-pile-row') || panel.querySelector('.atlas-pile-close');
    }
    if (target) {
      window.atlasPileFocus = null;
      target.focus({preventScroll: true});
      // Scrolled into the list's view; the page around the map stays where it is.
      const list = target.closest('.atlas-pile-list');
      const at = target.offsetTop - (list ? list.offsetTop : 0);
      if (
        list &&
        (at < list.scrollTop || at + target.offsetHeight > list.scrollTop + list.clientHeight)
      ) {
        list.scrollTop = at - list.clientHeight / 2;
      }
    }
  }

  // A narrow map (a laptop's, beside the page's panel) can leave the pile under the list:
  // it is panned into the room beside the list, when there is some (a phone has none).
  function uncover(map, panel, at) {
    const box = map.getContainer().getBoundingClientRect();
    const r = panel.getBoundingClientRect();
    const left = r.left - box.left;
    const right = r.right - box.left;
    if (at.x < left - 24 || at.x > right + 24) {
      return;
    }
    const room = map.getSize().x - right;
    if (room >= 80) {
      map.panBy([at.x - (right + room / 2), 0]);
    } else if (left >= 80) {
      map.panBy([at.x - left / 2, 0]);
    }
  }

  atlas.pile = {
    keyOf,
    isOpen,
    // Opens (or pages) the pile of `src`: {box, count, owner (a layer: the list closes
    // when it is removed), page(offset) (the page's rows, or null while the server has
    // not sent it), ask(offset) (asks the server), choose(id), colours, other, size,
    // selected}. `asked`: the reader's own act (focus goes into the list).
    open(map, src, asked) {
      window.atlasPile = {key: keyOf(src.box), offset: 0};
      atlas.pile.show(map, src, asked);
    },
    show(map, src, asked) {
      const offset = window.atlasPile.offset;
      let page = src.page(offset);
      if (!page) {
        src.ask(offset);
        page = {box: src.box, total: src.count, rows: null};
      }
      // A redraw (another rerun) keeps the keyboard on the entry it was on.
      const held = remember();
      remove();
      const panel = draw(map, page, src);
      // Beside the pile, not over it: on the side of the map it is not on.
      const at = map.latLngToContainerPoint([
        (src.box[0] + src.box[2]) / 2,
        (src.box[1] + src.box[3]) / 2,
      ]);
      panel.classList.toggle('atlas-pile-right', at.x < map.getSize().x / 2);
      map.getContainer().append(panel);
      if (asked) {
        uncover(map, panel, at);
      }
      shown = {el: panel, owner: src.owner};
      src.owner.once('remove', () => {
        if (shown && shown.owner === src.owner) {
          // A rerun may take the old list away before it draws the new one: the entry
          // the keyboard was on is remembered for it (or focus was lost with the list).
          remember();
          remove();
        }
      });
      if (page.rows) {
        focusIn(panel, asked || held !== null);
      } else if (asked) {
        // The keyboard waits on the close button; the page, once here, takes it.
        window.atlasPileFocus = window.atlasPileFocus || 'first';
        panel.querySelector('.atlas-pile-close').focus({preventScroll: true});
      }
    },
  };

  // A page sent by the server (density.js asked for it): shown if its pile is open.
  atlas.kinds.pile = (_parent, d) => {
    const owner = L.featureGroup();
    // Drawn once its layer is on the map (the list's clicks go through it).
    owner.once('add', () => {
      if (isOpen(d.key)) {
        window.atlasPile.offset = d.offset;
        atlas.pile.show(atlas.mapOf(owner), atlas.pile.served(d, owner), false);
      }
    });
    return owner;
  };

  // The source of a page the server sent: other pages are asked for.
  atlas.pile.served = (d, owner) => {
    const centre = [(d.key[0] + d.key[2]) / 2, (d.key[1] + d.key[3]) / 2];
    return {
      box: d.key,
      count: d.total,
      owner,
      colours: d.colours,
      other: d.other,
      page: (offset) => (offset === d.offset ? {...d, box: d.key} : null),
      ask: (offset) =>
        atlas.sendFeature(owner, centre, {atlas_pile: [...d.key, offset]}, d.reportHook),
      choose: (id) => atlas.sendFeature(owner, centre, {id}, d.reportHook),
    };
  };
})();
