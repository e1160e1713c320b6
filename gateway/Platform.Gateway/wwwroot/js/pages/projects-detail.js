// A project's page: the needs it answers, its 责任清单 with each task's owner, deadline and milestones, progress from
// the milestones, the units' claims (认领), and what the caller may do: claim the project or a task (a co-building
// unit with an agreement in force here, or the staff for it), confirm or decline a claim, report a milestone (a
// task's own units, or the staff), add a task or complete the project (the staff of its place).

import { api } from '../api.js';
import { card, failure, loading, pageHeader, table } from '../components.js';
import { fill, h } from '../dom.js';
import { localToday } from './resources.js';
import { progressBar } from './projects.js';
import {
  command, facts, field, filePicker, flash, formatDateTime, mediaGallery, openDialog, selectBox, statusBadge, textArea, textBox, uploadFiles,
} from './needs-shared.js';

const mostEvidencePerTask = 20;

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
  if (notice) flash(message, notice.text ?? notice, notice.tone ?? 'ok');
  const staff = staffRoles.has(user.role);
  const active = summary.status === 'active';
  const mayReport = (task) => active && !task.doneOn && (staff || (user.role === 'unit_member' && project.yourTasks.includes(task.taskId)));
  // A community's project whistles its overdue tasks to the street or the district; a street's project has no one above to call in this way.
  const mayWhistle = (task) => staff && active && task.overdue && !task.whistle && Boolean(summary.communityId);
  const actions = [];
  if (active && (staff || user.role === 'unit_member')) {
    actions.push(h('button', { type: 'button', class: 'button', 'data-testid': 'claim-project', onclick: () => claim(project, user, reload) },
      staff ? '登记认领' : '认领'));
  }
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
        project.dropReason ? ['撤销原因', project.dropReason] : null,
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
      { label: '责任方', value: (task) => task.partners.length ? `${task.ownerName}；联合认领：${task.partners.join('、')}` : task.ownerName },
      { label: '时限', value: (task) => task.deadline },
      { label: '状态', value: (task) => h('div', {},
        task.overdue ? h('span', { class: 'overdue-tag' }, task.statusName) : task.statusName,
        task.whistle ? h('p', { class: 'muted', 'data-testid': `whistle-${task.taskId}` }, task.whistle.reads) : null) },
      { label: '进展', value: (task) => task.milestones.length
        ? h('ul', { class: 'plain-list' }, task.milestones.map((milestone) => h('li', {}, `${milestone.reachedOn} ${milestone.title}${milestone.note ? `：${milestone.note}` : ''}`)))
        : h('span', { class: 'muted' }, '—') },
      { label: '证据', value: (task) => evidenceCell(project, task, mayReport(task), reload) },
      { label: '', value: (task) => h('div', { class: 'button-row' },
        mayReport(task)
          ? h('button', { type: 'button', class: 'button button-ghost', 'data-testid': `report-${task.taskId}`, onclick: () => report(project, task, reload) }, '报告进展')
          : null,
        mayWhistle(task)
          ? h('button', { type: 'button', class: 'button button-ghost', 'data-testid': `whistle-button-${task.taskId}`, onclick: () => whistle(project, task, reload) }, '吹哨')
          : null) },
    ], project.tasks, { testid: 'task-table' }), { testid: 'project-tasks' }),
    card('使用的资源', h('div', {},
      project.resources.length
        ? h('ul', { class: 'agreement-list', 'data-testid': 'resource-list' }, project.resources.map((item) => h('li', { class: 'agreement', 'data-testid': `resource-${item.requestId}` },
          h('div', { class: 'agreement-head' }, h('strong', {}, item.offerTitle), statusBadge(item.status, item.statusName)),
          h('p', {}, `${item.when} · 数量 ${item.quantity} · ${item.purpose}`),
          item.refusal ? h('p', { class: 'muted' }, `未能预约：${item.refusal}`) : null)))
        : h('p', { class: 'muted' }, '尚未预约共建单位的资源。'),
      staff && active && summary.communityId
        ? h('div', { class: 'button-row' },
          h('button', { type: 'button', class: 'button', 'data-testid': 'request-resource', onclick: () => requestResource(project, reload) }, '预约资源'))
        : null), { testid: 'project-resources' }),
    card('认领', project.claims.length
      ? h('ul', { class: 'agreement-list', 'data-testid': 'claim-list' }, project.claims.map((item) => h('li', { class: 'agreement', 'data-testid': `claim-${item.claimId}` },
        h('div', { class: 'agreement-head' }, h('strong', {}, item.reads), statusBadge(item.status, item.statusName)),
        item.note ? h('p', {}, item.note) : null,
        h('p', { class: 'muted' }, `${formatDateTime(item.claimedAt)} 认领${item.decidedAt ? ` · ${formatDateTime(item.decidedAt)} ${item.statusName}` : ''}${item.reason ? `：${item.reason}` : ''}`),
        item.deliveredOn ? h('p', { 'data-testid': `claim-delivered-${item.claimId}` }, `${item.deliveredOn} 随项目完成交付，已计入共建贡献台账。`) : null,
        staff && active && item.status === 'open'
          ? h('div', { class: 'button-row' },
            h('button', { type: 'button', class: 'button button-primary', 'data-testid': `confirm-${item.claimId}`, onclick: () => confirmClaim(project, item, reload) }, '确认'),
            h('button', { type: 'button', class: 'button button-ghost', 'data-testid': `decline-${item.claimId}`, onclick: () => declineClaim(project, item, reload) }, '不予确认'))
          : null)))
      : h('p', { class: 'muted' }, user.role === 'unit_member' ? '本单位尚未认领这个项目。' : '尚无共建单位认领。'), { testid: 'project-claims' }),
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
      h('label', { class: 'inline-check' }, completes, task.evidence.length ? '此项任务已完成' : '此项任务已完成（须先上传现场照片或验收材料）'),
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

async function requestResource(project, reload) {
  let offers;
  try {
    offers = await api.get(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/offers`);
  } catch (error) {
    reload({ text: error.message ?? String(error), tone: 'error' });
    return;
  }
  if (!offers.length) {
    reload({ text: '暂无面向本社区开放的共建资源。', tone: 'error' });
    return;
  }
  openDialog({
    title: '预约资源',
    testid: 'resource-dialog',
    submitLabel: '预约',
    body: [
      field('资源', selectBox('offerId', offers.map((offer) => ({ value: offer.offerId, label: `${offer.title}（${offer.reads}）` })), { placeholder: '请选择' }),
        { name: 'offerId', wide: true }),
      field('日期', textBox('date', { type: 'date', value: localToday() }), { name: 'date' }),
      field('开始时间（按时段开放的资源）', textBox('from', { type: 'time' }), { name: 'from' }),
      field('结束时间', textBox('to', { type: 'time' }), { name: 'to' }),
      field('数量', textBox('quantity', { type: 'number', value: '1' }), { name: 'quantity' }),
      field('用途', textArea('purpose', { placeholder: '例如：居民议事会会场' }), { name: 'purpose', wide: true }),
    ],
    onSubmit: async (form) => {
      const data = new FormData(form);
      await command(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/resources`, {
        offerId: data.get('offerId') || null, date: data.get('date') || null, from: data.get('from') || null, to: data.get('to') || null,
        quantity: data.get('quantity') ? Number(data.get('quantity')) : null, purpose: data.get('purpose'),
      }, project.summary.version);
      reload('已提交预约，资源服务确认后显示结果。');
    },
    onConflict: () => reload('数据已被他人修改，已为您重新加载。'),
  });
}

function whistle(project, task, reload) {
  openDialog({
    title: `吹哨：${task.what}`,
    testid: 'whistle-dialog',
    submitLabel: '吹哨',
    body: [
      h('p', { class: 'muted' }, `任务时限 ${task.deadline}，${task.statusName}。吹哨后需求清单随即立案，职能部门按吹哨报到签收办理。`),
      field('吹哨至', selectBox('level', [{ value: 'street', label: '街道' }, { value: 'district', label: '区' }]), { name: 'level' }),
      field('吹哨原因', textArea('reason', { placeholder: '例如：责任单位力量不足，需要职能部门协调' }), { name: 'reason', wide: true }),
    ],
    onSubmit: async (form) => {
      const data = new FormData(form);
      await command(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/tasks/${encodeURIComponent(task.taskId)}/whistle`, {
        level: data.get('level'), reason: data.get('reason'),
      }, project.summary.version);
      reload(`任务「${task.what}」已吹哨，需求清单随即立案。`);
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

/**
 * A claim on the whole project or one open task, for the caller's own unit (a unit's member) or for a unit the staff
 * choose; part of a promise of the unit's agreement may be pledged, up to what it has left.
 */
async function claim(project, user, reload) {
  let units;
  try {
    units = await api.get(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/commitments`);
  } catch (error) {
    reload(`无法读取共建协议：${error.message}`);
    return;
  }
  if (!units.length) {
    reload(user.role === 'unit_member' ? '本单位与项目所在地没有生效的共建协议，签订后才能认领。' : '项目所在地目前没有签订生效共建协议的单位。');
    return;
  }
  const unitSelect = selectBox('unitId', units.map((unit) => ({ value: unit.unitId, label: unit.unitName })), { value: units[0].unitId });
  const pledgeSelect = h('select', { name: 'pledge', 'data-testid': 'select-pledge' });
  const fillPledges = () => {
    const unit = units.find((candidate) => candidate.unitId === unitSelect.value) ?? units[0];
    fill(pledgeSelect, h('option', { value: '' }, '不从协议承诺中计'),
      unit.commitments.map((option, index) => h('option', { value: String(index), title: option.reads }, `${option.what}：尚余 ${option.left} ${option.measureName}`)));
  };
  unitSelect.addEventListener('change', fillPledges);
  fillPledges();
  const openTasks = project.tasks.filter((task) => !task.doneOn);
  openDialog({
    title: `认领：${project.summary.name}`,
    testid: 'claim-dialog',
    submitLabel: '提交认领',
    body: [
      user.role === 'unit_member' ? null : field('认领单位', unitSelect, { name: 'unitId' }),
      field('认领内容', selectBox('taskId', [{ value: '', label: '整个项目' }, ...openTasks.map((task) => ({ value: task.taskId, label: `任务：${task.what}` }))]),
        { name: 'taskId', hint: '可与其他单位联合认领，待社区确认' }),
      field('从哪项承诺中投入', pledgeSelect, { name: 'commitment' }),
      field('投入数量', textBox('amount', { type: 'number' }), { name: 'amount' }),
      field('说明', textArea('note', { placeholder: '例如：出 3 人协助，周末施工' }), { name: 'note', wide: true }),
    ],
    onSubmit: async (form) => {
      const data = new FormData(form);
      const unit = units.find((candidate) => candidate.unitId === unitSelect.value) ?? units[0];
      const pledge = data.get('pledge') === '' ? null : unit.commitments[Number(data.get('pledge'))];
      const amount = data.get('amount') === '' ? null : Number(data.get('amount'));
      await api.post(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/claims`, {
        unitId: user.role === 'unit_member' ? null : unit.unitId, taskId: data.get('taskId') || null, agreementId: pledge?.agreementId ?? null,
        commitment: pledge?.what ?? null, amount, note: data.get('note') || null,
      });
      reload('认领已提交，待社区确认。');
    },
  });
}

function confirmClaim(project, item, reload) {
  openDialog({
    title: '确认认领',
    testid: 'confirm-claim-dialog',
    submitLabel: '确认',
    body: [h('p', {}, `${item.reads}。确认后该单位即负责所认领的内容。`)],
    onSubmit: async () => {
      await command(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/claims/${encodeURIComponent(item.claimId)}/confirm`, {}, project.summary.version);
      reload(`已确认${item.unitName}的认领。`);
    },
    onConflict: () => reload('数据已被他人修改，已为您重新加载。'),
  });
}

function declineClaim(project, item, reload) {
  openDialog({
    title: '不予确认',
    testid: 'decline-claim-dialog',
    submitLabel: '不予确认',
    danger: true,
    body: [h('p', {}, item.reads), field('理由', textArea('reason', { placeholder: '该单位可见此理由' }), { name: 'reason', wide: true })],
    onSubmit: async (form) => {
      await command(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/claims/${encodeURIComponent(item.claimId)}/decline`,
        { reason: new FormData(form).get('reason') }, project.summary.version);
      reload('已不予确认，并告知理由。');
    },
    onConflict: () => reload('数据已被他人修改，已为您重新加载。'),
  });
}

/** A task's photos and documents, and (for whoever may report on it) the picker that adds one: a task completes only with evidence. */
function evidenceCell(project, task, mayAdd, reload) {
  const gallery = task.evidence.length
    ? mediaGallery(task.evidence.map((file) => ({ url: `/api/projects/${file.url}`, kept: true, caption: '证据' })), { testid: `evidence-${task.taskId}` })
    : h('span', { class: 'muted' }, '—');
  const room = mostEvidencePerTask - task.evidence.length;
  return h('div', {}, gallery, mayAdd && room > 0 ? filePicker({
    room, testid: `evidence-${task.taskId}`, label: '上传证据',
    upload: (files) => uploadFiles(`/api/projects/projects/${encodeURIComponent(project.summary.id)}/tasks/${encodeURIComponent(task.taskId)}/evidence`, files),
    done: (notice) => reload(notice),
  }) : null);
}
