'use strict';
// The committee's dashboard: plain JavaScript, hash routes, the query side's API, ECharts served from /webjars.

// ---- the one way to the API: adds the bearer token kept in sessionStorage when there is one ----
const TOKEN_KEY = 'dangjian.token';

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
  }
}

async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    headers.set('Authorization', 'Bearer ' + token);
  }
  const response = await fetch('/api' + path, { ...options, headers });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch (ignored) { /* not problem+json */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}

// ---- sign-in: a token from the local demo key (loopback only) or pasted from the configured issuer ----
const ROLES = { COMMITTEE: '街道党工委', AUDITOR: '审计', BRANCH_SECRETARY: '党支部书记', GROUP_LEADER: '党小组长' };
const SCOPED = ['BRANCH_SECRETARY', 'GROUP_LEADER'];

function tokenRoles() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const claims = token && tokenClaims(token);
  return (claims && (claims.roles || (claims.realm_access && claims.realm_access.roles))) || [];
}

function tokenClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (ignored) {
    return null;
  }
}

function showWho() {
  const who = document.getElementById('who');
  const token = sessionStorage.getItem(TOKEN_KEY);
  const claims = token && tokenClaims(token);
  if (!claims) {
    who.replaceChildren();
    return;
  }
  const roles = tokenRoles().map(r => ROLES[r] || r).join('、');
  who.replaceChildren(`${claims.preferred_username || claims.sub}（${roles}） `,
    el('a', { href: '#/', id: 'sign-out', onclick: event => {
      event.preventDefault();
      sessionStorage.removeItem(TOKEN_KEY);
      live.stop();
      navigate();
    } }, '退出'));
}

async function signIn() {
  live.stop();
  const role = el('select', { id: 'sign-in-role' },
    Object.entries(ROLES).map(([code, label]) => el('option', { value: code }, label)));
  const name = el('input', { id: 'sign-in-name', value: 'committee', maxlength: 64, size: 16 });
  const scope = el('input', { id: 'sign-in-scope', maxlength: 400, size: 24, placeholder: '如 ql-r3-b1（多个用逗号分隔）' });
  const scopeLabel = el('label', { hidden: true }, '所辖组织 ', scope);
  role.addEventListener('change', () => { scopeLabel.hidden = !SCOPED.includes(role.value); });
  const pasted = el('textarea', { id: 'sign-in-token', rows: 3, cols: 48, placeholder: 'eyJ…' });
  const message = el('p', { class: 'error', id: 'sign-in-error' });
  const use = token => {
    sessionStorage.setItem(TOKEN_KEY, token);
    showWho();
    navigate();
  };
  const local = async () => {
    message.textContent = '';
    const response = await fetch('/api/auth/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: role.value, subject: name.value.trim() || 'committee',
        orgScope: SCOPED.includes(role.value) ? scope.value.split(/[,，\s]+/).filter(Boolean) : [] }),
    });
    const answer = await response.json().catch(() => null);
    if (response.ok && answer && answer.access_token) use(answer.access_token);
    else message.textContent = '本地演示登录不可用：' + ((answer && answer.detail) || ('HTTP ' + response.status))
      + '。请粘贴身份认证服务签发的令牌。';
  };
  page().replaceChildren(el('section', { class: 'sign-in' },
    el('h2', {}, '登录'),
    el('p', { class: 'muted' }, '街道党工委和审计人员查看全街道；党支部书记、党小组长只看到所辖组织的党员。'),
    el('h3', {}, '本地演示（仅限本机访问、使用内置签名密钥时）'),
    el('p', {}, el('label', {}, '角色 ', role), ' ', el('label', {}, '姓名 ', name), ' ', scopeLabel, ' ',
      el('button', { id: 'sign-in-local', onclick: local }, '登录')),
    el('h3', {}, '使用身份认证服务（如 Keycloak）签发的令牌'),
    el('p', {}, pasted),
    el('p', {}, el('button', { id: 'sign-in-paste', onclick: () => pasted.value.trim() && use(pasted.value.trim()) },
      '使用此令牌')),
    message));
}

async function json(path) {
  return (await api(path)).json();
}

/** Every page of a list view (500 a page, the API's largest). */
async function all(path) {
  const sep = path.includes('?') ? '&' : '?';
  let page = 0;
  let first = null;
  const items = [];
  for (;;) {
    const answer = await json(`${path}${sep}page=${page}&size=500`);
    first = first || answer;
    items.push(...answer.items);
    if (items.length >= answer.total || answer.items.length === 0) break;
    page++;
  }
  return { ...first, items };
}

// ---- words (DOMAIN.md's glossary, as the shared kernel's enums name them) ----
const WORDS = {
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
  event: {
    MemberRegistered: '登记入册', ContactCardUpdated: '更新联系卡（六个清）', MemberRelocated: '拆迁进入过渡期',
    MemberJoinedTransitionGroup: '加入过渡期党小组', MemberLeftTransitionGroup: '离开过渡期党小组',
    StudyModeAssigned: '确定参学方式', MemberAttendedStudyDay: '参加固定学习日', StudyAbsenceExcused: '学习日请假',
    MemberTransferredToResettlementCommunity: '迁入安置社区', DualManagementEstablished: '实行双重管理',
    DualManagementEnded: '结束双重管理', OrganizationalRelationTransferred: '转接组织关系', CareNeedsRecorded: '登记帮扶需求',
    MemberVisitedByHelper: '关爱帮扶走访', DuesPaid: '交纳党费', ContactLost: '失去联系', ContactRestored: '恢复联系',
    HouseholdsLinked: '联系群众户', VanguardActivityRecorded: '发挥先锋作用', EvaluationRecorded: '民主评议',
    MembershipEnded: '党籍终止',
  },
};
const word = (kind, code) => (code == null ? '' : (WORDS[kind][code] || code));
const words = (kind, codes) => (codes || []).map(c => word(kind, c)).join('、');
// rates come with four decimals: round their basis points half up to tenths of a percent, in integers
const percent = v => (v == null ? '—' : (Math.floor((Math.round(Number(v) * 10000) + 5) / 10) / 10).toFixed(1) + '%');

// ---- small DOM helpers ----
function el(tag, attrs = {}, ...children) {
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

const page = () => document.getElementById('page');
let charts = [];

function chart(container, option) {
  const instance = echarts.init(container);
  instance.setOption({ textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' }, ...option });
  charts.push(instance);
  return instance;
}
window.addEventListener('resize', () => charts.forEach(c => c.resize()));

// ---- organisations: names and the tree, read once per page ----
let tree = null;
const orgNames = new Map();

function useTree(answer) {
  tree = answer;
  orgNames.clear();
  const walk = node => { orgNames.set(node.id, node.name); node.children.forEach(walk); };
  tree.roots.forEach(walk);
}

async function loadTree() {
  useTree(await json('/organizations/tree'));
}
const orgName = id => (id == null ? '' : (orgNames.get(id) || id));

function branches() {
  const result = [];
  const walk = node => { if (node.level === 'BRANCH') result.push(node); node.children.forEach(walk); };
  (tree ? tree.roots : []).forEach(walk);
  return result;
}

// ---- tables: every table can be exported to .xlsx by the server (POST /api/exports) ----
/**
 * columns: [{header, value: row => cell (text or number, for the sheet), render?: row => node (for the page)}]
 */
function table(title, columns, rows, { rowClass, id } = {}) {
  const body = rows.map(row => el('tr', { class: rowClass ? rowClass(row) : null },
    columns.map(c => el('td', {}, c.render ? c.render(row) : (c.value(row) ?? '')))));
  const status = el('span', { class: 'muted export-status' });
  const button = el('button', {
    class: 'export', type: 'button', 'data-export': title,
    onclick: () => {
      status.textContent = '';
      exportTable(title, columns, rows).catch(e => { status.textContent = '导出失败：' + e.message; });
    },
  }, '导出 Excel');
  return el('section', { class: 'table-section', id },
    el('div', { class: 'toolbar' }, el('strong', {}, title), el('span', { class: 'muted' }, `共 ${rows.length} 条`), button, status),
    el('div', { class: 'table-wrap' }, el('table', {},
      el('thead', {}, el('tr', {}, columns.map(c => el('th', {}, c.header)))),
      el('tbody', {}, body))));
}

// A text cell a spreadsheet could take for a formula (=, +, -, @, or a leading tab or CR) is sent as text: a leading
// apostrophe (the server does the same to whatever reaches it).
const FORMULA_START = /^[=+\-@\t\r]/;
function sheetText(v) {
  return typeof v === 'string' && FORMULA_START.test(v) ? "'" + v : v;
}

async function exportTable(title, columns, rows) {
  const payload = {
    title,
    columns: columns.map(c => sheetText(c.header)),
    rows: rows.map(row => columns.map(c => { const v = c.value(row); return v === undefined || v === '' ? null : sheetText(v); })),
  };
  const response = await api('/exports', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload),
  });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: title + '.xlsx' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const memberLink = (id, name) => el('a', { href: '#/member/' + encodeURIComponent(id), 'data-member': id }, name || id);

// ---- pages ----
async function overview(params) {
  const scope = params.get('org') || '';
  const query = scope ? '?organizationId=' + encodeURIComponent(scope) : '';
  const minPosition = params.get('minPosition');
  const suffix = minPosition ? (query ? '&' : '?') + 'minPosition=' + minPosition : '';
  const [difficulties, response] = await Promise.all([
    json('/dashboard/difficulties' + query + suffix),
    api('/organizations/tree' + (minPosition ? '?minPosition=' + minPosition : '')),
  ]);
  useTree(await response.json());
  const position = Number(response.headers.get('X-View-Position') || 0);

  const cards = difficulties.items.map(i => el('div', { class: 'card', 'data-indicator': i.difficulty },
    el('div', { class: 'label' }, i.label),
    el('div', { class: 'value' }, percent(i.value)),
    el('div', { class: 'bar' }, el('span', { style: `width:${Math.round((Number(i.value) || 0) * 100)}%` })),
    el('div', { class: 'detail' }, el('span', { class: 'numerator' }, i.numerator), ' / ',
      el('span', { class: 'denominator' }, i.denominator))));

  const node = n => el('li', {},
    el('span', { class: 'node', 'data-org': n.id },
      n.level === 'BRANCH' ? el('a', { href: '#/attendance?branch=' + encodeURIComponent(n.id), class: 'org-link' }, n.name)
        : n.level === 'GROUP' ? el('span', {}, n.name)
          : el('a', { href: '#/?org=' + encodeURIComponent(n.id), class: 'org-link' }, n.name),
      el('span', { class: 'kind' }, n.level === 'GROUP' ? word('groupKind', n.groupKind) || word('level', n.level)
        : n.setting ? word('setting', n.setting) : word('level', n.level)),
      el('span', { class: 'count' }, '党员 ', el('b', { class: 'members' }, n.members),
        ' · 60岁以上 ', el('b', { class: 'aged60' }, n.aged60Plus))),
    n.children.length ? el('ul', {}, n.children.map(node)) : null);

  const treeRows = [];
  const flatten = (n, depth) => { treeRows.push({ ...n, depth }); n.children.forEach(c => flatten(c, depth + 1)); };
  tree.roots.forEach(r => flatten(r, 0));

  page().replaceChildren(
    el('h2', {}, '八难指标', scope ? `：${difficulties.name || orgName(scope)}` : '：全街道'),
    el('p', { class: 'muted' }, `在册党员 ${difficulties.activeMembers} 名，统计日 ${difficulties.asOf}。`,
      scope ? el('a', { href: '#/' }, ' 返回全街道') : null),
    el('div', { class: 'cards', id: 'difficulties' }, cards),
    el('h2', {}, '组织架构（金字塔）'),
    el('div', { class: 'totals' },
      el('span', {}, '党员 ', el('b', { id: 'total-members' }, tree.members), ' 名'),
      el('span', {}, '60岁以上 ', el('b', { id: 'total-aged60' }, tree.aged60Plus), ' 名')),
    el('p', { class: 'muted' }, '点击党总支查看其八难指标，点击党支部查看其学习日出勤与掉队名单。'),
    el('div', { class: 'tree' }, el('ul', {}, tree.roots.map(node))),
    table('组织架构', [
      { header: '组织', value: r => '　'.repeat(r.depth) + r.name },
      { header: '层级', value: r => word('level', r.level) },
      { header: '类型', value: r => (r.groupKind ? word('groupKind', r.groupKind) : word('setting', r.setting)) },
      { header: '党员数', value: r => r.members },
      { header: '60岁以上', value: r => r.aged60Plus },
    ], treeRows),
    table('八难指标', [
      { header: '难点', value: i => i.label },
      { header: '指标值', value: i => (i.value == null ? null : Number(i.value)), render: i => percent(i.value) },
      { header: '分子', value: i => i.numerator },
      { header: '分母', value: i => i.denominator },
    ], difficulties.items));
  if (tokenRoles().some(r => r === 'COMMITTEE' || r === 'AUDITOR')) { // the event stream is not scoped
    live.follow(position, p => navigate({ minPosition: p }));
  }
}

async function attendance(params) {
  await loadTree();
  const list = branches();
  const branch = params.get('branch') || '';
  const byMonth = await json('/attendance/rates?by=month' + (branch ? '&branchId=' + encodeURIComponent(branch) : ''));
  const byMode = await json('/attendance/rates?by=mode' + (branch ? '&branchId=' + encodeURIComponent(branch) : ''));
  const byBranch = await json('/attendance/rates?by=branch');
  const select = el('select', {
    id: 'branch-select',
    onchange: e => { location.hash = '#/attendance' + (e.target.value ? '?branch=' + encodeURIComponent(e.target.value) : ''); },
  }, el('option', { value: '' }, '全部支部'), list.map(b => el('option', { value: b.id, selected: b.id === branch }, b.name)));

  const monthChart = el('div', { class: 'chart', id: 'chart-month' });
  const modeChart = el('div', { class: 'chart', id: 'chart-mode' });
  const parts = [
    el('h2', {}, '学习日出勤率', branch ? `：${orgName(branch)}` : '：全街道'),
    el('div', { class: 'toolbar' }, el('label', {}, '支部 ', select)),
    el('div', { class: 'grid2' }, monthChart, modeChart),
  ];
  const monthRows = byMonth.items;
  let matrix = null;
  const modeRows = byMode.items;
  if (branch) {
    const days = await json('/study-days?branchId=' + encodeURIComponent(branch));
    const chosen = params.get('day') || (days.items.find(d => !d.cancelled) || {}).studyDayId;
    const daySelect = el('select', {
      id: 'day-select',
      onchange: e => { location.hash = `#/attendance?branch=${encodeURIComponent(branch)}&day=${encodeURIComponent(e.target.value)}`; },
    }, days.items.map(d => el('option', { value: d.studyDayId, selected: d.studyDayId === chosen },
      `${d.date} ${d.topic || ''}${d.cancelled ? '（已取消）' : ''}`)));
    parts.push(el('h2', {}, '掉队名单（零掉队）'), el('div', { class: 'toolbar' }, el('label', {}, '学习日 ', daySelect)));
    if (chosen) {
      const day = await json('/study-days/' + encodeURIComponent(chosen) + '/attendance');
      const roster = await all('/members?dailyBranchId=' + encodeURIComponent(branch));
      const byId = new Map(roster.items.map(m => [m.memberId, m]));
      // a member who has moved since the study day is no longer on the branch's roster: read them one by one
      const behind = await Promise.all(day.leftBehind.map(id => byId.get(id)
        || json('/members/' + encodeURIComponent(id)).catch(() => ({ memberId: id }))));
      parts.push(el('p', { id: 'day-figures' },
        `应参学 ${day.expected} 人，实到 ${day.attended} 人（`,
        Object.entries(day.byMode).map(([m, n]) => `${word('mode', m)} ${n}`).join('，'),
        `），请假 ${day.excused} 人，掉队 `, el('b', { id: 'left-behind-count' }, day.leftBehind.length), ' 人。'),
      table(`掉队名单 ${orgName(branch)} ${day.date}`.slice(0, 31), [
        { header: '党员编号', value: m => m.memberId },
        { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
        { header: '年龄', value: m => m.age },
        { header: '居住状态', value: m => word('residence', m.residence && m.residence.status) },
        { header: '参学方式', value: m => word('mode', m.studyMode) },
      ], behind, { id: 'left-behind' }));
    }
  } else {
    parts.push(el('p', { class: 'muted' }, '选择一个支部（或点击下表中的支部），查看其各次学习日的掉队名单。'));
    const perBranch = await Promise.all(list.map(b =>
      json('/attendance/rates?by=month&branchId=' + encodeURIComponent(b.id)).then(r => ({ branch: b, rows: r.items }))));
    const months = [...new Set(perBranch.flatMap(p => p.rows.map(r => r.key)))].sort();
    const rateOf = (p, month) => { const row = p.rows.find(r => r.key === month); return row && row.rate != null ? Number(row.rate) : null; };
    matrix = { perBranch, months, rateOf };
    parts.push(el('h2', {}, '各支部按月出勤率'),
      el('div', { class: 'chart', id: 'chart-branch-month', style: `height:${Math.max(240, 60 + 24 * perBranch.length)}px` }),
      table('各支部按月出勤率', [
        { header: '支部', value: p => p.branch.name, render: p => el('a', { href: '#/attendance?branch=' + encodeURIComponent(p.branch.id) }, p.branch.name) },
        ...months.map(month => ({ header: month, value: p => rateOf(p, month), render: p => percent(rateOf(p, month)) })),
      ], perBranch, { id: 'branch-month' }));
  }
  parts.push(table('各支部出勤率', [
    { header: '支部', value: r => orgName(r.key), render: r => el('a', { href: '#/attendance?branch=' + encodeURIComponent(r.key) }, orgName(r.key)) },
    { header: '应参学人次', value: r => r.expected },
    { header: '实到人次', value: r => r.attended },
    { header: '出勤率', value: r => (r.rate == null ? null : Number(r.rate)), render: r => percent(r.rate) },
  ], byBranch.items, { id: 'by-branch' }),
  table('按月出勤率', [
    { header: '月份', value: r => r.key },
    { header: '应参学人次', value: r => r.expected },
    { header: '实到人次', value: r => r.attended },
    { header: '出勤率', value: r => (r.rate == null ? null : Number(r.rate)), render: r => percent(r.rate) },
  ], monthRows),
  table('按参学方式', [
    { header: '参学方式', value: r => word('mode', r.key) },
    { header: '应参学人次', value: r => r.expected },
    { header: '该方式参学人次', value: r => r.attended },
    { header: '占比', value: r => (r.rate == null ? null : Number(r.rate)), render: r => percent(r.rate) },
  ], modeRows));
  page().replaceChildren(...parts);
  chart(monthChart, {
    title: { text: '按月出勤率', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', valueFormatter: v => v + '%' },
    xAxis: { type: 'category', data: monthRows.map(r => r.key) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ type: 'line', name: '出勤率', data: monthRows.map(r => r.rate == null ? null : +(r.rate * 100).toFixed(1)), label: { show: true, formatter: '{c}%' } }],
  });
  if (matrix) {
    const { perBranch, months, rateOf } = matrix;
    chart(document.getElementById('chart-branch-month'), {
      tooltip: { formatter: p => `${perBranch[p.value[1]].branch.name} ${months[p.value[0]]}：${p.value[2]}%` },
      grid: { left: 170, right: 20, top: 10, bottom: 70 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'category', data: perBranch.map(p => p.branch.name), inverse: true },
      visualMap: { min: 50, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fbe3d6', '#c0392b'] } },
      series: [{
        type: 'heatmap', label: { show: true, formatter: p => p.value[2] + '%' },
        data: perBranch.flatMap((p, y) => months.map((m, x) => [x, y, rateOf(p, m)]))
          .filter(d => d[2] != null).map(([x, y, r]) => [x, y, +(r * 100).toFixed(1)]),
      }],
    });
  }
  chart(modeChart, {
    title: { text: '三种参学方式', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: modeRows.map(r => ({ name: word('mode', r.key), value: r.attended })), label: { formatter: '{b}\n{c} 人次' } }],
  });
}

async function transition() {
  await loadTree();
  const answer = await all('/transition');
  const s = answer.summary;
  const areaChart = el('div', { class: 'chart', id: 'chart-area' });
  const groupChart = el('div', { class: 'chart', id: 'chart-group' });
  page().replaceChildren(
    el('h2', {}, '返迁过渡期党员'),
    el('div', { class: 'totals' },
      el('span', {}, '过渡期党员 ', el('b', { id: 'transition-total' }, s.total), ' 名'),
      el('span', {}, '未编入党小组 ', el('b', { id: 'transition-no-group' }, s.inNoGroup), ' 名'),
      el('span', {}, '60岁以上 ', el('b', {}, s.aged60Plus), ' 名'),
      el('span', {}, '最年长 ', el('b', {}, s.oldestAge ?? '—'), ' 岁')),
    el('div', { class: 'grid2' }, areaChart, groupChart),
    el('p', { class: 'muted' }, '橙色标出的党员尚未编入任何过渡期党小组。'),
    table('过渡期党员', [
      { header: '党员编号', value: m => m.memberId },
      { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
      { header: '年龄', value: m => m.age },
      { header: '原支部', value: m => orgName(m.branchId) },
      { header: '片区', value: m => (m.areaId ? orgName(m.areaId) : '未划片') },
      { header: '过渡期党小组', value: m => (m.groupId ? orgName(m.groupId) : '未编入党小组') },
      { header: '过渡住址', value: m => m.transitionAddress },
      { header: '拆迁日期', value: m => m.relocatedOn },
      { header: '过渡天数', value: m => m.daysWaiting },
    ], answer.items, { rowClass: m => (m.groupId ? null : 'no-group'), id: 'transition-table' }));
  const named = (map, none) => Object.entries(map).map(([k, v]) => ({ name: k === 'none' ? none : orgName(k), value: v }));
  const areas = named(s.byArea, '未划片');
  chart(areaChart, {
    title: { text: '按片区', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 110 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: areas.map(a => a.name) },
    series: [{ type: 'bar', data: areas.map(a => a.value), itemStyle: { color: '#c0392b' }, label: { show: true, position: 'right' } }],
  });
  chart(groupChart, {
    title: { text: '按过渡期党小组', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: '60%', data: named(s.byGroup, '未编入党小组'), label: { formatter: '{b}: {c}' } }],
  });
}

async function dual() {
  await loadTree();
  const answer = await all('/dual-management');
  const byCommunity = new Map();
  answer.items.forEach(m => {
    const key = m.communityId || 'none';
    if (!byCommunity.has(key)) byCommunity.set(key, []);
    byCommunity.get(key).push(m);
  });
  const columns = [
    { header: '党员编号', value: m => m.memberId },
    { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
    { header: '安置社区', value: m => orgName(m.communityId) },
    { header: '组织关系所在支部（原村）', value: m => orgName(m.originBranchId) },
    { header: '日常管理支部（居住地）', value: m => orgName(m.residenceBranchId) },
    { header: '楼栋党小组', value: m => orgName(m.buildingGroupId) },
    { header: '双重管理起始', value: m => m.since },
  ];
  page().replaceChildren(
    el('h2', {}, '双重管理'),
    el('p', { class: 'muted' }, `共 ${answer.total} 名党员实行双重管理：组织关系留在原村支部（重大事项、选举、集体经济），`,
      '日常教育管理由居住地支部负责。'),
    ...[...byCommunity.entries()].map(([community, members]) =>
      table(`${community === 'none' ? '未知社区' : orgName(community)}`.slice(0, 31), columns, members,
        { id: 'community-' + community })),
    table('按原村支部', [
      { header: '组织关系所在支部（原村）', value: r => orgName(r[0]) },
      { header: '双重管理党员数', value: r => r[1] },
    ], Object.entries(answer.byOriginBranch), { id: 'by-origin' }));
}

async function care(params) {
  await loadTree();
  const days = Number(params.get('days') || 90);
  const answer = await all('/care/overdue?days=' + days);
  const input = el('input', { type: 'number', min: 1, max: 3650, value: days, id: 'care-days', style: 'width:6rem' });
  page().replaceChildren(
    el('h2', {}, '关爱帮扶：超期未走访'),
    el('div', { class: 'toolbar' },
      el('label', {}, '超过 ', input, ' 天未走访'),
      el('button', { type: 'button', onclick: () => { location.hash = '#/care?days=' + encodeURIComponent(input.value); } }, '查询')),
    el('p', { class: 'muted' }, '有帮扶需求或80岁以上的党员；从未走访的排在最前，其余按距上次走访天数从多到少。'),
    table(`超期未走访（${days}天）`, [
      { header: '党员编号', value: m => m.memberId },
      { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
      { header: '年龄', value: m => m.age },
      { header: '日常管理支部', value: m => orgName(m.dailyBranchId) },
      { header: '帮扶需求', value: m => words('need', m.needs) + (m.aged80Plus ? (m.needs.length ? '、' : '') + '80岁以上' : '') },
      { header: '上次走访', value: m => m.lastVisitOn || '从未走访' },
      { header: '走访方式', value: m => word('visit', m.lastVisitKind) },
      { header: '距上次走访天数', value: m => m.daysSinceLastVisit },
    ], answer.items, { id: 'care-table' }));
}

function summary(type, p) {
  const parts = [];
  const add = (label, value) => { if (value != null && value !== '') parts.push(`${label}：${value}`); };
  switch (type) {
    case 'MemberRegistered': add('支部', orgName(p.branchId)); add('居住', word('residence', p.residence && p.residence.status)); break;
    case 'MemberRelocated': add('片区', orgName(p.areaId)); break;
    case 'MemberJoinedTransitionGroup': add('党小组', orgName(p.groupId)); break;
    case 'MemberLeftTransitionGroup': add('党小组', orgName(p.groupId)); add('原因', p.reason); break;
    case 'StudyModeAssigned': add('方式', word('mode', p.mode)); break;
    case 'MemberAttendedStudyDay': add('学习日', p.studyDayId); add('方式', word('mode', p.mode)); break;
    case 'StudyAbsenceExcused': add('学习日', p.studyDayId); break;
    case 'MemberTransferredToResettlementCommunity': add('社区', orgName(p.communityId)); add('居住地支部', orgName(p.residenceBranchId)); break;
    case 'DualManagementEstablished': add('原支部', orgName(p.originBranchId)); add('居住地支部', orgName(p.residenceBranchId)); break;
    case 'OrganizationalRelationTransferred': add('转入', orgName(p.toBranchId)); break;
    case 'CareNeedsRecorded': add('需求', words('need', p.needs)); break;
    case 'MemberVisitedByHelper': add('方式', word('visit', p.kind)); add('帮扶人', p.helperName); break;
    case 'DuesPaid': add('月份', p.period); add('金额', p.amountFen != null ? (p.amountFen / 100).toFixed(2) + ' 元' : null); break;
    case 'EvaluationRecorded': add('期间', p.period); add('等次', word('rating', p.rating)); break;
    default: break;
  }
  return parts.join('，');
}

async function member(params, id) {
  await loadTree();
  const m = await json('/members/' + encodeURIComponent(id));
  const history = await json('/members/' + encodeURIComponent(id) + '/history?size=1000');
  const kv = (label, value) => [el('dt', {}, label), el('dd', {}, value == null || value === '' ? '—' : value)];
  const entries = history.items.slice().reverse();
  page().replaceChildren(
    el('h2', {}, `党员：${m.name}`),
    el('dl', { class: 'kv', id: 'member-view' },
      kv('编号', m.memberId), kv('性别', word('gender', m.gender)), kv('年龄', m.age),
      kv('组织关系所在支部', orgName(m.branchId)), kv('日常管理支部', orgName(m.dailyBranchId)),
      kv('双重管理', m.dualManaged ? '是' : '否'),
      kv('居住状态', word('residence', m.residence && m.residence.status)),
      kv('安置社区', orgName(m.residence && m.residence.communityId)),
      kv('片区 / 党小组', [orgName(m.areaId), orgName(m.groupId), orgName(m.buildingGroupId)].filter(Boolean).join(' / ')),
      kv('参学方式', word('mode', m.studyMode)), kv('党员类别', words('category', m.categories)),
      kv('帮扶需求', words('need', m.needs)),
      kv('联系卡', m.contactCard ? (m.contactCard.complete ? '完整' : '不完整') + (m.contactCard.verifiedOn ? `（核实于 ${m.contactCard.verifiedOn}）` : '') : null),
      kv('上次走访', m.lastVisitOn), kv('上次参学', m.lastAttendanceOn), kv('党费交至', m.duesPaidThrough),
      kv('民主评议', word('rating', m.lastRating)), kv('状态', word('status', m.status))),
    el('h2', {}, `历史（共 ${history.total} 条事件，最新在上）`),
    el('ol', { class: 'timeline', id: 'timeline' }, entries.map(e => el('li', { 'data-type': e.type },
      el('span', { class: 'when' }, e.occurredAt || (e.recordedAt || '').slice(0, 10)),
      el('span', { class: 'what' }, word('event', e.type)),
      el('div', { class: 'how' }, summary(e.type, e.payload || {}), e.recordedBy ? `（记录人：${e.recordedBy}）` : '')))),
    table(`党员历史 ${m.name}`.slice(0, 31), [
      { header: '序号', value: e => e.sequence },
      { header: '日期', value: e => e.occurredAt },
      { header: '事件', value: e => word('event', e.type) },
      { header: '内容', value: e => summary(e.type, e.payload || {}) },
      { header: '记录人', value: e => e.recordedBy },
      { header: '记录时间', value: e => e.recordedAt },
    ], history.items));
}

// ---- live: the overview follows the event stream (SSE read through the same fetch wrapper) ----
const live = {
  controller: null,
  timer: null,
  label(text) { document.getElementById('live').textContent = text; },
  stop() {
    if (this.controller) this.controller.abort();
    this.controller = null;
    clearTimeout(this.timer);
    this.label('实时：未连接');
  },
  /** Reads events after `position`; a second later than the last of a burst, calls `refresh(lastPosition)`. */
  follow(position, refresh) {
    if (this.controller) return; // already following; the refresh re-rendered the same page
    const controller = new AbortController();
    this.controller = controller;
    let last = position;
    const connect = async () => {
      try {
        const response = await api('/events/stream?after=' + last, { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
        this.label('实时：已连接');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = block.split('\n').find(line => line.startsWith('id:'));
            if (!id) continue; // a heartbeat
            last = Number(id.slice(3).trim());
            this.label('实时：新事件 #' + last);
            clearTimeout(this.timer);
            this.timer = setTimeout(() => refresh(last), 1000);
          }
        }
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      if (!controller.signal.aborted) {
        this.label('实时：重新连接中');
        setTimeout(connect, 3000);
      }
    };
    connect();
  },
};

// ---- routing ----
const ROUTES = { '': overview, attendance, transition, dual, care, member };

function navigate(extra) {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query || '');
  Object.entries(extra || {}).forEach(([k, v]) => params.set(k, v));
  return render(path, params, !!extra);
}

async function render(path, params, refresh) {
  showWho();
  if (!sessionStorage.getItem(TOKEN_KEY)) { // nothing but the sign-in until there is a token
    await signIn();
    document.body.dataset.ready = 'signin';
    return;
  }
  const [name, ...rest] = path.split('/');
  const handler = ROUTES[name] || overview;
  const route = ROUTES[name] ? (name || 'overview') : 'overview';
  if (route !== 'overview') live.stop();
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.nav === route));
  if (!refresh) { // a live refresh keeps the page on screen until the new one replaces it
    delete document.body.dataset.ready;
    page().replaceChildren(el('p', { class: 'muted' }, '加载中…'));
  }
  charts.forEach(c => c.dispose());
  charts = [];
  try {
    await handler(params, ...rest.map(decodeURIComponent));
    document.body.dataset.ready = route;
    document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { // expired or foreign token: sign in again
      sessionStorage.removeItem(TOKEN_KEY);
      await signIn();
      document.body.dataset.ready = 'signin';
      return;
    }
    const text = e instanceof ApiError && e.status === 403 ? '无权查看此页：您的角色不能查看这些数据。'
      : e instanceof ApiError && e.status === 404 ? '未找到：' + e.message : '加载失败：' + e.message;
    page().replaceChildren(el('p', { class: 'error' }, text));
    document.body.dataset.ready = 'error';
  }
}

window.addEventListener('hashchange', () => navigate());
navigate();
