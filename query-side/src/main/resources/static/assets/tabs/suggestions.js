// 建言: suggestions from members and residents, how long the open ones wait, how each organisation answers within
// the answer window, and what the suggestions are about. Labels come from the answer.
import { all, json } from '../lib/api.js';
import { chart, el, fit, memberLink, narrow, page, percent, table } from '../lib/ui.js';

const STATUSES = [['', '全部'], ['OPEN', '待办理'], ['ANSWERED', '已答复'], ['DELIBERATED', '已议决']];

export default async function suggestions(params) {
  const status = params.get('status') || '';
  const [summary, list] = await Promise.all([json('/suggestions/summary'),
    all('/suggestions' + (status ? '?status=' + encodeURIComponent(status) : ''))]);
  const picker = el('select', { id: 'suggestion-status', onchange: e => { location.hash = '#/suggestions' + (e.target.value ? '?status=' + e.target.value : ''); } },
    STATUSES.map(([code, label]) => el('option', { value: code, selected: code === status ? 'selected' : null }, label)));
  const categoryChart = el('div', { class: 'chart', id: 'chart-categories' });
  const organizationChart = el('div', { class: 'chart', id: 'chart-suggestion-organizations' });
  const within = summary.withinDays;
  page().replaceChildren(
    el('h2', {}, '建言献策与党群议事'),
    el('div', { class: 'totals' },
      el('span', {}, '建言 ', el('b', { id: 'suggestions-total' }, summary.total), ' 条'),
      el('span', {}, '待办理 ', el('b', { id: 'suggestions-open' }, summary.open), ' 条'),
      el('span', {}, '已答复 ', el('b', {}, summary.answered), ' 条'),
      el('span', {}, '议事会议决 ', el('b', {}, summary.deliberated), ' 条')),
    el('div', { class: 'grid2' }, categoryChart, organizationChart),
    table(`各党组织办理情况（${within}天内办结）`, [
      { header: '党组织', value: o => o.name },
      { header: '建言数', value: o => o.total },
      { header: '待办理', value: o => o.open },
      { header: '已答复', value: o => o.answered },
      { header: '议事会议决', value: o => o.deliberated },
      { header: `${within}天内办结`, value: o => o.answeredWithin },
      { header: `${within}天内办结率`, value: o => o.rate, render: o => percent(o.rate) },
      { header: '最长等待天数', value: o => o.longestOpenDays },
    ], summary.organizations, { id: 'suggestion-organizations-table' }),
    el('div', { class: 'toolbar' }, el('label', {}, '办理状态 ', picker)),
    el('p', { class: 'muted' }, '待办理的建言按等待天数从多到少排列；已办结的显示从提出到办结的天数。'),
    table('建言列表', [
      { header: '提出日期', value: s => s.submittedOn },
      { header: '建言人', value: s => s.submittedBy, render: s => (s.memberId ? memberLink(s.memberId, s.submittedBy) : `${s.submittedBy}（居民）`) },
      { header: '党组织', value: s => s.organizationName },
      { header: '类别', value: s => s.categoryLabel },
      { header: '建言内容', value: s => s.text },
      { header: '状态', value: s => s.statusLabel },
      { header: '等待天数', value: s => s.daysOpen },
      { header: '答复或议决', value: s => s.answer || s.decision || '' },
      { header: '办结日期', value: s => s.answeredOn || s.councilOn || '' },
      { header: '建言编号', value: s => s.suggestionId, screen: false },
    ], list.items, { rowClass: s => (s.status === 'OPEN' && s.daysOpen > within ? 'no-group' : null), id: 'suggestions-table' }));
  const small = narrow();
  chart(categoryChart, {
    title: { text: '按类别', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: small ? '45%' : '60%',
      data: summary.categories.filter(c => c.total > 0).map(c => ({ name: c.label, value: c.total })),
      label: { formatter: p => `${p.name}：${p.value}` } }],
  });
  const organizations = summary.organizations;
  chart(organizationChart, {
    title: { text: '各党组织待办理与已办结', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 20, top: 40, bottom: 30, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: organizations.map(o => fit(o.name, small ? 6 : 12)) },
    series: [{ name: '待办理', type: 'bar', stack: 'all', itemStyle: { color: '#c0392b' }, data: organizations.map(o => o.open) },
      { name: '已办结', type: 'bar', stack: 'all', itemStyle: { color: '#27ae60' }, data: organizations.map(o => o.answered + o.deliberated) }],
  });
}
