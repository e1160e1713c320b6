// 提醒: the bell in the masthead. What the Needs service told this user's desk (a case dispatched to the
// department, a limit broken, a case escalated to the street …), newest first, each opening what it is about.
// Which ones were already seen is remembered per browser until the district's notification centre keeps it per user.

import { api } from './api.js';
import { h, icon } from './dom.js';

/** Roles whose desk receives notifications (needs.notifications.read). */
const receivingRoles = new Set(['district_admin', 'street_staff', 'community_staff', 'department_staff']);

const refreshEveryMs = 60_000;

const bellIcon = ['M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9', 'M13.7 21a2 2 0 0 1-3.4 0'];

export function notificationBell(user, { isCurrent }) {
  if (!receivingRoles.has(user.role)) return null;
  const seenKey = `platform.notifications.seen.${user.username}`;
  let items = [];
  const badge = h('span', { class: 'bell-badge', hidden: true, 'data-testid': 'notification-count' });
  const list = h('ol', { class: 'bell-list', 'data-testid': 'notification-list' });
  const panel = h('div', { class: 'bell-panel', id: 'notification-panel', hidden: true, role: 'region', 'aria-label': '待办提醒', 'data-testid': 'notification-panel' },
    h('p', { class: 'bell-panel-title' }, '待办提醒'),
    list);
  const button = h('button', {
    type: 'button', class: 'bell', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'notification-panel',
    'aria-label': '待办提醒', title: '待办提醒', 'data-testid': 'notification-bell',
    onclick: () => (panel.hidden ? open() : close()),
  }, icon(bellIcon), badge);
  const holder = h('div', { class: 'bell-holder' }, button, panel);

  const seen = () => Number(window.localStorage.getItem(seenKey) ?? 0);
  const render = () => {
    const unread = items.filter((item) => item.id > seen()).length;
    badge.hidden = unread === 0;
    badge.textContent = unread > 99 ? '99+' : String(unread);
    // The count it shows is part of its name, as a word of its own (WCAG 2.5.3).
    button.setAttribute('aria-label', unread ? `待办提醒 ${badge.textContent} 条未读` : '待办提醒');
    list.replaceChildren(...(items.length
      ? items.map((item) => h('li', { class: item.id > seen() ? 'unread' : null, 'data-testid': 'notification' },
        h('a', { href: linkOf(item), onclick: close }, item.message),
        h('time', { datetime: item.at }, when(item.at))))
      : [h('li', { class: 'muted' }, '暂无提醒。')]));
  };
  const load = async () => {
    try {
      items = (await api.get('/api/needs/notifications?limit=20')).items ?? [];
      render();
    } catch {
      // The bell stays as it was; the pages say what failed when the user opens them.
    }
  };
  function open() {
    render();
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    if (items.length) window.localStorage.setItem(seenKey, String(Math.max(...items.map((item) => item.id))));
    document.addEventListener('click', closeOutside, true);
    document.addEventListener('keydown', closeOnEscape);
  }
  function close() {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    render();
    document.removeEventListener('click', closeOutside, true);
    document.removeEventListener('keydown', closeOnEscape);
  }
  function closeOutside(event) {
    if (!holder.contains(event.target)) close();
  }
  function closeOnEscape(event) {
    if (event.key === 'Escape') {
      close();
      button.focus();
    }
  }

  load();
  const timer = window.setInterval(() => (isCurrent() ? load() : window.clearInterval(timer)), refreshEveryMs);
  return holder;
}

function linkOf(item) {
  if (item.caseId) return `#/whistles/${encodeURIComponent(item.caseId)}`;
  if (item.needId) return `#/needs/${encodeURIComponent(item.needId)}`;
  return '#/dashboard';
}

/** "刚刚", "25 分钟前", "3 小时前", then the date. */
function when(value) {
  const at = new Date(value);
  const minutes = Math.round((Date.now() - at.getTime()) / 60000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)} 小时前`;
  return at.toLocaleDateString('zh-CN', { month: 'long', day: 'numeric' });
}
