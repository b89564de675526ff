// 学习日出勤: rates by month and by mode, the branches' heat map (one request), a branch's left-behind list.
import { all, json } from '../lib/api.js';
import { branches, heading, loadTree, orgName } from '../lib/session.js';
import { chart, el, fit, memberLink, narrow, page, percent, table, today, word } from '../lib/ui.js';

const monthsBack = (month, n) => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};
const monthLabel = key => (narrow() ? key.slice(2) : key);

export default async function attendance(params) {
  await loadTree();
  const list = branches();
  const mine = new Set(list.map(b => b.id));
  const branch = params.get('branch') || '';
  const to = params.get('to') || today().slice(0, 7);
  const from = params.get('from') || monthsBack(to, 11);
  const span = `&from=${from}&to=${to}`;
  const only = branch ? '&branchId=' + encodeURIComponent(branch) : '';
  const [byMonth, byMode, byBranchMonth] = await Promise.all([
    json('/attendance/rates?by=month' + only + span),
    json('/attendance/rates?by=mode' + only + span),
    json('/attendance/rates?by=branch-month' + span),
  ]);
  const go = changes => {
    const p = new URLSearchParams({ from, to, ...(branch ? { branch } : {}), ...changes });
    [...p.keys()].forEach(k => { if (!p.get(k)) p.delete(k); });
    location.hash = '#/attendance?' + p;
  };
  const select = el('select', { id: 'branch-select', onchange: e => go({ branch: e.target.value, day: '' }) },
    el('option', { value: '' }, '全部支部'), list.map(b => el('option', { value: b.id, selected: b.id === branch }, b.name)));
  // the browser's own month picker speaks the browser's language: a list of months in Chinese instead
  const recent = Array.from({ length: 36 }, (_, n) => monthsBack(today().slice(0, 7), n));
  const monthSelect = (id, value, key) => el('select', { id, onchange: e => go({ [key]: e.target.value }) },
    [...new Set([value, ...recent])].sort().reverse().map(m => el('option', { value: m, selected: m === value }, m.replace('-', '年') + '月')));
  const fromInput = monthSelect('from-month', from, 'from');
  const toInput = monthSelect('to-month', to, 'to');

  const monthChart = el('div', { class: 'chart', id: 'chart-month' });
  const modeChart = el('div', { class: 'chart', id: 'chart-mode' });
  const parts = [
    el('h2', {}, '学习日出勤率：', branch ? orgName(branch) : heading()),
    el('div', { class: 'toolbar' }, el('label', {}, '支部 ', select), el('label', {}, '起 ', fromInput), el('label', {}, '止 ', toInput)),
    el('div', { class: 'grid2' }, monthChart, modeChart),
  ];
  const monthRows = byMonth.items;
  const modeRows = byMode.items;
  const cells = byBranchMonth.items.map(r => ({ ...r, branch: r.key.split('/')[0], month: r.key.split('/')[1] }))
    .filter(r => mine.has(r.branch));
  const months = [...new Set(cells.map(r => r.month))].sort();
  const perBranch = list.filter(b => cells.some(r => r.branch === b.id)).map(b => ({ branch: b, rows: cells.filter(r => r.branch === b.id) }));
  const rateOf = (p, month) => { const row = p.rows.find(r => r.month === month); return row && row.rate != null ? Number(row.rate) : null; };

  if (branch) {
    const days = await json('/study-days?branchId=' + encodeURIComponent(branch));
    const chosen = params.get('day') || (days.items.find(d => !d.cancelled) || {}).studyDayId;
    const daySelect = el('select', { id: 'day-select', onchange: e => go({ day: e.target.value }) },
      days.items.map(d => el('option', { value: d.studyDayId, selected: d.studyDayId === chosen },
        `${d.date} ${d.topic || ''}${d.cancelled ? '（已取消）' : ''}`)));
    parts.push(el('h2', {}, '掉队名单（零掉队）'), el('div', { class: 'toolbar' }, el('label', {}, '学习日 ', daySelect)));
    if (chosen) {
      const [day, roster] = await Promise.all([json('/study-days/' + encodeURIComponent(chosen) + '/attendance'),
        all('/members?dailyBranchId=' + encodeURIComponent(branch))]);
      const byId = new Map(roster.items.map(m => [m.memberId, m]));
      // a member who has moved since the study day is no longer on the branch's roster: read them one by one
      const behind = await Promise.all(day.leftBehind.map(id => byId.get(id)
        || json('/members/' + encodeURIComponent(id)).catch(() => ({ memberId: id }))));
      const followed = new Set(day.followedUp);
      parts.push(el('p', { id: 'day-figures' },
        `应参学 ${day.expected} 人，实到 ${day.attended} 人（`,
        Object.entries(day.byMode).map(([m, n]) => `${word('mode', m)} ${n}`).join('，'),
        `），请假 ${day.excused} 人，补学 ${day.madeUp} 人，掉队 `, el('b', { id: 'left-behind-count' }, day.leftBehind.length), ' 人',
        day.leftBehind.length ? `（已跟进 ${day.leftBehind.filter(id => followed.has(id)).length} 人）` : '',
        day.zeroLeftBehind ? '，已实现零掉队。' : '。'),
      table(`掉队名单 ${orgName(branch)} ${day.date}`.slice(0, 31), [
        { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
        { header: '年龄', value: m => m.age },
        { header: '居住状态', value: m => word('residence', m.residence && m.residence.status) },
        { header: '参学方式', value: m => word('mode', m.studyMode) },
        { header: '跟进', value: m => (followed.has(m.memberId) ? '已跟进' : '未跟进'),
          render: m => el('span', { class: followed.has(m.memberId) ? 'followed' : 'level amber' }, followed.has(m.memberId) ? '已跟进' : '未跟进') },
        { header: '党员编号', value: m => m.memberId, screen: false },
      ], behind, { id: 'left-behind', rowClass: m => (followed.has(m.memberId) ? 'followed-up' : null), empty: '本次学习日零掉队。' }));
    }
  } else {
    parts.push(el('h2', {}, '各支部按月出勤率'),
      el('div', { class: 'chart', id: 'chart-branch-month', style: `height:${Math.max(240, 90 + 26 * perBranch.length)}px` }),
      table('各支部按月出勤率', [
        { header: '支部', value: p => p.branch.name, render: p => el('a', { href: '#/attendance?branch=' + encodeURIComponent(p.branch.id) }, p.branch.name) },
        ...months.map(month => ({ header: month, value: p => rateOf(p, month), render: p => percent(rateOf(p, month)) })),
      ], perBranch, { id: 'branch-month' }));
  }
  parts.push(table('按参学方式', [
    { header: '参学方式', value: r => word('mode', r.key) },
    { header: '应参学人次', value: r => r.expected },
    { header: '该方式参学人次', value: r => r.attended },
    { header: '占比', value: r => (r.rate == null ? null : Number(r.rate)), render: r => percent(r.rate) },
  ], modeRows, { id: 'by-mode' }));
  page().replaceChildren(...parts);

  const small = narrow();
  chart(monthChart, {
    title: { text: '按月出勤率', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', valueFormatter: v => v + '%' },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: monthRows.map(r => monthLabel(r.key)), axisLabel: { interval: 0, rotate: small && monthRows.length > 4 ? 45 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ type: 'line', name: '出勤率', data: monthRows.map(r => r.rate == null ? null : +(r.rate * 100).toFixed(1)),
      label: { show: !small || monthRows.length <= 6, formatter: '{c}%' } }],
  });
  if (!branch && perBranch.length) {
    chart(document.getElementById('chart-branch-month'), {
      tooltip: { formatter: p => `${perBranch[p.value[1]].branch.name} ${months[p.value[0]]}：${p.value[2]}%` },
      grid: { left: 8, right: 8, top: 10, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: months.map(monthLabel), axisLabel: { interval: 0, rotate: small && months.length > 4 ? 45 : 0 } },
      yAxis: { type: 'category', data: perBranch.map(p => fit(p.branch.name, small ? 6 : 14)), inverse: true },
      visualMap: { min: 50, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: small ? 120 : 140,
        inRange: { color: ['#fbe3d6', '#c0392b'] } },
      series: [{
        type: 'heatmap', label: { show: !small, formatter: p => p.value[2] + '%' },
        data: perBranch.flatMap((p, y) => months.map((m, x) => [x, y, rateOf(p, m)]))
          .filter(d => d[2] != null).map(([x, y, r]) => [x, y, +(r * 100).toFixed(1)]),
      }],
    });
  }
  chart(modeChart, {
    title: { text: '三种参学方式', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: small ? ['25%', '50%'] : ['35%', '65%'], data: modeRows.map(r => ({ name: word('mode', r.key), value: r.attended })),
      label: { formatter: '{b}\n{c} 人次' } }],
  });
}
