/* Border Atlas: the caption under the map's picture (static/picture.js), drawn on a
 * canvas: the title, the dates and the filters in words, what is shown, a legend, a scale
 * bar measured on the map itself, and the attribution. Every text is drawn with fillText:
 * text from the data is never parsed as HTML. `spec` is what the page handed to
 * AtlasPicture.setSpec (geo/view/map_png.py).
 */
(() => {
  const PAD = 10,
    GAP = 6,
    SWATCH = 12;
  const FONT = 'system-ui, "DejaVu Sans", "Noto Sans", Arial, sans-serif';

  function text(v) {
    return v === null || v === undefined ? '' : String(v);
  }

  // Lines of at most `width` px; a word longer than a line is cut where it must be.
  function wrap(ctx, words, width) {
    let lines = [],
      line = '';
    text(words)
      .split(/\s+/)
      .forEach((word) => {
        if (!word) {
          return;
        }
        const next = line ? `${line} ${word}` : word;
        if (ctx.measureText(next).width <= width || !line) {
          line = next;
        } else {
          lines.push(line);
          line = word;
        }
        while (ctx.measureText(line).width > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > width) {
            cut--;
          }
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      });
    if (line) {
      lines.push(line);
    }
    return lines;
  }

  // The longest round length (1, 2, 5 × 10^n m) that fits in `maxPx` at the map's middle.
  function scaleBar(map, maxPx) {
    const size = map.getSize(),
      y = size.y / 2,
      x = Math.max(0, size.x / 2 - maxPx / 2);
    const metres = map.distance(
      map.containerPointToLatLng([x, y]),
      map.containerPointToLatLng([x + maxPx, y]),
    );
    if (!(metres > 0)) {
      return null;
    }
    let pow = 10 ** Math.floor(Math.log10(metres)),
      round = pow;
    [5, 2, 1].some((k) => {
      if (k * pow <= metres) {
        round = k * pow;
        return true;
      }
      return false;
    });
    const label = round >= 1000 ? `${(round / 1000).toLocaleString('en')} km` : `${round} m`;
    return {px: (maxPx * round) / metres, label: label};
  }

  function tileCredits(map) {
    const out = [];
    map.eachLayer((layer) => {
      if (layer instanceof L.TileLayer && layer.getAttribution && layer.getAttribution()) {
        // Parsed inertly (no script runs, no image loads): only its words are kept.
        const doc = new DOMParser().parseFromString(layer.getAttribution(), 'text/html');
        const words = doc.body.textContent.trim();
        out.push(/^map tiles/i.test(words) ? words : `Map tiles: ${words}`);
      }
    });
    return out;
  }

  function font(ctx, size, bold) {
    ctx.font = `${(bold ? '600 ' : '') + size}px ${FONT}`;
  }

  // The caption as a list of drawing steps, each with its height: measured first, so the
  // canvas is made at its final size, then drawn.
  function caption(ctx, map, width, spec) {
    const steps = [];
    function para(words, size, bold, colour) {
      if (!text(words)) {
        return;
      }
      font(ctx, size, bold);
      wrap(ctx, words, width).forEach((line) => {
        steps.push({
          h: size + 5,
          text: line,
          draw: (c, y) => {
            font(c, size, bold);
            c.fillStyle = colour || '#111';
            c.fillText(line, PAD, y + size);
          },
        });
      });
    }
    para(spec.title, 15, true);
    para(`Dates: ${text(spec.dates)}`, 12);
    para(`Filters: ${text(spec.filters)}`, 12);
    para(spec.shown, 12);
    legend(ctx, steps, width, spec);
    const bar = scaleBar(map, Math.min(120, width / 3));
    if (bar) {
      const said = `${bar.label}  (scale at the map's middle)`;
      steps.push({
        h: 26,
        text: said,
        draw: (c, y) => {
          c.strokeStyle = '#111';
          c.lineWidth = 2;
          c.beginPath();
          c.moveTo(PAD, y + 6);
          c.lineTo(PAD, y + 12);
          c.lineTo(PAD + bar.px, y + 12);
          c.lineTo(PAD + bar.px, y + 6);
          c.stroke();
          font(c, 11);
          c.fillStyle = '#111';
          c.fillText(said, PAD, y + 24);
        },
      });
    }
    const credits = (spec.credits || []).concat(tileCredits(map));
    para(credits.join(' · '), 10, false, '#444');
    para(text(spec.made), 10, false, '#444');
    return steps;
  }

  function swatch(c, item, x, y) {
    const r = SWATCH / 2,
      cx = x + r,
      cy = y + r;
    c.lineWidth = 2;
    c.setLineDash(item.shape === 'dashed' || item.shape === 'area' ? [3, 2] : []);
    c.beginPath();
    if (item.shape === 'square' || item.shape === 'area') {
      c.rect(x, y, SWATCH, SWATCH);
    } else {
      c.arc(cx, cy, r - 1, 0, 2 * Math.PI);
    }
    if (item.shape === 'dashed' || item.shape === 'ring' || item.shape === 'area') {
      c.strokeStyle = text(item.colour) || '#333';
      c.fillStyle = '#fff';
      c.fill();
      c.stroke();
    } else {
      c.fillStyle = text(item.colour) || '#777';
      c.globalAlpha = item.shape === 'shade' ? 0.35 : 1;
      c.fill();
      c.globalAlpha = 1;
      c.strokeStyle = '#555';
      c.lineWidth = 1;
      c.stroke();
    }
    c.setLineDash([]);
  }

  // The legend's items flow left to right, as many to a line as fit.
  function legend(ctx, steps, width, spec) {
    const items = Array.isArray(spec.legend) ? spec.legend : [];
    if (!items.length) {
      return;
    }
    font(ctx, 12, true);
    const head = `${text(spec.legendTitle || 'Legend')}:`;
    let rows = [[{head: head, w: ctx.measureText(head).width + GAP}]],
      used = rows[0][0].w;
    font(ctx, 12);
    items.forEach((item) => {
      const w =
        SWATCH +
        4 +
        Math.min(ctx.measureText(text(item.label)).width, width - SWATCH - 4) +
        2 * GAP;
      if (used + w > width && rows[rows.length - 1].length) {
        rows.push([]);
        used = 0;
      }
      rows[rows.length - 1].push({item: item, w: w});
      used += w;
    });
    rows.forEach((row) => {
      const said = row.map((cell) => cell.head || text(cell.item.label)).join(' ');
      steps.push({
        h: 18,
        text: said,
        draw: (c, y) => {
          let x = PAD;
          row.forEach((cell) => {
            c.fillStyle = '#111';
            if (cell.head) {
              font(c, 12, true);
              c.fillText(cell.head, x, y + 12);
            } else {
              swatch(c, cell.item, x, y + 2);
              font(c, 12);
              c.fillStyle = '#111';
              c.fillText(text(cell.item.label), x + SWATCH + 4, y + 12, width - SWATCH - 4);
            }
            x += cell.w;
          });
        },
      });
    });
  }

  window.AtlasPictureCaption = {caption, font: FONT, pad: PAD, text};
})();
