// 返迁过渡期: relocated members by area and group, those in no group highlighted.
import { all } from '../lib/api.js';
import { loadTree, orgName } from '../lib/session.js';
import { chart, el, fit, memberLink, narrow, page, table } from '../lib/ui.js';

export default async function transition() {
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
      { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
      { header: '年龄', value: m => m.age },
      { header: '原支部', value: m => orgName(m.branchId) },
      { header: '片区', value: m => (m.areaId ? orgName(m.areaId) : '未划片') },
      { header: '过渡期党小组', value: m => (m.groupId ? orgName(m.groupId) : '未编入党小组') },
      { header: '过渡住址', value: m => m.transitionAddress },
      { header: '拆迁日期', value: m => m.relocatedOn },
      { header: '过渡天数', value: m => m.daysWaiting },
      { header: '党员编号', value: m => m.memberId, screen: false },
    ], answer.items, { rowClass: m => (m.groupId ? null : 'no-group'), id: 'transition-table' }));
  const named = (map, none) => Object.entries(map).map(([k, v]) => ({ name: k === 'none' ? none : orgName(k), value: v }));
  const areas = named(s.byArea, '未划片');
  const small = narrow();
  chart(areaChart, {
    title: { text: '按片区', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 30, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: areas.map(a => fit(a.name, small ? 6 : 12)) },
    series: [{ type: 'bar', data: areas.map(a => a.value), itemStyle: { color: '#c0392b' }, label: { show: true, position: 'right' } }],
  });
  chart(groupChart, {
    title: { text: '按过渡期党小组', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    legend: small ? { bottom: 0, type: 'scroll', formatter: n => fit(n, 8) } : undefined,
    series: [{ type: 'pie', radius: small ? '45%' : '60%', center: ['50%', small ? '48%' : '55%'], data: named(s.byGroup, '未编入党小组'),
      label: small ? { show: false } : { formatter: p => `${fit(p.name, 16)}：${p.value}` } }],
  });
}
