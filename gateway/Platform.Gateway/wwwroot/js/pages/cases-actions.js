// The steps of a whistle case (吹哨报到) and their dialogs, shared by the board and the case page: who may take
// each step from which state, what the dialog asks, and the command it sends.

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { command, field, readYesNo, selectBox, textArea, yesNo, openDialog } from './needs-shared.js';

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
/**
 * The departments a case may go to, in the order a dispatcher looks for them: the ones that usually take its category,
 * then the offices of the case's own street, then the district's departments (first for a district-level case).
 * Another street's offices are never offered: they cannot take the case.
 */
function departmentGroups(item, context) {
  const names = context.departmentNames ?? new Map();
  const known = context.catalogue?.departments?.length
    ? context.catalogue.departments.map((department) => ({ id: department.id, name: department.name, streetId: department.streetId ?? null }))
    : [...names].map(([id, name]) => ({ id, name, streetId: item.streetId ?? null }));
  const allowed = known.filter((department) => !department.streetId || department.streetId === item.streetId);
  const typicalIds = context.catalogue?.categories?.find((category) => category.code === item.category)?.typicalDepartments ?? [];
  const typical = typicalIds.map((id) => allowed.find((department) => department.id === id)).filter(Boolean);
  const rest = allowed.filter((department) => !typicalIds.includes(department.id));
  const streetName = context.names?.get(item.streetId) ?? '本街道';
  const ofStreet = ['本街道科室（' + streetName + '）', rest.filter((department) => department.streetId)];
  const ofDistrict = ['区职能部门', rest.filter((department) => !department.streetId)];
  return [['常用', typical], ...(item.level === 'district' ? [ofDistrict, ofStreet] : [ofStreet, ofDistrict])]
    .filter(([, departments]) => departments.length);
}

/** The co-building units registered under the case's community and street, by name; none when they cannot be read. */
async function coBuildingUnits(item) {
  const places = [item.communityId, item.streetId].filter(Boolean);
  const answers = await Promise.allSettled(places.map((id) => api.get(`/api/identity/organization/units/${encodeURIComponent(id)}`)));
  const found = new Map();
  for (const answer of answers) {
    if (answer.status !== 'fulfilled') continue;
    for (const child of answer.value.children ?? []) if (child.kind === 'unit' && !found.has(child.id)) found.set(child.id, child);
  }
  return [...found.values()];
}

/** The same departments as one list of options (a transfer names one department). */
function departmentChoices(item, context) {
  return departmentGroups(item, context).flatMap(([title, departments]) =>
    departments.map((department) => ({ value: department.id, label: title === '常用' ? `${department.name}（常用）` : department.name })));
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
      const note = textArea('note', { testid: 'transfer-note' });
      return {
        body: [
          h('p', {}, `${names.get(pending.departmentId) ?? pending.departmentId ?? '—'} 申请转办：${pending.reason ?? ''}`),
          yesNo('是否同意转办', 'approve', { yes: '同意', no: '不同意' }),
          field('接办部门', to, { name: 'toDepartmentId' }),
          field('说明', note, { name: 'note' }),
        ],
        read: (form) => ({ approve: readYesNo(form, 'approve'), toDepartmentId: to.value || null, note: note.value.trim() }),
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
 * 派单: a lead department and assisting departments picked by name from one searchable list (the street's own offices
 * first), and the co-building units taking part.
 */
function dispatchForm(item, context) {
  const groups = departmentGroups(item, context);
  const search = h('input', { type: 'search', placeholder: '输入部门名称筛选', 'data-testid': 'dispatch-search', 'aria-label': '搜索部门' });
  const rows = [];
  const picker = h('table', { class: 'department-picker', 'data-testid': 'dispatch-departments' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '部门'), h('th', { scope: 'col' }, '牵头'), h('th', { scope: 'col' }, '协办'))),
    groups.map(([title, departments]) => h('tbody', {},
      h('tr', { class: 'department-group' }, h('th', { colspan: 3, scope: 'colgroup' }, title)),
      departments.map((department) => {
        const row = h('tr', { class: 'department-row', 'data-name': department.name, 'data-testid': `dispatch-row-${department.id}` },
          h('td', {}, department.name),
          h('td', {}, h('input', { type: 'radio', name: 'lead', value: department.id, 'aria-label': `${department.name} 牵头`, 'data-testid': `dispatch-lead-${department.id}` })),
          h('td', {}, h('input', { type: 'checkbox', name: 'assisting', value: department.id, 'aria-label': `${department.name} 协办`, 'data-testid': `dispatch-assisting-${department.id}` })));
        rows.push(row);
        return row;
      }))));
  search.addEventListener('input', () => {
    const wanted = search.value.trim();
    // A chosen department stays in sight, so that a search never hides what will be sent.
    for (const row of rows) row.hidden = Boolean(wanted) && !row.dataset.name.includes(wanted) && !row.querySelector('input:checked');
    for (const group of picker.querySelectorAll('tbody')) {
      group.querySelector('.department-group').hidden = [...group.querySelectorAll('.department-row')].every((row) => row.hidden);
    }
  });
  const units = h('div', { class: 'checkbox-list', role: 'group', 'aria-label': '参与的共建单位', 'data-testid': 'dispatch-units' },
    h('span', { class: 'muted' }, '正在读取共建单位…'));
  coBuildingUnits(item).then((found) => fill(units, found.length
    ? found.map((unit) => h('label', { class: 'checkbox' },
      h('input', { type: 'checkbox', name: 'unit', value: unit.id, 'data-testid': `dispatch-unit-${unit.id}` }), unit.name))
    : h('span', { class: 'muted' }, '本社区和街道暂无登记的共建单位。')));
  const handlingClass = selectBox('handlingClass', (context.catalogue?.handlingClasses ?? []).map((entry) => ({
    value: entry.code, label: `${entry.name}（${entry.handleLimitHours} 小时）`,
  })), { placeholder: '（按类别默认）', testid: 'dispatch-handling-class' });
  const note = textArea('note', { testid: 'dispatch-note', placeholder: '派单说明' });
  return {
    body: [
      h('div', { class: 'field field-wide', 'data-field': 'leadDepartmentId' },
        h('span', { class: 'field-label' }, '牵头部门与协办部门'),
        groups.length ? [search, h('div', { class: 'department-picker-scroll' }, picker)] : h('p', { class: 'muted' }, '没有可派的部门。'),
        h('p', { class: 'field-error', 'data-error-for': 'leadDepartmentId', hidden: true }),
        h('p', { class: 'field-error', 'data-error-for': 'assistingDepartmentIds', hidden: true })),
      h('div', { class: 'field field-wide', 'data-field': 'participatingUnitIds' },
        h('span', { class: 'field-label' }, '参与的共建单位'), units,
        h('p', { class: 'field-error', 'data-error-for': 'participatingUnitIds', hidden: true })),
      field('办理类别', handlingClass, { name: 'handlingClass' }),
      field('派单说明', note, { name: 'note' }),
    ],
    read: (form) => {
      const leadId = form.querySelector('input[name="lead"]:checked')?.value ?? '';
      const assistingIds = [...form.querySelectorAll('input[name="assisting"]:checked')].map((box) => box.value);
      return {
        leadDepartmentId: leadId,
        assistingDepartmentIds: [...new Set(assistingIds)].filter((id) => id !== leadId),
        participatingUnitIds: [...form.querySelectorAll('input[name="unit"]:checked')].map((box) => box.value),
        handlingClass: handlingClass.value || null,
        note: note.value.trim(),
      };
    },
  };
}
