// The committee's dashboard: plain ES modules, hash routes, one module per tab under tabs/, loaded when opened.
// A new tab is one file exporting `default async function (params, context, ...pathParts)` and one line in TABS.
import { ApiError, TOKEN_KEY } from './lib/api.js';
import { live } from './lib/live.js';
import { ROLES, claims, heading, roles, subdistrictWide } from './lib/session.js';
import { disposeCharts, el, page } from './lib/ui.js';

/** route → the tab's module and its label in the navigation (none: reached by a link, not the menu). */
const TABS = [
  { route: '', nav: 'overview', label: '总览', module: './tabs/overview.js' },
  { route: 'attendance', nav: 'attendance', label: '学习日出勤', module: './tabs/attendance.js' },
  { route: 'transition', nav: 'transition', label: '返迁过渡期', module: './tabs/transition.js' },
  { route: 'dual', nav: 'dual', label: '双重管理', module: './tabs/dual.js' },
  { route: 'care', nav: 'care', label: '关爱帮扶', module: './tabs/care.js' },
  { route: 'dues', nav: 'dues', label: '党费', module: './tabs/dues.js' },
  { route: 'warnings', nav: 'warnings', label: '预警', module: './tabs/warnings.js' },
  { route: 'search', nav: 'search', label: '党员查询', module: './tabs/search.js' },
  { route: 'member', nav: 'member', module: './tabs/member.js' },
  { route: 'evaluation', nav: 'evaluation', label: '民主评议', module: './tabs/evaluation.js' },
  { route: 'suggestions', nav: 'suggestions', label: '建言', module: './tabs/suggestions.js' },
  { route: 'orglife', nav: 'orglife', label: '组织生活', module: './tabs/orglife.js' },
  { route: 'notices', nav: 'notices', label: '通知', module: './tabs/notices.js' },
  { route: 'points', nav: 'points', label: '积分', module: './tabs/points.js' },
];
const SIGN_IN = './tabs/signin.js';

let current = '';

function showHeader() {
  const c = claims();
  document.getElementById('title').textContent = `${c ? heading() : '青龙街道党工委'} · 党员教育管理看板`;
  document.getElementById('nav').replaceChildren(...(c ? TABS.filter(t => t.label)
    .map(t => el('a', { href: '#/' + t.route, 'data-nav': t.nav, class: t.nav === current ? 'active' : null }, t.label)) : []));
  const who = document.getElementById('who');
  if (!c) { who.replaceChildren(); return; }
  who.replaceChildren(`${c.preferred_username || c.name || c.sub}（${roles().map(r => ROLES[r] || '其他角色').join('、')}） `,
    el('a', { href: '#/', id: 'sign-out', onclick: signOut }, '退出'), ' ',
    el('a', { href: '#', id: 'print', onclick: e => { e.preventDefault(); window.print(); } }, '打印'), ' ',
    el('a', { href: '#', id: 'big-screen', onclick: bigScreen }, '大屏'));
}

// 大屏: the meeting room's display, full screen, going round the key figures and charts on its own
const ROTATION = ['#/', '#/attendance', '#/transition', '#/warnings'];
let rotation = null;

function bigScreen(event) {
  event.preventDefault();
  if (rotation) { stopBigScreen(); return; }
  document.body.classList.add('big-screen');
  if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
  let next = 0;
  rotation = setInterval(() => { next = (next + 1) % ROTATION.length; location.hash = ROTATION[next]; }, 20000);
  location.hash = ROTATION[0];
}

function stopBigScreen() {
  clearInterval(rotation);
  rotation = null;
  document.body.classList.remove('big-screen');
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
}
document.addEventListener('fullscreenchange', () => { if (!document.fullscreenElement && rotation) stopBigScreen(); });

/** Sign-out forgets the token and the address, so whoever sits down next starts at the sign-in, not on this page. */
function signOut(event) {
  event.preventDefault();
  sessionStorage.removeItem(TOKEN_KEY);
  live.stop();
  if (rotation) stopBigScreen();
  history.replaceState(null, '', location.pathname);
  navigate();
}

function navigate(extra) {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query || '');
  Object.entries(extra || {}).forEach(([k, v]) => params.set(k, v));
  return render(path, params, !!extra);
}

async function render(path, params, refresh) {
  showHeader();
  if (!sessionStorage.getItem(TOKEN_KEY)) { // nothing but the sign-in until there is a token
    live.stop();
    const signIn = (await import(SIGN_IN)).default;
    await signIn(params, { signedIn: () => navigate() });
    document.body.dataset.ready = 'signin';
    return;
  }
  const [name, ...rest] = path.split('/');
  const tab = TABS.find(t => t.route === name) || TABS[0];
  if (tab.nav !== 'overview') live.stop();
  current = tab.nav;
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.nav === tab.nav));
  const started = performance.now();
  if (!refresh) { // a live refresh keeps the page on screen until the new one replaces it
    delete document.body.dataset.ready;
    page().replaceChildren(el('p', { class: 'muted' }, '加载中…'));
  }
  disposeCharts();
  const context = {
    follow: position => { if (subdistrictWide()) live.follow(position, p => navigate({ minPosition: p })); }, // the stream is not scoped
  };
  try {
    const handler = (await import(tab.module)).default;
    await handler(params, context, ...rest.map(decodeURIComponent));
    showHeader(); // the tab has read the tree: the heading names the person's organisation
    page().dataset.printed = new Date().toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
    document.body.dataset.ms = String(Math.round(performance.now() - started)); // time to data, for the suite's note
    document.body.dataset.ready = tab.nav;
    document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { // expired or foreign token: sign in again
      sessionStorage.removeItem(TOKEN_KEY);
      navigate();
      return;
    }
    const text = e instanceof ApiError && (e.status === 403 || (e.status === 404 && !subdistrictWide()))
      ? '无权查看：不在您所辖组织的范围内。'
      : e instanceof ApiError ? e.message : '页面出错，请刷新后重试。';
    page().replaceChildren(el('p', { class: 'error', id: 'page-error' }, text));
    document.body.dataset.ready = 'error';
  }
}

window.addEventListener('hashchange', () => navigate());
navigate();
