// 审计: the complete recorded history of one case or need — what happened, who did it, when, why, under which
// request — its state replayed at any version, a check that the hash chain is unbroken, and the dossier exported
// as JSON or as a printable page. Read-only for everyone who can open it.

import { api } from '../api.js';
import { card, failure, loading, pageHeader, table } from '../components.js';
import { fill, h } from '../dom.js';
import { describe } from './module-descriptions.js';
import {
  caseStatuses, catalogue, departments, explainFailure, field, formatDateTime, nameIn, needStatuses, openPrintable, placeNames,
  recordTable, saveDownload, selectBox, statusBadge, textBox,
} from './needs-shared.js';

const kinds = {
  cases: { name: '吹哨案件', route: 'cases', statuses: caseStatuses },
  needs: { name: '需求', route: 'needs', statuses: needStatuses },
};

export function renderAudit({ user, entry, params }) {
  const chosen = params.kind && params.streamId ? { kind: params.kind, id: params.streamId } : null;
  return h('div', { class: 'page', 'data-testid': 'module-audit' },
    pageHeader(entry.label, describe('audit', user.role)?.summary),
    chooser(chosen),
    chosen ? dossier(chosen, user) : accessLog());
}

// ---- who saw personal data unmasked -------------------------------------------------------------------------------

const accessLogSources = [
  { path: '/api/needs/audit/personal-data-views', source: '需求与吹哨' },
  { path: '/api/identity/audit/personal-data-views', source: '组织架构' },
];

const fieldNames = {
  'reporter.name': '诉求人姓名',
  'reporter.phone': '诉求人电话',
  'contact.name': '联系人姓名',
  'contact.phone': '联系人电话',
};

const subjectKinds = {
  need: '需求', district: '区', street: '街道', community: '社区', grid: '网格', department: '职能部门', unit: '共建单位',
};

function isoDay(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The last seven days of unmasked views, from every service that holds personal data, newest first. */
function accessLog() {
  const holder = h('div', {}, loading('正在读取个人信息查看记录…'));
  const today = new Date();
  const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
  const query = new URLSearchParams({ from: isoDay(weekAgo), to: isoDay(today) });
  Promise.all(accessLogSources.map(({ path, source }) => api.get(`${path}?${query}`)
    .then((answer) => (answer.items ?? []).map((item) => ({ ...item, source })))))
    .then((lists) => {
      const views = lists.flat().sort((a, b) => String(b.viewedAt).localeCompare(String(a.viewedAt)));
      fill(holder, table([
        { label: '查看时间', value: (view) => formatDateTime(view.viewedAt), class: 'nowrap' },
        { label: '查看人', value: (view) => h('span', { title: view.viewerId }, view.viewerName || view.viewerId) },
        { label: '角色', value: (view) => view.viewerRoleName || view.viewerRole },
        { label: '对象', value: (view) => h('span', {}, h('span', { class: 'muted' }, `${subjectKinds[view.subjectKind] ?? view.subjectKind} `),
          view.subjectKind === 'need' ? h('a', { href: `#/audit/needs/${encodeURIComponent(view.subjectId)}` }, view.subjectName || view.subjectId) : (view.subjectName || view.subjectId)) },
        { label: '查看内容', value: (view) => (view.fields ?? []).map((name) => fieldNames[name] ?? name).join('、') },
        { label: '来源', value: (view) => view.source },
      ], views, { testid: 'personal-data-views', empty: '近 7 天没有人查看未脱敏的个人信息' }));
    })
    .catch((error) => fill(holder, failure(error)));
  return card('个人信息查看记录（近 7 天）', holder, {
    testid: 'audit-access-log',
    extra: h('span', { class: 'muted' }, '每次查看未脱敏的姓名、电话都会记录，不可删改'),
  });
}

// ---- choosing what to audit -----------------------------------------------------------------------------------

function chooser(chosen) {
  const kind = selectBox('kind', Object.entries(kinds).map(([value, { name }]) => ({ value, label: name })), { value: chosen?.kind ?? 'cases', testid: 'audit-kind' });
  const id = textBox('id', { value: chosen?.id, placeholder: '输入编号', testid: 'audit-id' });
  const form = h('form', { class: 'audit-chooser', 'data-testid': 'audit-chooser', onsubmit: (event) => {
    event.preventDefault();
    if (!id.value.trim()) {
      id.focus();
      return;
    }
    window.location.hash = `#/audit/${kind.value}/${encodeURIComponent(id.value.trim())}`;
  } },
    field('对象', kind),
    field('编号', id),
    h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'audit-open' }, '查阅'));
  const recent = h('div', { class: 'audit-recent' }, loading('正在加载最近的案件…'));
  Promise.all([
    api.get('/api/needs/cases?page=1&pageSize=10'),
    api.get('/api/needs/needs?page=1&pageSize=10'),
  ]).then(([cases, needs]) => fill(recent,
    recentList('最近的吹哨案件', 'cases', cases.items ?? [], caseStatuses, (item) => item.blownAt, 'audit-recent-cases'),
    recentList('最近的需求', 'needs', needs.items ?? [], needStatuses, (item) => item.raisedAt, 'audit-recent-needs')))
    .catch((error) => fill(recent, failure(error)));
  return card('选择审计对象', h('div', {}, form, recent), { testid: 'audit-choose' });
}

function recentList(title, kind, items, statuses, timeOf, testid) {
  return h('section', { class: 'audit-recent-list', 'data-testid': testid },
    h('h4', {}, title),
    items.length
      ? h('ul', {}, items.map((item) => h('li', {},
        h('a', { href: `#/audit/${kind}/${encodeURIComponent(item.id)}`, 'data-testid': `audit-pick-${item.id}` }, item.title || item.id),
        ' ', statusBadge(item.status, item.statusName ?? nameIn(statuses, item.status)),
        h('span', { class: 'muted' }, ` ${formatDateTime(timeOf(item))}`))))
      : h('p', { class: 'muted' }, '暂无记录。'));
}

// ---- one stream's dossier ---------------------------------------------------------------------------------------

function dossier({ kind, id }, user) {
  const base = `/api/needs/audit/${kinds[kind]?.route ?? 'cases'}/${encodeURIComponent(id)}`;
  const holder = h('div', { class: 'audit-dossier', 'data-testid': 'audit-dossier' }, loading('正在读取事件记录…'));
  // Names are a courtesy: without them a field shows its code, and the dossier still opens.
  const names = Promise.all([
    departments(user).catch(() => new Map()), catalogue().catch(() => null), placeNames(),
  ]).then(([departmentNames, loaded, places]) => ({ departmentNames, catalogue: loaded, placeNames: places }));
  Promise.all([api.get(`${base}/history`), names])
    .then(([history, readable]) => fill(holder, ...dossierView(history, base, kind, id, readable)))
    .catch((error) => fill(holder, failure(error)));
  return holder;
}

function dossierView(history, base, kind, id, names) {
  const statuses = kinds[kind]?.statuses;
  const events = history.events ?? [];
  const latest = history.version ?? events.at(-1)?.version ?? 0;
  const verifyResult = h('div', { class: 'verify-result', 'aria-live': 'polite', 'data-testid': 'verify-result' });
  const exportMessage = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'export-error' });
  const rows = new Map();
  const historyTable = table([
    { label: '版本', value: (event) => String(event.version), class: 'num' },
    { label: '事件', value: (event) => h('div', {},
      h('strong', { title: event.type }, event.title || event.type),
      h('details', { class: 'event-data' }, h('summary', {}, '记录内容'), recordTable(event.data, names, { statuses, testid: 'event-data' }))) },
    { label: '业务时间', value: (event) => formatDateTime(event.at), class: 'nowrap' },
    { label: '记录时间', value: (event) => formatDateTime(event.recordedAt), class: 'nowrap' },
    { label: '操作人', value: (event) => (event.actorName || event.actor
      ? h('span', { title: event.actor ?? null, 'data-testid': 'audit-actor' }, event.actorName || event.actor)
      : '—') },
    { label: '原因', value: (event) => why(event.data) },
    { label: '关联号', value: (event) => h('code', {
      class: 'hash', title: [event.correlationId, event.causationId && `起因：${event.causationId}`].filter(Boolean).join('\n') || null,
    }, shortHash(event.correlationId)) },
    { label: '哈希', value: (event) => h('code', { class: 'hash', title: event.hash }, shortHash(event.hash)) },
  ], events, { testid: 'audit-history', empty: '没有事件记录' });
  // Only the table's own rows: each event's data is a table of its own inside its row.
  historyTable.querySelectorAll('table.data-table > tbody > tr').forEach((row, index) => {
    if (events[index]) {
      row.dataset.version = String(events[index].version);
      rows.set(events[index].version, row);
    }
  });

  return [
    card(`${kinds[kind]?.name ?? ''} ${id}`, h('div', { class: 'audit-summary' },
      h('p', {}, '事件流：', h('code', { 'data-testid': 'audit-stream' }, history.streamId ?? id), ` · 当前版本 ${latest} · 共 ${events.length} 条事件`),
      h('div', { class: 'action-bar' },
        h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'audit-verify', onclick: (event) => verify(base, verifyResult, event.currentTarget) }, '校验哈希链'),
        h('button', { type: 'button', class: 'button', 'data-testid': 'audit-export-json', onclick: () => saveDownload(`${base}/export.json`, `${kind}-${id}-dossier.json`, exportMessage) }, '导出 JSON'),
        h('button', { type: 'button', class: 'button', 'data-testid': 'audit-export-html', onclick: () => openPrintable(`${base}/export.html`, exportMessage) }, '打印版（新标签页）')),
      verifyResult,
      exportMessage), { testid: 'audit-summary' }),
    events.length ? replay(base, events, latest, rows, names, statuses) : null,
    card('事件记录', historyTable, { testid: 'audit-events' }),
  ];
}

function why(data) {
  const reason = data?.reason ?? data?.note ?? data?.comment ?? data?.resolution ?? data?.result ?? data?.plan;
  return typeof reason === 'string' && reason ? reason : '—';
}

function shortHash(hash) {
  return hash ? `${hash.slice(0, 10)}…` : '—';
}

/** A slider over the versions; moving it asks the server for the state the stream had at that version. */
function replay(base, events, latest, rows, names, statuses) {
  const first = events[0].version;
  const slider = h('input', {
    type: 'range', id: 'replay-slider', min: first, max: latest, step: 1, value: latest, 'data-testid': 'replay-slider',
    'aria-valuetext': `第 ${latest} 版`,
  });
  const label = h('output', { for: 'replay-slider', 'data-testid': 'replay-version' });
  const eventName = h('span', { class: 'muted', 'data-testid': 'replay-event' });
  // It scrolls, so it takes the focus: a keyboard reaches what is below its fold.
  const state = h('div', { class: 'replay-state', tabindex: '0', role: 'region', 'aria-label': '此版本的状态', 'data-testid': 'replay-state' });
  let asked = 0;
  let timer = null;

  const show = async () => {
    const version = Number(slider.value);
    const event = events.find((candidate) => candidate.version === version);
    label.textContent = `第 ${version} 版`;
    slider.setAttribute('aria-valuetext', `第 ${version} 版`);
    eventName.textContent = event ? `${event.title || event.type} · ${formatDateTime(event.at)}` : '';
    for (const [rowVersion, row] of rows) {
      row.classList.toggle('event-future', rowVersion > version);
      row.classList.toggle('event-current', rowVersion === version);
    }
    const ask = ++asked;
    state.dataset.loading = 'true';
    try {
      const answer = await api.get(`${base}/state?version=${version}`);
      if (ask !== asked) return; // the slider has moved on; an older answer must not overwrite a newer one
      fill(state, recordTable(answer.state ?? answer, names, { statuses, testid: 'replay-fields' }));
      state.dataset.version = String(answer.version ?? version);
    } catch (error) {
      if (ask === asked) fill(state, h('p', { class: 'form-error' }, explainFailure(error)));
    } finally {
      if (ask === asked) delete state.dataset.loading;
    }
  };
  slider.addEventListener('input', () => {
    window.clearTimeout(timer);
    label.textContent = `第 ${slider.value} 版`;
    timer = window.setTimeout(show, 150);
  });
  show();

  return card('状态回放', h('div', { class: 'replay' },
    h('div', { class: 'replay-controls' },
      h('label', { for: 'replay-slider' }, '回放到'), slider, label, eventName),
    h('p', { class: 'muted' }, '拖动滑块，查看该事项在所选版本时的状态；之后的事件在下方记录中以浅色显示。'),
    state), { testid: 'audit-replay' });
}

async function verify(base, slot, button) {
  button.disabled = true;
  fill(slot, loading('正在逐条核验哈希…'));
  try {
    const answer = await api.get(`${base}/verify`);
    fill(slot, answer.intact
      ? h('p', { class: 'flash flash-ok', 'data-testid': 'verify-intact' }, `哈希链完整：已核验 ${answer.eventsChecked ?? '全部'} 条事件，未发现篡改。`)
      : h('p', { class: 'flash flash-error', 'data-testid': 'verify-broken' },
        `哈希链断裂：第 ${answer.firstBrokenVersion ?? '?'} 版起的记录与原始记录不一致（已核验 ${answer.eventsChecked ?? '—'} 条）。`));
  } catch (error) {
    fill(slot, h('p', { class: 'flash flash-error' }, explainFailure(error)));
  } finally {
    button.disabled = false;
  }
}

