// The console's entry point: the hash router, the signed-in shell (masthead, top bar, navigation) and the
// decisions that span pages — who must sign in, which routes a role may open, what happens when a session ends.

import { api, whenSessionExpires } from './js/api.js';
import { refusal, notFound } from './js/components.js';
import { fill, h, icon } from './js/dom.js';
import { entryFor, modules, navigationFor, readOnlyRoles } from './js/navigation.js';
import { forgetOrganization, organization, scopeChoices } from './js/organization.js';
import { notificationBell } from './js/notifications.js';
import { renderApiDocs } from './js/pages/api-docs.js';
import { renderAudit } from './js/pages/audit.js';
import { renderCaseBoard } from './js/pages/cases.js';
import { renderCaseDetail } from './js/pages/cases-detail.js';
import { renderDashboard } from './js/pages/dashboard.js';
import { renderLogin } from './js/pages/login.js';
import { renderNeeds } from './js/pages/needs.js';
import { renderNeedDetail } from './js/pages/needs-detail.js';
import { renderNeedForm } from './js/pages/needs-form.js';
import { renderOrganizationTree } from './js/pages/organization-tree.js';
import { renderProjects } from './js/pages/projects.js';
import { renderProjectDetail } from './js/pages/projects-detail.js';
import { renderMeetingDetail } from './js/pages/meetings-detail.js';
import { renderOffer } from './js/pages/resources-offer.js';
import { renderResources } from './js/pages/resources.js';
import { renderScores } from './js/pages/scores.js';
import { renderAlerts } from './js/pages/alerts.js';
import { renderSystem } from './js/pages/system.js';
import { renderUnit } from './js/pages/unit.js';
import { renderVolunteers } from './js/pages/volunteers.js';
import { chooseScope, chosenScope, forgetScope } from './js/scope.js';
import { clearSession, currentSession, updateUser } from './js/session.js';

const routes = [
  { pattern: /^\/dashboard$/, module: 'dashboard', render: renderDashboard },
  { pattern: /^\/org$/, module: 'organization', render: renderOrganizationTree },
  // Any unit may be asked for: the server answers 403 outside the caller's scope and the page shows why.
  { pattern: /^\/org\/(?<unitId>[^/]+)$/, highlight: 'organization', title: '组织单位', render: renderUnit },
  { pattern: /^\/api-docs$/, module: 'apiDocs', render: renderApiDocs },
  { pattern: /^\/system$/, module: 'system', render: renderSystem },
  { pattern: /^\/needs$/, module: 'needs', render: renderNeeds },
  { pattern: /^\/needs\/new$/, module: 'needs', render: renderNeedForm },
  { pattern: /^\/needs\/(?<needId>[^/]+)$/, module: 'needs', render: renderNeedDetail },
  { pattern: /^\/whistles$/, module: 'whistles', render: renderCaseBoard },
  { pattern: /^\/whistles\/(?<caseId>[^/]+)$/, module: 'whistles', render: renderCaseDetail },
  { pattern: /^\/scores$/, module: 'scores', render: renderScores },
  { pattern: /^\/alerts$/, module: 'alerts', render: renderAlerts },
  { pattern: /^\/audit$/, module: 'audit', render: renderAudit },
  { pattern: /^\/audit\/(?<kind>cases|needs)\/(?<streamId>[^/]+)$/, module: 'audit', render: renderAudit },
  { pattern: /^\/resources$/, module: 'resources', render: renderResources },
  { pattern: /^\/resources\/offers\/(?<offerId>[^/]+)$/, module: 'resources', render: renderOffer },
  { pattern: /^\/projects$/, module: 'projects', render: renderProjects },
  { pattern: /^\/projects\/meetings\/(?<meetingId>[^/]+)$/, module: 'projects', render: renderMeetingDetail },
  { pattern: /^\/projects\/(?<projectId>[^/]+)$/, module: 'projects', render: renderProjectDetail },
  { pattern: /^\/volunteers$/, module: 'volunteers', render: renderVolunteers },
];

const returnToKey = 'platform.returnTo';
const root = document.getElementById('app');

let shell = null;
let verifiedThisPageLoad = false;
let loginNotice = null;

whenSessionExpires(() => {
  forgetOrganization();
  loginNotice = '登录已过期，请重新登录。';
  sessionStorage.setItem(returnToKey, currentPath());
  leaveShell();
  redirect('#/login');
});

window.addEventListener('hashchange', () => route());
route();

function currentPath() {
  return window.location.hash.replace(/^#/, '') || '/';
}

/** Goes elsewhere without leaving the refused address in the history. */
function redirect(hash) {
  window.history.replaceState(null, '', hash);
  route();
}

async function route() {
  const path = currentPath();
  let session = currentSession();

  if (path === '/login') {
    if (session) redirect(takeReturnTo());
    else showLogin();
    return;
  }
  if (!session) {
    if (path !== '/') sessionStorage.setItem(returnToKey, path);
    redirect('#/login');
    return;
  }
  if (path === '/') {
    redirect('#/dashboard');
    return;
  }

  if (!verifiedThisPageLoad) {
    verifiedThisPageLoad = true;
    // A token kept from earlier in this tab may have expired or the account may have changed since.
    try {
      updateUser(await api.get('/api/identity/me'));
    } catch {
      // 401 already sent the user to sign in; otherwise carry on with what we know and let pages report errors.
    }
    session = currentSession();
    if (!session || currentPath() !== path) return;
  }

  showPage(path, session.user);
}

function takeReturnTo() {
  const target = sessionStorage.getItem(returnToKey);
  sessionStorage.removeItem(returnToKey);
  return target && target !== '/login' && target !== '/' ? `#${target}` : '#/dashboard';
}

function showLogin() {
  leaveShell();
  document.title = '登录 - 大党委协同平台';
  const notice = loginNotice;
  loginNotice = null;
  fill(root, renderLogin({
    notice,
    onSignedIn: () => {
      verifiedThisPageLoad = true;
      forgetOrganization();
      redirect(takeReturnTo());
    },
  }));
}

function showPage(path, user) {
  const { route: match, params, query } = resolve(path);
  const moduleKey = match ? params.module ?? match.module : undefined;
  const entry = moduleKey && entryFor(user.role, moduleKey);

  enterShell(user);
  markActive(moduleKey ?? match?.highlight);
  syncScopeSelector(params.unitId);

  let page;
  let title;
  if (!match) {
    page = notFound();
    title = '未找到';
  } else if (moduleKey && !entry) {
    page = refusal(`您的角色（${user.roleName}）没有「${modules[moduleKey].label}」模块的使用权限。`);
    title = '无权访问';
  } else {
    page = match.render({ user, params, query, entry });
    title = entry?.label ?? match.title;
  }
  document.title = `${title} - 大党委协同平台`;
  fill(shell.content, readOnlyRoles.has(user.role) ? readOnlyBanner() : null, page);
  shell.content.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

/** The route of `path`, its parameters, and the filters after its `?` (a list opened already filtered). */
function resolve(path) {
  const [pathname, search = ''] = path.split(/\?(.*)/s, 2);
  const query = Object.fromEntries(new URLSearchParams(search));
  for (const candidate of routes) {
    const found = candidate.pattern.exec(pathname);
    if (!found) continue;
    try {
      const params = Object.fromEntries(Object.entries(found.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]));
      return { route: candidate, params, query };
    } catch {
      break; // a malformed %-escape typed into the address bar: no such page
    }
  }
  return { route: null, params: {}, query };
}

function readOnlyBanner() {
  return h('div', { class: 'readonly-banner', role: 'note', 'data-testid': 'readonly-banner' },
    icon(['M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z', 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z']),
    h('strong', {}, '审计只读'),
    h('span', {}, '您以审计身份登录：可查阅全部记录，不能新增或修改任何数据。'));
}

// ---- the signed-in shell -------------------------------------------------------------------------------------

function enterShell(user) {
  if (shell?.username === user.username) return;
  leaveShell();

  const scopeField = h('div', { class: 'scope-field' },
    h('span', { class: 'scope-caption' }, '当前范围'),
    h('span', { class: 'scope-name', 'data-testid': 'scope-name' }, user.scope?.name ?? '—'));
  const content = h('main', { id: 'content', class: 'content', tabindex: '-1', 'data-testid': 'content' });
  const bell = notificationBell(user, { isCurrent: () => shell?.username === user.username });
  const nav = h('nav', { class: 'sidenav', 'aria-label': '主导航', 'data-testid': 'main-nav' },
    h('ul', {}, navigationFor(user.role).map((entry) =>
      h('li', {}, h('a', { href: entry.route, 'data-nav': entry.key, 'data-testid': `nav-${entry.key}` },
        icon(entry.icon),
        h('span', { class: 'nav-label' }, entry.label),
        entry.note ? h('span', { class: 'nav-note' }, entry.note) : null)))));

  const element = h('div', { class: 'shell' },
    h('a', { class: 'skip-link', href: '#content', onclick: (event) => { event.preventDefault(); content.focus(); } }, '跳到主要内容'),
    h('header', { class: 'masthead', 'data-testid': 'masthead' },
      h('div', { class: 'brand' },
        h('span', { class: 'emblem', 'aria-hidden': 'true' }, '党'),
        h('div', {}, h('h1', {}, '大党委协同平台'), h('p', {}, '区委组织部 · 共驻共建 · 吹哨报到'))),
      h('div', { class: 'topbar', 'data-testid': 'topbar' },
        scopeField,
        bell,
        h('div', { class: 'user-chip', 'data-testid': 'current-user' },
          h('span', { class: 'avatar', 'aria-hidden': 'true' }, [...(user.displayName ?? user.username)][0]),
          h('span', { class: 'user-text' },
            h('span', { class: 'user-name', 'data-testid': 'current-user-name' }, user.displayName),
            h('span', { class: 'role-badge', 'data-testid': 'current-role' }, user.roleName))),
        h('button', { type: 'button', class: 'logout', 'data-testid': 'logout', onclick: signOut }, '退出登录'))),
    h('div', { class: 'workspace' }, nav, content),
    h('footer', { class: 'footer' }, '大党委协同平台 · 区委组织部主办 · 所有操作均记录在案，可追溯、可核验'));

  fill(root, element);
  shell = { username: user.username, nav, content, scopeField, scopeSelect: null, choices: [] };
  loadScopeChoices(user, shell);
}

function leaveShell() {
  shell = null;
}

function markActive(key) {
  for (const link of shell.nav.querySelectorAll('a[data-nav]')) {
    if (link.dataset.nav === key) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function loadScopeChoices(user, forShell) {
  let choices = [];
  try {
    choices = scopeChoices(await organization(), user.scope);
  } catch {
    // Without the tree the selector keeps showing the user's own scope; pages that need the tree say why.
  }
  // One place to choose from is no choice: the user's scope stays plain text.
  if (shell !== forShell || choices.length < 2) return;
  // Choosing a place narrows every list, the board and the scores; on the org pages it opens that place's page.
  const select = h('select', { id: 'scope-selector', 'data-testid': 'scope-selector',
    onchange: () => {
      chooseScope(choices.find((choice) => choice.id === select.value) ?? null);
      const { route: match } = resolve(currentPath());
      if (match?.highlight === 'organization' || match?.module === 'organization') window.location.hash = `#/org/${encodeURIComponent(select.value)}`;
      else route();
    } },
  groupByStreet(choices));
  fill(forShell.scopeField, h('label', { class: 'scope-caption', for: 'scope-selector' }, '当前范围'), select);
  forShell.choices = choices;
  forShell.scopeSelect = select;
  syncScopeSelector(resolve(currentPath()).params.unitId);
}

/** A district-wide list is long: its communities are grouped under their streets. */
function groupByStreet(choices) {
  const nodes = [];
  const groups = new Map();
  for (const choice of choices) {
    const option = h('option', { value: choice.id }, choice.kind === 'community' ? choice.name : `${choice.name}（全部）`);
    if (!choice.group || choices.length <= 12) {
      nodes.push(option);
      continue;
    }
    if (!groups.has(choice.group)) {
      groups.set(choice.group, h('optgroup', { label: choice.group }));
      nodes.push(groups.get(choice.group));
    }
    groups.get(choice.group).append(option);
  }
  return nodes;
}

/** Shows the unit being viewed in the selector, or the chosen place (else the user's own scope) elsewhere. */
function syncScopeSelector(unitId) {
  if (!shell?.scopeSelect) return;
  const ids = shell.choices.map((choice) => choice.id);
  const own = currentSession()?.user?.scope?.id;
  const chosen = chosenScope()?.id;
  shell.scopeSelect.value = [unitId, chosen, own].find((id) => id && ids.includes(id)) ?? ids[0];
}

async function signOut() {
  const session = currentSession();
  clearSession();
  forgetScope();
  forgetOrganization();
  leaveShell();
  if (session?.refreshToken) {
    // The refresh token must die on the server too; signing out locally does not wait for it to answer.
    api.signOut(session).catch(() => {});
  }
  loginNotice = '您已安全退出。';
  redirect('#/login');
}
