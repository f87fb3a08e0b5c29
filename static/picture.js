/* Border Atlas: "Save map as PNG", made in the browser with no network.
 *
 * The map's view as the user sees it (pan, zoom, markers, bubbles, areas, labels, the
 * selection) is copied by html-to-image (static/vendor/html-to-image, MIT) without the
 * map's controls, then a caption is drawn under it on a canvas (static/picture_caption.js:
 * the title, the dates and the filters in words, what is shown, a legend, a scale bar
 * measured on the map itself, and the attribution; all drawn with fillText, so text from
 * the data is never parsed as HTML). What the page knows (the words, the legend, the file
 * name) comes from AtlasPicture.setSpec, which the map's script calls on every rerun
 * (geo/view/map_png.py); the view itself is read from the map when the button is pressed.
 * A map narrower than 4:3 (a phone's, portrait; a laptop's, nearly square) is widened to
 * 4:3 for the picture, around the same centre and zoom: the view on screen is its middle,
 * with the land on either side, and the caption is laid out at that width (a phone's
 * picture was 1,408 x 3,484 px, mostly a narrow caption). The picture keeps only the part
 * of the map the boundaries layer draws (spec.extent): its neighbours are cut at a box
 * (55-81 E, 27-44 N) when it is built, and a widened or zoomed-out view would show the cut
 * as straight edges across them, with Kazakhstan missing.
 */
(() => {
  // Picture pixels per CSS pixel: at least 2 (sharp when printed), more for a narrow map
  // so that a phone's picture is as wide as a laptop's (~1,200 px), at most 4.
  const MIN_WIDTH = 1200;
  const scaleFor = (w) => Math.min(4, Math.max(2, Math.ceil(MIN_WIDTH / Math.max(w, 1))));
  const MIN_MAP = 480; // a picture's least width in CSS px, whatever little map it keeps
  const {caption, font: FONT, pad: PAD, text} = window.AtlasPictureCaption;
  // The map's controls (zoom, layers, legend, scale, attribution, this button), tooltips
  // and popups are left out: the caption carries the legend, the scale and the credits.
  const LEFT_OUT = ['leaflet-control-container', 'leaflet-tooltip-pane', 'leaflet-popup-pane'];
  // A tile that cannot be read (offline, or a server without CORS) is left blank.
  const BLANK =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
  let spec = {
    title: 'Border Atlas',
    dates: '',
    filters: '',
    shown: '',
    legend: [],
    legendTitle: '',
    credits: [],
    file: 'border-atlas.png',
  };
  let last = null; // what the last save drew: its layout and its caption's lines

  function setSpec(s) {
    if (s && typeof s === 'object') {
      spec = s;
    }
  }

  function kept(node) {
    if (!node?.classList) {
      return true;
    }
    for (let i = 0; i < LEFT_OUT.length; i++) {
      if (node.classList.contains(LEFT_OUT[i])) {
        return false;
      }
    }
    return true;
  }

  // Resolves once every tile layer has what the view needs (an unreadable tile counts
  // as done) and two frames have been drawn.
  function drawn(map) {
    const waits = [];
    map.eachLayer((layer) => {
      if (layer instanceof L.GridLayer && layer.isLoading()) {
        waits.push(new Promise((done) => layer.once('load', done)));
      }
    });
    return Promise.all(waits).then(() => still(map));
  }

  // A zoom or markercluster's animation under way (Leaflet and the plugin mark the map's
  // pane while one runs).
  const moving = (map) =>
    ['leaflet-zoom-anim', 'leaflet-cluster-anim'].some((c) =>
      map.getPane('mapPane').classList.contains(c),
    );

  // Resolves once two frames have been drawn with nothing moving (at most ~2 s of frames:
  // a picture of a map still moving beats none).
  function still(map) {
    return new Promise((done) => {
      let calm = 0;
      let left = 120;
      const frame = () => {
        calm = moving(map) ? 0 : calm + 1;
        left -= 1;
        if (calm >= 2 || left <= 0) {
          done();
        } else {
          requestAnimationFrame(frame);
        }
      };
      requestAnimationFrame(frame);
    });
  }

  // A map narrower than 4:3 made 4:3 for the picture, its middle where it was on screen (so
  // the view does not move for the user); resolves to what restore() needs, or null.
  function widen(map) {
    const el = map.getContainer(),
      size = map.getSize();
    const wide = Math.round((size.y * 4) / 3);
    if (size.x >= wide) {
      return Promise.resolve(null);
    }
    const left = Math.round((wide - size.x) / 2);
    const before = {centre: map.getCenter(), zoom: map.getZoom(), left: left, width: size.x};
    before.style = [el.style.width, el.style.transform];
    el.style.width = `${wide}px`;
    el.style.transform = `translateX(${-left}px)`;
    map.invalidateSize({animate: false});
    map.setView(before.centre, before.zoom, {reset: true}); // exactly, not to a pixel
    return drawn(map).then(() => before);
  }

  function restore(map, before) {
    if (!before) {
      return;
    }
    const el = map.getContainer();
    [el.style.width, el.style.transform] = before.style;
    map.invalidateSize({animate: false});
    map.setView(before.centre, before.zoom, {reset: true}); // exactly, not to a pixel
  }

  // The part of the map to keep: where the boundaries layer draws (spec.extent, [[south,
  // west], [north, east]]). Its neighbours are cut at a box when it is built; past it the
  // land would end in straight edges. A 1 px inset leaves their outline on the cut out.
  // The whole map when there is no extent or the view lies outside it.
  function cropOf(map) {
    const size = map.getSize(),
      e = spec.extent,
      whole = {x: 0, y: 0, w: size.x, h: size.y};
    if (!Array.isArray(e) || e.length !== 2) {
      return whole;
    }
    const sw = map.latLngToContainerPoint(e[0]),
      ne = map.latLngToContainerPoint(e[1]);
    const x = Math.max(0, Math.ceil(sw.x) + 1),
      y = Math.max(0, Math.ceil(ne.y) + 1);
    const w = Math.min(size.x, Math.floor(ne.x) - 1) - x,
      h = Math.min(size.y, Math.floor(sw.y) - 1) - y;
    return w > 0 && h > 0 ? {x, y, w, h} : whole;
  }

  // The map's kept part (`crop`) on white, centred in a picture at least MIN_MAP wide (so
  // the caption has room when little of the map is kept), the caption under it.
  const widthOf = (map, crop) => Math.max(crop.w, Math.min(map.getSize().x, MIN_MAP));

  function compose(map, shot, scale, widened, crop, motion) {
    const w = widthOf(map, crop),
      h = crop.h,
      at = Math.round((w - crop.w) / 2);
    const measure = document.createElement('canvas').getContext('2d');
    const steps = caption(measure, map, w - 2 * PAD, spec);
    const capH = PAD + steps.reduce((t, s) => t + s.h, 0) + PAD;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round((h + capH) * scale);
    const c = canvas.getContext('2d');
    c.scale(scale, scale);
    c.fillStyle = '#fff';
    c.fillRect(0, 0, w, h + capH);
    const [sx, sy] = [crop.x * scale, crop.y * scale];
    c.drawImage(shot, sx, sy, crop.w * scale, crop.h * scale, at, 0, crop.w, h);
    c.fillStyle = '#888';
    c.fillRect(0, h, w, 1);
    let y = h + PAD;
    steps.forEach((s) => {
      s.draw(c, y);
      y += s.h;
    });
    const seen = widened ? widened : {left: 0, width: map.getSize().x};
    last = {
      scale,
      width: canvas.width,
      height: canvas.height,
      mapWidth: w,
      mapHeight: h,
      // where the view seen on screen lies in the picture's map, in CSS px
      view: {left: seen.left - crop.x + at, width: seen.width},
      crop: {...crop, at},
      // the kept part's [[south, west], [north, east]]
      shows: [
        map.containerPointToLatLng([crop.x, crop.y + crop.h]),
        map.containerPointToLatLng([crop.x + crop.w, crop.y]),
      ].map((p) => [p.lat, p.lng]),
      lines: steps.map((st) => st.text).filter(Boolean),
      moving: motion, // an animation was under way when the picture was taken
    };
    return canvas;
  }

  function download(blob, name) {
    const url = URL.createObjectURL(blob),
      a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 60000);
  }

  // The map (widened if narrower than 4:3) drawn by html-to-image, then the caption under it.
  function picture(map, widened) {
    const el = map.getContainer(),
      crop = cropOf(map),
      scale = scaleFor(widthOf(map, crop)),
      motion = moving(map);
    return window.htmlToImage
      .toCanvas(el, {
        width: el.clientWidth,
        height: el.clientHeight,
        pixelRatio: scale,
        filter: kept,
        skipFonts: true,
        imagePlaceholder: BLANK,
        cacheBust: false,
        backgroundColor: getComputedStyle(el).backgroundColor,
        // A widened map's shift keeps it in place on the page; the picture has none. (Not
        // a margin: the copied styles hold its logical twin, which would win.)
        style: {transform: 'none'},
      })
      .then((shot) => compose(map, shot, scale, widened, crop, motion));
  }

  function pngOf(canvas) {
    return new Promise((done, fail) => {
      canvas.toBlob((b) => {
        if (b) {
          done(b);
        } else {
          fail(new Error('no PNG'));
        }
      }, 'image/png');
    });
  }

  // The boundaries' fade at their box (atlas/base.js fadeOut) is for the live map: the
  // picture is cut at that box (cropOf), so its edges stay land, not faded ground. Made
  // clear in place (whatever the renderer, in the same drawing order); the function
  // returned brings it back.
  function unfaded(map) {
    const rings = [];
    map.eachLayer((layer) => {
      if (layer.options?.className === 'atlas-fade' && layer.setStyle) {
        rings.push([layer, layer.options.fillOpacity]);
        layer.setStyle({fillOpacity: 0});
      }
    });
    return () => {
      for (const [layer, opacity] of rings) {
        layer.setStyle({fillOpacity: opacity});
      }
    };
  }

  function save(map, button, note) {
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    note.textContent = '';
    let widened = null;
    const el = map.getContainer();
    el.classList.add('atlas-picture-still');
    const shown = unfaded(map);
    widen(map)
      .then((before) => {
        widened = before;
        return picture(map, before);
      })
      .then((canvas) => {
        restore(map, widened);
        widened = null;
        return pngOf(canvas);
      })
      .then((blob) => {
        download(blob, text(spec.file) || 'border-atlas.png');
      })
      .catch((err) => {
        restore(map, widened);
        note.textContent = `The picture could not be made: ${text(err?.message || err)}`;
        console.error(err);
      })
      .then(() => {
        shown();
        el.classList.remove('atlas-picture-still');
        button.disabled = false;
        button.removeAttribute('aria-busy');
      });
  }

  const CSS =
    '.atlas-picture-button{display:block;width:auto;min-width:30px;height:30px;' +
    'padding:0 6px;border:none;border-radius:4px;background:#fff;color:#222;' +
    'font:600 12px/30px ' +
    FONT +
    ';cursor:pointer;white-space:nowrap}' +
    '.atlas-picture-button:hover{background:#f4f4f4}' +
    '.atlas-picture-button[disabled]{color:#888;cursor:progress}' +
    '.atlas-picture-note{max-width:200px;font:12px ' +
    FONT +
    ';color:#a00;background:#fff}' +
    '.atlas-picture-note:empty{display:none}' +
    // While a picture is made, nothing slides: markercluster eases its bubbles (and
    // Leaflet its markers) to a new place, so a picture taken just after the map was
    // widened caught them where they had been (bubbles a widening's width to the west).
    '.atlas-picture-still .leaflet-marker-icon,.atlas-picture-still .leaflet-marker-shadow,' +
    '.atlas-picture-still path{transition:none !important}';

  function attach(map) {
    if (!map || !window.L || !window.htmlToImage) {
      return;
    }
    const style = document.createElement('style');
    style.textContent = CSS;
    document.head.appendChild(style);
    const Control = L.Control.extend({
      options: {position: 'topleft'},
      onAdd: () => {
        const box = L.DomUtil.create('div', 'leaflet-bar atlas-picture');
        const button = L.DomUtil.create('button', 'atlas-picture-button', box);
        const note = L.DomUtil.create('div', 'atlas-picture-note', box);
        button.type = 'button';
        button.textContent = '\u2913 PNG';
        button.setAttribute('aria-label', 'Save map as PNG');
        button.title =
          'Save map as PNG: this view as you see it, with a legend, a scale, ' +
          'the dates, the filters and the attribution (made in your browser, works offline)';
        note.setAttribute('role', 'status');
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(button, 'click', () => {
          save(map, button, note);
        });
        return box;
      },
    });
    new Control().addTo(map);
  }

  window.AtlasPicture = {
    attach: attach,
    setSpec: setSpec,
    save: save,
    last: () => last,
    spec: () => spec,
  };
})();
