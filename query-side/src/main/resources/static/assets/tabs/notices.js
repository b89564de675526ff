// 通知: each notice's reach (audience fixed on its issue date, delivered, acknowledged) and who is not reached yet.
import { json } from '../lib/api.js';
import { heading, loadTree } from '../lib/session.js';
import { el, memberLink, page, percent, table, word } from '../lib/ui.js';

export default async function notices(params, context, id) {
  await loadTree();
  if (id) return reach(id);
  const list = await json('/notices');
  page().replaceChildren(
    el('h2', {}, '活动通知送达情况：', heading()),
    el('p', { class: 'muted' }, '应通知：发布当日由发布组织（含下属支部）日常管理的党员；确认率 = 已确认收到 ÷ 应通知。'),
    table('活动通知送达', [
      { header: '标题', value: n => n.title, render: n => el('a', { href: '#/notices/' + encodeURIComponent(n.noticeId), 'data-notice': n.noticeId }, n.title) },
      { header: '发布组织', value: n => n.organizationName },
      { header: '发布日期', value: n => n.issuedOn },
      { header: '应通知', value: n => n.audience },
      { header: '已送达', value: n => n.delivered },
      { header: '已确认', value: n => n.acknowledged },
      { header: '确认率', value: n => (n.rate == null ? null : Number(n.rate)), render: n => percent(n.rate) },
    ], list, { id: 'notices-table' }));
}

async function reach(id) {
  const r = await json('/notices/' + encodeURIComponent(id) + '/reach');
  page().replaceChildren(
    el('h2', {}, r.title),
    el('p', {}, `${r.organizationName} · ${r.issuedOn} 发布`),
    el('p', { id: 'reach-figures' }, '应通知 ', el('b', {}, r.audience), ' 人，已送达 ', el('b', {}, r.delivered),
      ' 人，已确认 ', el('b', {}, r.acknowledged), ' 人（', percent(r.rate), '）'),
    table('未通知到的党员', [
      { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
      { header: '发布时所在支部', value: m => m.branchName },
      { header: '居住状况', value: m => word('residence', m.residenceStatus) },
      { header: '失联', value: m => (m.contactLost ? '是' : '否') },
      { header: '送达情况', value: m => (m.delivered ? `已送达（${m.channelLabel}），未确认` : '未送达') },
      { header: '联系电话', value: m => m.phone || '' },
      { header: '党员编号', value: m => m.memberId, screen: false },
    ], r.notReachedMembers, { id: 'not-reached-table', empty: '全部已通知到' }));
}
