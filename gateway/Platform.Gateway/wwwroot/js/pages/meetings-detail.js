// A joint meeting's page: the rotating chair and the preparation, the agenda the service drafted (反馈清单, needs,
// resources that could answer them, topics, and what waits for the next meeting), the minutes: attendees, decisions,
// the review of earlier decisions, and the summary. The staff of its place open it, review and close the minutes.

import { api } from '../api.js';
import { card, failure, loading, pageHeader } from '../components.js';
import { fill, h } from '../dom.js';
import { command, facts, field, flash, formatDateTime, openDialog, selectBox, statusBadge, textArea, textBox } from './needs-shared.js';
import { localToday } from './resources.js';

const staffRoles = new Set(['district_admin', 'street_staff', 'community_staff']);

const outcomes = [
  { value: 'done', label: '已完成' },
  { value: 'continue', label: '继续推进（项目改用新时限）' },
  { value: 'adjust', label: '调整' },
  { value: 'drop', label: '撤销（项目停止，需求退回社区）' },
];

export function renderMeetingDetail({ user, params }) {
  const page = h('div', { class: 'page', 'data-testid': 'meeting-detail' }, loading());
  const load = async (notice) => {
    try {
      const id = encodeURIComponent(params.meetingId);
      const [meeting, agenda] = await Promise.all([api.get(`/api/projects/meetings/${id}`), api.get(`/api/projects/meetings/${id}/agenda`)]);
      fill(page, ...view(meeting, agenda, user, load, notice));
    } catch (error) {
      fill(page, failure(error));
    }
  };
  load();
  return page;
}

function view(meeting, agenda, user, reload, notice) {
  const summary = meeting.summary;
  const message = h('div', {});
  if (notice) flash(message, notice);
  const staff = staffRoles.has(user.role);
  const reviewed = new Map(meeting.reviews.map((review) => [review.decisionId, review]));
  const actions = [];
  if (staff && summary.status === 'scheduled') {
    actions.push(h('button', { type: 'button', class: 'button', 'data-testid': 'propose-topic', onclick: () => proposeTopic(meeting, reload) }, '提出议题'));
    actions.push(h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'open-meeting', onclick: () => open(meeting, reload) }, '开会'));
  }
  if (staff && summary.status === 'open') {
    actions.push(h('button', { type: 'button', class: 'button', 'data-testid': 'record-decision', onclick: () => recordDecision(meeting, reload) }, '记录决定'));
    actions.push(h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'close-minutes', onclick: () => close(meeting, reload) }, '办结纪要'));
  }
  return [
    pageHeader(`${summary.partyName} 第 ${summary.number} 次联席会议`, `${formatDateTime(summary.heldAt)} · ${summary.place}`, ...actions),
    message,
    card('会议', [
      facts([
        ['状态', statusBadge(summary.status, summary.statusName)],
        ['轮值主席', summary.chairName],
        ['议题截止', meeting.topicsCloseOn],
        meeting.attendees.length ? ['出席', meeting.attendees.map((attendee) => attendee.name).join('、')] : null,
        meeting.minutesSummary ? ['纪要摘要', meeting.minutesSummary] : null,
        meeting.reminded.length ? ['催办', meeting.reminded.map((days) => `开会后第 ${days} 天已提醒`).join('；')] : null,
      ], 'meeting-facts'),
      summary.status === 'scheduled'
        ? h('div', {}, h('h4', {}, '轮值主席的筹备任务'),
          h('ul', { class: 'plain-list' }, meeting.preparation.map((task) => h('li', {}, `${task.dueOn} 前：${task.what}`))))
        : null,
    ], { testid: 'meeting-summary' }),
    card(agenda.fixed ? '议程' : '议程（服务起草，开会时固定）', [
      agendaList(agenda.items, { reviewed, canReview: staff && summary.status === 'open', meeting, reload }),
      agenda.deferred.length
        ? h('div', {}, h('h4', {}, `留待下次会议（${agenda.topicsCloseOn} 议题截止后提出）`), agendaList(agenda.deferred, {}))
        : null,
    ], { testid: 'meeting-agenda' }),
    card('决定', meeting.decisions.length
      ? h('ul', { class: 'plain-list', 'data-testid': 'meeting-decisions' }, meeting.decisions.map((decided) => h('li', {},
        decided.decision.projectId
          ? h('a', { href: `#/projects/${encodeURIComponent(decided.decision.projectId)}` }, `立项：${decided.decision.title}`)
          : `议定：${decided.decision.title}`,
        decided.note ? `（${decided.note}）` : '')))
      : h('p', { class: 'muted' }, '尚无决定。'), { testid: 'meeting-decision-card' }),
  ];
}

function agendaList(items, { reviewed = new Map(), canReview = false, meeting, reload } = {}) {
  if (!items.length) return h('p', { class: 'muted' }, '暂无。');
  return h('ol', { class: 'agenda', 'data-testid': 'agenda-items' }, items.map((item) => {
    const review = reviewed.get(item.refId);
    return h('li', { class: 'agenda-item', 'data-kind': item.kind },
      h('span', { class: 'badge' }, item.kindName), ' ',
      item.kind === 'need' ? h('a', { href: `#/needs/${encodeURIComponent(item.refId)}` }, item.title)
        : item.kind === 'offer' ? h('a', { href: `#/resources/offers/${encodeURIComponent(item.refId)}` }, item.title)
          : h('strong', {}, item.title),
      item.urgent ? h('span', { class: 'overdue-tag' }, '紧急') : null,
      item.detail ? h('p', { class: 'muted' }, item.detail) : null,
      item.kind === 'feedback' && review ? h('p', { 'data-testid': 'review-result' }, `评议：${review.outcomeName}，${review.reason}`) : null,
      item.kind === 'feedback' && !review && canReview
        ? h('button', { type: 'button', class: 'button button-ghost', 'data-testid': `review-${item.refId}`, onclick: () => reviewDecision(meeting, item, reload) }, '评议')
        : null);
  }));
}

function open(meeting, reload) {
  openDialog({
    title: '开会',
    testid: 'open-dialog',
    submitLabel: '开会并固定议程',
    body: [field('出席的成员单位与人员', textArea('attendees', { placeholder: '每行一个' }), { name: 'attendees', wide: true, hint: '每行一个单位或人员' })],
    onSubmit: async (form) => {
      const attendees = String(new FormData(form).get('attendees') ?? '').split('\n').map((line) => line.trim()).filter(Boolean).map((name) => ({ name }));
      await command(`/api/projects/meetings/${encodeURIComponent(meeting.summary.id)}/open`, { attendees });
      reload('会议已开始，议程已固定。');
    },
  });
}

function reviewDecision(meeting, item, reload) {
  openDialog({
    title: `评议：${item.title}`,
    testid: 'review-dialog',
    submitLabel: '评议',
    body: [
      field('评议结果', selectBox('outcome', outcomes, { placeholder: '请选择' }), { name: 'outcome' }),
      field('理由', textArea('reason'), { name: 'reason', wide: true }),
      field('新的完成时限（继续推进时）', textBox('newDueOn', { type: 'date' }), { name: 'newDueOn' }),
    ],
    onSubmit: async (form) => {
      const data = new FormData(form);
      await command(`/api/projects/meetings/${encodeURIComponent(meeting.summary.id)}/reviews`, {
        decisionId: item.refId, outcome: data.get('outcome') || null, reason: data.get('reason'), newDueOn: data.get('newDueOn') || null,
      });
      const outcome = data.get('outcome');
      reload(outcome === 'drop' ? '评议已记录：项目已撤销，回应的需求退回社区办理。'
        : outcome === 'continue' ? '评议已记录：项目改用新的完成时限。' : '评议已记录。');
    },
  });
}

function close(meeting, reload) {
  openDialog({
    title: '办结纪要',
    testid: 'close-dialog',
    submitLabel: '办结',
    body: [field('纪要摘要', textArea('summary', { rows: 4 }), { name: 'summary', wide: true })],
    onSubmit: async (form) => {
      await command(`/api/projects/meetings/${encodeURIComponent(meeting.summary.id)}/close`, { summary: new FormData(form).get('summary') });
      reload('纪要已办结，可以召开下一次会议。');
    },
  });
}

function proposeTopic(meeting, reload) {
  const urgent = h('input', { type: 'checkbox', name: 'urgent', 'data-testid': 'input-urgent' });
  openDialog({
    title: '提出议题',
    testid: 'topic-dialog',
    submitLabel: '提出',
    body: [
      field('议题', textBox('title'), { name: 'title' }),
      h('label', { class: 'inline-check' }, urgent, '紧急（议题截止后也列入本次议程）'),
    ],
    onSubmit: async (form) => {
      await command(`/api/projects/meetings/${encodeURIComponent(meeting.summary.id)}/topics`, { title: new FormData(form).get('title'), urgent: urgent.checked });
      reload('议题已提出。');
    },
  });
}

/**
 * The minutes record a decision: a resolution in words, or a project (立项) with the accepted needs it answers and
 * its 责任清单; the project starts with the decision.
 */
async function recordDecision(meeting, reload) {
  const place = meeting.summary.partyId;
  let needs = [];
  try {
    needs = await api.get(`/api/projects/needs?limit=100${meeting.summary.level === 'community' ? `&communityId=${encodeURIComponent(place)}` : ''}`);
  } catch {
    needs = [];
  }
  const kind = selectBox('kind', [{ value: 'project', label: '立项（形成项目与责任清单）' }, { value: 'resolution', label: '议定事项' }], { value: 'project' });
  const projectPart = h('div', { class: 'form-grid' },
    field('项目名称', textBox('name'), { name: 'name' }),
    field('完成时限', textBox('dueOn', { type: 'date' }), { name: 'dueOn' }),
    field('项目内容', textArea('summary'), { name: 'summary', wide: true }),
    needs.length
      ? h('fieldset', { class: 'field field-wide', 'data-field': 'needIds' }, h('legend', {}, '回应的需求'),
        needs.map((need) => h('label', { class: 'inline-check' },
          h('input', { type: 'checkbox', name: 'needIds', value: need.needId, 'data-testid': `need-${need.needId}` }), need.title)))
      : h('p', { class: 'muted field-wide' }, '本社区暂无已受理、尚未纳入项目的需求。'),
    h('fieldset', { class: 'field field-wide', 'data-field': 'tasks' }, h('legend', {}, '责任清单（每项写明任务、责任单位或责任人、时限）'),
      [0, 1, 2].map((index) => h('div', { class: 'task-row' },
        textBox(`task-what-${index}`, { placeholder: '任务', testid: `task-what-${index}` }),
        textBox(`task-owner-${index}`, { placeholder: '责任单位或责任人', testid: `task-owner-${index}` }),
        textBox(`task-deadline-${index}`, { type: 'date', testid: `task-deadline-${index}` })))));
  const resolutionPart = field('议定事项', textBox('title'), { name: 'title', wide: true });
  const sync = () => {
    projectPart.hidden = kind.value !== 'project';
    resolutionPart.hidden = kind.value === 'project';
  };
  kind.addEventListener('change', sync);
  sync();
  openDialog({
    title: '记录决定',
    testid: 'decision-dialog',
    submitLabel: '记录',
    body: [field('决定', kind, { name: 'kind' }), projectPart, resolutionPart, field('说明', textArea('note', { rows: 2 }), { name: 'note', wide: true })],
    onSubmit: async (form) => {
      const data = new FormData(form);
      const body = { kind: kind.value, note: data.get('note') || null };
      if (kind.value === 'project') {
        body.project = {
          name: data.get('name'), summary: data.get('summary'), dueOn: data.get('dueOn') || null, needIds: data.getAll('needIds'),
          tasks: [0, 1, 2].filter((index) => String(data.get(`task-what-${index}`) ?? '').trim())
            .map((index) => ({ what: data.get(`task-what-${index}`), ownerName: data.get(`task-owner-${index}`), deadline: data.get(`task-deadline-${index}`) || null })),
        };
      } else {
        body.title = data.get('title');
      }
      await command(`/api/projects/meetings/${encodeURIComponent(meeting.summary.id)}/decisions`, body);
      reload(kind.value === 'project' ? '已立项，项目与责任清单已建立。' : '议定事项已记录。');
    },
  });
  const due = document.querySelector('[data-testid=decision-dialog] input[name=dueOn]');
  if (due) due.min = localToday();
}
