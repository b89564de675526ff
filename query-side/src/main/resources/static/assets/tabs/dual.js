// 双重管理: per resettlement community, who keeps their relation in the village and lives under which branch.
import { all } from '../lib/api.js';
import { loadTree, orgName } from '../lib/session.js';
import { el, memberLink, page, table } from '../lib/ui.js';

export default async function dual() {
  await loadTree();
  const answer = await all('/dual-management');
  const byCommunity = new Map();
  answer.items.forEach(m => {
    const key = m.communityId || 'none';
    if (!byCommunity.has(key)) byCommunity.set(key, []);
    byCommunity.get(key).push(m);
  });
  const columns = [
    { header: '姓名', value: m => m.name, render: m => memberLink(m.memberId, m.name) },
    { header: '安置社区', value: m => orgName(m.communityId) },
    { header: '组织关系所在支部（原村）', value: m => orgName(m.originBranchId) },
    { header: '日常管理支部（居住地）', value: m => orgName(m.residenceBranchId) },
    { header: '楼栋党小组', value: m => orgName(m.buildingGroupId) },
    { header: '双重管理起始', value: m => m.since },
    { header: '党员编号', value: m => m.memberId, screen: false },
  ];
  page().replaceChildren(
    el('h2', {}, '双重管理'),
    el('p', { class: 'muted' }, `共 ${answer.total} 名党员实行双重管理：组织关系留在原村支部（重大事项、选举、集体经济），`,
      '日常教育管理由居住地支部负责。'),
    ...[...byCommunity.entries()].map(([community, members]) =>
      table(`${community === 'none' ? '未知社区' : orgName(community)}`.slice(0, 31), columns, members,
        { id: 'community-' + community })),
    table('按原村支部', [
      { header: '组织关系所在支部（原村）', value: r => orgName(r[0]) },
      { header: '双重管理党员数', value: r => r[1] },
    ], Object.entries(answer.byOriginBranch), { id: 'by-origin' }));
}
