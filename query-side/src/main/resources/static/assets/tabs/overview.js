// 总览: the key figures, the eight difficulties as rates against their thresholds, and the organisation pyramid.
import { ApiError, all, api, json } from '../lib/api.js';
import { DIFFICULTIES, LEVELS, level, CARE_DAYS, LEFT_BEHIND_WARNING } from '../lib/config.js';
import { heading, loadTree, orgName, orgNode, roles, scope, subdistrictWide, useTree, visible, visibleRoots } from '../lib/session.js';
import { download, el, figure, fold, narrow, page, percent, today, word } from '../lib/ui.js';

const sum = (nodes, key) => nodes.reduce((n, node) => n + node[key], 0);

function count(nodes, levelCode) {
  let n = 0;
  const walk = node => { if (node.level === levelCode && !node.dissolvedOn) n++; node.children.forEach(walk); };
  nodes.forEach(walk);
  return n;
}

/** One difficulty: its name, the rate that measures it, a coloured level in words, and the definition on tap. */
function card(i) {
  const c = { ...(DIFFICULTIES[i.difficulty] || { rate: '' }), definition: i.definition }; // the definition as served
  const tone = level(i.difficulty, i.value);
  return el('div', { class: 'card ' + (tone || 'none'), 'data-indicator': i.difficulty, 'data-level': tone, title: c.definition },
    el('div', { class: 'label' }, i.label),
    el('div', { class: 'rate-name' }, c.rate),
    el('div', { class: 'value-line' }, el('span', { class: 'value' }, percent(i.value)),
      tone ? el('span', { class: 'tone' }, LEVELS[tone]) : null),
    el('div', { class: 'bar' }, el('span', { style: `width:${Math.round((Number(i.value) || 0) * 100)}%` })),
    el('div', { class: 'detail' }, el('span', { class: 'numerator' }, i.numerator), ' / ',
      el('span', { class: 'denominator' }, i.denominator)),
    el('details', { class: 'definition' }, el('summary', {}, '口径'), el('p', {}, c.definition,
      `。达到 ${percent(c.green)} 为良好，${percent(c.amber)} 至 ${percent(c.green)} 为关注，低于 ${percent(c.amber)} 为预警。`)));
}

function node(n, depth) {
  const kind = n.level === 'GROUP' ? word('groupKind', n.groupKind) || word('level', n.level)
    : n.setting ? word('setting', n.setting) : word('level', n.level);
  const name = n.level === 'BRANCH' ? el('a', { href: '#/attendance?branch=' + encodeURIComponent(n.id), class: 'org-link' }, n.name)
    : n.level === 'GROUP' ? el('span', {}, n.name)
      : el('a', { href: '#/?org=' + encodeURIComponent(n.id), class: 'org-link' }, n.name);
  const line = el('span', { class: 'node', 'data-org': n.id }, name, el('span', { class: 'kind' }, kind),
    el('span', { class: 'count' }, '党员 ', el('b', { class: 'members' }, n.members),
      ' · 60岁以上 ', el('b', { class: 'aged60' }, n.aged60Plus),
      n.level !== 'GROUP' && n.managed !== n.members ? [' · 日常管理 ', el('b', { class: 'managed' }, n.managed)] : null));
  if (!n.children.length) return el('li', {}, line);
  // on a phone only the top level opens (the whole tree was 3,400 px long there); a tap opens the rest
  return el('li', {}, el('details', { open: depth < (narrow() ? 1 : 2) }, el('summary', {}, line),
    el('ul', {}, n.children.map(c => node(c, depth + 1)))));
}

function branchesOf(nodes) {
  const ids = new Set();
  const walk = n => { if (n.level === 'BRANCH') ids.add(n.id); n.children.forEach(walk); };
  nodes.forEach(walk);
  return ids;
}

/** The latest month with a study day among these branches, its rows (key branchId/month) added up. */
function latestMonth(rows, branches) {
  const mine = rows.map(r => ({ ...r, branch: r.key.split('/')[0], month: r.key.split('/')[1] })).filter(r => branches.has(r.branch));
  if (!mine.length) return null;
  const month = mine.map(r => r.month).sort().pop();
  const expected = mine.filter(r => r.month === month).reduce((n, r) => n + r.expected, 0);
  const attended = mine.filter(r => r.month === month).reduce((n, r) => n + r.attended, 0);
  return { key: month, expected, attended, rate: expected ? attended / expected : null };
}

/** 党内统计年报 of the organisation in view (the whole subdistrict without one), as the server's workbook. */
function annualReportButton(focus) {
  const year = el('input', { type: 'number', id: 'annual-year', value: String(new Date().getFullYear() - 1), min: '2000', style: 'width:6em' });
  const status = el('span', { class: 'muted export-status' });
  const button = el('button', {
    class: 'export', type: 'button', id: 'annual-report',
    onclick: () => {
      status.textContent = '';
      const query = '?format=xlsx&year=' + encodeURIComponent(year.value)
        + (focus ? '&organizationId=' + encodeURIComponent(focus) : '');
      api('/reports/annual' + query)
        .then(response => download(response, year.value + '年党内统计年报.xlsx'))
        .catch(e => { status.textContent = '导出失败：' + e.message; });
    },
  }, '导出统计年报 Excel');
  return el('div', { class: 'toolbar' }, el('strong', {}, '党内统计年报'), year, el('span', {}, '年'), button, status);
}

export default async function overview(params, { follow }) {
  const org = params.get('org') || '';
  const own = scope();
  const focus = org || (own.length === 1 ? own[0] : '');
  const minPosition = params.get('minPosition');
  const after = minPosition ? 'minPosition=' + minPosition : '';
  const q = (path, ...parts) => path + (parts.filter(Boolean).length ? (path.includes('?') ? '&' : '?') + parts.filter(Boolean).join('&') : '');
  const month = today().slice(0, 7);
  if (org && !subdistrictWide()) { // ask nothing about an organisation outside the person's scope
    await loadTree();
    if (!visible(org)) throw new ApiError(403, null);
  }
  const inOrg = focus ? 'organizationId=' + encodeURIComponent(focus) : '';
  const yearAgo = String(Number(today().slice(0, 4)) - 1) + today().slice(4);
  const [treeResponse, difficulties, rates, care, transition, arrears, behind] = await Promise.all([
    api(q('/organizations/tree', after)),
    json(q('/dashboard/difficulties', inOrg, after)),
    json('/attendance/rates?by=branch-month'),
    org ? all(`/care/overdue?days=${CARE_DAYS}`) : json(`/care/overdue?days=${CARE_DAYS}&size=1`),
    org ? all('/transition') : json('/transition?size=1'),
    json(q('/dues/arrears', inOrg)),
    json(q(`/attendance/left-behind?min=${LEFT_BEHIND_WARNING}&from=${yearAgo}&to=${today()}`, inOrg)),
  ]);
  useTree(await treeResponse.json());
  if (org && !visible(org)) throw new ApiError(404, { detail: 'organization' });
  const position = Number(treeResponse.headers.get('X-View-Position') || 0);
  const roots = focus ? [orgNode(focus)].filter(Boolean) : visibleRoots();
  const members = sum(roots, 'members');
  const inFocus = branchesOf(roots);
  const latest = latestMonth(rates.items, inFocus);
  // a drill-down counts the lists' members of its own branches; the subdistrict's (or a scope's) totals come as they are
  const overdue = org ? care.items.filter(m => inFocus.has(m.dailyBranchId)).length : care.total;
  const noGroup = org ? transition.items.filter(m => inFocus.has(m.branchId) && !m.groupId).length : transition.summary.inNoGroup;
  const title = focus ? orgName(focus) : heading();

  page().replaceChildren(
    el('h2', { id: 'scope-title' }, title, ' · 总览'),
    el('div', { class: 'figures', id: 'key-figures' },
      figure('figure-members', '党员', members, '#/search?minAge=0', '组织关系在册'),
      figure('figure-aged60', '60岁以上', sum(roots, 'aged60Plus'), '#/search?minAge=60'),
      own.length ? null : figure('figure-general-branches', '党总支', count(roots, 'GENERAL_BRANCH'), null),
      figure('figure-branches', '党支部', count(roots, 'BRANCH'), '#/attendance'),
      figure('figure-attendance', latest && latest.key === month ? '本月出勤率' : '最近一月出勤率',
        latest ? percent(latest.rate) : '—', '#/attendance', latest ? latest.key.replace('-', '年') + '月' : '暂无学习日'),
      figure('figure-absent', '最近一月未到人次', latest ? latest.expected - latest.attended : '—', '#/attendance', '含请假'),
      figure('figure-overdue', `超${CARE_DAYS}天未走访`, overdue, '#/care'),
      figure('figure-no-group', '过渡期未编组', noGroup, '#/transition'),
      figure('figure-arrears', '欠缴党费', arrears.items.length, '#/dues', `截至${arrears.through.replace('-', '年')}月`),
      figure('figure-left-behind', `近一年掉队${LEFT_BEHIND_WARNING}次以上`, behind.items.length, '#/warnings')),
    el('h2', {}, '八难指标'),
    el('p', { class: 'muted', id: 'difficulty-basis' }, '按日常管理支部统计：党员 ', el('b', { id: 'active-members' }, difficulties.activeMembers),
      ' 名（组织关系在册 ', el('b', { id: 'relation-members' }, members), ' 名），统计日 ', difficulties.asOf, '。点“口径”看定义。',
      org ? el('a', { href: '#/' }, ' 返回上一级') : null),
    el('div', { class: 'cards', id: 'difficulties' }, difficulties.items.map(card)),
    // replaceChildren writes a null as the text "null": only the committee and auditors get the button at all
    ...(roles().some(r => r === 'COMMITTEE' || r === 'AUDITOR') ? [annualReportButton(focus)] : []),
    fold('组织架构（金字塔）', true,
      el('p', { class: 'muted' }, '点击党总支查看其总览，点击党支部查看其学习日出勤与掉队名单；“日常管理”为由本组织日常教育管理的党员数（双重管理党员在居住地支部）。'),
      el('div', { class: 'tree', id: 'tree' }, el('ul', {}, roots.map(n => node(n, 0))))));
  follow(position);
}
