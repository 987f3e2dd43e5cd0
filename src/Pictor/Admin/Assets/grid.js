// The grid of originals: search by ID prefix (and tag, where the service has tags), pages of 48 loaded as the end of the
// grid scrolls into view (or with the "Load more" button), and the upload area.
import { api, session, formatBytes } from './api.js';
import { h, field } from './dom.js';
import { showUploads } from './upload.js';

const PAGE = 48;
const THUMB = 240;

/** Cards show a neutral box (or the image's dominant colour) until the thumbnail has loaded. */
export function thumbnail(item, size = THUMB) {
  const img = h('img', { alt: '', loading: 'lazy', decoding: 'async', width: size, height: size });
  const box = h('span', { class: 'thumb' }, img);
  if (item.dominantColor) box.style.backgroundColor = item.dominantColor;
  img.addEventListener('load', () => box.classList.add('loaded'));
  img.addEventListener('error', () => box.classList.add('failed'));
  img.src = `/derived/${encodeURIComponent(item.id)}-${size}x${size}.webp`;
  return box;
}

function card(item) {
  return h('li', {},
    h('a', { class: 'tile', href: `#/image/${encodeURIComponent(item.id)}`, 'data-id': item.id },
      thumbnail(item),
      h('span', { class: 'tile-id' }, item.id),
      h('span', { class: 'tile-meta' }, `${item.format} · ${item.width}×${item.height} · ${formatBytes(item.bytes)}`)));
}

/** Whether the service has the catalogue (tags, listing filters, /stats): it answers /stats. */
async function catalogueStats() {
  try { return await api('/stats'); } catch { return null; }
}

export async function showGrid(main, params) {
  document.title = 'Originals · Pictor admin';
  const prefix = params.get('prefix') ?? '';
  const tag = params.get('tag') ?? '';
  const stats = await catalogueStats();

  const prefixInput = h('input', { id: 'search-prefix', name: 'prefix', type: 'search', value: prefix, autocomplete: 'off', spellcheck: 'false' });
  const tagInput = h('input', { id: 'search-tag', name: 'tag', type: 'search', value: tag, autocomplete: 'off', spellcheck: 'false' });
  const search = h('form', { class: 'search', role: 'search', 'aria-label': 'Search originals' },
    field('ID starts with', prefixInput),
    stats && field('Tag', tagInput),
    h('button', { type: 'submit' }, 'Search'),
    (prefix || tag) && h('a', { href: '#/', class: 'button' }, 'Clear'));
  search.addEventListener('submit', e => {
    e.preventDefault();
    const query = new URLSearchParams();
    if (prefixInput.value.trim()) query.set('prefix', prefixInput.value.trim());
    if (stats && tagInput.value.trim()) query.set('tag', tagInput.value.trim());
    location.hash = `#/${query.size ? `?${query}` : ''}`;
  });

  const grid = h('ul', { class: 'grid', id: 'grid', 'aria-label': 'Originals' });
  const summary = h('p', { id: 'grid-summary', class: 'muted', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', id: 'load-more', hidden: true }, 'Load more');
  const heading = h('h1', {}, 'Originals');
  const totals = stats && h('p', { class: 'muted', id: 'stats' }, describe(stats));

  main.replaceChildren(
    h('div', { class: 'page-head' }, heading, totals),
    search,
    session.can('write') && showUploads(() => reload()),
    summary, grid, more);

  let next;
  let shown = 0;
  let loading = false;
  const matches = item => item.id.startsWith(prefix) && (!tag || !item.tags || item.tags.includes(tag));

  async function loadPage() {
    if (loading) return;
    loading = true;
    more.disabled = true;
    try {
      // Filters the service does not know are ignored by it, so the page is filtered here too; pages that match
      // nothing are skipped (a bounded number of them) rather than shown empty.
      for (let pages = 0; pages < 20; pages++) {
        const query = new URLSearchParams({ limit: String(PAGE) });
        if (prefix) query.set('prefix', prefix);
        if (tag) query.set('tag', tag);
        if (next) query.set('after', next);
        const page = await api(`/original?${query}`);
        const items = page.items.filter(matches);
        grid.append(...items.map(card));
        shown += items.length;
        next = page.next;
        if (items.length > 0 || !next) break;
      }
      summary.textContent = shown === 0 ? (prefix || tag ? 'No original matches.' : 'No originals yet: upload some.')
        : `${shown} original${shown === 1 ? '' : 's'} shown${next ? ', more below' : ''}.`;
      more.hidden = !next;
    } finally {
      loading = false;
      more.disabled = false;
    }
  }

  async function reload() {
    next = undefined;
    shown = 0;
    grid.replaceChildren();
    const fresh = await catalogueStats();
    if (fresh && totals) totals.textContent = describe(fresh);
    await loadPage();
  }

  more.addEventListener('click', loadPage);
  // Infinite scrolling: the next page loads when the "Load more" button comes into view.
  new IntersectionObserver(entries => {
    if (entries.some(e => e.isIntersecting) && next && !more.hidden) loadPage();
  }, { rootMargin: '400px' }).observe(more);
  // Arrow keys move between tiles (Tab still works).
  grid.addEventListener('keydown', e => moveFocus(grid, e));
  await loadPage();
}

function describe(stats) {
  return `${stats.originals.count} originals (${formatBytes(stats.originals.bytes)}), ${stats.derived.count} derived images (${formatBytes(stats.derived.bytes)})`;
}

function moveFocus(grid, e) {
  const tiles = [...grid.querySelectorAll('a.tile')];
  const index = tiles.indexOf(document.activeElement);
  if (index < 0) return;
  const columns = Math.max(1, Math.round(grid.clientWidth / tiles[0].parentElement.getBoundingClientRect().width));
  const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -index, End: tiles.length - 1 - index }[e.key];
  if (step === undefined) return;
  const target = tiles[Math.min(tiles.length - 1, Math.max(0, index + step))];
  e.preventDefault();
  target.focus();
}
