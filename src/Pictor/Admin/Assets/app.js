// Router and login: #/ is the grid (with ?prefix=&tag=), #/image/ID an image's page. The key never leaves sessionStorage
// except as the Authorization header of the API calls.
import { api, ApiError, session } from './api.js';
import { h, field, announce } from './dom.js';
import { showGrid } from './grid.js';
import { showImage } from './image.js';

const main = document.getElementById('main');

function showLogin(message) {
  document.title = 'Log in · Pictor admin';
  const key = h('input', { id: 'login-key', name: 'key', type: 'password', autocomplete: 'current-password', required: true, spellcheck: 'false' });
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' }, message ?? '');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', { class: 'card login', 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, 'Log in to Pictor'),
    field('API key', key, 'A key from Pictor:ApiKeys or Pictor:Keys. It is kept in this tab only, until you log out or close it.'),
    error, submit);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const value = key.value.trim();
    if (!value) { error.textContent = 'Enter an API key.'; key.focus(); return; }
    submit.disabled = true;
    error.textContent = '';
    try {
      const who = await api('/admin/session', { key: value });
      session.save(value, who.scope);
      announce(`Logged in with a ${who.scope} key.`);
      route();
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 401 && /disabled/.test(err.message) ? err.message
        : err instanceof ApiError && err.status === 401 ? 'That key is not valid.'
        : err instanceof ApiError && err.status === 429 ? 'Too many invalid keys from this address: wait a minute and try again.'
        : `Could not log in: ${err.message}`;
      key.select();
      key.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.replaceChildren(form);
  key.focus();
}

function showSession() {
  const nav = document.getElementById('session');
  nav.hidden = !session.key;
  document.getElementById('who').textContent = session.key ? `${session.scope} key` : '';
}

async function route() {
  showSession();
  if (!session.key) return showLogin();
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const image = path.match(/^\/image\/([^/]+)$/);
  try {
    if (image) await showImage(main, decodeURIComponent(image[1]));
    else await showGrid(main, new URLSearchParams(query));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return;
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Could not load this page: ${err.message}`), h('p', {}, h('a', { href: '#/' }, 'Back to the originals')));
  }
}

document.getElementById('logout').addEventListener('click', () => {
  session.clear();
  history.replaceState(null, '', '#/');
  route();
  announce('Logged out.');
});
window.addEventListener('pictor:unauthorized', e => {
  session.clear();
  showSession();
  showLogin(`The service no longer accepts this key (${e.detail}). Log in again.`);
});
// The hash is the router's: the skip link moves the focus itself.
document.querySelector('.skip').addEventListener('click', e => { e.preventDefault(); main.focus(); });
window.addEventListener('hashchange', route);
route();
