// 党费: who owes which months (a later payment never hides an earlier gap), and each relation branch's collection.
import { json } from '../lib/api.js';
import { ARREARS_AMBER_MONTHS, ARREARS_RED_MONTHS } from '../lib/config.js';
import { heading, loadTree, orgName, scope } from '../lib/session.js';
import { el, lastMonth, memberLink, page, percent, table, yuan } from '../lib/ui.js';

const monthWord = m => m.replace('-', '年') + '月';

export default async function dues(params) {
  await loadTree();
  const own = scope();
  const org = params.get('org') || (own.length === 1 ? own[0] : '');
  const period = /^\d{4}-\d{2}$/.test(params.get('period') || '') ? params.get('period') : lastMonth();
  const orgQuery = org ? '&organizationId=' + encodeURIComponent(org) : '';
  const [arrears, collection] = await Promise.all([
    json('/dues/arrears?through=' + period + orgQuery),
    json('/dues/collection?period=' + period + orgQuery),
  ]);
  // names before ids, the longest-owing first
  const owing = arrears.items.slice().sort((a, b) => b.months.length - a.months.length
    || orgName(a.branchId).localeCompare(orgName(b.branchId), 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  const owed = owing.reduce((n, m) => n + m.owedFen, 0);
  // the last 24 months by name (a month input would speak the browser's language)
  const months = Array.from({ length: 24 }, (_, k) => { const [y, m] = lastMonth().split('-').map(Number);
    return new Date(Date.UTC(y, m - 1 - k, 1)).toISOString().slice(0, 7); });
  const select = el('select', { id: 'dues-period',
    onchange: e => { location.hash = '#/dues?period=' + e.target.value + (params.get('org') ? '&org=' + encodeURIComponent(params.get('org')) : ''); } },
  months.map(m => el('option', { value: m, selected: m === period }, monthWord(m))));
  page().replaceChildren(
    el('h2', {}, '党费：', org ? orgName(org) : heading()),
    el('div', { class: 'toolbar' }, el('label', {}, '统计月份 ', select)),
    el('div', { class: 'totals' },
      el('span', {}, '欠缴党员 ', el('b', { id: 'arrears-members' }, owing.length), ' 名'),
      el('span', {}, '欠缴合计 ', el('b', { id: 'arrears-yuan' }, yuan(owed)), ' 元')),
    el('p', { class: 'muted' }, `党费归组织关系所在支部。欠缴：自党费标准起始月（或登记月）至 ${monthWord(period)} 未交的月份，`,
      '按当月适用的标准计算；交了后面的月份不能抵消前面漏交的月份。'),
    table(`党费欠缴名单（截至${monthWord(period)}）`, [
      { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
      { header: '组织关系所在支部', value: m => orgName(m.branchId) },
      { header: '欠缴月数', value: m => m.months.length },
      { header: '欠缴月份', value: m => m.months.map(monthWord).join('、') },
      { header: '欠缴金额（元）', value: m => Number(yuan(m.owedFen)), render: m => yuan(m.owedFen) },
      { header: '党员编号', value: m => m.memberId, screen: false },
    ], owing, { id: 'arrears-table', rowClass: m => (m.months.length >= ARREARS_RED_MONTHS ? 'warning-red' : m.months.length >= ARREARS_AMBER_MONTHS ? 'warning-amber' : null), empty: '无欠缴。' }),
    table(`${monthWord(period)}党费收缴（按组织关系所在支部）`, [
      { header: '支部', value: r => orgName(r.branchId) },
      { header: '应交人数', value: r => r.payers },
      { header: '已交人数', value: r => r.paid },
      { header: '收缴率', value: r => (r.rate == null ? null : Number(r.rate)), render: r => percent(r.rate) },
      { header: '已收金额（元）', value: r => Number(yuan(r.amountFen)), render: r => yuan(r.amountFen) },
    ], collection.slice().sort((a, b) => (Number(a.rate) - Number(b.rate)) || orgName(a.branchId).localeCompare(orgName(b.branchId), 'zh-CN')),
    { id: 'collection-table', empty: '本月无应交党费的党员。' }));
}
