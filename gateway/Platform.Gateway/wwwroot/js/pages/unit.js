// One unit of the organization (district, street, community, grid …): where it sits, what it contains, its
// figures. The server decides whether the caller may see it; a refusal replaces the page.

import { api } from '../api.js';
import { card, failure, loading, table } from '../components.js';
import { fill, h } from '../dom.js';
import { describeFacts } from '../facts.js';
import { unitKindNames } from '../organization.js';

export function renderUnit({ user, params }) {
  const page = h('div', { class: 'page', 'data-testid': 'unit-page' }, loading('正在加载组织单位…'));
  api.get(`/api/identity/organization/units/${encodeURIComponent(params.unitId)}`)
    .then((unit) => fill(page, ...unitView(unit, user)))
    .catch((error) => fill(page, failure(error)));
  return page;
}

function unitView(unit, user) {
  const kind = unitKindNames[unit.kind] ?? unit.kind;
  // `path` lists the unit's ancestors, from the district down; the breadcrumbs end with the unit itself.
  const ancestors = (unit.path ?? []).filter((step) => step.id !== unit.id);
  const path = [...ancestors, { id: unit.id, kind: unit.kind, name: unit.name }];
  // Units above the user's own scope are named for orientation but not linked: opening them would be refused.
  const firstReachable = Math.max(0, path.findIndex((step) => step.id === user.scope?.id));
  return [
    h('nav', { class: 'breadcrumbs', 'aria-label': '所在位置', 'data-testid': 'breadcrumbs' },
      h('ol', {}, path.map((step, index) => h('li', {}, index === path.length - 1
        ? h('span', { 'aria-current': 'page' }, step.name)
        : index < firstReachable
          ? h('span', {}, step.name)
          : h('a', { href: `#/org/${encodeURIComponent(step.id)}` }, step.name))))),
    h('header', { class: 'page-header' },
      h('div', {},
        h('h2', { 'data-testid': 'page-title' }, h('span', { class: `kind-tag kind-${kind}` }, kind), unit.name,
          unit.closed ? h('span', { class: 'closed-tag' }, '已撤销') : null),
        h('p', { class: 'page-subtitle' }, `单位编号 ${unit.id}`))),
    factsCard(unit.facts),
    contactCard(unit.contact),
    ...childrenCards(unit.children ?? []),
  ].filter(Boolean);
}

function factsCard(facts) {
  const groups = describeFacts(facts);
  if (groups.length === 0) return null;
  return card('基础数据', groups.map(({ group, items }) => h('section', { class: 'fact-group' },
    groups.length > 1 ? h('h4', {}, group) : null,
    h('dl', { class: 'facts', 'data-testid': 'unit-facts' }, items.map((item) =>
      h('div', { class: ['fact', !item.numeric && 'fact-text', item.value.length > 10 && 'fact-wide'], 'data-fact': item.key },
        h('dt', {}, item.label),
        h('dd', {}, item.value, item.unit ? h('small', {}, item.unit) : null)))))));
}

/** The unit's contact person; the server masks name and phone unless the caller works with them. */
function contactCard(contact) {
  if (!contact) return null;
  return card('联系人', h('div', { class: 'contact', 'data-testid': 'unit-contact' },
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, [...contact.name][0]),
    h('div', {},
      h('strong', {}, contact.name), contact.title ? h('span', { class: 'muted' }, ` · ${contact.title}`) : null,
      h('p', { class: 'contact-phone' }, '联系电话：', h('span', { class: 'mono' }, contact.phone))),
    contact.masked ? h('span', { class: 'masked-tag', title: '按个人信息保护规定，联系方式仅对负责联络的人员完整显示' }, '已脱敏') : null));
}

const childGroupTitles = {
  street: '下辖街道',
  community: '下辖社区',
  grid: '下辖网格',
  building: '楼栋',
  department: '职能部门',
  unit: '共建单位',
};

/** The units directly below, one table per kind in the order above (a community holds grids and co-building units). */
function childrenCards(children) {
  if (children.length === 0) return [card('下级单位', h('p', { class: 'muted' }, '该单位没有下级单位。'))];
  const byKind = new Map();
  for (const child of children) byKind.set(child.kind, [...(byKind.get(child.kind) ?? []), child]);
  const kindOrder = Object.keys(childGroupTitles);
  const rank = (kind) => (kindOrder.includes(kind) ? kindOrder.indexOf(kind) : kindOrder.length);
  return [...byKind].sort(([a], [b]) => rank(a) - rank(b)).map(([kind, units]) => card(`${childGroupTitles[kind] ?? unitKindNames[kind] ?? kind}（${units.length}）`,
    table([
      { label: '名称', value: (child) => h('a', { href: `#/org/${encodeURIComponent(child.id)}`, 'data-testid': `child-${child.id}` }, child.name) },
      { label: '编号', value: (child) => child.id, class: 'mono' },
    ], units, { testid: 'unit-children' })));
}
