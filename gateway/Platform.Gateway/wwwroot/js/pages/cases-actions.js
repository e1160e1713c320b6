// The steps of a whistle case (吹哨报到) and their dialogs, shared by the board and the case page: who may take
// each step from which state, what the dialog asks, and the command it sends.

import { h } from '../dom.js';
import { command, field, readYesNo, selectBox, textArea, textBox, yesNo, openDialog } from './needs-shared.js';

const dispatchers = ['street_staff', 'district_admin'];
const open = ['awaiting-dispatch', 'dispatched', 'in-handling'];

/** The department a department user works for. */
export function ownDepartment(user) {
  return user.role === 'department_staff' ? user.departmentId ?? user.scope?.id ?? null : null;
}

function departmentsOf(item) {
  const ids = item.departmentIds ?? [item.leadDepartmentId, ...(item.assistingDepartmentIds ?? [])].filter(Boolean);
  return ids;
}

/** Street staff supervise a case while it is a street case; once escalated, the district office does. */
const supervises = (item, user) => user.role === 'district_admin' || item.level === 'street';

const isMine = (item, user) => departmentsOf(item).includes(ownDepartment(user));
const hasSigned = (item, user) => (item.signedDepartmentIds ?? []).includes(ownDepartment(user));

/**
 * Each step: the roles that may take it and `when` it applies to a case (a list summary or the full case). The
 * server decides in the end; this keeps buttons away from users who would be refused.
 */
export const caseActions = [
  { key: 'dispatch', label: '派单', roles: dispatchers, primary: true, when: (item, user) => item.status === 'awaiting-dispatch' && supervises(item, user) },
  { key: 'sign', label: '签收', roles: ['department_staff'], primary: true,
    when: (item, user) => ['dispatched', 'in-handling'].includes(item.status) && isMine(item, user) && !hasSigned(item, user) },
  { key: 'progress', label: '记录进展', roles: ['department_staff'],
    when: (item, user) => item.status === 'in-handling' && isMine(item, user) && hasSigned(item, user) },
  { key: 'report', label: '反馈结果', roles: ['department_staff'], primary: true,
    when: (item, user) => item.status === 'in-handling' && item.leadDepartmentId === ownDepartment(user) && hasSigned(item, user) },
  { key: 'transfer-request', label: '申请转办', roles: ['department_staff'],
    when: (item, user) => ['dispatched', 'in-handling'].includes(item.status) && isMine(item, user) && !item.pendingTransfer },
  { key: 'transfer-decision', label: '审批转办', roles: dispatchers, primary: true, when: (item, user) => Boolean(item.pendingTransfer) && supervises(item, user) },
  { key: 'verify', label: '核实', roles: ['community_staff'], primary: true, when: (item) => item.status === 'reported' },
  { key: 'callback', label: '回访', roles: ['community_staff'], primary: true, when: (item) => item.status === 'verified' },
  { key: 'close', label: '结案', roles: ['community_staff'], primary: true, when: (item) => item.status === 'callback-done' },
  { key: 'reopen', label: '重办', roles: ['community_staff'],
    when: (item) => item.status === 'callback-done' && !(item.callback?.resolved && item.callback?.satisfied) },
  { key: 'escalate', label: '升级', roles: dispatchers, danger: true,
    when: (item, user) => open.includes(item.status) && item.level !== 'district' && supervises(item, user) },
];

export function actionsFor(item, user, keys) {
  return caseActions.filter((action) => (!keys || keys.includes(action.key)) && action.roles.includes(user.role) && action.when(item, user));
}

/**
 * Opens the dialog of `action` for a case. `context` holds the catalogue, the department names and the user;
 * `done(text)` runs after the command succeeded and `conflict(error)` after a 409.
 */
export function openCaseAction(action, item, context, { done, conflict }) {
  const { body, read } = caseForm(action.key, item, context);
  openDialog({
    title: `${action.label}：${item.title ?? item.id}`,
    body,
    submitLabel: `确认${action.label}`,
    danger: action.danger,
    testid: `case-dialog-${action.key}`,
    onSubmit: async (form) => {
      await command(`/api/needs/cases/${encodeURIComponent(item.id)}/${action.key}`, read(form), item.version ?? null);
      await done(`已${action.label}。`);
    },
    onConflict: conflict,
  });
}

/** Departments to offer for `item`: those usual for its category first, then every other one the user knows. */
function departmentChoices(item, context) {
  const names = context.departmentNames ?? new Map();
  const typical = context.catalogue?.categories?.find((category) => category.code === item.category)?.typicalDepartments ?? [];
  const choices = typical.map((id) => ({ value: id, label: `${names.get(id) ?? id}（常用）` }));
  for (const [id, name] of names) if (!typical.includes(id)) choices.push({ value: id, label: name });
  return choices;
}

function caseForm(key, item, context) {
  switch (key) {
    case 'dispatch':
      return dispatchForm(item, context);
    case 'sign': {
      const contacted = h('input', { type: 'checkbox', name: 'contactedReporter', 'data-testid': 'sign-contacted' });
      return {
        body: [
          h('p', { class: 'muted' }, '签收即向社区报到，并开始计算办理时限。'),
          h('label', { class: 'checkbox' }, contacted, '已与社区或反映人取得联系'),
        ],
        read: () => ({ contactedReporter: contacted.checked }),
      };
    }
    case 'progress':
      return textOnly('办理进展', 'note', '如：已现场勘查，定于周五施工');
    case 'report':
      return textOnly('办理结果', 'result', '如：已更换井盖并设置警示标志');
    case 'verify': {
      const note = textArea('note', { testid: 'verify-note' });
      return {
        body: [yesNo('现场核实是否通过', 'passed', { yes: '通过', no: '不通过（退回部门继续办理）' }), field('核实说明', note, { name: 'note' })],
        read: (form) => ({ passed: readYesNo(form, 'passed'), note: note.value.trim() }),
      };
    }
    case 'callback': {
      const comment = textArea('comment', { testid: 'callback-comment' });
      return {
        body: [yesNo('问题是否已解决', 'resolved'), yesNo('反映人是否满意', 'satisfied', { yes: '满意', no: '不满意' }), field('回访记录', comment, { name: 'comment' })],
        read: (form) => ({ resolved: readYesNo(form, 'resolved'), satisfied: readYesNo(form, 'satisfied'), comment: comment.value.trim() }),
      };
    }
    case 'close':
      return { body: [h('p', {}, '结案后本案办理结束，考评按本轮结果计算。确认结案？')], read: () => ({}) };
    case 'reopen':
      return textOnly('重办原因', 'reason', '如：回访时反映人表示问题仍未解决');
    case 'escalate':
      return textOnly('升级原因', 'reason', '如：涉及专项资金，需区级统筹');
    case 'transfer-request': {
      const reason = textArea('reason', { testid: 'transfer-reason' });
      const suggested = selectBox('suggestedDepartmentId', departmentChoices(item, context).filter((choice) => choice.value !== ownDepartment(context.user)),
        { placeholder: '（不指定）', testid: 'transfer-suggested' });
      return {
        body: [field('申请转办原因', reason, { name: 'reason' }), field('建议接办部门', suggested, { name: 'suggestedDepartmentId' })],
        read: () => ({ reason: reason.value.trim(), suggestedDepartmentId: suggested.value || null }),
      };
    }
    case 'transfer-decision': {
      const pending = item.pendingTransfer ?? {};
      const names = context.departmentNames ?? new Map();
      const to = selectBox('toDepartmentId', departmentChoices(item, context), { placeholder: '请选择接办部门', value: pending.suggestedDepartmentId, testid: 'transfer-to' });
      const toTyped = textBox('toDepartmentIdTyped', { testid: 'transfer-to-typed', placeholder: '部门编号' });
      const note = textArea('note', { testid: 'transfer-note' });
      return {
        body: [
          h('p', {}, `${names.get(pending.departmentId) ?? pending.departmentId ?? '—'} 申请转办：${pending.reason ?? ''}`),
          yesNo('是否同意转办', 'approve', { yes: '同意', no: '不同意' }),
          field('接办部门', to, { name: 'toDepartmentId' }),
          field('或输入部门编号', toTyped),
          field('说明', note, { name: 'note' }),
        ],
        read: (form) => ({ approve: readYesNo(form, 'approve'), toDepartmentId: toTyped.value.trim() || to.value || null, note: note.value.trim() }),
      };
    }
    default:
      return { body: [], read: () => ({}) };
  }
}

function textOnly(label, name, placeholder) {
  const text = textArea(name, { placeholder, testid: `case-${name}` });
  return { body: [field(label, text, { name })], read: () => ({ [name]: text.value.trim() }) };
}

/**
 * 派单: a lead department, assisting departments and the co-building units taking part. Departments are chosen from
 * the ones the user knows; any other can be typed by its id.
 */
function dispatchForm(item, context) {
  const choices = departmentChoices(item, context);
  const lead = selectBox('leadDepartmentId', choices, { placeholder: choices.length ? '请选择牵头部门' : '（无可选部门，请输入编号）', testid: 'dispatch-lead' });
  const leadTyped = textBox('leadDepartmentIdTyped', { placeholder: '如：dept-cgzf', testid: 'dispatch-lead-typed' });
  const assisting = h('div', { class: 'checkbox-list', role: 'group', 'aria-label': '协办部门', 'data-testid': 'dispatch-assisting' },
    choices.length
      ? choices.map((choice) => h('label', { class: 'checkbox' },
        h('input', { type: 'checkbox', name: 'assisting', value: choice.value, 'data-testid': `dispatch-assisting-${choice.value}` }), choice.label))
      : h('p', { class: 'muted' }, '无可选部门。'));
  const assistingTyped = textBox('assistingTyped', { placeholder: '多个编号用逗号分隔', testid: 'dispatch-assisting-typed' });
  const units = textBox('participatingUnitIds', { placeholder: '共建单位编号，多个用逗号分隔', testid: 'dispatch-units' });
  const handlingClass = selectBox('handlingClass', (context.catalogue?.handlingClasses ?? []).map((entry) => ({
    value: entry.code, label: `${entry.name}（${entry.handleLimitHours} 小时）`,
  })), { placeholder: '（按类别默认）', testid: 'dispatch-handling-class' });
  const note = textArea('note', { testid: 'dispatch-note', placeholder: '派单说明' });
  const list = (text) => text.split(/[,，\s]+/).map((id) => id.trim()).filter(Boolean);
  return {
    body: [
      field('牵头部门', lead, { name: 'leadDepartmentId' }),
      field('或输入牵头部门编号', leadTyped),
      h('div', { class: 'field', 'data-field': 'assistingDepartmentIds' },
        h('span', { class: 'field-label' }, '协办部门'), assisting,
        h('p', { class: 'field-error', 'data-error-for': 'assistingDepartmentIds', hidden: true })),
      field('其他协办部门编号', assistingTyped),
      field('参与的共建单位', units, { name: 'participatingUnitIds' }),
      field('办理类别', handlingClass, { name: 'handlingClass' }),
      field('派单说明', note, { name: 'note' }),
    ],
    read: (form) => {
      const leadId = leadTyped.value.trim() || lead.value;
      const assistingIds = [...form.querySelectorAll('input[name="assisting"]:checked')].map((box) => box.value).concat(list(assistingTyped.value));
      return {
        leadDepartmentId: leadId,
        assistingDepartmentIds: [...new Set(assistingIds)].filter((id) => id !== leadId),
        participatingUnitIds: list(units.value),
        handlingClass: handlingClass.value || null,
        note: note.value.trim(),
      };
    },
  };
}
