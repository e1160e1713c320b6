// 组织架构: the district, its streets, their communities and grids, as far as the user may see them, and for the desks
// that read the district view, this month's figures on every district, street and community node (a place view
// without a map).

import { card, failure, loading } from '../components.js';
import { fill, formatNumber, h } from '../dom.js';
import { countCommunities, organization, streetsOf } from '../organization.js';
import { figuresByPlace, overviewRoles } from './overview.js';

export function renderOrganizationTree({ user } = {}) {
  const body = h('div', {}, loading('正在加载组织架构…'));
  const summary = h('p', { class: 'page-subtitle' }, '区 — 街道 — 社区 — 网格 四级组织体系');
  // The tree does not wait for the figures, nor fail without them: they are added to its nodes when they come.
  const figures = overviewRoles.has(user?.role) ? figuresByPlace().catch(() => null) : Promise.resolve(null);
  organization()
    .then((tree) => {
      fill(body, tree?.district ? treeView(tree) : h('p', { class: 'muted' }, '您的工作范围内暂无组织单位。'));
      figures.then((byId) => { if (byId) showFigures(body, byId); });
      const gridCount = streetsOf(tree).flatMap((street) => street.communities ?? []).reduce((sum, c) => sum + (c.grids?.length ?? 0), 0);
      summary.textContent = `${tree.district?.name ?? ''}：${formatNumber(streetsOf(tree).length)} 个街道，${formatNumber(countCommunities(tree))} 个社区，${formatNumber(gridCount)} 个网格`;
    })
    .catch((error) => fill(body, failure(error)));

  return h('div', { class: 'page', 'data-testid': 'organization' },
    h('header', { class: 'page-header' }, h('div', {}, h('h2', { 'data-testid': 'page-title' }, '组织架构'), summary)),
    card(null, body, { testid: 'org-tree' }));
}

function treeView(tree) {
  const { district } = tree;
  const single = streetsOf(tree).length === 1;
  return h('ul', { class: 'tree', role: 'tree', 'aria-label': '组织架构' },
    h('li', { role: 'treeitem', 'aria-expanded': 'true' },
      unitLink(district, '区'),
      h('ul', { role: 'group' }, streetsOf(tree).map((street) =>
        branch(street, '街道', single, street.communities ?? [], (community) =>
          branch(community, '社区', false, community.grids ?? [], (grid) =>
            h('li', { role: 'treeitem' }, unitLink(grid, '网格'))))))));
}

/** A unit with children, collapsible by its own button (a link inside a disclosure's summary would be a control in a
 * control); streets open by default when there is only one. */
function branch(unit, kind, open, children, renderChild) {
  if (children.length === 0) return h('li', { role: 'treeitem' }, unitLink(unit, kind));
  const group = h('ul', { role: 'group', hidden: !open }, children.map(renderChild));
  const item = h('li', { role: 'treeitem', 'aria-expanded': String(open) });
  const toggle = h('button', {
    type: 'button', class: 'tree-toggle', 'aria-expanded': String(open), 'aria-label': `展开或收起${unit.name}`, title: `展开或收起${unit.name}`,
    'data-testid': `tree-toggle-${unit.id}`,
    onclick: () => {
      const opening = group.hidden;
      group.hidden = !opening;
      toggle.setAttribute('aria-expanded', String(opening));
      item.setAttribute('aria-expanded', String(opening));
    },
  });
  item.append(h('div', { class: 'tree-row' }, toggle, unitLink(unit, kind), h('span', { class: 'tree-count' }, `${children.length}`)), group);
  return item;
}

/** What a place's node says of it this month: needs raised, whistles open, and whatever is late. */
function showFigures(tree, byId) {
  for (const [id, figures] of byId) {
    const row = tree.querySelector(`[data-testid="tree-${CSS.escape(id)}"]`);
    if (!row) continue;
    const chips = [
      ['本月需求', figures['needs.raised'] ?? 0, false],
      ['办理中吹哨', figures['cases.open'] ?? 0, false],
      ['超时吹哨', figures['cases.overdue'] ?? 0, true],
      ['逾期任务', figures['tasks.late'] ?? 0, true],
      ['逾期走访', figures['households.overdue'] ?? 0, true],
    ].filter(([, value, alarm]) => !alarm || value > 0);
    row.after(h('span', { class: 'tree-figures', 'data-testid': `tree-figures-${id}` }, chips.map(([label, value, alarm]) =>
      h('span', { class: alarm ? 'tree-figure tree-figure-alarm' : 'tree-figure' }, `${label} ${formatNumber(value)}`))));
  }
}

function unitLink(unit, kind) {
  return h('a', { class: 'tree-link', href: `#/org/${encodeURIComponent(unit.id)}`, 'data-testid': `tree-${unit.id}` },
    h('span', { class: `kind-tag kind-${kind}` }, kind), unit.name);
}
