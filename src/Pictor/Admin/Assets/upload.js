// Upload several files at once, by drag and drop or the file picker: each file gets a row with its ID (from the file
// name), a progress bar and its outcome (the service's problem detail on failure).
import { upload, idFromFileName } from './api.js';
import { h, announce } from './dom.js';

const PARALLEL = 2;

export function showUploads(onDone) {
  const input = h('input', { id: 'upload-files', type: 'file', multiple: true, accept: 'image/*', class: 'visually-hidden' });
  const replace = h('input', { id: 'upload-replace', type: 'checkbox' });
  const list = h('ul', { class: 'uploads', id: 'uploads', 'aria-label': 'Uploads' });
  const zone = h('div', { class: 'drop', id: 'drop-zone' },
    h('p', {}, 'Drop images here, or ', h('label', { for: 'upload-files', class: 'button' }, 'choose files'), input),
    h('p', { class: 'muted' }, 'Each file is stored under its name without the extension (other characters become “-”).'),
    h('div', { class: 'check' }, replace, h('label', { for: 'upload-replace' }, 'Replace originals that already exist')));
  const section = h('section', { class: 'card upload', 'aria-labelledby': 'upload-title' }, h('h2', { id: 'upload-title' }, 'Upload'), zone, list);

  input.addEventListener('change', () => {
    start([...input.files]);
    input.value = '';
  });
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => {
    e.preventDefault();
    zone.classList.remove('over');
    start([...(e.dataTransfer?.files ?? [])]);
  });

  async function start(files) {
    if (files.length === 0) return;
    const jobs = files.map(file => row(file));
    list.prepend(...jobs.map(j => j.element));
    const queue = [...jobs];
    let failed = 0;
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) if (!(await job.run(replace.checked))) failed++;
    }));
    announce(`${files.length - failed} of ${files.length} uploaded${failed ? `, ${failed} failed` : ''}.`, failed ? 'error' : 'info');
    if (failed < files.length) onDone?.();
  }

  return section;
}

function row(file) {
  const id = idFromFileName(file.name);
  const progress = h('progress', { max: 100, value: 0, 'aria-label': `Upload of ${file.name}` });
  const state = h('span', { class: 'state' }, 'Waiting');
  const element = h('li', { 'data-id': id }, h('span', { class: 'name' }, `${file.name} → ${id}`), progress, state);
  return {
    element,
    async run(replace) {
      state.textContent = 'Uploading';
      try {
        await upload(id, file, { replace, onProgress: f => { progress.value = Math.round(f * 100); } });
        progress.value = 100;
        state.replaceChildren('Uploaded: ', h('a', { href: `#/image/${encodeURIComponent(id)}` }, id));
        element.classList.add('done');
        return true;
      } catch (err) {
        state.textContent = err.status === 409 ? `${err.message} (tick “Replace” to overwrite it)` : err.message;
        element.classList.add('failed');
        return false;
      }
    },
  };
}
