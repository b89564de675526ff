// 预警: what needs someone's attention, per branch, red first, each a click from the member or the branch.
import { all, json } from '../lib/api.js';
import { ARREARS_AMBER_MONTHS, ARREARS_RED_MONTHS, CARE_DAYS, LEFT_BEHIND_WARNING } from '../lib/config.js';
import { branches, heading, loadTree, orgName } from '../lib/session.js';
import { el, lastMonth, memberLink, page, table, today, yuan } from '../lib/ui.js';

const RANK = { red: 0, amber: 1 };
const LEVEL = { red: '红色预警', amber: '黄色关注' };

export default async function warnings() {
  await loadTree();
  const month = lastMonth();
  const yearAgo = String(Number(today().slice(0, 4)) - 1) + today().slice(4);
  const [care, lost, rates, behind, arrears] = await Promise.all([
    all(`/care/overdue?days=${CARE_DAYS}`),
    all('/members?contactLost=true'),
    json(`/attendance/rates?by=branch-month&from=${month}&to=${month}`),
    json(`/attendance/left-behind?min=${LEFT_BEHIND_WARNING}&from=${yearAgo}&to=${today()}`),
    json(`/dues/arrears?through=${month}`),
  ]);
  const held = new Set(rates.items.map(r => r.key.split('/')[0]));
  const items = [
    ...branches().filter(b => !held.has(b.id)).map(b => ({
      level: 'red', branchId: b.id, what: `${month.replace('-', '年')}月未开展学习日`, branch: true })),
    ...lost.items.map(m => ({ level: 'red', branchId: m.dailyBranchId || m.branchId, what: `失去联系（自 ${m.contactLostSince}）`, member: m })),
    ...care.items.map(m => ({
      level: m.lastVisitOn ? 'amber' : 'red', branchId: m.dailyBranchId,
      what: m.lastVisitOn ? `${m.daysSinceLastVisit} 天未走访` : '从未走访', member: m })),
    ...behind.items.map(m => ({
      level: m.followedUp < m.leftBehind ? 'red' : 'amber', branchId: m.branchId, member: m,
      what: `近一年掉队 ${m.leftBehind} 次` + (m.followedUp ? `（已跟进 ${m.followedUp} 次）` : '（未跟进）') })),
    ...arrears.items.filter(m => m.months.length >= ARREARS_AMBER_MONTHS).map(m => ({
      level: m.months.length >= ARREARS_RED_MONTHS ? 'red' : 'amber', branchId: m.branchId, member: m,
      what: `欠缴党费 ${m.months.length} 个月（${yuan(m.owedFen)} 元）` })),
  ].sort((a, b) => RANK[a.level] - RANK[b.level] || orgName(a.branchId).localeCompare(orgName(b.branchId), 'zh-CN'));
  const red = items.filter(i => i.level === 'red').length;
  page().replaceChildren(
    el('h2', {}, '预警：', heading()),
    el('div', { class: 'totals' },
      el('span', {}, '红色预警 ', el('b', { id: 'warnings-red' }, red), ' 条'),
      el('span', {}, '黄色关注 ', el('b', { id: 'warnings-amber' }, items.length - red), ' 条')),
    el('p', { class: 'muted' }, `红色：上月未开展学习日的支部、失去联系的党员、从未走访的帮扶对象、近一年掉队 ${LEFT_BEHIND_WARNING} 次及以上且有未跟进的、`,
      `欠缴党费 ${ARREARS_RED_MONTHS} 个月及以上的；黄色：超过 ${CARE_DAYS} 天未走访、多次掉队但每次都已跟进、欠缴党费 ${ARREARS_AMBER_MONTHS} 至 ${ARREARS_RED_MONTHS - 1} 个月。`),
    table('预警清单', [
      { header: '级别', value: i => LEVEL[i.level], render: i => el('span', { class: 'level ' + i.level }, LEVEL[i.level]) },
      { header: '支部', value: i => orgName(i.branchId),
        render: i => el('a', { href: '#/attendance?branch=' + encodeURIComponent(i.branchId) }, orgName(i.branchId)) },
      { header: '党员', value: i => (i.member ? i.member.name : ''), render: i => (i.member ? memberLink(i.member.memberId, i.member.name) : '—') },
      { header: '事项', value: i => i.what },
    ], items, { id: 'warnings-table', rowClass: i => 'warning-' + i.level, empty: '暂无预警。' }));
}
