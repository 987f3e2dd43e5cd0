// The focal-point picker: click the picture, or focus it and move the point with the arrow keys (Shift for larger
// steps); Enter saves at once, otherwise it is saved half a second after the last move. Fractions of the upright image.
import { api, session } from './api.js';
import { h, announce } from './dom.js';

const clamp = v => Math.min(1, Math.max(0, v));
const round = v => Math.round(v * 10000) / 10000;
const percent = v => `${Math.round(v * 100)}%`;

export function focusPicker(meta, picture, onSaved) {
  const writable = session.can('write');
  let focus = meta.focus ? { ...meta.focus } : null;
  const marker = h('span', { class: 'marker', 'aria-hidden': 'true' });
  const area = h('div', { class: 'focus-area', id: 'focus-area' }, picture, marker);
  const value = h('output', { id: 'focus-value', for: 'focus-area' });
  const clear = h('button', { type: 'button', id: 'focus-clear' }, 'Clear focal point');
  // As large as the column allows (small originals too, so that a click can be precise), at most 70% of the window's height.
  const fit = () => { area.style.width = `min(100%, calc(70vh * ${picture.naturalWidth / picture.naturalHeight}))`; };
  if (picture.complete && picture.naturalWidth) fit(); else picture.addEventListener('load', fit);
  if (writable) {
    area.tabIndex = 0;
    area.setAttribute('role', 'application');
    area.setAttribute('aria-roledescription', 'focal point picker');
    area.setAttribute('aria-describedby', 'focus-help');
  }

  function show() {
    marker.hidden = !focus;
    if (focus) {
      marker.style.left = `${focus.x * 100}%`;
      marker.style.top = `${focus.y * 100}%`;
    }
    value.textContent = focus ? `x ${percent(focus.x)}, y ${percent(focus.y)}` : 'none (crops centre on the middle)';
    area.setAttribute('aria-label', `Focal point of ${meta.id}: ${value.textContent}`);
    clear.disabled = !focus;
  }

  let timer;
  async function save(delay = 0) {
    clearTimeout(timer);
    await new Promise(resolve => { timer = setTimeout(resolve, delay); });
    const body = { focus: focus && { x: round(focus.x), y: round(focus.y) } };
    try {
      const updated = await api(`/original/${encodeURIComponent(meta.id)}`, { method: 'PATCH', json: body });
      area.dataset.saved = updated.focus ? `${updated.focus.x},${updated.focus.y}` : 'none';
      announce(updated.focus ? `Focal point saved: x ${percent(updated.focus.x)}, y ${percent(updated.focus.y)}.` : 'Focal point cleared.');
      onSaved?.(updated);
    } catch (err) {
      announce(`Could not save the focal point: ${err.message}`, 'error');
    }
  }

  if (writable) {
    area.addEventListener('click', e => {
      const box = picture.getBoundingClientRect();
      focus = { x: round(clamp((e.clientX - box.left) / box.width)), y: round(clamp((e.clientY - box.top) / box.height)) };
      show();
      save();
    });
    area.addEventListener('keydown', e => {
      const step = e.shiftKey ? 0.1 : 0.01;
      const move = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
      if (move) {
        e.preventDefault();
        const from = focus ?? { x: 0.5, y: 0.5 };
        focus = { x: round(clamp(from.x + move[0])), y: round(clamp(from.y + move[1])) };
        show();
        save(500);
      } else if (e.key === 'Enter' && focus) {
        e.preventDefault();
        save();
      }
    });
    clear.addEventListener('click', () => { focus = null; show(); save(); });
  }
  show();
  return h('figure', { class: 'picker' }, area,
    h('figcaption', {},
      h('p', {}, 'Focal point: ', value),
      writable && h('p', { id: 'focus-help', class: 'muted' }, 'Click the picture where crops should centre, or focus it and use the arrow keys (Shift: larger steps).'),
      writable && clear));
}
