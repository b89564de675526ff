// Who is signed in (roles and the organisations a scoped role reaches) and the organisation tree, read once a page.
import { TOKEN_KEY, json } from './api.js';

export const ROLES = { COMMITTEE: '街道党工委', AUDITOR: '审计', BRANCH_SECRETARY: '党支部书记', GROUP_LEADER: '党小组长' };
export const SCOPED = ['BRANCH_SECRETARY', 'GROUP_LEADER'];

export const token = () => sessionStorage.getItem(TOKEN_KEY);

export function claims() {
  const t = token();
  if (!t) return null;
  try {
    const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (ignored) {
    return null;
  }
}

export function roles() {
  const c = claims();
  return (c && (c.roles || (c.realm_access && c.realm_access.roles))) || [];
}

/** The organisations a branch secretary or group leader reaches; empty for the committee and auditors. */
export function scope() {
  if (!roles().some(r => SCOPED.includes(r)) || roles().some(r => !SCOPED.includes(r))) return [];
  const s = (claims() || {}).org_scope;
  return Array.isArray(s) ? s : (s ? String(s).split(/[\s,]+/).filter(Boolean) : []);
}

export const subdistrictWide = () => scope().length === 0;

let tree = null;
const names = new Map();
const byId = new Map();

export function useTree(answer) {
  tree = answer;
  names.clear();
  byId.clear();
  const walk = node => { names.set(node.id, node.name); byId.set(node.id, node); node.children.forEach(walk); };
  tree.roots.forEach(walk);
  return tree;
}

export async function loadTree() {
  return useTree(await json('/organizations/tree'));
}

export const orgName = id => (id == null ? '' : (names.get(id) || id));
export const orgNode = id => byId.get(id);
export const knownOrg = id => byId.has(id);

/** The roots a person sees: the whole tree, or for a scoped role the organisations of their scope. */
export function visibleRoots() {
  if (!tree) return [];
  const own = scope();
  return own.length ? own.map(id => byId.get(id)).filter(Boolean) : tree.roots;
}

/** Whether an organisation is one the person may open (their scope or below it). */
export function visible(id) {
  const own = scope();
  if (!own.length) return byId.has(id);
  let found = false;
  const walk = node => { if (node.id === id) found = true; node.children.forEach(walk); };
  visibleRoots().forEach(walk);
  return found;
}

/** The branches the person sees, in tree order. */
export function branches() {
  const result = [];
  const walk = node => { if (node.level === 'BRANCH' && !node.dissolvedOn) result.push(node); node.children.forEach(walk); };
  visibleRoots().forEach(walk);
  return result;
}

/** The heading of the person's view: the subdistrict, or their organisation(s). */
export function heading() {
  const own = scope();
  return own.length ? own.map(orgName).join('、') : '青龙街道党工委';
}
