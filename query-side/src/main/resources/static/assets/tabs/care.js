// 关爱帮扶: members with care needs or aged 80+ not visited within the chosen number of days.
import { all, json } from '../lib/api.js';
import { CARE_DAYS } from '../lib/config.js';
import { loadTree, orgName } from '../lib/session.js';
import { el, memberLink, page, table, word, words, yuan } from '../lib/ui.js';

const MAX_DAYS = 3650;

/** The number of days typed, or a sentence saying what is wrong with it. */
export function days(text) {
  const value = String(text ?? '').trim();
  if (!/^\d+$/.test(value)) return { error: '请输入整数天数（1 至 3650）。' };
  const n = Number(value);
  if (n < 1 || n > MAX_DAYS) return { error: `天数须在 1 至 ${MAX_DAYS} 之间，您输入的是 ${value}。` };
  return { days: n };
}

export default async function care(params) {
  const typed = params.has('days') ? params.get('days') : String(CARE_DAYS);
  const input = el('input', { type: 'text', inputmode: 'numeric', value: typed, id: 'care-days', size: 6, 'aria-describedby': 'care-days-error' });
  const message = el('p', { class: 'error', id: 'care-days-error', role: 'alert' });
  const query = () => {
    const checked = days(input.value);
    if (checked.error) { message.textContent = checked.error; input.focus(); return; }
    location.hash = '#/care?days=' + checked.days;
  };
  input.addEventListener('keydown', e => { if (e.key === 'Enter') query(); });
  const toolbar = el('div', { class: 'toolbar' }, el('label', {}, '超过 ', input, ' 天未走访'),
    el('button', { type: 'button', id: 'care-query', onclick: query }, '查询'));
  const checked = days(typed);
  if (checked.error) { // the input stays as typed, with the reason beside it; nothing is asked of the server
    message.textContent = checked.error;
    page().replaceChildren(el('h2', {}, '关爱帮扶：超期未走访'), toolbar, message);
    return;
  }
  await loadTree();
  const [answer, arrears] = await Promise.all([all('/care/overdue?days=' + checked.days), json('/dues/arrears')]);
  const owing = new Map(arrears.items.map(a => [a.memberId, a]));
  const owed = m => (owing.has(m.memberId) ? `${owing.get(m.memberId).months.length} 个月（${yuan(owing.get(m.memberId).owedFen)} 元）` : '');
  page().replaceChildren(
    el('h2', {}, '关爱帮扶：超期未走访'),
    toolbar, message,
    el('p', { class: 'muted' }, '有帮扶需求或80岁以上的党员；从未走访的排在最前，其余按距上次走访天数从多到少。'),
    table(`超期未走访（${checked.days}天）`, [
      { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
      { header: '年龄', value: m => m.age },
      { header: '日常管理支部', value: m => orgName(m.dailyBranchId) },
      { header: '帮扶需求', value: m => words('need', m.needs) + (m.aged80Plus ? (m.needs.length ? '、' : '') + '80岁以上' : '') },
      { header: '上次走访', value: m => m.lastVisitOn || '从未走访' },
      { header: '走访方式', value: m => word('visit', m.lastVisitKind) },
      { header: '距上次走访天数', value: m => m.daysSinceLastVisit },
      { header: '党费欠缴', value: owed },
      { header: '党员编号', value: m => m.memberId, screen: false },
    ], answer.items, { id: 'care-table' }));
}
