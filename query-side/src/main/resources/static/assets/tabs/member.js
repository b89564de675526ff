// 党员: the member's current view and their history, by business date newest first, study days by name, missed ones shown.
import { json } from '../lib/api.js';
import { loadTree, orgName, scope, subdistrictWide } from '../lib/session.js';
import { beijing, el, page, today, word, words, yuan } from '../lib/ui.js';

const EVENTS = {
  MemberRegistered: '登记入册', ContactCardUpdated: '更新联系卡（六个清）', MemberRelocated: '拆迁进入过渡期',
  MemberJoinedTransitionGroup: '加入过渡期党小组', MemberLeftTransitionGroup: '离开过渡期党小组',
  StudyModeAssigned: '确定参学方式', MemberAttendedStudyDay: '参加学习日', StudyAbsenceExcused: '学习日请假',
  MemberTransferredToResettlementCommunity: '迁入安置社区', DualManagementEstablished: '实行双重管理',
  DualManagementEnded: '结束双重管理', OrganizationalRelationTransferred: '转接组织关系', CareNeedsRecorded: '登记帮扶需求',
  MemberVisitedByHelper: '关爱帮扶走访', DuesPaid: '交纳党费', ContactLost: '失去联系', ContactRestored: '恢复联系',
  HouseholdsLinked: '联系群众户', VanguardActivityRecorded: '发挥先锋作用', EvaluationRecorded: '民主评议',
  MembershipEnded: '党籍终止', StudyFollowedUp: '掉队跟进', StudyMadeUp: '补学', DuesStandardSet: '核定党费标准',
  NoticeDelivered: '收到活动通知', NoticeAcknowledged: '确认活动通知', MemberAttendedMeeting: '参加会议', MemberRated: '民主评议测评',
  IdentityDisplayed: '亮身份', CentralHouseholdDesignated: '确定中心户', LeaderAppointed: '任职',
  LEFT_BEHIND: '未参加学习日（掉队）',
};
const FOLLOW_UP = { VISIT: '上门', PHONE: '电话', WECHAT: '微信' };
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** A study day as a person names it: its date and topic (or its branch), never its id. */
function studyDayName(days, id) {
  const d = days.get(id);
  if (!d) return '学习日';
  return `${d.date} ${d.topic || orgName(d.branchId) + '学习日'}`;
}

function summary(type, p, days) {
  const parts = [];
  const add = (label, value) => { if (value != null && value !== '') parts.push(`${label}：${value}`); };
  switch (type) {
    case 'MemberRegistered': add('支部', orgName(p.branchId)); add('居住', word('residence', p.residence && p.residence.status)); break;
    case 'MemberRelocated': add('片区', orgName(p.areaId)); add('过渡住址', p.transitionAddress); break;
    case 'MemberJoinedTransitionGroup': add('党小组', orgName(p.groupId)); break;
    case 'MemberLeftTransitionGroup': add('党小组', orgName(p.groupId)); add('原因', p.reason); break;
    case 'StudyModeAssigned': add('方式', word('mode', p.mode)); add('原因', p.reason); break;
    case 'MemberAttendedStudyDay': case 'StudyMadeUp': add('学习日', studyDayName(days, p.studyDayId)); add('方式', word('mode', p.mode)); break;
    case 'StudyAbsenceExcused': add('学习日', studyDayName(days, p.studyDayId)); add('原因', p.reason); break;
    case 'StudyFollowedUp': add('学习日', studyDayName(days, p.studyDayId)); add('方式', FOLLOW_UP[p.method] || ''); add('跟进人', p.helperName); break;
    case 'LEFT_BEHIND': add('学习日', studyDayName(days, p.studyDayId)); add('跟进', p.followedUp ? '已跟进' : '未跟进'); break;
    case 'MemberTransferredToResettlementCommunity': add('社区', orgName(p.communityId)); add('居住地支部', orgName(p.residenceBranchId)); break;
    case 'DualManagementEstablished': add('原支部', orgName(p.originBranchId)); add('居住地支部', orgName(p.residenceBranchId)); break;
    case 'OrganizationalRelationTransferred': add('转入', orgName(p.toBranchId)); break;
    case 'CareNeedsRecorded': add('需求', words('need', p.needs)); break;
    case 'MemberVisitedByHelper': add('方式', word('visit', p.kind)); add('帮扶人', p.helperName); add('情况', p.notes); break;
    case 'DuesPaid': add('月份', p.period); add('金额', p.amountFen != null ? yuan(p.amountFen) + ' 元' : null); break;
    case 'EvaluationRecorded': add('期间', p.period); add('等次', word('rating', p.rating)); break;
    case 'VanguardActivityRecorded': add('内容', p.description); break;
    case 'NoticeDelivered': add('发布组织', orgName(p.organizationId)); add('方式', word('channel', p.channel)); break;
    case 'MemberAttendedMeeting': add('组织', orgName(p.organizationId)); add('会议', word('meetingKind', p.kind)); break;
    default: break;
  }
  return parts.join('，');
}

/** The study days a person may read of these branches: a scoped role reads only the branches its scope names. */
async function studyDaysOf(branchIds) {
  const readable = branchIds.filter(b => b && (subdistrictWide() || scope().includes(b)));
  const lists = await Promise.all([...new Set(readable)].map(b => json('/study-days?branchId=' + encodeURIComponent(b))));
  return new Map(lists.flatMap(l => l.items).map(d => [d.studyDayId, d]));
}

export default async function member(params, context, id) {
  await loadTree();
  // missed study days of the last year, decided on each study day's date by the same rule as the sign-in sheet
  const yearAgo = String(Number(today().slice(0, 4)) - 1) + today().slice(4);
  const [m, history, expectedAt] = await Promise.all([json('/members/' + encodeURIComponent(id)),
    json('/members/' + encodeURIComponent(id) + '/history?size=1000'),
    json('/members/' + encodeURIComponent(id) + '/attendance?from=' + yearAgo + '&to=' + today())]);
  const days = await studyDaysOf([m.dailyBranchId, m.branchId, ...expectedAt.map(d => d.branchId)]);
  const missed = expectedAt.filter(d => d.outcome === 'LEFT_BEHIND');
  const entries = [
    ...history.items.map(e => ({ ...e, date: e.occurredAt || (e.recordedAt || '').slice(0, 10) })),
    ...missed.map(d => ({ type: 'LEFT_BEHIND', date: String(d.date), sequence: -1, payload: { studyDayId: d.studyDayId, followedUp: d.followedUp } })),
  ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.sequence - a.sequence));
  const kv = (label, value) => [el('dt', {}, label), el('dd', {}, value == null || value === '' ? '—' : value)];
  const recorder = e => (e.recordedBy && !ASCII_ONLY.test(e.recordedBy) ? `，记录人 ${e.recordedBy}` : '');
  page().replaceChildren(
    el('h2', {}, `党员：${m.name}`),
    el('dl', { class: 'kv', id: 'member-view' },
      kv('性别', word('gender', m.gender)), kv('年龄', m.age),
      kv('组织关系所在支部', orgName(m.branchId)), kv('日常管理支部', orgName(m.dailyBranchId)),
      kv('双重管理', m.dualManaged ? '是' : '否'),
      kv('居住状态', word('residence', m.residence && m.residence.status)),
      kv('安置社区', orgName(m.residence && m.residence.communityId)),
      kv('片区 / 党小组', [orgName(m.areaId), orgName(m.groupId), orgName(m.buildingGroupId)].filter(Boolean).join(' / ')),
      kv('参学方式', word('mode', m.studyMode)), kv('党员类别', words('category', m.categories)),
      kv('帮扶需求', words('need', m.needs)),
      kv('联系卡', m.contactCard ? (m.contactCard.complete ? '完整' : '不完整') + (m.contactCard.verifiedOn ? `（核实于 ${m.contactCard.verifiedOn}）` : '') : null),
      kv('上次走访', m.lastVisitOn), kv('上次参学', m.lastAttendanceOn), kv('党费交至', m.duesPaidThrough),
      kv('党费欠缴', m.arrears && m.arrears.months.length ? `${m.arrears.months.length} 个月，${yuan(m.arrears.owedFen)} 元（${m.arrears.months.join('、')}）` : '无'),
      kv('民主评议', word('rating', m.lastRating)), kv('状态', word('status', m.status)), kv('党员编号', m.memberId)),
    el('h2', {}, `经历（共 ${entries.length} 条，按发生日期最新在上`, missed.length ? `，其中掉队 ${missed.length} 次` : '', '）'),
    el('ol', { class: 'timeline', id: 'timeline' }, entries.map(e => el('li', { 'data-type': e.type, 'data-date': e.date, class: e.type === 'LEFT_BEHIND' ? 'missed' : null },
      el('span', { class: 'when' }, e.date),
      el('span', { class: 'what' }, EVENTS[e.type] || '其他记录'),
      el('div', { class: 'how' }, summary(e.type, e.payload || {}, days)),
      e.recordedAt ? el('div', { class: 'recorded' }, `登记于 ${beijing(e.recordedAt)}（北京时间）${recorder(e)}`) : null))));
}
