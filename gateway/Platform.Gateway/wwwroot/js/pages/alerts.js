// 提醒中心: what in the caller's place needs someone to act, across every service (whistles past their limit or
// escalated, tasks of the 责任清单 late, households not visited, agreements about to end, micro-wishes waiting), one
// alert per place and kind. Each desk reads and acknowledges its own (an auditor only reads the list); the digest on
// top is the caller's summary of the day.

import { api } from '../api.js';
import { card, failure, loading, pageHeader, pager, table } from '../components.js';
import { fill, formatNumber, h } from '../dom.js';
import { describe } from './module-descriptions.js';
import { command, explainFailure, formatDateTime, statusBadge } from './needs-shared.js';

const states = [
  { value: 'open', label: '待处理' },
  { value: 'unread', label: '未读' },
  { value: 'all', label: '全部（含已解除）' },
];

/** Who keeps receipts (reads and acknowledges); an auditor only reads the list, and writes nothing. */
const acknowledgers = new Set(['district_admin', 'street_staff', 'community_staff']);

/** The list an alert is about, narrowed to its place, as the district view's figures link. */
export function alertLink(alert) {
  const place = !alert.streetId ? {} : alert.placeId === alert.streetId ? { streetId: alert.streetId } : { streetId: alert.streetId, communityId: alert.placeId };
  const [path, extra] = {
    'cases.overdue': ['#/whistles', { overdue: 'true' }],
    'cases.escalated': ['#/whistles', {}],
    'tasks.late': ['#/projects', { overdue: 'true' }],
    'households.overdue': ['#/volunteers', { tab: 'households' }],
    'agreements.expiring': ['#/resources', { tab: 'agreements', expiringSoon: 'true' }],
    'wishes.open': ['#/volunteers', { tab: 'wishes' }],
  }[alert.kind] ?? ['#/dashboard', {}];
  const search = new URLSearchParams(Object.entries({ ...extra, ...place }).filter(([, value]) => value));
  return `${path}${search.size ? `?${search}` : ''}`;
}

export function renderAlerts({ user, entry, query = {} }) {
  const digest = h('div', {}, loading('正在汇总提醒…'));
  const list = h('div', {}, loading());
  const message = h('p', { class: 'flash flash-error', role: 'alert', hidden: true });
  const state = { page: 1, state: states.some((option) => option.value === query.state) ? query.state : 'open' };
  const select = h('select', { id: 'alert-state', 'data-testid': 'alert-state' },
    states.map((option) => h('option', { value: option.value, selected: option.value === state.state }, option.label)));
  const reloadDigest = () => api.get('/api/insights/alerts/digest')
    .then((answer) => fill(digest, ...digestView(answer)))
    .catch((error) => fill(digest, failure(error)));
  const reload = async () => {
    try {
      const answer = await api.get(`/api/insights/alerts?${new URLSearchParams({ state: state.state, page: state.page, pageSize: 20 })}`);
      fill(list, alertTable(user, answer.items ?? [], async (alert, action) => {
        message.hidden = true;
        try {
          await command(`/api/insights/alerts/${encodeURIComponent(alert.id)}/${action}`);
          await Promise.all([reload(), reloadDigest()]);
        } catch (error) {
          message.textContent = `操作未成功：${explainFailure(error)}`;
          message.hidden = false;
        }
      }), pager(answer, state, reload, { totalTestid: 'alert-total' }));
    } catch (error) {
      fill(list, failure(error));
    }
  };
  select.addEventListener('change', () => {
    state.state = select.value;
    state.page = 1;
    reload();
  });
  reloadDigest();
  reload();
  return h('div', { class: 'page', 'data-testid': 'module-alerts' },
    pageHeader(entry.label, describe('alerts', user.role)?.summary),
    card('今日摘要', digest, { testid: 'alert-digest' }),
    message,
    card('提醒', list, {
      testid: 'alert-list',
      extra: h('span', { class: 'overview-month' }, h('label', { for: 'alert-state' }, '显示'), select),
    }));
}

function digestView(digest) {
  return [
    h('p', { class: 'alert-summary', 'data-testid': 'alert-summary' }, digest.summary),
    digest.lines.length
      ? h('ul', { class: 'funnel', 'data-testid': 'alert-kinds' }, digest.lines.map((line) => h('li', {},
        h('a', { class: `funnel-step${line.unread > 0 ? ' funnel-alarm' : ''}`, href: '#/alerts?state=open', 'data-testid': `digest-${line.kind}` },
          h('b', {}, formatNumber(line.places)),
          h('span', {}, `${line.kindName}（共 ${formatNumber(line.count)}，未读 ${formatNumber(line.unread)}，今日新增或加重 ${formatNumber(line.newToday)}）`)))))
      : null,
  ];
}

function alertTable(user, items, act) {
  return table([
    { label: '状态', value: (alert) => stateBadge(alert) },
    { label: '地点', value: (alert) => (alert.streetName && alert.streetId !== alert.placeId ? `${alert.streetName} · ${alert.placeName}` : alert.placeName) },
    { label: '提醒', value: (alert) => h('a', { href: alertLink(alert), 'data-testid': 'alert-message' }, alert.message) },
    { label: '出现于', value: (alert) => formatDateTime(alert.raisedAt), class: 'nowrap' },
    { label: '最近加重', value: (alert) => (alert.roseAt !== alert.raisedAt ? formatDateTime(alert.roseAt) : '—'), class: 'nowrap' },
    {
      label: '操作',
      value: (alert) => h('span', { class: 'row-actions' },
        acknowledgers.has(user.role) && !alert.read && !alert.clearedAt
          ? h('button', { type: 'button', class: 'button button-small button-ghost', 'data-testid': 'alert-read', onclick: () => act(alert, 'read') }, '标为已读')
          : null,
        acknowledgers.has(user.role) && !alert.acknowledged && !alert.clearedAt
          ? h('button', { type: 'button', class: 'button button-small', 'data-testid': 'alert-acknowledge', onclick: () => act(alert, 'acknowledge') }, '确认处理')
          : null),
    },
  ], items, { testid: 'alert-table', empty: '没有需要处理的提醒。' });
}

function stateBadge(alert) {
  if (alert.clearedAt) return statusBadge('closed', '已解除', 'alert-status');
  if (alert.acknowledged) return statusBadge('accepted', '已确认', 'alert-status');
  return alert.read ? statusBadge('open', '已读', 'alert-status') : statusBadge('escalated', '未读', 'alert-status');
}
