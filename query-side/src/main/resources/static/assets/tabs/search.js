// 党员查询: find a member by name, its pinyin or initials, or phone, and filter the roster; one request per search.
import { json } from '../lib/api.js';
import { branches, loadTree, orgName } from '../lib/session.js';
import { WORDS, el, memberLink, page, table, word, words } from '../lib/ui.js';

const options = (kind, chosen) => [el('option', { value: '' }, '不限'),
  ...Object.entries(WORDS[kind]).map(([code, label]) => el('option', { value: code, selected: code === chosen }, label))];

export default async function search(params) {
  await loadTree();
  const filters = ['q', 'dailyBranchId', 'minAge', 'status', 'category', 'need'];
  const query = new URLSearchParams();
  filters.forEach(f => { if (params.get(f)) query.set(f, params.get(f)); });
  const answer = query.toString() ? await json('/members?' + query + '&size=200') : null;
  const q = el('input', { id: 'search-q', type: 'search', value: params.get('q') || '', placeholder: '姓名、拼音首字母或电话', size: 22 });
  const branch = el('select', { id: 'search-branch' }, el('option', { value: '' }, '全部支部'),
    branches().map(b => el('option', { value: b.id, selected: b.id === params.get('dailyBranchId') }, b.name)));
  const age = el('select', { id: 'search-age' }, [['', '不限'], ['60', '60岁以上'], ['80', '80岁以上']]
    .map(([v, l]) => el('option', { value: v, selected: v === (params.get('minAge') || '') }, l)));
  const status = el('select', { id: 'search-status' }, options('residence', params.get('status')));
  const category = el('select', { id: 'search-category' }, options('category', params.get('category')));
  const need = el('select', { id: 'search-need' }, options('need', params.get('need')));
  const go = () => {
    const next = new URLSearchParams();
    [['q', q.value.trim()], ['dailyBranchId', branch.value], ['minAge', age.value], ['status', status.value],
      ['category', category.value], ['need', need.value]].forEach(([k, v]) => { if (v) next.set(k, v); });
    location.hash = '#/search?' + next;
  };
  q.addEventListener('keydown', e => { if (e.key === 'Enter') go(); });
  page().replaceChildren(
    el('h2', {}, '党员查询'),
    el('div', { class: 'toolbar' }, el('label', {}, '查找 ', q), el('label', {}, '支部 ', branch), el('label', {}, '年龄 ', age),
      el('label', {}, '居住 ', status), el('label', {}, '类别 ', category), el('label', {}, '帮扶 ', need),
      el('button', { type: 'button', id: 'search-go', onclick: go }, '查询')),
    ...(answer ? [
      answer.total > answer.items.length ? el('p', { class: 'muted' }, `共 ${answer.total} 名，显示前 ${answer.items.length} 名，请缩小条件。`) : null,
      table('党员名单', [
        { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
        { header: '年龄', value: m => m.age },
        { header: '日常管理支部', value: m => orgName(m.dailyBranchId) },
        { header: '居住状态', value: m => word('residence', m.residence && m.residence.status) },
        { header: '党员类别', value: m => words('category', m.categories) },
        { header: '帮扶需求', value: m => words('need', m.needs) },
        { header: '党员编号', value: m => m.memberId, screen: false },
      ], answer.items, { id: 'search-table', empty: '没有符合条件的党员。' }),
    ] : [el('p', { class: 'muted' }, '输入姓名（或其中几个字）、姓名拼音或拼音首字母、电话号码，或选择条件后点“查询”。')]).filter(Boolean));
}
