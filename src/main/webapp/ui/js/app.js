// The application shell: hash routes (#/…) to pages, the navigation, and the session's lifecycle.
import {h, render, notice} from './dom.js';
import {session, onSessionChange, logout, scheduleRefresh, ApiError} from './api.js';
import {loginPage} from './pages/login.js';
import {browsePage} from './pages/browse.js';
import {packagePage} from './pages/package.js';
import {publishPage} from './pages/publish.js';
import {accountPage} from './pages/account.js';
import {adminPage} from './pages/admin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const flash = document.getElementById('flash');
const menuToggle = document.getElementById('menu-toggle');

const routes = [
  {pattern: /^\/login$/, page: loginPage, open: true},
  {pattern: /^\/$/, page: browsePage},
  {pattern: /^\/packages\/([^/]+)\/([^/]+)$/, page: packagePage},
  {pattern: /^\/publish$/, page: publishPage},
  {pattern: /^\/account$/, page: accountPage},
  {pattern: /^\/admin(?:\/([a-z]+(?:-[a-z]+)*))?$/, page: adminPage, scope: 'admin'},
];

/** Shows a message above the page (kept for the next page when keep is true). */
export function showFlash(kind, message, keep = false) {
  flash.replaceChildren(message ? notice(kind, message) : '');
  flash.dataset.keep = keep ? '1' : '';
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, search] = raw.split('?');
  return {path, params: new URLSearchParams(search || '')};
}

function renderNav() {
  const user = session.user;
  const {path} = parseHash();
  const link = (href, label, match) => h('a', {href, 'aria-current': match ? 'page' : null}, label);
  const items = [];
  if (user) {
    items.push(link('#/', 'Packages', path === '/' || path.startsWith('/packages/')));
    if (session.hasScope('write')) items.push(link('#/publish', 'Publish', path === '/publish'));
    items.push(link('#/account', 'Account', path === '/account'));
    if (session.hasScope('admin')) items.push(link('#/admin', 'Admin', path.startsWith('/admin')));
    items.push(h('span', {class: 'whoami'}, `Signed in as ${user.username}`));
    items.push(h('button', {type: 'button', class: 'btn btn-small', id: 'logout', onclick: async () => {
      await logout();
      showFlash('info', 'You are signed out.', true);
      navigate('#/login');
    }}, 'Sign out'));
  } else {
    items.push(link('#/login', 'Sign in', path === '/login'));
  }
  nav.replaceChildren(...items);
}

async function route() {
  const {path, params} = parseHash();
  if (flash.dataset.keep) flash.dataset.keep = '';
  else showFlash(null, null);
  nav.classList.remove('open');
  menuToggle.setAttribute('aria-expanded', 'false');
  const match = routes.map((r) => ({r, m: r.pattern.exec(path)})).find((x) => x.m);
  renderNav();
  if (!match) {
    render(main, h('h1', {}, 'Page not found'), h('p', {}, h('a', {href: '#/'}, 'Go to the package list')));
    return;
  }
  if (!match.r.open && !session.token) {
    const back = location.hash && location.hash !== '#/login' ? location.hash : '';
    location.replace(`#/login${back ? `?next=${encodeURIComponent(back)}` : ''}`);
    return;
  }
  if (match.r.scope && !session.hasScope(match.r.scope)) {
    render(main, h('h1', {}, 'Not allowed'), notice('error', `This page needs the ${match.r.scope} scope.`));
    return;
  }
  const ctx = {main, params, navigate, showFlash, args: match.m.slice(1).map((x) => (x === undefined ? x : decodeURIComponent(x)))};
  try {
    await match.r.page(ctx);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return; // the session listener has taken over
    render(main, h('h1', {}, 'Something went wrong'), notice('error', e.message || String(e)));
  }
}

onSessionChange((reason) => {
  renderNav();
  if (reason === 'expired') {
    showFlash('warn', 'Your session has expired or is no longer valid. Please sign in again.', true);
    const back = location.hash && !location.hash.startsWith('#/login') ? location.hash : '';
    navigate(`#/login?expired=1${back ? `&next=${encodeURIComponent(back)}` : ''}`);
  }
  if (reason === 'saved') scheduleRefresh();
});

menuToggle.addEventListener('click', () => {
  const open = nav.classList.toggle('open');
  menuToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
});

window.addEventListener('hashchange', route);
scheduleRefresh();
route();
