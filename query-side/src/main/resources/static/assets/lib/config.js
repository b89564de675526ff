// What the committee may tune without touching a tab: each indicator's name as a rate and the thresholds from
// which it reads green (良好), amber (关注) or red (预警); its definition (口径) comes with the indicator from the
// service. A rate at or above `green` is green, at or above `amber` amber, below it red.
export const DIFFICULTIES = {
  ATTENDING_ORGANIZATIONAL_LIFE: { rate: '近90天参学率', green: 0.9, amber: 0.75 },
  GROUP_MEETINGS: { rate: '党小组会参加率', green: 0.9, amber: 0.7 },
  TALKS: { rate: '年内谈心谈话覆盖率', green: 0.8, amber: 0.5 },
  PAYING_DUES: { rate: '党费按期交纳率', green: 0.95, amber: 0.85 },
  KEEPING_CONTACT: { rate: '通知到达率', green: 0.95, amber: 0.85 },
  HOLDING_ACTIVITIES: { rate: '活动开展率', green: 0.9, amber: 0.7 },
  VANGUARD_ROLE: { rate: '先锋作用发挥率', green: 0.6, amber: 0.3 },
  KNOWING_PERFORMANCE: { rate: '表现掌握率', green: 0.8, amber: 0.5 },
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
