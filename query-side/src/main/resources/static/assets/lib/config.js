// What the committee may tune without touching a tab: each indicator's name as a rate, its definition, and the
// thresholds from which it reads green (良好), amber (关注) or red (预警). A rate at or above `green` is green, at
// or above `amber` amber, below it red.
export const DIFFICULTIES = {
  ATTENDING_ORGANIZATIONAL_LIFE: { rate: '近90天参学率', definition: '近90天内参加过学习日的党员 ÷ 在册党员（按日常管理支部统计）', green: 0.9, amber: 0.75 },
  GROUP_MEETINGS: { rate: '过渡期编组率', definition: '已编入过渡期党小组的过渡期党员 ÷ 过渡期党员', green: 0.9, amber: 0.7 },
  TALKS: { rate: '年内谈心谈话覆盖率', definition: '近12个月内有过谈心谈话的党员 ÷ 在册党员', green: 0.8, amber: 0.5 },
  PAYING_DUES: { rate: '党费按期交纳率', definition: '上月已交且此前无欠缴月份的党员 ÷ 在册党员（按组织关系所在支部）', green: 0.95, amber: 0.85 },
  KEEPING_CONTACT: { rate: '保持联系率', definition: '未失联且有联系卡的党员 ÷ 在册党员', green: 0.95, amber: 0.85 },
  HOLDING_ACTIVITIES: { rate: '学习日开展率', definition: '近12个月已开展（未取消）的学习日 ÷（12 × 党支部数），最高100%', green: 0.9, amber: 0.7 },
  VANGUARD_ROLE: { rate: '先锋作用发挥率', definition: '有先锋活动记录或联系群众户的党员 ÷ 在册党员', green: 0.6, amber: 0.3 },
  KNOWING_PERFORMANCE: { rate: '表现掌握率', definition: '联系卡“六个清”完整且12个月内核实、并在12个月内参加民主评议的党员 ÷ 在册党员', green: 0.8, amber: 0.5 },
};

export const LEVELS = { green: '良好', amber: '关注', red: '预警' };

export function level(code, value) {
  const t = DIFFICULTIES[code];
  if (value == null || !t) return null;
  return Number(value) >= t.green ? 'green' : Number(value) >= t.amber ? 'amber' : 'red';
}

/** How many days without a visit make a visit overdue, and how often a member may be left behind before a warning. */
export const CARE_DAYS = 90;
export const LEFT_BEHIND_WARNING = 2;
/** Months of dues owed that make a warning: amber from 3, red from 6 (党章: six months unpaid without cause). */
export const ARREARS_AMBER_MONTHS = 3;
export const ARREARS_RED_MONTHS = 6;
