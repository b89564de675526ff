// What every tab builds with: DOM nodes, the glossary, tables (cards on a phone) with Excel export, and charts.
import { api } from './api.js';
import { orgName, scope } from './session.js';

export const WORDS = {
  level: { COMMITTEE: '街道党工委', GENERAL_BRANCH: '党总支', BRANCH: '党支部', GROUP: '党小组' },
  setting: { URBAN_COMMUNITY: '纯城市社区', RELOCATING_VILLAGE: '动迁村', RESETTLEMENT_COMMUNITY: '安置社区' },
  groupKind: { TRANSITION: '拆迁过渡期党小组', BUILDING: '楼栋党小组', AREA: '片区' },
  residence: { ORIGINAL: '原村居住', TRANSITION: '返迁过渡期', RESETTLED: '安置社区', URBAN: '城市社区' },
  mode: { NEARBY: '就近参学', HOME_DELIVERY: '上门送学', ONLINE: '网络共学' },
  need: { POOR: '困难', ELDERLY: '老党员', JOB_SEEKING: '就业困难', FRAIL: '体弱多病', DISABLED_LOW_INCOME: '残疾低保', EMPTY_NEST: '高龄空巢' },
  visit: { CARE_VISIT: '走访', CONDOLENCE: '慰问', PAIRED_ASSISTANCE: '结对帮扶', TALK: '谈心谈话' },
  category: { RETIRED: '离退休', EMPLOYED: '在职', UNEMPLOYED: '待就业', FARMER: '农民', NON_PUBLIC_ENTERPRISE: '非公企业', NEW_ORGANIZATION: '两新组织', FLOATING: '流动党员' },
  gender: { M: '男', F: '女' },
  status: { ACTIVE: '在册', ENDED: '已出党籍' },
  rating: { EXCELLENT: '优秀', QUALIFIED: '合格', BASICALLY_QUALIFIED: '基本合格', UNQUALIFIED: '不合格' },
  outcome: { ATTENDED: '已参学', EXCUSED: '请假', MADE_UP: '已补学', LEFT_BEHIND: '掉队（未参学）' },
  channel: { WECHAT: '微信', SMS: '短信', PHONE: '电话', IN_PERSON: '上门', PAPER: '纸质' },
  meetingKind: { BRANCH_CONGRESS: '支部党员大会', BRANCH_COMMITTEE: '支委会', GROUP_MEETING: '党小组会', PARTY_LECTURE: '党课',
    ORGANIZATIONAL_LIFE: '组织生活会', DEMOCRATIC_APPRAISAL: '民主评议党员大会' },
};
export const word = (kind, code) => (code == null ? '' : (WORDS[kind][code] || code));
export const words = (kind, codes) => (codes || []).map(c => word(kind, c)).join('、');
// rates come with four decimals: round their basis points half up to tenths of a percent, in integers
export const percent = v => (v == null ? '—' : (Math.floor((Math.round(Number(v) * 10000) + 5) / 10) / 10).toFixed(1) + '%');

/** Fen as yuan with two decimals. */
export const yuan = fen => (Number(fen) / 100).toFixed(2);

/** An instant as a person in Qinglong reads it: Beijing time, to the minute. */
export function beijing(instant) {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Today in Beijing as YYYY-MM-DD. */
export const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Last month in Beijing as YYYY-MM. */
export function lastMonth() {
  const [y, m] = today().split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const page = () => document.getElementById('page');

export const memberLink = (id, name) => el('a', { href: '#/member/' + encodeURIComponent(id), 'data-member': id }, name || '（未命名）');

/** A figure of the key-figure strip: a number, what it counts, and the list it comes from. */
export const figure = (id, label, value, href, note) => el(href ? 'a' : 'div', { class: 'figure', id, href },
  el('b', {}, value), el('span', {}, label), note ? el('small', {}, note) : null);

// ---- tables: every table can be exported to .xlsx by the server (POST /api/exports) ----
/**
 * columns: [{header, value: row => cell (text or number, for the sheet), render?: row => node (for the page),
 * screen?: false (only in the sheet)}]. Below 600 px wide each row reads as a card, each cell labelled by its header.
 */
export function table(title, columns, rows, { rowClass, id, empty = '无' } = {}) {
  const shown = columns.filter(c => c.screen !== false);
  const body = rows.map(row => el('tr', { class: rowClass ? rowClass(row) : null },
    shown.map(c => el('td', { 'data-label': c.header }, c.render ? c.render(row) : (c.value(row) ?? '')))));
  const status = el('span', { class: 'muted export-status' });
  const button = el('button', {
    class: 'export', type: 'button', 'data-export': title,
    onclick: () => {
      status.textContent = '';
      exportTable(title, columns, rows).catch(e => { status.textContent = '导出失败：' + e.message; });
    },
  }, '导出 Excel');
  return el('section', { class: 'table-section', id },
    el('div', { class: 'toolbar' }, el('strong', {}, title), el('span', { class: 'muted count' }, `共 ${rows.length} 条`), button, status),
    rows.length ? el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, shown.map(c => el('th', {}, c.header)))),
      el('tbody', {}, body))) : el('p', { class: 'muted empty' }, empty));
}

/** An empty cell is null; text a spreadsheet could take for a formula is sent as text (see sheetText). */
const cellValue = v => (v === undefined || v === '' ? null : sheetText(v));

/** The organisation a page shows (its org or branch parameter, else a scoped person's own): the title row names it. */
function organizationInView() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const id = params.get('org') || params.get('branch') || (scope().length === 1 ? scope()[0] : null);
  return id ? orgName(id) : null;
}

export async function download(response, fileName) {
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A text cell a spreadsheet could take for a formula (=, +, -, @, or a leading tab or CR) is sent as text: a leading
// apostrophe (the server does the same to whatever reaches it).
const FORMULA_START = /^[=+\-@\t\r]/;
function sheetText(v) {
  return typeof v === 'string' && FORMULA_START.test(v) ? "'" + v : v;
}

export async function exportTable(title, columns, rows) {
  const payload = {
    title,
    organization: organizationInView(),
    columns: columns.map(c => sheetText(c.header)),
    rows: rows.map(row => columns.map(c => cellValue(c.value(row)))),
  };
  const response = await api('/exports', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload),
  });
  await download(response, title + '.xlsx');
}

// ---- charts: the library (1 MB) is fetched the first time a tab draws one ----
let charts = [];
let library = null;

function echartsLoaded() {
  if (window.echarts) return Promise.resolve(window.echarts);
  library = library || new Promise((resolve, reject) => {
    document.head.append(el('script', {
      src: 'webjars/echarts/5.3.1/dist/echarts.min.js',
      onload: () => resolve(window.echarts), onerror: () => reject(new Error('图表组件加载失败')),
    }));
  });
  return library;
}

export const narrow = () => window.innerWidth < 600;

/** A label cut to fit: at most `max` characters, the rest as an ellipsis (the tooltip has the whole name). */
export const fit = (text, max) => (text && text.length > max ? text.slice(0, max - 1) + '…' : text);

export async function chart(container, option) {
  const echarts = await echartsLoaded();
  if (!container.isConnected) return null;
  const instance = echarts.init(container);
  instance.setOption({ textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' }, ...option });
  charts.push(instance);
  return instance;
}

export function disposeCharts() {
  charts.forEach(c => c.dispose());
  charts = [];
}
window.addEventListener('resize', () => charts.forEach(c => c.resize()));

/** A list heading that folds on a tap (the pyramid, long lists on a phone). */
export const fold = (summary, open, ...content) => el('details', { class: 'fold', open }, el('summary', {}, summary), ...content);
