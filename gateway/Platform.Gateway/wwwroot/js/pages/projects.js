// 项目清单 and 责任清单, 联席会议 and 反馈清单: the projects of the caller's places with their progress from milestones,
// the joint meetings with their rotating chair, the earlier decisions still open, and the units' claims (认领). A
// unit's member sees the projects their unit answers for a task of (我们的任务), the projects it may claim, and its claims.

import { api, NetworkError, newIdempotencyKey } from '../api.js';
import { card, emptyState, failure, loading, pageHeader, pager } from '../components.js';
import { fill, formatNumber, h } from '../dom.js';
import { monthName, recentMonths } from '../months.js';
import { scopeFilters } from '../scope.js';
import { describe } from './module-descriptions.js';
import { field, formatDateTime, openDialog, selectBox, statusBadge, textBox } from './needs-shared.js';

const staffRoles = new Set(['district_admin', 'street_staff', 'community_staff']);

const tabs = [
  { key: 'projects', label: '项目清单', unitLabel: '我们的任务' },
  { key: 'claimable', label: '可认领的项目', unit: true },
  { key: 'claims', label: '认领', unitLabel: '我们的认领' },
  { key: 'meetings', label: '联席会议', staff: true },
  { key: 'feedback', label: '反馈清单', staff: true },
];

const pageSize = 20;

export function renderProjects({ user, entry, query = {} }) {
  const unitView = user.role === 'unit_member';
  const shown = tabs.filter((candidate) => (!candidate.staff || staffRoles.has(user.role) || user.role === 'auditor') && (!candidate.unit || unitView));
  const tab = shown.find((candidate) => candidate.key === query.tab) ?? shown[0];
  const body = h('div', {}, loading());
  const page = h('div', { class: 'page', 'data-testid': 'module-projects' },
    pageHeader(entry.label, unitView ? '本单位负责任务的项目：时限、进展与逾期。' : describe('projects', user.role)?.summary),
    shown.length > 1
      ? h('nav', { class: 'tab-bar', 'aria-label': '项目清单', 'data-testid': 'project-tabs' },
        shown.map((candidate) => h('a', {
          href: `#/projects?tab=${candidate.key}`, class: ['tab', candidate === tab && 'tab-current'], 'aria-current': candidate === tab ? 'page' : null,
          'data-testid': `project-tab-${candidate.key}`,
        }, unitView ? candidate.unitLabel ?? candidate.label : candidate.label)))
      : null,
    body);
  ({ projects: projectBoard, claimable: claimableBoard, claims: claimList, meetings: meetingSchedule, feedback: feedbackList })[tab.key](body, user, { page: 1 }, query);
  return page;
}

function filtersFor(user) {
  return user.role === 'unit_member' ? {} : scopeFilters();
}

/** Progress from milestones, drawn as SVG (the console's security policy forbids inline styles). */
export function progressBar(percent, { overdue = false } = {}) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const shape = (attributes) => {
    const element = document.createElementNS(ns, 'rect');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
    svg.append(element);
  };
  svg.setAttribute('viewBox', '0 0 100 10');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', overdue ? 'pace-bar pace-bar-behind' : 'pace-bar');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `进度 ${percent}%`);
  shape({ class: 'pace-track', x: 0, y: 2, width: 100, height: 6, rx: 3 });
  shape({ class: 'pace-done', x: 0, y: 2, width: Math.max(0, Math.min(100, percent)), height: 6, rx: 3 });
  return svg;
}

// ---- 项目清单 ---------------------------------------------------------------------------------------------------

/** The board opens as the address asks (the district view's figures link here): `decidedIn` a month's decisions of
 * every status, `status=completed` the finished ones, `overdue=true` those with a task past its deadline. */
function projectBoard(slot, user, state, address = {}) {
  const onlyOverdue = h('input', { type: 'checkbox', checked: address.overdue === 'true', 'data-testid': 'filter-overdue' });
  const onlyActive = h('input', { type: 'checkbox', checked: !address.decidedIn && address.status !== 'completed', 'data-testid': 'filter-active' });
  const decidedIn = selectBox('decidedIn', recentMonths(36).map((period) => ({ value: period, label: monthName(period) })),
    { placeholder: '全部月份', value: address.decidedIn ?? '', testid: 'filter-decided-in' });
  let onlyCompleted = address.status === 'completed';
  const list = h('div', {});
  const reload = async () => {
    fill(list, loading());
    const status = onlyCompleted ? 'completed' : onlyActive.checked ? 'active' : '';
    const query = new URLSearchParams(Object.entries({
      ...filtersFor(user), status, overdue: onlyOverdue.checked ? 'true' : '', decidedIn: decidedIn.value, page: state.page, pageSize,
    }).filter(([, value]) => value !== '' && value !== undefined));
    try {
      const answer = await api.get(`/api/projects/projects?${query}`);
      fill(list, projectCards(answer.items ?? [], user), pager(answer, state, reload, { pageSize }));
    } catch (error) {
      fill(list, failure(error));
    }
  };
  for (const box of [onlyOverdue, onlyActive, decidedIn]) {
    box.addEventListener('change', () => {
      onlyCompleted = false;
      state.page = 1;
      reload();
    });
  }
  const notices = h('div', {});
  api.get('/api/projects/notices?pageSize=5')
    .then((answer) => fill(notices, answer.items?.length
      ? card(`逾期提醒（共 ${formatNumber(answer.total)} 条）`, h('ul', { class: 'plain-list', 'data-testid': 'overdue-notices' }, answer.items.map((notice) =>
        h('li', {}, h('a', { href: `#/projects/${encodeURIComponent(notice.projectId)}` }, notice.message),
          h('span', { class: 'muted' }, ` ${formatDateTime(notice.noticedAt)}`)))), { testid: 'overdue-notice-card' })
      : null))
    .catch(() => fill(notices));
  fill(slot, notices, card(null, [
    h('div', { class: 'filter-row' },
      h('label', { class: 'inline-check' }, onlyActive, '只看进行中的'),
      h('label', { class: 'inline-check' }, onlyOverdue, '只看有任务逾期的'),
      h('label', { class: 'inline-check' }, '决定月份 ', decidedIn)),
    list,
  ], { testid: 'project-list' }));
  reload();
}

function projectCards(items, user) {
  if (!items.length) {
    return user.role === 'unit_member'
      ? emptyState('暂无本单位负责的项目', '联席会议决定项目并把任务分派给本单位后，会显示在这里。')
      : emptyState('暂无项目', '联席会议的决定立项后，项目与责任清单会显示在这里。');
  }
  return h('ul', { class: 'agreement-list' }, items.map((project) => h('li', { class: 'agreement', 'data-testid': `project-${project.id}` },
    h('div', { class: 'agreement-head' },
      h('a', { href: `#/projects/${encodeURIComponent(project.id)}`, 'data-testid': 'project-link' }, h('strong', {}, project.name)),
      statusBadge(project.status, project.statusName),
      project.tasksOverdue ? h('span', { class: 'overdue-tag', 'data-testid': 'project-overdue' }, `${project.tasksOverdue} 项任务逾期`) : null),
    h('p', { class: 'muted' }, `${project.partyName} · 回应需求 ${project.needs} 条 · ${project.dueOn} 前完成`),
    h('div', { class: 'commitments' },
      h('span', { class: 'commitment-name' }, `责任清单 ${project.tasksDone}/${project.tasks} 项完成`),
      progressBar(project.progressPercent, { overdue: project.tasksOverdue > 0 }),
      h('span', { class: 'pace-text', 'data-testid': 'project-progress' }, `${project.progressPercent}%`)))));
}

// ---- 认领 -------------------------------------------------------------------------------------------------------

/** The running projects of the places the unit has an agreement in force with: each opens its page, where it claims. */
function claimableBoard(slot, user, state) {
  const list = h('div', {}, loading());
  const reload = async () => {
    try {
      const answer = await api.get(`/api/projects/claimable?${new URLSearchParams({ page: state.page, pageSize })}`);
      fill(list, answer.items?.length
        ? projectCards(answer.items, user)
        : emptyState('暂无可认领的项目', '本单位与社区（或街道）签订的共建协议生效后，那里进行中的项目会显示在这里。'), pager(answer, state, reload, { pageSize }));
    } catch (error) {
      fill(list, failure(error));
    }
  };
  fill(slot, card('可认领的项目', [h('p', { class: 'muted' }, '打开项目即可认领整个项目或其中一项任务，可注明从共建协议的哪项承诺中投入。'), list],
    { testid: 'claimable-list' }));
  reload();
}

/** The claims the caller may see: a community's waiting for it to confirm first; a unit's own, with the answers it got. */
function claimList(slot, user, state) {
  const onlyOpen = h('input', { type: 'checkbox', checked: user.role !== 'unit_member', 'data-testid': 'filter-open-claims' });
  const list = h('div', {});
  const reload = async () => {
    fill(list, loading());
    const query = new URLSearchParams(Object.entries({ status: onlyOpen.checked ? 'open' : '', page: state.page, pageSize })
      .filter(([, value]) => value !== '' && value !== undefined));
    try {
      const answer = await api.get(`/api/projects/claims?${query}`);
      fill(list, answer.items?.length
        ? h('ul', { class: 'agreement-list' }, answer.items.map((item) => h('li', { class: 'agreement', 'data-testid': `claim-${item.projectId}-${item.claim.claimId}` },
          h('div', { class: 'agreement-head' },
            h('a', { href: `#/projects/${encodeURIComponent(item.projectId)}` }, h('strong', {}, item.projectName)),
            statusBadge(item.claim.status, item.claim.statusName)),
          h('p', {}, item.claim.reads),
          h('p', { class: 'muted' }, `${item.partyName} · ${formatDateTime(item.claim.claimedAt)} 认领${item.claim.reason ? ` · 理由：${item.claim.reason}` : ''}`))))
        : emptyState(onlyOpen.checked ? '没有待确认的认领' : '暂无认领', user.role === 'unit_member'
          ? '在“可认领的项目”中打开项目即可认领。'
          : '共建单位认领项目或任务后，会在这里等待确认。'), pager(answer, state, reload, { pageSize }));
    } catch (error) {
      fill(list, failure(error));
    }
  };
  onlyOpen.addEventListener('change', () => { state.page = 1; reload(); });
  fill(slot, card(null, [h('div', { class: 'filter-row' }, h('label', { class: 'inline-check' }, onlyOpen, '只看待确认的')), list], { testid: 'claim-board' }));
  reload();
}

// ---- 联席会议 -----------------------------------------------------------------------------------------------------

function meetingSchedule(slot, user, state) {
  const roster = h('div', {}, loading());
  const list = h('div', {});
  const reload = async () => {
    fill(list, loading());
    const query = new URLSearchParams(Object.entries({ ...scopeFilters(), page: state.page, pageSize }).filter(([, value]) => value !== '' && value !== undefined));
    try {
      const answer = await api.get(`/api/projects/meetings?${query}`);
      fill(list, meetingTable(answer.items ?? []), pager(answer, state, reload, { pageSize }));
    } catch (error) {
      fill(list, failure(error));
    }
  };
  const place = councilPlace(user);
  const schedule = staffRoles.has(user.role)
    ? h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'schedule-meeting', onclick: () => scheduleMeeting(place, reload) }, '安排下次会议')
    : null;
  fill(slot, card('轮值主席', roster, { testid: 'meeting-roster' }), card('会议安排与记录', list, { testid: 'meeting-list', extra: schedule }));
  reload();
  api.get(`/api/projects/meetings/roster?${new URLSearchParams(place)}`)
    .then((answer) => fill(roster, rosterView(answer)))
    .catch((error) => fill(roster, failure(error)));
}

/** The council the user works in: their community's, their street's, or (district office) the chosen place's. */
function councilPlace(user) {
  if (user.role === 'community_staff') return { communityId: user.scope?.id };
  if (user.role === 'street_staff') return { streetId: user.scope?.id };
  const chosen = scopeFilters();
  return chosen.communityId ? { communityId: chosen.communityId } : chosen.streetId ? { streetId: chosen.streetId } : {};
}

function rosterView(answer) {
  if (!answer.roster.length) return h('p', { class: 'muted', 'data-testid': 'roster-empty' }, `${answer.partyName}的联席会议尚未设定轮值名单。`);
  return h('div', {},
    h('p', {}, `${answer.partyName}联席会议已召开 ${formatNumber(answer.meetingsHeld)} 次；下一任轮值主席：`,
      h('strong', { 'data-testid': 'next-chair' }, answer.nextChair?.name ?? '—')),
    h('ol', { class: 'roster' }, answer.roster.map((member) => h('li', {}, member.name))));
}

function meetingTable(items) {
  if (!items.length) return h('p', { class: 'muted table-empty' }, '暂无会议');
  return h('ul', { class: 'agreement-list' }, items.map((meeting) => h('li', { class: 'agreement', 'data-testid': `meeting-${meeting.id}` },
    h('div', { class: 'agreement-head' },
      h('a', { href: `#/projects/meetings/${encodeURIComponent(meeting.id)}`, 'data-testid': 'meeting-link' },
        h('strong', {}, `${meeting.partyName} 第 ${meeting.number} 次联席会议`)),
      statusBadge(meeting.status, meeting.statusName)),
    h('p', { class: 'muted' }, `${formatDateTime(meeting.heldAt)} · ${meeting.place} · 轮值主席 ${meeting.chairName} · 决定 ${meeting.decisions} 项 · 评议 ${meeting.reviews} 项`))));
}

// ---- 反馈清单 -----------------------------------------------------------------------------------------------------

function feedbackList(slot, user) {
  const body = h('div', {}, loading());
  fill(slot, card('反馈清单：以前会议的决定落实情况', body, { testid: 'feedback-list' }));
  api.get(`/api/projects/feedback?${new URLSearchParams(councilPlace(user))}`)
    .then((answer) => fill(body, answer.items.length
      ? h('ul', { class: 'agreement-list' }, answer.items.map((item) => h('li', { class: 'agreement', 'data-testid': `feedback-${item.decisionId}` },
        h('div', { class: 'agreement-head' },
          item.projectId ? h('a', { href: `#/projects/${encodeURIComponent(item.projectId)}` }, h('strong', {}, item.title)) : h('strong', {}, item.title),
          item.overdue ? h('span', { class: 'overdue-tag' }, '逾期') : null),
        h('p', { class: 'muted' }, `第 ${item.meetingNumber} 次会议（${formatDateTime(item.meetingHeldAt)}）议定 · ${item.standing}`),
        item.lastReview ? h('p', {}, `最近评议：${item.lastReview.outcomeName}，${item.lastReview.reason}`) : h('p', { class: 'muted' }, '尚未评议'))))
      : emptyState('反馈清单为空', `${answer.partyName}以前会议的决定都已落实或撤销。`)))
    .catch((error) => fill(body, failure(error)));
}

/** Schedules the council's next meeting; the service picks the chair in turn and closes topics 15 days before. */
function scheduleMeeting(place, reload) {
  let key = newIdempotencyKey();
  openDialog({
    title: '安排下次联席会议',
    testid: 'schedule-dialog',
    submitLabel: '安排',
    body: [
      field('开会时间', textBox('heldAt', { type: 'datetime-local' }), { name: 'heldAt', hint: '轮值主席按名单顺延；议题在会前 15 天截止' }),
      field('地点', textBox('place', { placeholder: '例如：社区党群服务中心' }), { name: 'place' }),
    ],
    onSubmit: async (form) => {
      const data = new FormData(form);
      const heldAt = data.get('heldAt') ? new Date(String(data.get('heldAt'))).toISOString() : null;
      try {
        const answer = await api.post('/api/projects/meetings', { ...place, heldAt, place: data.get('place') }, { 'Idempotency-Key': key });
        window.location.hash = `#/projects/meetings/${encodeURIComponent(answer.id)}`;
      } catch (error) {
        if (!(error instanceof NetworkError)) key = newIdempotencyKey();
        throw error;
      }
      reload();
    },
  });
}
