// 积分: the ranking of an organisation's members for a year, and a member's points explained fact by fact.
import { all, json } from '../lib/api.js';
import { heading, loadTree, orgName, visibleRoots } from '../lib/session.js';
import { el, memberLink, page, table, today } from '../lib/ui.js';

/** The organisations a ranking can be asked for (groups aside), in tree order, indented by depth. */
function organisations() {
  const result = [];
  const walk = (node, depth) => {
    if (node.level !== 'GROUP' && !node.dissolvedOn) result.push({ id: node.id, name: '\u3000'.repeat(depth) + node.name });
    node.children.forEach(child => walk(child, depth + 1));
  };
  visibleRoots().forEach(root => walk(root, 0));
  return result;
}

/** One member's breakdown: the table's rows as they applied, then every fact that scored. */
export async function breakdown(memberId, year, asOf) {
  const answer = await json(`/members/${encodeURIComponent(memberId)}/points?year=${year}` + (asOf ? `&asOf=${asOf}` : ''));
  return el('section', { id: 'points-breakdown', 'data-member': memberId },
    el('h3', {}, `${answer.name || '（未命名）'} ${year}年积分明细：`, el('b', { id: 'points-total' }, answer.points), ' 分'),
    el('p', { class: 'muted' }, `积分规则表第 ${answer.table} 版；截至 ${answer.asOf}。掉队未补学的学习日满30天后计入。`),
    table(`${answer.name || memberId}积分规则汇总`, [
      { header: '事项', value: r => r.label },
      { header: '次数', value: r => r.count },
      { header: '每次分值', value: r => r.each },
      { header: '得分', value: r => r.points },
      { header: '事实名称', value: r => r.fact, screen: false },
    ], answer.rules.filter(r => r.count), { id: 'points-rules', empty: '本年度暂无计分事项。' }),
    table(`${answer.name || memberId}积分事实明细`, [
      { header: '日期', value: f => f.on },
      { header: '事项', value: f => f.label },
      { header: '数量', value: f => f.count },
      { header: '得分', value: f => f.points },
      { header: '来源', value: f => f.source || '', screen: false },
      { header: '事实名称', value: f => f.fact, screen: false },
    ], answer.facts, { id: 'points-facts', empty: '本年度暂无计分事实。' }));
}

export default async function points(params) {
  await loadTree();
  const options = organisations();
  const year = Number(params.get('year')) || Number(today().slice(0, 4));
  const org = params.get('org') || (options[0] || {}).id || '';
  const go = changes => {
    const p = new URLSearchParams({ year, ...(org ? { org } : {}), ...changes });
    [...p.keys()].forEach(k => { if (!p.get(k)) p.delete(k); });
    location.hash = '#/points?' + p;
  };
  const orgSelect = el('select', { id: 'points-org', onchange: e => go({ org: e.target.value, member: '' }) },
    options.map(o => el('option', { value: o.id, selected: o.id === org }, o.name)));
  const thisYear = Number(today().slice(0, 4));
  const yearSelect = el('select', { id: 'points-year', onchange: e => go({ year: e.target.value, member: '' }) },
    [...new Set([year, ...Array.from({ length: 6 }, (_, n) => thisYear - n)])].sort().reverse()
      .map(y => el('option', { value: y, selected: y === year }, y + '年')));
  const ranking = await all(`/points?year=${year}` + (org ? '&organizationId=' + encodeURIComponent(org) : ''));
  const detail = el('div', { id: 'points-detail' });
  const show = async memberId => {
    detail.replaceChildren(el('p', { class: 'muted' }, '正在读取积分明细…'));
    try {
      detail.replaceChildren(await breakdown(memberId, year));
    } catch (e) {
      detail.replaceChildren(el('p', { class: 'error', role: 'alert' }, '积分明细读取失败：' + e.message));
    }
  };
  const rows = ranking.items.map((item, index) => ({ ...item, rank: index + 1 }));
  page().replaceChildren(
    el('h2', {}, `${year}年党员积分：`, org ? orgName(org) : heading()),
    el('div', { class: 'toolbar' }, el('label', {}, '党组织 ', orgSelect), el('label', {}, '年度 ', yearSelect)),
    el('p', { class: 'muted' }, `积分由已记录的事实按积分规则表（第 ${ranking.table} 版）计算，截至 ${ranking.asOf}；`,
      '按日常管理所在党组织排名。点积分可逐条查看每项积分的来源。'),
    table(`${year}年积分排名`, [
      { header: '名次', value: r => r.rank },
      { header: '姓名', value: r => r.name, render: r => memberLink(r.memberId, r.name) },
      { header: '日常管理支部', value: r => orgName(r.branchId) },
      { header: '积分', value: r => r.points,
        render: r => el('button', { type: 'button', class: 'points-detail', 'data-member': r.memberId, title: '查看积分明细',
          onclick: () => show(r.memberId) }, String(r.points)) },
      { header: '党员编号', value: r => r.memberId, screen: false },
    ], rows, { id: 'points-table', empty: '该党组织本年度暂无党员积分。' }),
    detail);
  const member = params.get('member') || (rows[0] || {}).memberId;
  if (member) await show(member);
}
