// One whistle case: why it was blown, which departments hold it and whether they have signed, its deadlines
// counting down, a pending transfer, the callback, everything that happened, and the steps the user may take now.

import { api } from '../api.js';
import { card, failure, loading, pageHeader, table } from '../components.js';
import { fill, h } from '../dom.js';
import { entryFor } from '../navigation.js';
import { actionsFor, openCaseAction, ownDepartment } from './cases-actions.js';
import {
  catalogue, caseStatuses, countdown, departments, explainFailure, facts, filePicker, flash, formatDateTime, keepTicking, levelBadge,
  mediaGallery, nameIn, placeNames, statusBadge, timeline, uploadFiles,
} from './needs-shared.js';

/** What a case keeps at most of its departments' photos and documents; the service refuses more. */
const maxEvidence = 9;

export function renderCaseDetail({ user, params }) {
  const page = h('div', { class: 'page', 'data-testid': 'case-detail' }, loading('正在加载吹哨案件…'));
  const view = { user, caseId: params.caseId, page, message: h('div', { class: 'flash-slot' }) };
  reload(view);
  keepTicking(page);
  return page;
}

async function reload(view, notice) {
  try {
    const [detail, loaded, names, departmentNames] = await Promise.all([
      api.get(`/api/needs/cases/${encodeURIComponent(view.caseId)}`), catalogue(), placeNames(), departments(view.user),
    ]);
    // The summary fields may come flat or nested under `summary`; the page reads them flat.
    const item = detail.summary ? { ...detail.summary, ...detail } : detail;
    const context = { catalogue: loaded, names, departmentNames, user: view.user };
    fill(view.page, ...caseView(item, context, view));
    if (notice) flash(view.message, notice.text, notice.tone);
  } catch (error) {
    fill(view.page, failure(error));
  }
}

function caseView(item, context, view) {
  const { catalogue: loaded, names, departmentNames } = context;
  const department = (id) => departmentNames.get(id) ?? id;
  return [
    h('p', { class: 'back-link' }, h('a', { href: '#/whistles' }, '‹ 返回吹哨看板')),
    pageHeader(
      h('span', {}, item.title || item.id, ' ', levelBadge(item.level, item.levelName), ' ',
        statusBadge(item.status, item.statusName ?? nameIn(caseStatuses, item.status), 'case-status')),
      `案件编号 ${item.id} · 第 ${item.version ?? '—'} 版`),
    view.message,
    actionBar(item, context, view),
    h('div', { class: 'detail-columns' },
      h('div', { class: 'detail-main' },
        card('案件信息', facts([
          // A department works on the case only; the need itself is the community's, so it is named, not linked.
          ['来源需求', item.needId && entryFor(view.user.role, 'needs')
            ? h('a', { href: `#/needs/${encodeURIComponent(item.needId)}`, 'data-testid': 'case-need-link' }, item.needId)
            : item.needId],
          ['类别', item.categoryName ?? nameIn(loaded.categories, item.category)],
          ['哨类', nameIn(loaded.whistleTypes, item.whistleType)],
          ['地点', [item.streetId, item.communityId].filter(Boolean).map((id) => names.get(id) ?? id).join(' · ')],
          ['吹哨时间', formatDateTime(item.blownAt)],
          ['吹哨原因', item.reason],
          ['社区已做工作', item.triedByCommunity?.length ? h('ul', { class: 'plain-list' }, item.triedByCommunity.map((tried) => h('li', {}, tried))) : null],
          ['办理类别', item.handlingClass ? nameIn(loaded.handlingClasses, item.handlingClass) : null],
          ['派单时间', formatDateTime(item.dispatchedAt)],
          ['参与共建单位', item.participatingUnits?.length ? item.participatingUnits.map((unit) => unit.name).join('、') : null],
          ['办理轮次', item.round ? `第 ${item.round} 轮` : null],
          ['办理结果', item.result],
          ['超时次数', item.breaches ? String(item.breaches) : null],
          ['升级次数', String(item.escalations ?? 0)],
        ], 'case-facts'), { testid: 'case-info' }),
        evidenceCard(item, department, view),
        card('处理经过', timeline(item.timeline, { departmentNames, catalogue: loaded, placeNames: names }), { testid: 'case-timeline' })),
      h('div', { class: 'detail-side' },
        card('办理时限', deadlines(item), { testid: 'case-deadlines' }),
        card('承办部门', departmentTable(item, department), { testid: 'case-departments' }),
        item.pendingTransfer ? card('待审批的转办申请', facts([
          ['申请部门', department(item.pendingTransfer.departmentId)],
          ['原因', item.pendingTransfer.reason],
          ['申请时间', formatDateTime(item.pendingTransfer.requestedAt)],
          ['建议接办', item.pendingTransfer.suggestedDepartmentId ? department(item.pendingTransfer.suggestedDepartmentId) : null],
        ]), { testid: 'case-pending-transfer' }) : null,
        item.callback ? card('回访结果', facts([
          ['是否解决', item.callback.resolved ? '已解决' : '未解决'],
          ['是否满意', item.callback.satisfied ? '满意' : '不满意'],
          ['回访记录', item.callback.comment],
          ['回访时间', formatDateTime(item.callback.at)],
        ]), { testid: 'case-callback' }) : null)),
  ];
}

/** The departments' photos of their work, each named by its department; a signed department adds its own. */
function evidenceCard(item, department, view) {
  const evidence = item.evidence ?? [];
  const mine = ownDepartment(view.user);
  const canAdd = mine && (item.signedDepartmentIds ?? []).includes(mine) && ['in-handling', 'reported'].includes(item.status)
    && evidence.length < maxEvidence;
  if (!evidence.length && !canAdd) return null;
  return card('办理照片', [
    evidence.length
      ? mediaGallery(evidence.map((file) => ({ ...file, caption: department(file.departmentId) })), { testid: 'case-evidence' })
      : h('p', { class: 'muted' }, '还没有办理照片。整改前后的现场照片随办理结果一并留存，供社区核实。'),
    canAdd ? filePicker({
      room: maxEvidence - evidence.length, testid: 'case-evidence', label: '上传办理照片',
      upload: (files) => uploadFiles(`/api/needs/cases/${encodeURIComponent(item.id)}/evidence`, files),
      done: (notice) => reload(view, notice),
    }) : null,
  ], { testid: 'case-evidence-card' });
}

function deadlines(item) {
  const open = item.status !== 'closed';
  const rows = [
    ['签收时限', item.signBy],
    ['办结时限', item.handleBy],
  ];
  return h('div', { class: 'deadline-list' },
    item.nextDeadline && open
      ? h('p', { class: 'next-deadline' }, '下一时限：', countdown(item.nextDeadline.dueAt, { kind: item.nextDeadline.kind, startedAt: item.dispatchedAt, testid: 'case-countdown' }))
      : null,
    facts(rows.map(([label, due]) => [label, due ? formatDateTime(due) : null])),
    item.overdue
      ? h('p', { class: 'overdue-tag', 'data-testid': 'case-overdue' }, item.overdueSince && open
        ? countdown(item.overdueSince.dueAt, { kind: item.overdueSince.kind, testid: 'case-overdue-countdown' })
        : '已超时')
      : null);
}

function departmentTable(item, department) {
  const ids = item.departmentIds ?? [item.leadDepartmentId, ...(item.assistingDepartmentIds ?? [])].filter(Boolean);
  const signed = new Set(item.signedDepartmentIds ?? []);
  if (ids.length === 0) return h('p', { class: 'muted' }, '尚未派单。');
  return table([
    { label: '部门', value: (id) => department(id) },
    { label: '职责', value: (id) => (id === item.leadDepartmentId ? h('strong', {}, '牵头') : '协办') },
    { label: '签收', value: (id) => (signed.has(id)
      ? h('span', { class: 'sign-state signed', 'data-testid': `sign-state-${id}` }, '已签收')
      : h('span', { class: 'sign-state waiting', 'data-testid': `sign-state-${id}` }, '待签收')) },
  ], ids, { testid: 'case-department-table' });
}

function actionBar(item, context, view) {
  const available = actionsFor(item, view.user);
  if (available.length === 0) return null;
  return h('div', { class: 'action-bar', role: 'group', 'aria-label': '办理操作', 'data-testid': 'case-actions' },
    available.map((action) => h('button', {
      type: 'button',
      class: ['button', action.primary && 'button-primary', action.danger && 'button-danger-outline'],
      'data-testid': `case-action-${action.key}`,
      onclick: () => openCaseAction(action, item, context, {
        done: (text) => reload(view, { text, tone: 'ok' }),
        conflict: (error) => reload(view, { text: explainFailure(error), tone: 'error' }),
      }),
    }, action.label)));
}
