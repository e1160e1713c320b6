// What the needs, whistle-case, score and audit pages share: the catalogue and the names of statuses, commands
// that carry the version the user was looking at (If-Match), small dialogs with field errors, the timeline, the
// live countdowns of deadlines, and the names of places and departments.

import { api, ApiError, NetworkError, read } from '../api.js';
import { h } from '../dom.js';
import { organization, streetsOf } from '../organization.js';
import { currentSession } from '../session.js';

// ---- reference data -------------------------------------------------------------------------------------------

let catalogueLoad = null;

/** The needs catalogue (categories, urgencies, channels, handling classes, whistle types, levels), loaded once. */
export function catalogue() {
  catalogueLoad ??= api.get('/api/needs/catalogue').catch((error) => {
    catalogueLoad = null;
    throw error;
  });
  return catalogueLoad;
}

/** The name of `code` in a catalogue list of {code, name}, or the code itself when the list does not know it. */
export function nameIn(list, code) {
  if (code === null || code === undefined || code === '') return '—';
  return list?.find((item) => item.code === code)?.name ?? code;
}

export const needStatuses = [
  { code: 'raised', name: '待受理' },
  { code: 'accepted', name: '已受理' },
  { code: 'in-community', name: '社区办理中' },
  { code: 'escalated', name: '已吹哨' },
  { code: 'in-project', name: '已转项目' },
  { code: 'resolved', name: '已办结' },
  { code: 'closed', name: '已关闭' },
  { code: 'rejected', name: '已退回' },
  { code: 'merged', name: '已合并' },
];

export const caseStatuses = [
  { code: 'awaiting-dispatch', name: '待派单' },
  { code: 'dispatched', name: '待签收' },
  { code: 'in-handling', name: '办理中' },
  { code: 'reported', name: '待核实' },
  { code: 'verified', name: '待回访' },
  { code: 'callback-done', name: '待结案' },
  { code: 'closed', name: '已结案' },
];

export const levelNames = { community: '社区', street: '街道', district: '区' };

export const deadlineKinds = { sign: '签收', handle: '办结' };

export function statusBadge(code, name, testid) {
  return h('span', { class: ['status-badge', `status-${code}`], 'data-status': code, 'data-testid': testid }, name || code);
}

export function levelBadge(level, name) {
  return h('span', { class: ['level-badge', `level-${level}`], 'data-testid': 'level-badge' }, name || levelNames[level] || level);
}

// ---- places and departments -----------------------------------------------------------------------------------

/** Names of the streets, communities and grids the user may see, by id; empty when the tree cannot be read. */
export async function placeNames() {
  const names = new Map();
  try {
    const tree = await organization();
    if (tree?.district) names.set(tree.district.id, tree.district.name);
    for (const street of streetsOf(tree)) {
      names.set(street.id, street.name);
      for (const community of street.communities ?? []) {
        names.set(community.id, community.name);
        for (const grid of community.grids ?? []) names.set(grid.id, grid.name);
      }
    }
  } catch {
    // Without the tree a place is shown by its id; the page itself still works.
  }
  return names;
}

/** "永安西里社区 · 8号楼西侧" from a place object (or a place already written out as text). */
export function describePlace(place, names) {
  if (!place) return '—';
  if (typeof place === 'string') return place;
  const parts = [place.streetId, place.communityId, place.gridId].filter(Boolean).map((id) => names?.get(id) ?? id);
  if (place.address) parts.push(place.address);
  return parts.length ? parts.join(' · ') : '—';
}

let departmentLoad = null;

/**
 * The departments the user may dispatch to or look at, as Map(id → name). The catalogue's own list is used when it
 * has one; otherwise the units the user may open: the district's and every street's for district-wide users, the
 * street's own for street staff, and the user's own department for department staff.
 */
export function departments(user) {
  if (departmentLoad?.username !== user.username) {
    departmentLoad = { username: user.username, promise: loadDepartments(user) };
  }
  return departmentLoad.promise;
}

async function loadDepartments(user) {
  const names = new Map();
  try {
    const known = (await catalogue()).departments;
    if (Array.isArray(known) && known.length) {
      for (const department of known) names.set(department.id ?? department.code, department.name ?? department.shortName);
      return names;
    }
  } catch {
    // The catalogue is optional here: names fall back to the organization units below.
  }
  if (user.role === 'department_staff') {
    if (user.departmentId ?? user.scope?.id) names.set(user.departmentId ?? user.scope.id, user.scope?.name ?? user.departmentId);
    return names;
  }
  let unitIds = [];
  if (user.role === 'district_admin' || user.role === 'auditor') {
    try {
      const tree = await organization();
      unitIds = [tree.district.id, ...streetsOf(tree).map((street) => street.id)];
    } catch {
      unitIds = [];
    }
  } else if (user.role === 'street_staff' && user.streetId) {
    unitIds = [user.streetId];
  }
  const units = await Promise.allSettled(unitIds.map((id) => api.get(`/api/identity/organization/units/${encodeURIComponent(id)}`)));
  for (const unit of units) {
    if (unit.status !== 'fulfilled') continue;
    for (const child of unit.value.children ?? []) {
      if (child.kind === 'department') names.set(child.id, child.name);
    }
  }
  return names;
}

export function forgetDepartments() {
  departmentLoad = null;
}

// ---- commands -------------------------------------------------------------------------------------------------

export const conflictMessage = '数据已被他人修改，请刷新';

/**
 * POSTs a command. `version` is the version of the resource the user saw: the server answers 409 when someone
 * else changed it in the meantime, instead of applying the command to a state the user never looked at.
 */
export async function command(path, body = {}, version = null) {
  return read(await authorized('POST', path, body, version));
}

/** A download (an export) as a Blob, with the user's token; failures become ApiError like every other call. */
export async function download(path) {
  const response = await authorized('GET', path);
  if (!response.ok) await read(response);
  return response.blob();
}

/** A download handed to the browser as a file (it needs the user's token, so it cannot be a plain link). */
export async function saveDownload(path, fileName, message) {
  message.hidden = true;
  try {
    const blob = await download(path);
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    message.textContent = `下载失败：${explainFailure(error)}`;
    message.hidden = false;
  }
}

/** A printable page of the server's (an audit dossier, a monthly report), opened in a new tab. */
export async function openPrintable(path, message) {
  message.hidden = true;
  // Opened before the download, while the click still counts as the user's: a window opened later is blocked.
  const tab = window.open('', '_blank');
  try {
    const blob = await download(path);
    // The page links its stylesheet by an absolute path; a blob page needs a base to resolve it against the console.
    const html = (await blob.text()).replace('<head>', `<head><base href="${location.origin}/">`);
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    if (tab) {
      tab.location.href = url;
    } else {
      message.textContent = '浏览器阻止了新标签页，请允许本站弹出窗口后重试。';
      message.hidden = false;
    }
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    message.textContent = `打开失败：${explainFailure(error)}`;
    message.hidden = false;
  }
}

async function authorized(method, path, body, version = null) {
  const attempt = async (accessToken) => {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    if (version !== null && version !== undefined) headers['If-Match'] = `"${version}"`;
    try {
      return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (error) {
      throw new NetworkError(error);
    }
  };
  let response = await attempt(currentSession()?.accessToken);
  if (response.status === 401) {
    // api.js owns the single-use refresh token: a call through it renews the session, or ends it and sends the
    // user to sign in. Either way this call then has its answer.
    try {
      await api.get('/api/identity/me');
    } catch {
      // the session has ended; the 401 below is the answer
    }
    const renewed = currentSession();
    if (renewed) response = await attempt(renewed.accessToken);
  }
  return response;
}

/** A failed command in the user's words. */
export function explainFailure(error) {
  if (error instanceof NetworkError) return error.message;
  if (!(error instanceof ApiError)) return '操作失败，请稍后重试。';
  switch (error.status) {
    case 400:
      return error.reason && !error.problem.errors ? `提交的内容有误：${error.reason}` : '提交的内容有误，请按提示修改后重试。';
    case 403:
      return `无权执行此操作${error.reason ? `：${error.reason}` : '。'}`;
    case 404:
      return error.reason || '记录不存在或已被删除。';
    case 409:
      return `${conflictMessage}。已为您重新加载最新数据。`;
    case 422:
      return error.reason || '当前状态下不能执行此操作。';
    default:
      return `服务暂时无法完成请求（${error.status}）${error.reason ? `：${error.reason}` : ''}`;
  }
}

// ---- forms ----------------------------------------------------------------------------------------------------

let fieldCount = 0;

/** A labelled control with a slot for the server's message about it (`name` is the key in a 400's `errors`). */
export function field(label, control, { name, hint, wide = false, testid } = {}) {
  if (!control.id) control.id = `field-${++fieldCount}`;
  const error = name ? h('p', { class: 'field-error', id: `${control.id}-error`, 'data-error-for': name, hidden: true }) : null;
  if (error) control.setAttribute('aria-describedby', error.id);
  return h('div', { class: ['field', wide && 'field-wide'], 'data-field': name, 'data-testid': testid },
    h('label', { for: control.id }, label),
    control,
    hint ? h('small', { class: 'field-hint' }, hint) : null,
    error);
}

/** A yes/no choice as two radio buttons in a fieldset. */
export function yesNo(legend, name, { yes = '是', no = '否' } = {}) {
  const id = `field-${++fieldCount}`;
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': name, hidden: true });
  return h('fieldset', { class: 'field field-choice', 'data-field': name, 'aria-describedby': error.id },
    h('legend', {}, legend),
    h('label', {}, h('input', { type: 'radio', name, value: 'true', 'data-testid': `${name}-yes` }), yes),
    h('label', {}, h('input', { type: 'radio', name, value: 'false', 'data-testid': `${name}-no` }), no),
    error);
}

/** The value of a yes/no fieldset: true, false, or null when nothing was chosen. */
export function readYesNo(form, name) {
  const chosen = form.querySelector(`input[name="${name}"]:checked`);
  return chosen ? chosen.value === 'true' : null;
}

export function selectBox(name, options, { placeholder, value, testid } = {}) {
  const select = h('select', { name, 'data-testid': testid ?? `select-${name}` },
    placeholder !== undefined ? h('option', { value: '' }, placeholder) : null,
    options.map((option) => h('option', { value: option.value ?? option.code }, option.label ?? option.name)));
  if (value !== undefined && value !== null) select.value = value;
  return select;
}

export function textBox(name, { value, placeholder, testid, type = 'text', maxlength } = {}) {
  return h('input', { name, type, value, placeholder, maxlength, 'data-testid': testid ?? `input-${name}` });
}

export function textArea(name, { value, placeholder, testid, rows = 3 } = {}) {
  const area = h('textarea', { name, rows, placeholder, 'data-testid': testid ?? `input-${name}` });
  if (value) area.value = value;
  return area;
}

/** Clears the messages a form showed for its last submission. */
export function clearFieldErrors(form) {
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    slot.hidden = true;
    slot.textContent = '';
    slot.closest('.field')?.classList.remove('field-invalid');
  }
}

/**
 * Puts each message of a 400's `errors` next to its field ("reporter.phone" next to the phone box, "place.streetId"
 * next to "place.streetId" or else "place") and returns the messages no field claimed.
 */
export function showFieldErrors(form, errors) {
  const slots = [...form.querySelectorAll('[data-error-for]')];
  const unclaimed = [];
  for (const [key, value] of Object.entries(errors ?? {})) {
    const messages = (Array.isArray(value) ? value : [value]).filter(Boolean).map(String);
    const wanted = key.toLowerCase().replace(/^\$\./, '');
    const slot = slots.find((candidate) => candidate.dataset.errorFor.toLowerCase() === wanted)
      ?? slots.find((candidate) => candidate.dataset.errorFor.toLowerCase() === wanted.split(/[.[]/)[0]);
    if (!slot) {
      unclaimed.push(...messages);
      continue;
    }
    slot.textContent = [slot.textContent, ...messages].filter(Boolean).join(' ');
    slot.hidden = false;
    slot.closest('.field')?.classList.add('field-invalid');
  }
  return unclaimed;
}

/** Shows a failed submission in `form`: field errors beside the fields, everything else in `summary`. */
export function showFailure(form, summary, error) {
  clearFieldErrors(form);
  let message = explainFailure(error);
  if (error instanceof ApiError && error.status === 400 && error.problem.errors) {
    const unclaimed = showFieldErrors(form, error.problem.errors);
    if (unclaimed.length) message = `${message}${unclaimed.join(' ')}`;
    form.querySelector('.field-invalid input, .field-invalid select, .field-invalid textarea')?.focus();
  }
  summary.textContent = message;
  summary.hidden = false;
}

/**
 * A small modal dialog around a form. `onSubmit(form)` sends the command; the dialog closes when it succeeds.
 * A 409 closes it too and calls `onConflict`, since the form was filled in against a state that no longer holds.
 */
export function openDialog({ title, body, submitLabel = '确定', testid, onSubmit, onConflict, danger = false }) {
  const titleId = `dialog-title-${++fieldCount}`;
  const summary = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'dialog-error' });
  const submit = h('button', { type: 'submit', class: ['button', danger ? 'button-danger' : 'button-primary'], 'data-testid': 'dialog-submit' }, submitLabel);
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'data-testid': testid });
  const form = h('form', { class: 'dialog-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    summary.hidden = true;
    clearFieldErrors(form);
    submit.disabled = true;
    try {
      await onSubmit(form);
      dialog.close();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && onConflict) {
        dialog.close();
        onConflict(error);
      } else {
        showFailure(form, summary, error);
      }
    } finally {
      submit.disabled = false;
    }
  } },
    h('h3', { id: titleId }, title),
    h('div', { class: 'dialog-body' }, body),
    summary,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button', 'data-testid': 'dialog-cancel', onclick: () => dialog.close() }, '取消'),
      submit));
  dialog.append(form);
  dialog.addEventListener('close', () => dialog.remove());
  // A dialog belongs to the page that opened it.
  window.addEventListener('hashchange', () => dialog.open && dialog.close(), { once: true });
  document.body.append(dialog);
  dialog.showModal();
  form.querySelector('input:not([type=radio]), select, textarea')?.focus();
  return dialog;
}

// ---- photos and documents ---------------------------------------------------------------------------------------

/** What a need keeps at most, counting what came with it; the service refuses more. */
export const maxNeedMedia = 5;

/** What a phone's picker offers: photos (the service strips where they were taken) and PDF documents. */
export const mediaTypes = 'image/jpeg,image/png,image/webp,image/gif,application/pdf';

/** Sends chosen files one by one (the service takes one file per request); answers what failed, by file name and why. */
export async function uploadFiles(path, files) {
  const failed = [];
  for (const file of files) {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      await api.upload(path, form);
    } catch (error) {
      failed.push(`「${file.name}」${explainFailure(error)}`);
    }
  }
  return failed;
}

/**
 * Photos and documents shown small, each opening full size. `items` are { url, kept, caption }: a kept file's url is
 * relative to the Needs service (or absolute, as /api/projects/…), and is fetched with the user's token and shown from memory, so only those who may
 * read what it belongs to see it; a link its sender gave opens elsewhere.
 */
export function mediaGallery(items, { testid }) {
  return h('ul', { class: 'media-list', 'data-testid': testid }, items.map((item, index) => {
    const label = item.caption ? `${item.caption} ${index + 1}` : `附件 ${index + 1}`;
    return h('li', {}, item.kept
      ? keptFile(item.url, label)
      : h('a', { href: item.url, target: '_blank', rel: 'noopener noreferrer' }, `外部链接 ${index + 1}`));
  }));
}

function keptFile(url, label) {
  const link = h('a', { class: 'media-link', target: '_blank', rel: 'noopener', 'aria-label': label, title: label },
    h('span', { class: 'media-pending' }, '加载中…'));
  api.blob(url.startsWith('/') ? url : `/api/needs/${url}`)
    .then((blob) => {
      const address = URL.createObjectURL(blob);
      link.href = address;
      link.replaceChildren(blob.type.startsWith('image/')
        ? h('img', { src: address, alt: label, class: 'media-thumb' })
        : h('span', { class: 'media-file' }, `${label}（PDF）`));
    })
    .catch(() => link.replaceChildren(h('span', { class: 'media-pending' }, `${label}无法加载`)));
  return link;
}

/** A button that picks up to `room` files and sends them; `done` gets the notice to show (what was added, what failed). */
export function filePicker({ room, testid, upload, done, label = '添加照片或文件' }) {
  const status = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': `${testid}-status` },
    `还可添加 ${room} 个，每个不超过 10 MB；照片中的拍摄位置等信息会被去除。`);
  const input = h('input', {
    type: 'file', accept: mediaTypes, multiple: true, class: 'file-input', 'data-testid': `${testid}-input`,
    onchange: async () => {
      const files = [...input.files].slice(0, room);
      if (!files.length) return;
      input.disabled = true;
      status.textContent = `正在上传 ${files.length} 个文件…`;
      const failed = await upload(files);
      const added = files.length - failed.length;
      done(failed.length
        ? { text: `${added ? `已添加 ${added} 个；` : ''}${failed.join('；')}`, tone: 'error' }
        : { text: `已添加 ${added} 个附件。`, tone: 'ok' });
    },
  });
  return h('div', { class: 'media-picker' }, h('label', { class: 'button', 'data-testid': `${testid}-add` }, label, input), status);
}

// A page that sends the user to another says there what happened (a need raised, but a photo refused).
let nextNotice = null;

export function noticeForNextPage(notice) {
  nextNotice = notice;
}

export function takeNotice() {
  const notice = nextNotice;
  nextNotice = null;
  return notice;
}

/** A message above a page's content after an action: success, or why it failed. */
export function flash(slot, message, tone = 'ok') {
  slot.replaceChildren(h('p', { class: ['flash', `flash-${tone}`], role: tone === 'ok' ? 'status' : 'alert', 'data-testid': 'action-message' }, message));
}

// ---- time -----------------------------------------------------------------------------------------------------

const pad = (n) => String(n).padStart(2, '0');

export function formatDateTime(value) {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 1天 02:03:04 or 02:03:04. */
export function formatDuration(milliseconds) {
  const total = Math.floor(Math.abs(milliseconds) / 1000);
  const days = Math.floor(total / 86400);
  const clock = `${pad(Math.floor((total % 86400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days ? `${days}天 ${clock}` : clock;
}

const fourHours = 4 * 3600 * 1000;

/**
 * green while more than four hours are left, yellow within four hours or in the last quarter of the time allowed,
 * red once the deadline has passed.
 */
export function deadlineTone(remaining, limit) {
  if (remaining < 0) return 'red';
  if (remaining <= fourHours || (limit > 0 && remaining < limit / 4)) return 'yellow';
  return 'green';
}

/**
 * A countdown to `dueAt`. `startedAt` (when the clock started) lets the colour take the length of the limit into
 * account. The text changes every second through `keepTicking`, without asking the server again.
 */
export function countdown(dueAt, { kind, startedAt, testid = 'countdown' } = {}) {
  if (!dueAt) return h('span', { class: 'countdown countdown-none', 'data-testid': testid }, '无时限');
  const limit = startedAt ? Date.parse(dueAt) - Date.parse(startedAt) : NaN;
  const element = h('span', {
    class: 'countdown', 'data-testid': testid, 'data-due': dueAt, 'data-kind': kind ?? '',
    'data-limit': Number.isFinite(limit) && limit > 0 ? String(limit) : null, title: `期限：${formatDateTime(dueAt)}`,
  });
  updateCountdown(element, Date.now());
  return element;
}

function updateCountdown(element, now) {
  const remaining = Date.parse(element.dataset.due) - now;
  const tone = deadlineTone(remaining, Number(element.dataset.limit) || 0);
  if (element.dataset.tone !== tone) {
    element.classList.remove('countdown-green', 'countdown-yellow', 'countdown-red');
    element.classList.add(`countdown-${tone}`);
    element.dataset.tone = tone;
  }
  const what = deadlineKinds[element.dataset.kind] ?? '';
  element.textContent = remaining < 0 ? `${what}已超时 ${formatDuration(remaining)}` : `${what}剩余 ${formatDuration(remaining)}`;
}

/** Updates every countdown inside `root` each second until `root` leaves the page. */
export function keepTicking(root) {
  const timer = window.setInterval(() => {
    if (!root.isConnected) {
      window.clearInterval(timer);
      return;
    }
    const now = Date.now();
    for (const element of root.querySelectorAll('.countdown[data-due]')) updateCountdown(element, now);
  }, 1000);
}

// ---- timeline -------------------------------------------------------------------------------------------------

// What a field is called comes with the catalogue (the Needs service's one table, which the printed dossier uses
// too); a field without a name keeps its key, so that nothing is hidden from an auditor.
const fieldName = (key, names) => names?.catalogue?.fieldNames?.[key] ?? key;

const fileKeys = new Set(['media', 'evidence', 'intakeMedia']);

const departmentKeys = new Set(['leadDepartmentId', 'assistingDepartmentIds', 'departmentId', 'departmentIds', 'toDepartmentId', 'fromDepartmentId', 'suggestedDepartmentId']);

// Facts a timeline entry already shows elsewhere (its subject, its time, who did it) or that mean nothing to a reader.
const hiddenDetails = new Set(['needId', 'districtCode', 'reporterUserId', 'externalId', 'tenantId']);
const isHidden = (key) => hiddenDetails.has(key) || (/At$/.test(key) && key !== 'dueAt') || (/By$/.test(key) && !['handleBy', 'signBy'].includes(key));

// Details that are catalogue codes, shown by their names.
const catalogueLists = { category: 'categories', urgency: 'urgencies', channel: 'channels', handlingClass: 'handlingClasses', whistleType: 'whistleTypes' };

function detailValue(key, value, names = {}) {
  const { departmentNames, catalogue: loaded, placeNames } = names;
  const name = (id) => departmentNames?.get(id) ?? id;
  if (fileKeys.has(key) && Array.isArray(value)) return value.length ? `${value.length} 个附件（照片或文件）` : '—';
  if (value === true) return '是';
  if (value === false) return '否';
  if (Array.isArray(value)) return value.length ? value.map((item) => (departmentKeys.has(key) ? name(item) : typeof item === 'object' ? detailValue('', item, names) : item)).join('、') : '—';
  if (departmentKeys.has(key) && typeof value === 'string') return name(value);
  if (catalogueLists[key] && loaded) return nameIn(loaded[catalogueLists[key]], value);
  if (key === 'level' || key === 'toLevel' || key === 'fromLevel') return levelNames[value] ?? value;
  if (key === 'deadline') return deadlineKinds[value] ?? value;
  if (key === 'place' && value && typeof value === 'object') return describePlace(value, placeNames);
  if (key === 'reporter' && value && typeof value === 'object') return [value.name, value.phone].filter(Boolean).join(' ');
  if (key === 'fromProject' && value && typeof value === 'object') return `项目「${value.projectName}」的任务「${value.task}」`;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value);
  // A record nested in an event reads as its fields by name, never as JSON.
  if (value && typeof value === 'object') {
    return Object.entries(value).filter(([, inner]) => inner !== null && inner !== undefined && inner !== '')
      .map(([innerKey, inner]) => `${fieldName(innerKey, names)}：${detailValue(innerKey, inner, names)}`).join('；');
  }
  return String(value);
}

/**
 * The history of a need or case as a vertical timeline, oldest first. `names` may hold departmentNames, the
 * catalogue and placeNames, so that codes read as names.
 */
export function timeline(events, names = {}) {
  if (!events?.length) return h('p', { class: 'muted' }, '暂无记录。');
  return h('ol', { class: 'timeline', 'data-testid': 'timeline' }, events.map((event) => {
    const details = Object.entries(event.details ?? {})
      .filter(([key, value]) => !isHidden(key) && value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0));
    return h('li', { class: 'timeline-item', 'data-type': event.type, 'data-testid': 'timeline-item' },
      h('span', { class: 'timeline-dot', 'aria-hidden': 'true' }),
      h('div', { class: 'timeline-head' },
        h('strong', { class: 'timeline-title' }, event.title || event.type),
        h('time', { datetime: event.at }, formatDateTime(event.at))),
      event.actorName || event.actor
        ? h('p', { class: 'timeline-actor', 'data-testid': 'timeline-actor' }, '经办：', h('span', { title: event.actor ?? null }, event.actorName || event.actor))
        : null,
      details.length
        ? h('dl', { class: 'timeline-details' }, details.map(([key, value]) =>
          h('div', {}, h('dt', {}, fieldName(key, names)), h('dd', {}, detailValue(key, value, names)))))
        : null);
  }));
}

/**
 * A record (a replayed state, an event's data) as a table of Chinese field names and readable values: codes read as
 * names, departments and places by name, times in district time, nested records as nested tables. `statuses` names
 * the record's status codes. A field the console has no name for keeps its key, so that nothing is hidden from an auditor.
 */
export function recordTable(record, names = {}, { statuses, testid } = {}) {
  const rows = Object.entries(record ?? {}).filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (!rows.length) return h('p', { class: 'muted' }, '（无内容）');
  return h('table', { class: 'record-table', 'data-testid': testid },
    h('tbody', {}, rows.map(([key, value]) => h('tr', { 'data-key': key },
      h('th', { scope: 'row' }, fieldName(key, names)),
      h('td', {}, recordValue(key, value, names, statuses))))));
}

function recordValue(key, value, names, statuses) {
  if (key === 'status' && typeof value === 'string') return nameIn(statuses, value);
  if (key === 'transferSignBy' && value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    return entries.length ? entries.map(([department, dueAt]) => `${names.departmentNames?.get(department) ?? department}：${formatDateTime(dueAt)}`).join('；') : '—';
  }
  if (['place', 'reporter'].includes(key) || !value || typeof value !== 'object' || Array.isArray(value)) return detailValue(key, value, names);
  return recordTable(value, names, { statuses });
}

/** A definition list of label/value pairs for a detail card; empty values read as —. */
export function facts(pairs, testid) {
  return h('dl', { class: 'detail-list', 'data-testid': testid }, pairs.filter(Boolean).map(([label, value, key]) =>
    h('div', { 'data-key': key }, h('dt', {}, label), h('dd', {}, value === null || value === undefined || value === '' ? '—' : value))));
}
