// A project's page: the needs it answers, its 责任清单 with each task's owner, deadline and milestones, progress from
// the milestones, and what the caller may do: report a milestone (a task's own unit, or the staff), add a task or
// complete the project (the staff of its place).

import { api } from '../api.js';
import { card, failure, loading, pageHeader, table } from '../components.js';
import { fill, h } from '../dom.js';
import { localToday } from './resources.js';
import { progressBar } from './projects.js';
import { command, facts, field, flash, formatDateTime, openDialog, statusBadge, textArea, textBox } from './needs-shared.js';

const staffRoles = new Set(['district_admin', 'street_staff', 'community_staff']);

export function renderProjectDetail({ user, params }) {
  const page = h('div', { class: 'page', 'data-testid': 'project-detail' }, loading());
  const load = async (notice) => {
    try {
      const project = await api.get(`/api/projects/projects/${encodeURIComponent(params.projectId)}`);
      fill(page, ...view(project, user, load, notice));
    } catch (error) {
      fill(page, failure(error));
    }
  };
  load();
  return page;
}

function view(project, user, reload, notice) {
  const summary = project.summary;
  const message = h('div', {});
  if (notice) flash(message, notice);
  const staff = staffRoles.has(user.role);
  const active = summary.status === 'active';
  const mayReport = (task) => active && !task.doneOn && (staff || (user.role === 'unit_member' && task.unitId === user.scope?.id));
  const actions = [];
  if (staff && active) {
    actions.push(h('button', { type: 'button', class: 'button', 'data-testid': 'add-task', onclick: () => addTask(project, reload) }, '增加任务'));
    actions.push(h('button', {
      type: 'button', class: 'button button-primary', 'data-testid': 'complete-project', disabled: summary.tasksDone < summary.tasks,
      title: summary.tasksDone < summary.tasks ? '责任清单全部完成后才能完成项目' : null, onclick: () => complete(project, reload),
    }, '完成项目'));
  }
  return [
    pageHeader(summary.name, `${summary.partyName} · ${summary.statusName}`, ...actions),
    message,
    card('项目概况', [
      facts([
        ['所属', summary.partyName],
        ['状态', statusBadge(summary.status, summary.statusName)],
        ['完成时限', summary.dueOn],
        ['经费来源', project.funding],
        ['立项时间', formatDateTime(summary.decidedAt)],
        ['项目内容', project.description],
        project.completionSummary ? ['完成情况', project.completionSummary] : null,
      ], 'project-facts'),
      h('div', { class: 'commitments' },
        h('span', { class: 'commitment-name' }, `责任清单 ${summary.tasksDone}/${summary.tasks} 项完成`),
        progressBar(summary.progressPercent, { overdue: summary.tasksOverdue > 0 }),
        h('span', { class: 'pace-text', 'data-testid': 'project-progress' }, `${summary.progressPercent}%`)),
    ], { testid: 'project-summary' }),
    card('回应的需求', project.needs.length
      ? h('ul', { class: 'plain-list' }, project.needs.map((need) => h('li', {}, user.role === 'unit_member'
        ? need.title
        : h('a', { href: `#/needs/${encodeURIComponent(need.needId)}` }, need.title))))
      : h('p', { class: 'muted' }, '尚未列入需求。'), { testid: 'project-needs' }),
    card('责任清单', table([
      { label: '任务', value: (task) => h('strong', {}, task.what) },
      { label: '责任方', value: (task) => task.ownerName },
      { label: '时限', value: (task) => task.deadline },
      { label: '状态', value: (task) => task.overdue ? h('span', { class: 'overdue-tag' }, task.statusName) : task.statusName },
      { label: '进展', value: (task) => task.milestones.length
        ? h('ul', { class: 'plain-list' }, task.milestones.map((milestone) => h('li', {}, `${milestone.reachedOn} ${milestone.title}${milestone.note ? `：${milestone.note}` : ''}`)))
        : h('span', { class: 'muted' }, '—') },
      { label: '', value: (task) => mayReport(task)
        ? h('button', { type: 'button', class: 'button button-ghost', 'data-testid': `report-${task.taskId}`, onclick: () => report(project, task, reload) }, '报告进展')
        : null },
    ], project.tasks, { testid: 'task-table' }), { testid: 'project-tasks' }),
    card('办理经过', h('ol', { class: 'plain-list', 'data-testid': 'project-changes' }, project.changes.map((change) =>
      h('li', {}, `${formatDateTime(change.at)} ${change.title}${change.actorName ? `（${change.actorName}）` : ''}`)))),
  ];
}

function report(project, task, reload) {
  const completes = h('input', { type: 'checkbox', name: 'completesTask', 'data-testid': 'input-completesTask' });
  openDialog({
    title: `报告进展：${task.what}`,
    testid: 'milestone-dialog',
    submitLabel: '报告',
    body: [
      field('进展', textBox('title', { placeholder: '例如：材料进场、施工完成' }), { name: 'title' }),
      field('日期', textBox('reachedOn', { type: 'date', value: localToday() }), { name: 'reachedOn' }),
      field('说明', textArea('note'), { name: 'note', wide: true }),
      h('label', { class: 'inline-check' }, completes, '此项任务已完成'),
    ],
    onSubmit: async (form) => {
      const data = new FormData(form);
      await command(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/milestones`, {
        taskId: task.taskId, title: data.get('title'), note: data.get('note') || null, reachedOn: data.get('reachedOn') || null, completesTask: completes.checked,
      }, project.summary.version);
      reload(completes.checked ? `任务「${task.what}」已完成。` : '进展已报告。');
    },
    onConflict: () => reload('数据已被他人修改，已为您重新加载。'),
  });
}

function addTask(project, reload) {
  openDialog({
    title: '增加任务',
    testid: 'task-dialog',
    submitLabel: '增加',
    body: [
      field('任务内容', textBox('what'), { name: 'task.what' }),
      field('责任单位或责任人', textBox('ownerName'), { name: 'task.ownerName' }),
      field('完成时限', textBox('deadline', { type: 'date' }), { name: 'task.deadline' }),
    ],
    onSubmit: async (form) => {
      const data = new FormData(form);
      await command(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/tasks`, {
        what: data.get('what'), ownerName: data.get('ownerName'), deadline: data.get('deadline') || null,
      }, project.summary.version);
      reload('任务已加入责任清单。');
    },
    onConflict: () => reload('数据已被他人修改，已为您重新加载。'),
  });
}

function complete(project, reload) {
  openDialog({
    title: `完成项目：${project.summary.name}`,
    testid: 'complete-dialog',
    submitLabel: '完成项目',
    body: [field('完成情况', textArea('summary', { placeholder: '做了什么、成效如何；回应的需求将随之办结并告知居民。' }), { name: 'summary', wide: true })],
    onSubmit: async (form) => {
      await command(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/complete`, { summary: new FormData(form).get('summary') }, project.summary.version);
      reload('项目已完成，回应的需求将随之办结。');
    },
    onConflict: () => reload('数据已被他人修改，已为您重新加载。'),
  });
}
