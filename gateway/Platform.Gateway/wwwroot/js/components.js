// Building blocks every page shares, so that all pages look and speak alike.

import { ApiError, NetworkError } from './api.js';
import { formatNumber, h, icon } from './dom.js';

export function pageHeader(title, subtitle, ...actions) {
  return h('header', { class: 'page-header' },
    h('div', {},
      h('h2', { 'data-testid': 'page-title' }, title),
      subtitle ? h('p', { class: 'page-subtitle' }, subtitle) : null),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}

export function card(title, body, { testid, extra } = {}) {
  return h('section', { class: 'card', 'data-testid': testid },
    title ? h('header', { class: 'card-header' }, h('h3', {}, title), extra ?? null) : null,
    h('div', { class: 'card-body' }, body));
}

export function loading(text = '正在加载…') {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/** What a page shows instead of its data when the server refuses the caller. */
export function refusal(reason, { title = '无权访问' } = {}) {
  return h('section', { class: 'notice notice-refused', role: 'alert', 'data-testid': 'access-denied' },
    icon(['M12 3 4 6v6c0 4.5 3.4 8.2 8 9 4.6-.8 8-4.5 8-9V6z', 'M9.5 9.5l5 5', 'M14.5 9.5l-5 5']),
    h('h2', {}, title),
    h('p', { class: 'notice-reason', 'data-testid': 'access-denied-reason' }, reason || '您当前的账户权限不包含此内容。'),
    h('p', { class: 'notice-hint' }, '如需访问，请联系区委组织部平台管理员调整权限范围。'),
    h('a', { class: 'button', href: '#/dashboard' }, '返回工作台'));
}

export function notFound(what = '您访问的页面不存在或已被移除。') {
  return h('section', { class: 'notice', role: 'alert', 'data-testid': 'not-found' },
    icon(['M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14z', 'M16 16l5 5', 'M8.5 11h5']),
    h('h2', {}, '未找到'),
    h('p', { class: 'notice-reason' }, what),
    h('a', { class: 'button', href: '#/dashboard' }, '返回工作台'));
}

/** A failed load, explained in the user's words; 403 and 404 get their own pages. */
export function failure(error) {
  if (error instanceof ApiError && error.status === 403) return refusal(error.reason);
  if (error instanceof ApiError && error.status === 404) return notFound(error.reason || undefined);
  const message = error instanceof NetworkError
    ? error.message
    : error instanceof ApiError
      ? `服务暂时无法完成请求（${error.status}）${error.reason ? `：${error.reason}` : ''}`
      : '页面出现意外错误，请刷新后重试。';
  return h('section', { class: 'notice notice-error', role: 'alert', 'data-testid': 'load-error' },
    icon(['M12 3 2 20h20z', 'M12 10v4', 'M12 17h.01']),
    h('h2', {}, '加载失败'),
    h('p', { class: 'notice-reason' }, message),
    h('button', { type: 'button', class: 'button', onclick: () => window.location.reload() }, '重新加载'));
}

export function emptyState(title, description, items = []) {
  return h('section', { class: 'empty-state', 'data-testid': 'empty-state' },
    h('div', { class: 'empty-emblem', 'aria-hidden': 'true' }, icon(['M4 7h16v13H4z', 'M4 7l3-4h10l3 4', 'M9 12h6'])),
    h('h3', {}, title),
    h('p', {}, description),
    items.length
      ? h('ul', { class: 'empty-list' }, items.map((item) => h('li', {}, item)))
      : null);
}

/** A table from column definitions {label, value(row) => node|string, class?}. */
/** A table that scrolls sideways inside its card when it is a little too wide; on a phone each row becomes a card of
 * label–value lines (each cell carries its column's label), so nobody reads a column two characters wide. */
export function table(columns, rows, { testid, caption, empty = '暂无数据' } = {}) {
  return h('div', { class: 'table-scroll' }, h('table', { class: 'data-table', 'data-testid': testid },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: column.class }, column.label)))),
    h('tbody', {}, rows.length
      ? rows.map((row) => h('tr', {}, columns.map((column) => h('td', { class: column.class, 'data-label': column.label }, column.value(row)))))
      : h('tr', {}, h('td', { colspan: columns.length, class: 'table-empty' }, empty)))));
}

/** The pages of a list: its total, and the previous and next page; `state.page` is moved and `reload` called. */
export function pager(answer, state, reload, { pageSize = 20, totalTestid = 'list-total' } = {}) {
  const total = answer.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / (answer.pageSize || pageSize)));
  const go = (page) => {
    state.page = page;
    reload();
  };
  return h('nav', { class: 'pager', 'aria-label': '分页', 'data-testid': 'pager' },
    h('span', { class: 'muted', 'data-testid': totalTestid }, `共 ${formatNumber(total)} 条`),
    h('button', { type: 'button', class: 'button button-ghost', disabled: state.page <= 1, onclick: () => go(state.page - 1), 'data-testid': 'pager-previous' }, '上一页'),
    h('span', {}, `第 ${state.page} / ${pages} 页`),
    h('button', { type: 'button', class: 'button button-ghost', disabled: state.page >= pages, onclick: () => go(state.page + 1), 'data-testid': 'pager-next' }, '下一页'));
}
