// 民主评议: a round's results — each member's ratings by the masses, fellow members and themself, the concluding
// grades and their distribution, and the members' satisfaction with each organisation. Labels come from the answer.
import { json } from '../lib/api.js';
import { chart, el, fit, memberLink, narrow, page, percent, table } from '../lib/ui.js';

const RATER_KINDS = ['MASSES', 'PEER', 'SELF'];

/** "优秀2 合格1" for one rater kind of one member; "—" when nobody of that kind rated. */
function tally(counts, labels) {
  const parts = Object.entries(counts || {}).filter(([, n]) => n > 0).map(([code, n]) => `${labels[code] || code}${n}`);
  return parts.length ? parts.join(' ') : '—';
}

export default async function evaluation(params) {
  const rounds = (await json('/evaluation-rounds')).items;
  if (!rounds.length) {
    page().replaceChildren(el('h2', {}, '民主评议'), el('p', { class: 'muted empty' }, '尚无评议轮次。'));
    return;
  }
  const roundId = params.get('round') || rounds[0].roundId;
  const picker = el('select', { id: 'evaluation-round', onchange: e => { location.hash = '#/evaluation?round=' + encodeURIComponent(e.target.value); } },
    rounds.map(r => el('option', { value: r.roundId, selected: r.roundId === roundId ? 'selected' : null },
      `${r.year}年度 ${fit(r.organizationName, 12)}`)));
  picker.style.maxWidth = '100%'; // a long organisation name must not widen a phone's page
  const answer = await json('/evaluation-rounds/' + encodeURIComponent(roundId) + '/results');
  const round = answer.round;
  const kinds = answer.raterKinds;
  const ratings = answer.ratingLabels;
  const satisfaction = answer.satisfactionLabels;
  const graded = answer.grades.reduce((sum, g) => sum + g.count, 0);
  const gradeChart = el('div', { class: 'chart', id: 'chart-grades' });
  const satisfactionChart = el('div', { class: 'chart', id: 'chart-satisfaction' });
  page().replaceChildren(
    el('h2', {}, '民主评议'),
    el('div', { class: 'toolbar' }, el('label', {}, '评议轮次 ', picker)),
    el('div', { class: 'totals' },
      el('span', {}, '评议单位 ', el('b', { id: 'evaluation-organization' }, round.organizationName)),
      el('span', {}, '评议期 ', el('b', {}, `${round.opensOn} 至 ${round.closesOn}`), round.open ? '（进行中）' : '（已结束）'),
      el('span', {}, '参评党员 ', el('b', { id: 'evaluation-members' }, answer.members.length), ' 名'),
      el('span', {}, '已评定等次 ', el('b', { id: 'evaluation-graded' }, graded), ' 名')),
    el('div', { class: 'grid2' }, gradeChart, satisfactionChart),
    table('党员评议结果', [
      { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
      { header: '所在支部', value: m => m.branchName },
      ...RATER_KINDS.map(kind => ({ header: kinds[kind], value: m => tally(m.ratings[kind], ratings) })),
      { header: '评议票数', value: m => m.rated },
      { header: '评定等次', value: m => m.gradeLabel || '未评定' },
      { header: '党员编号', value: m => m.memberId, screen: false },
    ], answer.members, { id: 'evaluation-members-table' }),
    table('党员评议党组织满意度', [
      { header: '党组织', value: o => o.name },
      { header: satisfaction.SATISFIED, value: o => o.satisfied },
      { header: satisfaction.BASICALLY_SATISFIED, value: o => o.basicallySatisfied },
      { header: satisfaction.DISSATISFIED, value: o => o.dissatisfied },
      { header: '参评人数', value: o => o.total },
      { header: '满意率', value: o => o.rate, render: o => percent(o.rate) },
    ], answer.organizations, { id: 'evaluation-organizations-table' }));
  const small = narrow();
  chart(gradeChart, {
    title: { text: '评定等次分布', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: small ? '45%' : '60%', data: answer.grades.map(g => ({ name: g.label, value: g.count })),
      label: { formatter: p => `${p.name}：${p.value}` } }],
  });
  const organizations = answer.organizations;
  chart(satisfactionChart, {
    title: { text: '党组织满意度', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 20, top: 40, bottom: 30, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: organizations.map(o => fit(o.name, small ? 6 : 12)) },
    series: [['SATISFIED', 'satisfied', '#27ae60'], ['BASICALLY_SATISFIED', 'basicallySatisfied', '#f39c12'], ['DISSATISFIED', 'dissatisfied', '#c0392b']]
      .map(([code, field, color]) => ({ name: satisfaction[code], type: 'bar', stack: 'all', itemStyle: { color },
        data: organizations.map(o => o[field]) })),
  });
}
