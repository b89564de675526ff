// 登录: the embedded default signs in with a role, a name and (for a secretary) the organisations they manage,
// checked against the tree; a token from the subdistrict's identity service can be pasted instead.
import { TOKEN_KEY, json } from '../lib/api.js';
import { ROLES, SCOPED, useTree } from '../lib/session.js';
import { el, page } from '../lib/ui.js';

const CODE = /^[A-Za-z0-9._:-]{1,64}$/;

async function localToken(role, subject, orgScope) {
  const response = await fetch('/api/auth/token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ role, subject, orgScope }),
  });
  const answer = await response.json().catch(() => null);
  if (response.status === 400) throw new Error('姓名只能由文字、数字组成（不含空格），请修改后重试。');
  return response.ok && answer && answer.access_token ? answer.access_token : null;
}

/** The organisations typed (names or codes) as the tree's ids, or the first that is not there or names several. */
function resolve(tree, typed) {
  const nodes = [];
  const walk = n => { nodes.push(n); n.children.forEach(walk); };
  tree.roots.forEach(walk);
  const ids = [];
  for (const entry of typed) {
    const byName = nodes.filter(n => n.name === entry);
    const found = nodes.find(n => n.id === entry) || (byName.length === 1 ? byName[0] : null);
    if (byName.length > 1 && !found) return { ambiguous: entry, count: byName.length };
    if (!found) return { missing: entry };
    ids.push(found.id);
  }
  return { ids };
}

export default async function signIn(params, { signedIn }) {
  const role = el('select', { id: 'sign-in-role' }, Object.entries(ROLES).map(([code, label]) => el('option', { value: code }, label)));
  const name = el('input', { id: 'sign-in-name', value: '', maxlength: 64, size: 16, placeholder: '如 王书记' });
  const scope = el('input', { id: 'sign-in-scope', maxlength: 400, size: 28, placeholder: '如 东风村第一党支部（多个用逗号分隔）' });
  const scopeLabel = el('label', { hidden: true }, '所辖组织 ', scope);
  role.addEventListener('change', () => { scopeLabel.hidden = !SCOPED.includes(role.value); });
  const pasted = el('textarea', { id: 'sign-in-token', rows: 3, cols: 48, placeholder: '粘贴统一身份认证平台给出的登录凭证' });
  const message = el('p', { class: 'error', id: 'sign-in-error', role: 'alert' });
  const use = token => { sessionStorage.setItem(TOKEN_KEY, token); signedIn(); };

  const local = async () => {
    message.textContent = '';
    const scoped = SCOPED.includes(role.value);
    const typed = scoped ? scope.value.split(/[,，、\s]+/).filter(Boolean) : [];
    if (scoped && !typed.length) { message.textContent = '请填写所辖组织的名称，如“东风村第一党支部”。'; return; }
    const subject = name.value.trim() || ROLES[role.value];
    try {
      // the first token reads the tree only: names typed are not codes yet, so it names only what looks like a code
      const first = await localToken(role.value, subject, typed.filter(t => CODE.test(t)));
      if (!first) { message.textContent = '本机登录暂不可用，请展开下方“使用统一身份认证登录”。'; return; }
      if (!scoped) { use(first); return; }
      sessionStorage.setItem(TOKEN_KEY, first);
      const found = resolve(useTree(await json('/organizations/tree')), typed);
      if (found.missing) { message.textContent = `未找到组织“${found.missing}”，请核对所辖组织的名称后重新登录。`; return; }
      if (found.ambiguous) { message.textContent = `有 ${found.count} 个组织名为“${found.ambiguous}”，请改填该组织的编号。`; return; }
      const token = found.ids.join() === typed.join() ? first : await localToken(role.value, subject, found.ids);
      if (!token) { message.textContent = '本机登录暂不可用，请稍后重试。'; return; }
      sessionStorage.setItem(TOKEN_KEY, token);
      use(token);
    } catch (e) {
      message.textContent = e.message;
    } finally {
      if (message.textContent) sessionStorage.removeItem(TOKEN_KEY);
    }
  };
  page().replaceChildren(el('section', { class: 'sign-in' },
    el('h2', {}, '登录'),
    el('p', { class: 'muted' }, '街道党工委和审计人员查看全街道；党支部书记、党小组长只看到所辖组织的党员。'),
    el('p', { class: 'sign-in-form' }, el('label', {}, '角色 ', role), ' ', el('label', {}, '姓名 ', name), ' ', scopeLabel, ' ',
      el('button', { id: 'sign-in-local', type: 'button', onclick: local }, '登录')),
    message,
    el('details', { class: 'other-sign-in' }, el('summary', {}, '使用统一身份认证登录'),
      el('p', {}, pasted),
      el('p', {}, el('button', { id: 'sign-in-paste', type: 'button', onclick: () => pasted.value.trim() && use(pasted.value.trim()) }, '登录')))));
}
