// The URL builder: mode, size, gravity, format and quality give a derived-image URL, shown with a live preview and its
// natural size. A plain fill is written in pymager's form (/derived/ID-WxH.ext), anything else as transformation tokens
// (/derived/ID/w_…,h_…,c_….ext).
import { ApiError } from './api.js';
import { h, field, announce } from './dom.js';

const MODES = [['fill', 'Fill (crop to W×H)'], ['fit', 'Fit (inside, may enlarge)'],
  ['limit', 'Limit (inside, never enlarges)'], ['pad', 'Pad (inside, padded to W×H)']];
const GRAVITIES = [['', 'Default (focal point or centre)'], ['center', 'Centre'], ['north', 'North'], ['south', 'South'],
  ['east', 'East'], ['west', 'West'], ['north_east', 'North-east'], ['north_west', 'North-west'], ['south_east', 'South-east'],
  ['south_west', 'South-west'], ['auto', 'Auto (what draws attention)'], ['focus', 'Focal point']];
const FORMATS = [['webp', 'WebP'], ['jpg', 'JPEG'], ['png', 'PNG'], ['avif', 'AVIF'], ['gif', 'GIF'], ['auto', 'Auto (from Accept)']];

/** The path for the builder's values. */
export function buildPath(id, { mode, width, height, gravity, format, quality, dpr }) {
  const w = Number(width) || 0;
  const h = Number(height) || 0;
  const plainFill = mode === 'fill' && w && h && !gravity && !quality && (!dpr || dpr === '1') && format !== 'auto';
  if (plainFill) return `/derived/${encodeURIComponent(id)}-${w}x${h}.${format}`;
  const tokens = [];
  if (w) tokens.push(`w_${w}`);
  if (h) tokens.push(`h_${h}`);
  tokens.push(`c_${mode}`);
  if (gravity) tokens.push(`g_${gravity}`);
  if (quality) tokens.push(`q_${Number(quality)}`);
  if (dpr && dpr !== '1') tokens.push(`dpr_${dpr}`);
  return `/derived/${encodeURIComponent(id)}/${tokens.join(',')}.${format}`;
}

function select(id, options, value) {
  return h('select', { id, name: id }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

export function urlBuilder(meta) {
  const width = h('input', { id: 'b-width', type: 'number', min: 1, max: 8192, value: Math.min(400, meta.width), inputmode: 'numeric' });
  const height = h('input', { id: 'b-height', type: 'number', min: 1, max: 8192, value: Math.round(Math.min(400, meta.width) * meta.height / meta.width / 2), inputmode: 'numeric' });
  const mode = select('b-mode', MODES, 'fill');
  const gravity = select('b-gravity', GRAVITIES, '');
  const format = select('b-format', FORMATS, 'webp');
  const quality = h('input', { id: 'b-quality', type: 'number', min: 1, max: 100, placeholder: 'configured', inputmode: 'numeric' });
  const dpr = select('b-dpr', ['1', '1.5', '2', '3'].map(v => [v, `${v}×`]), '1');
  const url = h('input', { id: 'b-url', type: 'text', readonly: true, spellcheck: 'false' });
  const copy = h('button', { type: 'button', id: 'b-copy' }, 'Copy URL');
  const open = h('a', { id: 'b-open', target: '_blank', rel: 'noopener' }, 'Open');
  const preview = h('img', { id: 'b-preview', alt: `Preview of the built URL for ${meta.id}` });
  const info = h('p', { id: 'b-info', class: 'muted', 'aria-live': 'polite' });

  const form = h('form', { class: 'builder', id: 'builder', 'aria-label': 'URL builder' },
    h('div', { class: 'row' }, field('Mode', mode), field('Width', width), field('Height', height)),
    h('div', { class: 'row' }, field('Gravity', gravity), field('Format', format), field('Quality', quality, '1–100, empty for the default'), field('Pixel density', dpr)),
    h('div', { class: 'url' }, field('URL', url), copy, open));
  form.addEventListener('submit', e => e.preventDefault());

  let timer;
  let shown = '';
  function update() {
    const path = buildPath(meta.id, { mode: mode.value, width: width.value, height: height.value, gravity: gravity.value, format: format.value, quality: quality.value, dpr: dpr.value });
    url.value = new URL(path, location.origin).href;
    open.href = path;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (path === shown) return;
      shown = path;
      info.textContent = 'Loading…';
      info.classList.remove('error');
      preview.src = path;
    }, 250);
  }
  preview.addEventListener('load', () => {
    preview.hidden = false;
    info.textContent = `Preview: ${preview.naturalWidth}×${preview.naturalHeight}`;
    preview.dataset.size = `${preview.naturalWidth}x${preview.naturalHeight}`;
  });
  preview.addEventListener('error', async () => {
    const path = shown;
    delete preview.dataset.size;
    preview.hidden = true;
    // The image element cannot say why: ask again for the problem body.
    const response = await fetch(path);
    if (path !== shown) return;
    const error = response.ok ? new ApiError(response.status, 'The browser cannot show this format') : ApiError.fromText(response.status, response.statusText, await response.text());
    info.textContent = `Not available: ${error.message}`;
    info.classList.add('error');
  });
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url.value);
    } catch {
      url.select();
      document.execCommand('copy');
    }
    announce('URL copied.');
  });
  update();
  return h('section', { class: 'card', 'aria-labelledby': 'builder-title' }, h('h2', { id: 'builder-title' }, 'URL builder'), form,
    h('figure', { class: 'preview' }, preview, h('figcaption', {}, info)));
}
