// The one way to the API: adds the bearer token kept in sessionStorage, and turns a refusal (problem+json) into a
// message in Chinese for the page; the API's own English detail never reaches the screen.
export const TOKEN_KEY = 'dangjian.token';

const FIELDS = {
  days: '天数', organizationId: '组织', branchId: '支部', dailyBranchId: '日常管理支部', from: '起始月份', to: '截止月份',
  by: '统计方式', minAge: '年龄', need: '帮扶需求', category: '党员类别', status: '状态', page: '页码', size: '每页条数',
  q: '查询内容', min: '次数', asOf: '日期', id: '编号',
};
const THINGS = { organization: '组织', member: '党员', 'study day': '学习日', projection: '视图' };

export class ApiError extends Error {
  constructor(status, problem) {
    super(chinese(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

/** What a person reads when the API refuses: by status, naming the field or the kind of record in Chinese. */
export function chinese(status, problem) {
  const fields = ((problem && problem.errors) || []).map(e => FIELDS[e.field] || '输入').filter((f, i, a) => a.indexOf(f) === i);
  const detail = (problem && problem.detail) || '';
  const thing = Object.keys(THINGS).find(k => detail.toLowerCase().startsWith(k));
  switch (status) {
    case 0: return '无法连接服务器，请检查网络后重试。';
    case 400: return fields.length ? `${fields.join('、')}填写有误，请检查后重试。` : '查询条件有误，请检查后重试。';
    case 401: return '登录已失效，请重新登录。';
    case 403: return '无权查看：您的角色不能查看这些数据。';
    case 404: return `未找到该${thing ? THINGS[thing] : '记录'}，或不在您的管辖范围内。`;
    case 409: return '数据已被他人修改，请刷新后重试。';
    case 413: return '内容过大，请缩小范围后重试。';
    case 422: return '该操作不符合业务规则，未被执行。';
    case 429: return '操作过于频繁，请稍后重试。';
    case 503: return '数据服务暂时不可用，请稍后重试。';
    default: return `服务出错（${status}），请稍后重试。`;
  }
}

export async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.set('Authorization', 'Bearer ' + token);
  let response;
  try {
    response = await fetch('/api' + path, { ...options, headers });
  } catch (e) {
    if (options.signal && options.signal.aborted) throw e;
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch (ignored) { /* not problem+json */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function json(path) {
  return (await api(path)).json();
}

/** Every page of a list view (500 a page, the API's largest). */
export async function all(path) {
  const sep = path.includes('?') ? '&' : '?';
  let page = 0;
  let first = null;
  const items = [];
  for (;;) {
    const answer = await json(`${path}${sep}page=${page}&size=500`);
    first = first || answer;
    items.push(...answer.items);
    if (items.length >= answer.total || answer.items.length === 0) break;
    page++;
  }
  return { ...first, items };
}
