// 吹哨看板: the open whistle cases in the user's scope, one column per stage, each card counting down to its next
// deadline every second without asking the server again. Street and district offices dispatch from here; a
// department (我的工单) signs from here.

import { api } from '../api.js';
import { failure, loading, pageHeader } from '../components.js';
import { fill, formatNumber, h } from '../dom.js';
import { scopeFilters, scopeLabel } from '../scope.js';
import { describe } from './module-descriptions.js';
import { actionsFor, openCaseAction, ownDepartment } from './cases-actions.js';
import {
  catalogue, caseStatuses, countdown, departments, explainFailure, flash, keepTicking, levelBadge, nameIn, placeNames,
} from './needs-shared.js';

/** The columns of the board, in the order a case moves through them. */
const columns = ['awaiting-dispatch', 'dispatched', 'in-handling', 'reported', 'verified', 'callback-done'];

const boardSize = 200;

export function renderCaseBoard({ user, entry, query = {} }) {
  const board = h('div', { class: 'board-holder' }, loading('正在加载吹哨案件…'));
  const message = h('div', { class: 'flash-slot' });
  const level = h('select', { id: 'board-level', 'data-testid': 'board-level' },
    h('option', { value: '' }, '全部层级'), h('option', { value: 'street' }, '街道'), h('option', { value: 'district' }, '区'));
  const overdue = h('input', { type: 'checkbox', id: 'board-overdue', 'data-testid': 'board-overdue' });
  // Opened from a workbench tile (#/whistles?status=awaiting-dispatch, ?overdue=true), the board starts filtered.
  level.value = query.level ?? '';
  overdue.checked = query.overdue === 'true';
  const status = columns.includes(query.status) ? query.status : null;
  const view = { user, board, message, level, overdue, status };
  const reload = () => loadBoard(view);
  view.reload = reload;
  level.addEventListener('change', reload);
  overdue.addEventListener('change', reload);

  const page = h('div', { class: 'page', 'data-testid': 'module-whistles' },
    pageHeader(entry.label, entry.note ? `${entry.note} · ${describe('whistles', user.role)?.summary}` : describe('whistles', user.role)?.summary,
      h('button', { type: 'button', class: 'button', 'data-testid': 'board-refresh', onclick: reload }, '刷新')),
    h('div', { class: 'board-toolbar', role: 'group', 'aria-label': '筛选' },
      h('label', { for: 'board-level' }, '层级'), level,
      h('label', { class: 'checkbox', for: 'board-overdue' }, overdue, '只看超时'),
      status ? h('a', { class: 'filter-chip', href: '#/whistles', 'data-testid': 'board-status-filter', title: '显示全部阶段' },
        `只看「${nameIn(caseStatuses, status)}」 ×`) : null,
      scopeLabel() ? h('span', { class: 'scope-note', 'data-testid': 'board-scope' }, `范围：${scopeLabel()}`) : null,
      h('span', { class: 'legend' },
        h('span', { class: 'countdown countdown-green' }, '充裕'),
        h('span', { class: 'countdown countdown-yellow' }, '临近'),
        h('span', { class: 'countdown countdown-red' }, '超时'))),
    message,
    board);
  reload();
  keepTicking(page);
  return page;
}

async function loadBoard(view) {
  const query = new URLSearchParams({ open: 'true', page: '1', pageSize: String(boardSize), ...scopeFilters() });
  if (view.status) query.set('status', view.status);
  if (view.level.value) query.set('level', view.level.value);
  if (view.overdue.checked) query.set('overdue', 'true');
  if (!view.board.firstChild) fill(view.board, loading('正在加载吹哨案件…'));
  try {
    const [answer, loaded, names, departmentNames] = await Promise.all([
      api.get(`/api/needs/cases?${query}`), catalogue(), placeNames(), departments(view.user),
    ]);
    const context = { catalogue: loaded, names, departmentNames, user: view.user };
    fill(view.board, boardView(answer, context, view));
  } catch (error) {
    fill(view.board, failure(error));
  }
}

function boardView(answer, context, view) {
  const items = answer.items ?? [];
  const byStatus = new Map(columns.map((status) => [status, []]));
  for (const item of items) byStatus.get(item.status)?.push(item);
  return h('div', {},
    (answer.total ?? items.length) > items.length
      ? h('p', { class: 'muted' }, `共 ${formatNumber(answer.total)} 件，仅显示最早的 ${formatNumber(items.length)} 件。`)
      : null,
    h('div', { class: 'board', 'data-testid': 'case-board' }, columns.map((status) => {
      const cases = byStatus.get(status);
      return h('section', { class: 'board-column', 'data-status': status, 'data-testid': `board-column-${status}`, 'aria-label': nameIn(caseStatuses, status) },
        h('header', { class: 'board-column-header' },
          h('h3', {}, nameIn(caseStatuses, status)),
          h('span', { class: 'board-count', 'data-testid': `board-count-${status}` }, String(cases.length))),
        cases.length
          ? h('ul', { class: 'board-cards' }, cases.map((item) => h('li', {}, caseCard(item, context, view))))
          : h('p', { class: 'board-empty' }, '暂无'));
    })));
}

function caseCard(item, context, view) {
  const { names, departmentNames, user } = context;
  const departmentIds = item.departmentIds ?? [];
  const signed = item.signedDepartmentIds ?? [];
  const mine = ownDepartment(user);
  // A broken limit is what the board must not hide: it shows in red, counting how long it has been overdue.
  const deadline = item.overdue && item.overdueSince ? item.overdueSince : item.nextDeadline;
  const quick = actionsFor(item, user, ['dispatch', 'sign']);
  return h('article', {
    class: ['case-card', item.overdue && 'case-card-overdue', mine && departmentIds.includes(mine) && !signed.includes(mine) && 'case-card-mine'],
    'data-testid': `case-card-${item.id}`, 'data-status': item.status,
  },
    h('header', { class: 'case-card-header' },
      h('a', { href: `#/whistles/${encodeURIComponent(item.id)}`, class: 'case-card-title', 'data-testid': `case-link-${item.id}` }, item.title || item.id),
      levelBadge(item.level, item.levelName)),
    h('p', { class: 'case-card-meta' },
      item.categoryName ?? nameIn(context.catalogue.categories, item.category), ' · ',
      names.get(item.communityId) ?? item.communityId ?? '—'),
    deadline
      ? countdown(deadline.dueAt, { kind: deadline.kind, startedAt: item.dispatchedAt ?? item.blownAt })
      : h('span', { class: 'countdown countdown-none', 'data-testid': 'countdown' }, item.status === 'awaiting-dispatch' ? '待派单' : '不计时'),
    departmentIds.length
      ? h('p', { class: 'case-card-departments' },
        '牵头：', departmentNames.get(item.leadDepartmentId) ?? item.leadDepartmentId ?? '—',
        departmentIds.length > 1 ? ` 等 ${departmentIds.length} 个部门` : '',
        h('span', { class: 'muted' }, ` · 已签收 ${signed.length}/${departmentIds.length}`))
      : null,
    item.escalations > 0 ? h('span', { class: 'escalation-badge', 'data-testid': 'escalations' }, `已升级 ${item.escalations} 次`) : null,
    quick.length
      ? h('div', { class: 'case-card-actions' }, quick.map((action) => h('button', {
        type: 'button', class: ['button', 'button-ghost', action.primary && 'button-primary'],
        'data-testid': `case-action-${action.key}-${item.id}`,
        onclick: () => openCaseAction(action, item, context, {
          done: async (text) => {
            await view.reload();
            flash(view.message, `${item.title ?? item.id}：${text}`);
          },
          conflict: async (error) => {
            await view.reload();
            flash(view.message, explainFailure(error), 'error');
          },
        }),
      }, action.label)))
      : null);
}

