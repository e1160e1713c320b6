// 工作台: who you are and where you work, what waits for you, and the places and modules you work with.

import { api } from '../api.js';
import { card, failure, loading } from '../components.js';
import { fill, formatNumber, h, icon } from '../dom.js';
import { navigationFor, placeRoles } from '../navigation.js';
import { organization, streetsOf } from '../organization.js';
import { scopeFilters, scopeLabel } from '../scope.js';
import { describe } from './module-descriptions.js';
import { overviewRoles, overviewSection } from './overview.js';

export function renderDashboard({ user }) {
  const now = new Date();
  const page = h('div', { class: 'page dashboard', 'data-testid': 'dashboard' },
    h('section', { class: 'welcome' },
      h('div', {},
        h('h2', { 'data-testid': 'greeting' }, `${greeting(now)}，${user.displayName}`),
        h('p', { class: 'welcome-meta' },
          h('span', {}, '角色：', h('strong', { 'data-testid': 'dashboard-role' }, user.roleName)),
          h('span', {}, '所属范围：', h('strong', { 'data-testid': 'dashboard-scope' }, user.scope?.name ?? '—')))),
      h('p', { class: 'welcome-date' }, now.toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }))));

  if (overviewRoles.has(user.role)) page.append(overviewSection(user));
  const work = workCounts(user);
  if (work) page.append(work);
  if (placeRoles.has(user.role)) page.append(placesCard(user));
  const entries = navigationFor(user.role).filter((entry) => entry.key !== 'dashboard');
  if (entries.length > 0) page.append(shortcuts(entries, user.role));
  return page;
}

function greeting(now) {
  const hour = now.getHours();
  if (hour < 6) return '凌晨好';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

// ---- what waits for this desk -------------------------------------------------------------------------------------

const raisedNeeds = { key: 'needs-raised', label: '待受理需求', path: '/api/needs/needs?status=raised', href: '#/needs?status=raised' };
const openCases = { key: 'cases-open', label: '办理中的吹哨', path: '/api/needs/cases?open=true', href: '#/whistles' };
const overdueCases = { key: 'cases-overdue', label: '超时的吹哨', path: '/api/needs/cases?open=true&overdue=true', href: '#/whistles?overdue=true', alarm: true };
const myNeeds = { key: 'needs-mine', label: '我登记的需求', path: '/api/needs/needs', href: '#/needs' };

/** What each desk looks at first, as counts of its own lists (the server scopes every list to the caller). */
const workTiles = {
  community_staff: [
    raisedNeeds,
    { key: 'needs-in-community', label: '社区办理中', path: '/api/needs/needs?status=in-community', href: '#/needs?status=in-community' },
    { key: 'cases-reported', label: '待核实的吹哨', path: '/api/needs/cases?status=reported', href: '#/whistles?status=reported' },
    overdueCases,
  ],
  street_staff: [
    { key: 'cases-awaiting-dispatch', label: '待派单', path: '/api/needs/cases?status=awaiting-dispatch', href: '#/whistles?status=awaiting-dispatch' },
    openCases,
    overdueCases,
  ],
  department_staff: [
    { key: 'cases-dispatched', label: '待签收', path: '/api/needs/cases?status=dispatched', href: '#/whistles?status=dispatched' },
    { key: 'cases-in-handling', label: '办理中', path: '/api/needs/cases?status=in-handling', href: '#/whistles?status=in-handling' },
    overdueCases,
  ],
  district_admin: [raisedNeeds, openCases, overdueCases],
  // A volunteer's console offers 志愿服务 only, so a count of needs would open a page it refuses.
  resident: [myNeeds],
};

function workCounts(user) {
  const tiles = workTiles[user.role];
  if (!tiles) return null;
  const list = h('ul', { class: 'work-grid' }, tiles.map((tile) => {
    const figure = h('b', { class: 'work-figure', 'data-testid': `work-${tile.key}-count` }, '…');
    const separator = tile.path.includes('?') ? '&' : '?';
    // Counted in the place chosen in the masthead, as the list the tile opens is.
    const narrowed = new URLSearchParams({ page: '1', pageSize: '1', ...(tile.path.startsWith('/api/needs/needs') && user.role === 'resident' ? {} : scopeFilters()) });
    api.get(`${tile.path}${separator}${narrowed}`)
      .then((answer) => {
        const total = Number(answer.total ?? 0);
        figure.textContent = formatNumber(total);
        if (tile.alarm && total > 0) figure.classList.add('work-alarm');
      })
      .catch(() => { figure.textContent = '—'; figure.title = '暂时无法读取'; });
    return h('li', {}, h('a', { class: 'work-tile', href: tile.href, 'data-testid': `work-${tile.key}` },
      figure, h('span', {}, tile.label)));
  }));
  return card(scopeLabel() ? `待办概况 · ${scopeLabel()}` : '待办概况', list, { testid: 'work-counts' });
}

function placesCard(user) {
  const body = h('div', {}, loading('正在加载辖区…'));
  const title = user.scope?.kind === 'district' ? '辖区街道' : '辖区社区';
  organization()
    .then((tree) => fill(body, placeGrid(tree, user)))
    .catch((error) => fill(body, failure(error)));
  return card(title, body, { testid: 'places' });
}

function placeGrid(tree, user) {
  const streets = streetsOf(tree);
  const places = user.scope?.kind === 'district'
    ? streets.map((street) => ({
      id: street.id,
      name: street.name,
      kind: '街道',
      figures: [['社区', street.communities?.length ?? 0], ['网格', street.communities?.reduce((sum, c) => sum + (c.grids?.length ?? 0), 0) ?? 0]],
    }))
    : streets.flatMap((street) => (street.communities ?? []).map((community) => ({
      id: community.id,
      name: community.name,
      kind: street.name,
      figures: [['网格', community.grids?.length ?? 0]],
    })));
  if (places.length === 0) return h('p', { class: 'muted' }, '您的工作范围内暂无街道或社区。');
  return h('ul', { class: 'place-grid' }, places.map((place) =>
    h('li', {}, h('a', { class: 'place-card', href: `#/org/${encodeURIComponent(place.id)}`, 'data-testid': `place-${place.id}` },
      h('span', { class: 'place-kind' }, place.kind),
      h('strong', {}, place.name),
      h('span', { class: 'place-figures' }, place.figures.map(([label, value]) => h('span', {}, h('b', {}, formatNumber(value)), ` 个${label}`)))))));
}

function shortcuts(entries, role) {
  return card('常用功能', h('ul', { class: 'shortcut-grid' }, entries.map((entry) =>
    h('li', {}, h('a', { class: 'shortcut', href: entry.route },
      icon(entry.icon),
      h('span', {}, h('strong', {}, entry.label), h('small', {}, describe(entry.key, role)?.summary ?? shortcutHint(entry.key))))))));
}

function shortcutHint(key) {
  return {
    organization: '区、街道、社区、网格四级组织架构与基础数据。',
    system: '各业务服务是否就绪、网关是否转发。',
    apiDocs: '各业务服务的接口说明（OpenAPI）。',
  }[key] ?? '';
}
