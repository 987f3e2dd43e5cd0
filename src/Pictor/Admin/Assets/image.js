// An original's page: the picture with the focal-point picker, its metadata, tags, derived images, the URL builder, and
// delete (with a confirmation dialog).
import { api, authHeaders, session, formatBytes } from './api.js';
import { h, field, announce } from './dom.js';
import { urlBuilder } from './builder.js';
import { focusPicker } from './focus.js';

const BROWSER_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'avif'];

function pictureOf(meta) {
  // The original itself when browsers show it (upright: they apply the EXIF orientation as Pictor does), else a
  // WebP of it at most 1200 wide.
  const src = BROWSER_FORMATS.includes(meta.format) ? `/original/${encodeURIComponent(meta.id)}`
    : `/derived/${encodeURIComponent(meta.id)}/w_1200,c_limit.webp`;
  const picture = h('img', { id: 'picture', src, alt: `${meta.id}, ${meta.width}×${meta.height} ${meta.format}`, draggable: 'false' });
  if (meta.dominantColor) picture.style.backgroundColor = meta.dominantColor;
  // Where originals need a key, an <img> cannot send it: fetch with the key once and show the bytes as a blob: URL.
  picture.addEventListener('error', async () => {
    const response = await fetch(src, { headers: authHeaders() });
    if (response.ok) picture.src = URL.createObjectURL(await response.blob());
  }, { once: true });
  return picture;
}

function metadataList(meta) {
  const rows = [
    ['ID', meta.id], ['Format', meta.format], ['Size', `${meta.width}×${meta.height}${meta.frames > 1 ? `, ${meta.frames} frames` : ''}`],
    ['Bytes', formatBytes(meta.bytes)], ['SHA-256', h('code', {}, meta.sha256)],
    ['Created', new Date(meta.created).toLocaleString()], ['Updated', new Date(meta.updated).toLocaleString()],
    ['Focal point', meta.focus ? `x ${meta.focus.x}, y ${meta.focus.y}` : 'none'],
    meta.storedBytes && ['Stored', `${formatBytes(meta.storedBytes.total)} (derived ${formatBytes(meta.storedBytes.derived)})`],
    meta.attributes && Object.keys(meta.attributes).length > 0 && ['Attributes', Object.entries(meta.attributes).map(([k, v]) => `${k}=${v}`).join(', ')],
    ['Original', h('a', { href: meta.url }, meta.url)],
  ].filter(Boolean);
  return h('dl', { class: 'meta', id: 'metadata' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function tagsEditor(meta, onSaved) {
  const input = h('input', { id: 'tags', type: 'text', value: meta.tags.join(' '), spellcheck: 'false', autocomplete: 'off', readonly: !session.can('write') });
  const form = h('form', { class: 'tags', id: 'tags-form' }, field('Tags', input, 'Separated by spaces or commas; letters, digits and _ - . :'),
    session.can('write') && h('button', { type: 'submit' }, 'Save tags'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const tags = input.value.split(/[\s,]+/).filter(Boolean);
    try {
      const updated = await api(`/original/${encodeURIComponent(meta.id)}`, { method: 'PATCH', json: { tags } });
      input.value = updated.tags.join(' ');
      announce(`Tags saved: ${updated.tags.join(', ') || 'none'}.`);
      onSaved(updated);
    } catch (err) {
      announce(`Could not save the tags: ${err.message}`, 'error');
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'tags-title' }, h('h2', { id: 'tags-title' }, 'Tags'), form);
}

function derivedList(meta, reload) {
  const purge = session.can('admin') && meta.storedBytes && meta.derived.length > 0 &&
    h('button', { type: 'button', id: 'purge' , onclick: async () => {
      try {
        await api(`/original/${encodeURIComponent(meta.id)}/derived`, { method: 'DELETE' });
        announce(`Derived images of ${meta.id} deleted; they are made again on request.`);
        reload();
      } catch (err) { announce(`Could not delete the derived images: ${err.message}`, 'error'); }
    } }, 'Delete derived images');
  return h('section', { class: 'card', 'aria-labelledby': 'derived-title' },
    h('h2', { id: 'derived-title' }, `Derived images (${meta.derived.length})`),
    meta.derived.length === 0 ? h('p', { class: 'muted' }, 'None yet: they are made on their first request.')
      : h('ul', { class: 'derived', id: 'derived' }, meta.derived.map(d =>
        h('li', {}, h('a', { href: d.url }, d.name), ` ${d.width}×${d.height} ${d.format}, ${formatBytes(d.bytes)}`))),
    purge);
}

function deleteControl(meta) {
  const confirm = h('button', { type: 'button', class: 'danger', id: 'delete-confirm' }, 'Delete');
  const cancel = h('button', { type: 'button', id: 'delete-cancel', autofocus: true }, 'Cancel');
  const dialog = h('dialog', { id: 'delete-dialog', 'aria-labelledby': 'delete-title', 'aria-describedby': 'delete-text' },
    h('h2', { id: 'delete-title' }, `Delete ${meta.id}?`),
    h('p', { id: 'delete-text' }, `The original and its ${meta.derived.length} derived image${meta.derived.length === 1 ? '' : 's'} are removed for good.`),
    h('div', { class: 'actions' }, cancel, confirm));
  cancel.addEventListener('click', () => dialog.close());
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      await api(`/original/${encodeURIComponent(meta.id)}`, { method: 'DELETE' });
      dialog.close();
      announce(`${meta.id} deleted.`);
      location.hash = '#/';
    } catch (err) {
      dialog.close();
      announce(`Could not delete ${meta.id}: ${err.message}`, 'error');
    } finally {
      confirm.disabled = false;
    }
  });
  const open = h('button', { type: 'button', class: 'danger', id: 'delete' }, 'Delete original…');
  open.addEventListener('click', () => dialog.showModal());
  return h('section', { class: 'card', 'aria-labelledby': 'danger-title' }, h('h2', { id: 'danger-title' }, 'Delete'), open, dialog);
}

export async function showImage(main, id) {
  const meta = await api(`/original/${encodeURIComponent(id)}/metadata`);
  document.title = `${meta.id} · Pictor admin`;
  const reload = () => showImage(main, id);
  const details = h('section', { class: 'card', 'aria-labelledby': 'meta-title' }, h('h2', { id: 'meta-title' }, 'Metadata'), metadataList(meta));
  // A focal point removes the derived images that followed the old one: both lists are redrawn from the answer.
  const derived = h('div', {}, derivedList(meta, reload));
  const refreshMeta = updated => {
    details.replaceChildren(h('h2', { id: 'meta-title' }, 'Metadata'), metadataList({ ...meta, ...updated }));
    derived.replaceChildren(derivedList({ ...meta, ...updated }, reload));
  };
  main.replaceChildren(
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, '← All originals')),
    h('h1', { id: 'image-title' }, meta.id),
    h('div', { class: 'image-page' },
      h('div', { class: 'column' }, focusPicker(meta, pictureOf(meta), refreshMeta), urlBuilder(meta)),
      h('div', { class: 'column' }, details, Array.isArray(meta.tags) && tagsEditor(meta, refreshMeta), derived,
        session.can('write') && deleteControl(meta))));
  main.focus();
}
