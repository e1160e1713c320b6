// 需求清单: the needs in the user's scope, filtered by status, category, place and keyword, a page at a time.
// A resident sees the same page as 我的诉求: only their own needs, without place filters. The filters start from
// the address (#/needs?status=raised, as the workbench's tiles open it) and the place chosen in the masthead, and
// the address follows the filters, so a filtered list can be reloaded or passed on.

import { api } from '../api.js';
import { entryFor } from '../navigation.js';
import { card, failure, loading, pageHeader, pager, table } from '../components.js';
import { fill, h } from '../dom.js';
import { monthName, recentMonths } from '../months.js';
import { organization, streetsOf } from '../organization.js';
import { scopeFilters } from '../scope.js';
import { describe } from './module-descriptions.js';
import {
  catalogue, describePlace, field, formatDateTime, nameIn, needStatuses, placeNames, selectBox, statusBadge, textBox,
} from './needs-shared.js';

/** Roles that may register a need: community offices, and residents and volunteers for themselves. */
export const needRegistrars = new Set(['community_staff', 'resident', 'volunteer']);

const pageSize = 20;

const filterKeys = ['status', 'category', 'streetId', 'communityId', 'q', 'raisedIn', 'stage'];

/** The funnel's stages, as the district view counts them and its figures open this list. */
export const funnelStages = [
  { value: 'accepted', label: '已受理' },
  { value: 'project', label: '已转项目' },
  { value: 'whistled', label: '已吹哨' },
  { value: 'resolved', label: '已办结' },
];

export function renderNeeds({ user, entry, query = {} }) {
  const results = h('div', {}, loading('正在加载需求清单…'));
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': '筛选需求', 'data-testid': 'need-filters' }, loading('正在加载筛选条件…'));
  const state = { page: 1, query: {} };

  const page = h('div', { class: 'page', 'data-testid': 'module-needs' },
    pageHeader(entry.label, describe('needs', user.role)?.summary,
      needRegistrars.has(user.role)
        ? h('a', { class: 'button button-primary', href: '#/needs/new', 'data-testid': 'need-register' }, user.role === 'resident' ? '提交诉求' : '登记需求')
        : null),
    card(null, filters, { testid: 'need-filter-card' }),
    card(null, results, { testid: 'need-list' }));

  Promise.all([catalogue(), placeNames(), user.role === 'resident' ? null : organization().catch(() => null)])
    .then(([loadedCatalogue, names, tree]) => {
      const context = { catalogue: loadedCatalogue, names, user };
      const initial = { ...scopeFilters(), ...Object.fromEntries(filterKeys.filter((key) => query[key]).map((key) => [key, query[key]])) };
      state.query = buildFilters(filters, context, tree, initial, (chosen) => {
        state.query = chosen;
        state.page = 1;
        keepInAddress(chosen);
        load();
      });
      const load = () => loadPage(results, context, state, load);
      load();
    })
    .catch((error) => {
      filters.replaceChildren();
      fill(results, failure(error));
    });
  return page;
}

/** The address names the filters in use, without adding a step to the browser's history. */
function keepInAddress(chosen) {
  const search = new URLSearchParams(Object.entries(chosen).filter(([, value]) => value));
  window.history.replaceState(null, '', `#/needs${search.size ? `?${search}` : ''}`);
}

/** Builds the filter form set to `initial` (values no option offers are dropped); returns the filters it shows. */
function buildFilters(form, context, tree, initial, apply) {
  const { catalogue: loaded, user } = context;
  const status = selectBox('status', needStatuses, { placeholder: '全部状态', testid: 'filter-status' });
  const category = selectBox('category', loaded.categories ?? [], { placeholder: '全部类别', testid: 'filter-category' });
  const keyword = textBox('q', { placeholder: '标题、描述或编号', testid: 'filter-keyword', type: 'search' });
  const raisedIn = selectBox('raisedIn', recentMonths(36).map((period) => ({ value: period, label: monthName(period) })),
    { placeholder: '全部月份', testid: 'filter-raised-in' });
  const stage = selectBox('stage', funnelStages, { placeholder: '全部阶段', testid: 'filter-stage' });
  const streets = streetsOf(tree);
  const showStreets = user.role === 'district_admin' || user.role === 'auditor';
  const showCommunities = showStreets || user.role === 'street_staff';
  const street = selectBox('streetId', streets.map((s) => ({ value: s.id, label: s.name })), { placeholder: '全部街道', testid: 'filter-street' });
  const community = selectBox('communityId', [], { placeholder: '全部社区', testid: 'filter-community' });
  const fillCommunities = () => {
    const chosen = streets.filter((s) => !street.value || s.id === street.value);
    fill(community, h('option', { value: '' }, '全部社区'),
      chosen.flatMap((s) => s.communities ?? []).map((c) => h('option', { value: c.id }, c.name)));
  };
  street.addEventListener('change', fillCommunities);
  status.value = initial.status ?? '';
  category.value = initial.category ?? '';
  keyword.value = initial.q ?? '';
  raisedIn.value = initial.raisedIn ?? '';
  stage.value = initial.stage ?? '';
  street.value = initial.streetId ?? '';
  fillCommunities();
  community.value = initial.communityId ?? '';

  const read = () => ({
    status: status.value, category: category.value, q: keyword.value.trim(), raisedIn: raisedIn.value, stage: stage.value,
    streetId: showStreets ? street.value : '', communityId: showCommunities ? community.value : '',
  });
  form.onsubmit = (event) => {
    event.preventDefault();
    apply(read());
  };
  fill(form,
    h('div', { class: 'filter-fields' },
      field('状态', status),
      field('类别', category),
      showStreets ? field('街道', street) : null,
      showCommunities ? field('社区', community) : null,
      field('提出月份', raisedIn),
      field('办理阶段', stage),
      field('关键词', keyword)),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'filter-apply' }, '查询'),
      h('button', { type: 'button', class: 'button', 'data-testid': 'filter-reset', onclick: () => {
        form.reset();
        fillCommunities();
        apply(read());
      } }, '重置')));
  return read();
}

async function loadPage(results, context, state, reload) {
  fill(results, loading('正在加载需求清单…'));
  const query = new URLSearchParams(Object.entries({ ...state.query, page: state.page, pageSize }).filter(([, value]) => value !== '' && value !== undefined));
  try {
    const answer = await api.get(`/api/needs/needs?${query}`);
    fill(results, needTable(answer.items ?? [], context), pager(answer, state, reload, { pageSize, totalTestid: 'need-total' }));
  } catch (error) {
    fill(results, failure(error));
  }
}

function needTable(items, { catalogue: loaded, names, user }) {
  // A resident's need may have been whistled, but the case board is the desks': say so instead of linking to a refusal.
  const seesCases = Boolean(entryFor(user.role, 'whistles'));
  return table([
    { label: '标题', value: (need) => h('a', { href: `#/needs/${encodeURIComponent(need.id)}`, 'data-testid': `need-link-${need.id}` }, need.title || need.id) },
    { label: '类别', value: (need) => need.categoryName ?? nameIn(loaded.categories, need.category) },
    { label: '紧急程度', value: (need) => h('span', { class: `urgency urgency-${need.urgency}` }, nameIn(loaded.urgencies, need.urgency)) },
    { label: '状态', value: (need) => statusBadge(need.status, need.statusName ?? nameIn(needStatuses, need.status)) },
    { label: '地点', value: (need) => describePlace({ streetId: need.streetId, communityId: need.communityId, gridId: need.gridId, address: need.place }, names) },
    { label: '登记时间', value: (need) => formatDateTime(need.raisedAt), class: 'nowrap' },
    { label: '办理时限', value: (need) => h('span', {}, formatDateTime(need.handleBy), need.overdue ? h('span', { class: 'overdue-tag' }, '已超时') : null), class: 'nowrap' },
    { label: '关联', value: (need) => need.caseId
      ? (seesCases ? h('a', { href: `#/whistles/${encodeURIComponent(need.caseId)}` }, '吹哨案件') : '已吹哨，部门办理中')
      : need.projectId ? h('span', { class: 'muted' }, '已转项目') : '—' },
  ], items, { testid: 'need-table', empty: '没有符合条件的需求' });
}
