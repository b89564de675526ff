// 组织生活: 三会一课 compliance by branch (and group) and kind, red first; a branch's meetings; who came to one.
import { json } from '../lib/api.js';
import { heading, loadTree, orgName } from '../lib/session.js';
import { el, memberLink, page, table, today } from '../lib/ui.js';

const STATUS = { RED: '未达标', AMBER: '进行中', GREEN: '已达标' };
const RANK = { RED: 0, AMBER: 1, GREEN: 2 };
const worst = statuses => statuses.reduce((w, s) => (RANK[s] < RANK[w] ? s : w), 'GREEN');
const badge = row => el('span', { class: 'level ' + row.status.toLowerCase(), 'data-status': row.status,
  title: row.periods.filter(p => p.status !== 'GREEN').map(p => `${p.period} ${STATUS[p.status]}`).join('；') },
`${row.held}/${row.required} ${STATUS[row.status]}`);

export default async function orglife(params, context, sub, id) {
  await loadTree();
  if (sub === 'meeting' && id) return meeting(id);
  const year = params.get('year') || today().slice(0, 4);
  const quarter = params.get('quarter') || '';
  const branch = params.get('branch') || '';
  const window = `year=${year}` + (quarter ? `&quarter=${quarter}` : '');
  const [rows, summary] = await Promise.all([
    json('/organizational-life/compliance?' + window),
    json('/organizational-life/summary?' + window),
  ]);
  const go = changes => {
    const p = new URLSearchParams({ year, quarter, branch, ...changes });
    [...p.keys()].forEach(k => { if (!p.get(k)) p.delete(k); });
    location.hash = '#/orglife?' + p;
  };
  const years = [0, 1, 2].map(n => String(Number(today().slice(0, 4)) - n));
  const toolbar = el('div', { class: 'toolbar' },
    el('label', {}, '年度 ', el('select', { id: 'year-select', onchange: e => go({ year: e.target.value }) },
      years.map(y => el('option', { value: y, selected: y === year }, y + '年')))),
    el('label', {}, '季度 ', el('select', { id: 'quarter-select', onchange: e => go({ quarter: e.target.value }) },
      ['', '1', '2', '3', '4'].map(q => el('option', { value: q, selected: q === quarter }, q ? `第${q}季度` : '全年')))));
  // the kinds and how often each is required, as the service's table declares them (MeetingKind)
  const kinds = [];
  rows.forEach(r => { if (!kinds.some(k => k.kind === r.kind)) kinds.push(r); });
  const order = ['BRANCH_CONGRESS', 'BRANCH_COMMITTEE', 'PARTY_LECTURE', 'ORGANIZATIONAL_LIFE', 'DEMOCRATIC_APPRAISAL', 'GROUP_MEETING'];
  kinds.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const byOrg = new Map();
  rows.forEach(r => {
    const key = r.groupId || r.branchId;
    if (!byOrg.has(key)) byOrg.set(key, { id: key, branchId: r.branchId, group: !!r.groupId, name: r.name, rows: {} });
    byOrg.get(key).rows[r.kind] = r;
  });
  const grid = [...byOrg.values()].map(o => ({ ...o, status: worst(Object.values(o.rows).map(r => r.status)) }))
    .sort((a, b) => RANK[a.status] - RANK[b.status] || a.id.localeCompare(b.id));
  const parts = [
    el('h2', {}, '组织生活（三会一课）：', heading()),
    toolbar,
    el('p', { class: 'muted', id: 'orglife-legend' }, '要求：', kinds.map(k => `${k.kindLabel}${k.frequencyLabel}至少一次`).join('；'),
      '。每格为“已达标期数/应开展期数”：期满未开为未达标（红），本期尚未开为进行中（黄）。'),
    el('p', { id: 'orglife-share' }, '达标支部 ', el('b', {}, summary.green), ' / ', summary.branches,
      summary.items.length ? '（' + summary.items.map(i => `${i.name} ${i.green}/${i.branches}`).join('，') + '）' : ''),
    table('三会一课达标情况', [
      { header: '组织', value: o => o.name, render: o => (o.group ? el('span', {}, o.name)
        : el('a', { href: '#/orglife?' + new URLSearchParams({ year, quarter, branch: o.id }), 'data-branch': o.id }, o.name)) },
      { header: '所属支部', value: o => (o.group ? orgName(o.branchId) : '') },
      ...kinds.map(k => ({ header: k.kindLabel, value: o => (o.rows[k.kind] ? `${o.rows[k.kind].held}/${o.rows[k.kind].required} ${STATUS[o.rows[k.kind].status]}` : ''),
        render: o => (o.rows[k.kind] ? badge(o.rows[k.kind]) : '') })),
    ], grid, { id: 'compliance-table', rowClass: o => 'status-' + o.status.toLowerCase() }),
  ];
  if (branch) {
    const meetings = await json(`/meetings?organizationId=${encodeURIComponent(branch)}&from=${year}-01&to=${year}-12`);
    parts.push(table(`${orgName(branch)} ${year}年会议`, [
      { header: '日期', value: m => m.heldOn },
      { header: '会议', value: m => m.kindLabel },
      { header: '组织', value: m => m.organizationName },
      { header: '主题', value: m => m.topic, render: m => el('a', { href: '#/orglife/meeting/' + encodeURIComponent(m.meetingId) }, m.topic) },
      { header: '参加人数', value: m => m.attendees },
    ], meetings, { id: 'meetings-table' }));
  }
  page().replaceChildren(...parts);
}

async function meeting(id) {
  const m = await json('/meetings/' + encodeURIComponent(id));
  page().replaceChildren(
    el('h2', {}, `${m.organizationName} · ${m.kindLabel}`),
    el('p', {}, `${m.heldOn}　${m.topic}`),
    table(`${m.kindLabel}参会人员`, [
      { header: '姓名', value: a => a.name, render: a => memberLink(a.memberId, a.name) },
      { header: '组织关系所在支部', value: a => orgName(a.branchId) },
      { header: '党员编号', value: a => a.memberId, screen: false },
    ], m.attendees, { id: 'attendees-table' }));
}
