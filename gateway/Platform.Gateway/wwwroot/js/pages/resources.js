// 资源清单: the co-building units, their agreements with each commitment's pace, the offers communities book, the
// bookings, and the contributions a community confirms into the ledger. A unit's own member sees the same tabs
// narrowed by the server to their unit: what we committed, what we gave, what of ours is booked.

import { api, NetworkError, newIdempotencyKey } from '../api.js';
import { card, failure, loading, pageHeader, pager, table } from '../components.js';
import { fill, formatNumber, h } from '../dom.js';
import { monthName } from '../months.js';
import { scopeFilters } from '../scope.js';
import { describe } from './module-descriptions.js';
import { command, explainFailure, field, flash, openDialog, statusBadge, textBox } from './needs-shared.js';

const tabs = [
  { key: 'agreements', label: '共建协议', unitLabel: '我们的承诺' },
  { key: 'contributions', label: '贡献台账', unitLabel: '我们的贡献' },
  { key: 'offers', label: '资源', unitLabel: '我们的资源' },
  { key: 'bookings', label: '预约', unitLabel: '被预约' },
  { key: 'units', label: '共建单位', unitLabel: '本单位' },
];

/** Who records what a unit gave: the unit itself, or the community (or the district) for it. */
const reporters = new Set(['district_admin', 'community_staff', 'unit_member']);

/** Who confirms or declines what a unit reported: the receiving side, never the unit. */
const confirmers = new Set(['district_admin', 'street_staff', 'community_staff']);

const pageSize = 20;

export function renderResources({ user, entry, query = {} }) {
  const tab = tabs.find((candidate) => candidate.key === query.tab) ?? tabs[0];
  const unitView = user.role === 'unit_member';
  const body = h('div', {}, loading());
  const page = h('div', { class: 'page', 'data-testid': 'module-resources' },
    pageHeader(entry.label, unitView ? '本单位在共建协议中的承诺、已经给出的贡献，以及本单位资源被预约的情况。' : describe('resources', user.role)?.summary),
    h('nav', { class: 'tab-bar', 'aria-label': '资源清单', 'data-testid': 'resource-tabs' },
      tabs.map((candidate) => h('a', {
        href: `#/resources?tab=${candidate.key}`, class: ['tab', candidate === tab && 'tab-current'], 'aria-current': candidate === tab ? 'page' : null,
        'data-testid': `resource-tab-${candidate.key}`,
      }, unitView ? candidate.unitLabel : candidate.label))),
    body);
  const render = { agreements, contributions, offers, bookings, units }[tab.key];
  // A link may narrow the tab as the figure it came from counts (the district view's "本月预约", "30 天内到期").
  render(body, user, { page: 1, link: query });
  return page;
}

/**
 * A POST that creates something, under an Idempotency-Key: kept while the answer may have been lost (a phone's network),
 * so a second tap gets the first answer instead of a second record; renewed after a refusal, so a corrected form is new.
 */
export function creator(path) {
  let key = newIdempotencyKey();
  return async (body) => {
    try {
      return await api.post(path, body, { 'Idempotency-Key': key });
    } catch (error) {
      if (!(error instanceof NetworkError)) key = newIdempotencyKey();
      throw error;
    }
  };
}

/** Today on the user's calendar, as an ISO date ("2026-12-07"). */
export function localToday() {
  const today = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

function filtersFor(user) {
  return user.role === 'unit_member' ? {} : scopeFilters();
}

/** One page of a list into `slot`, drawn by `draw`, with its pager; `state` holds the page and the query. */
export async function listInto(slot, path, state, draw, reload) {
  fill(slot, loading());
  const query = new URLSearchParams(Object.entries({ ...state.query, page: state.page, pageSize }).filter(([, value]) => value !== '' && value !== undefined && value !== null));
  try {
    const answer = await api.get(`${path}?${query}`);
    fill(slot, draw(answer.items ?? []), pager(answer, state, reload, { pageSize, totalTestid: 'list-total' }));
  } catch (error) {
    fill(slot, failure(error));
  }
}

// ---- agreements and their pace ------------------------------------------------------------------------------------

function agreements(slot, user, state) {
  const onlyBehind = h('input', { type: 'checkbox', 'data-testid': 'filter-expiring' });
  const list = h('div', {});
  const reload = () => listInto(list, '/api/resources/agreements', state, (items) => agreementList(items), reload);
  state.query = { ...filtersFor(user), status: 'active', expiringSoon: state.link?.expiringSoon === 'true' ? 'true' : '' };
  onlyBehind.checked = state.query.expiringSoon === 'true';
  onlyBehind.addEventListener('change', () => {
    state.query = { ...state.query, expiringSoon: onlyBehind.checked ? 'true' : '' };
    state.page = 1;
    reload();
  });
  fill(slot, card(null, [h('label', { class: 'inline-check' }, onlyBehind, '只看 30 天内到期的'), list], { testid: 'agreement-list' }));
  reload();
}

function agreementList(items) {
  if (!items.length) return h('p', { class: 'muted table-empty' }, '暂无履行中的共建协议');
  return h('ul', { class: 'agreement-list' }, items.map((agreement) => h('li', { class: 'agreement', 'data-testid': `agreement-${agreement.id}` },
    h('div', { class: 'agreement-head' },
      h('strong', {}, agreement.title),
      statusBadge(agreement.status, agreement.statusName),
      agreement.behindPace ? h('span', { class: 'overdue-tag', 'data-testid': 'behind-pace' }, '进度滞后') : null,
      agreement.expiringSoon ? h('span', { class: 'overdue-tag' }, '即将到期') : null),
    h('p', { class: 'muted' }, `${agreement.unitName} · ${agreement.partyName} · ${agreement.startsOn} 至 ${agreement.endsOn}`),
    h('ul', { class: 'commitments' }, agreement.commitments.map((commitment) => h('li', {},
      h('span', { class: 'commitment-name' }, commitment.reads),
      paceBar(commitment.pace),
      h('span', { class: ['pace-text', commitment.pace.behind && 'pace-behind'], 'data-testid': 'pace-reads' }, commitment.paceReads)))))));
}

/** Delivered against due in the term, with a mark where the pace says it should be by now. Drawn as SVG: the
 * console's security policy forbids inline styles, and an SVG's geometry is attributes. */
function paceBar(pace) {
  const due = Number(pace.dueInTerm) || 1;
  const done = Math.min(100, (Number(pace.delivered) / due) * 100);
  const mark = Math.min(100, (Number(pace.dueByNow) / due) * 100);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const shape = (tag, attributes) => {
    const element = document.createElementNS(ns, tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
    svg.append(element);
  };
  svg.setAttribute('viewBox', '0 0 100 10');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', pace.behind ? 'pace-bar pace-bar-behind' : 'pace-bar');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `已完成 ${Math.round(done)}%，按进度应完成 ${Math.round(mark)}%`);
  shape('rect', { class: 'pace-track', x: 0, y: 2, width: 100, height: 6, rx: 3 });
  shape('rect', { class: 'pace-done', x: 0, y: 2, width: done.toFixed(1), height: 6, rx: 3 });
  shape('rect', { class: 'pace-mark', x: Math.max(0, mark - 0.6).toFixed(1), y: 0, width: 1.2, height: 10 });
  return svg;
}

// ---- contributions and the ledger ---------------------------------------------------------------------------------

function contributions(slot, user, state) {
  const ledger = h('div', {}, loading('正在汇总台账…'));
  const pending = h('div', {});
  const all = h('div', {});
  const message = h('div', {});
  const pendingState = { page: 1, query: { ...filtersFor(user), status: 'reported' } };
  state.query = filtersFor(user);
  const reloadAll = () => {
    listInto(pending, '/api/resources/contributions', pendingState, (items) => contributionTable(items, user, reloadAll, message, true), reloadAll);
    listInto(all, '/api/resources/contributions', state, (items) => contributionTable(items, user, reloadAll, message, false), reloadAll);
    loadLedger(ledger, user);
  };
  fill(slot,
    reporters.has(user.role)
      ? h('div', { class: 'action-bar' }, h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'contribution-report',
        onclick: () => reportDialog(user, reloadAll, message) }, '登记贡献'))
      : null,
    message,
    card('台账合计', ledger, { testid: 'ledger' }),
    card(user.role === 'unit_member' ? '待社区确认' : '待确认的贡献', pending, { testid: 'pending-contributions' }),
    card('全部贡献', all, { testid: 'contribution-list' }));
  reloadAll();
}

async function loadLedger(slot, user) {
  const groupBy = user.role === 'unit_member' ? 'unit' : user.role === 'district_admin' || user.role === 'auditor' ? 'street' : 'community';
  try {
    const answer = await api.get(`/api/resources/contributions/ledger?groupBy=${groupBy}`);
    fill(slot,
      table([
        { label: groupBy === 'street' ? '街道' : groupBy === 'unit' ? '单位' : '社区', value: (total) => total.groupName },
        { label: '种类', value: (total) => total.kindName },
        { label: '单位付出', value: (total) => formatNumber(total.given), class: 'number' },
        { label: '社区收到', value: (total) => formatNumber(total.received), class: 'number' },
        { label: '笔数', value: (total) => formatNumber(total.contributions), class: 'number' },
      ], answer.totals ?? [], { testid: 'ledger-table', empty: '台账暂无入账的贡献' }),
      h('p', { class: 'muted', 'data-testid': 'ledger-balanced' }, answer.balanced ? '复式记账：每笔分录单位付出与社区收到相抵，合计平衡。' : '台账合计不平衡，请联系管理员核查。'));
  } catch (error) {
    fill(slot, failure(error));
  }
}

function contributionTable(items, user, reload, message, pendingOnly) {
  const mayDecide = confirmers.has(user.role);
  return table([
    { label: '贡献', value: (item) => item.reads },
    { label: '共建单位', value: (item) => item.unitName },
    { label: '社区', value: (item) => item.communityName },
    { label: '计入承诺', value: (item) => item.commitment ?? '—' },
    { label: '日期', value: (item) => item.occurredOn, class: 'nowrap' },
    { label: '状态', value: (item) => statusBadge(item.status, item.statusName) },
    { label: '操作', value: (item) => (mayDecide && item.status === 'reported'
      ? h('span', { class: 'row-actions' },
        h('button', { type: 'button', class: 'button button-primary button-small', 'data-testid': `confirm-${item.id}`, onclick: async () => {
          try {
            await command(`/api/resources/contributions/${encodeURIComponent(item.id)}/confirm`, {}, item.version);
            flash(message, `已确认「${item.reads}」，记入台账。`);
            reload();
          } catch (error) {
            flash(message, explainFailure(error), 'error');
          }
        } }, '确认入账'),
        h('button', { type: 'button', class: 'button button-small', 'data-testid': `decline-${item.id}`, onclick: () => declineDialog(item, reload, message) }, '退回'))
      : mayDecide && item.status === 'confirmed' && !pendingOnly
        ? h('button', { type: 'button', class: 'button button-small', onclick: () => correctDialog(item, reload, message) }, '更正')
        : '—') },
  ], items, { testid: pendingOnly ? 'pending-table' : 'contribution-table', empty: pendingOnly ? '没有待确认的贡献' : '暂无贡献记录' });
}

/**
 * 登记贡献: the unit (a unit's member reports for their own), the community it gave to, and, when it delivers on an
 * agreement, the commitment, whose measure it is then counted in.
 */
async function reportDialog(user, reload, message) {
  let units;
  try {
    units = user.role === 'unit_member'
      ? [(await api.get(`/api/resources/units/${encodeURIComponent(user.scope?.id ?? '')}`)).summary]
      : (await api.get(`/api/resources/units?status=active&pageSize=200${user.role === 'community_staff' ? `&communityId=${encodeURIComponent(user.scope?.id ?? '')}` : ''}`)).items ?? [];
  } catch (error) {
    flash(message, explainFailure(error), 'error');
    return;
  }
  const unit = h('select', { name: 'coBuildingUnitId', 'data-testid': 'report-unit' }, units.map((item) => h('option', { value: item.id }, item.name)));
  const community = h('select', { name: 'communityId', 'data-testid': 'report-community' });
  const commitment = h('select', { name: 'commitment', 'data-testid': 'report-commitment' });
  const what = textBox('what', { testid: 'report-what', placeholder: '例如：腊八粥' });
  const measure = h('select', { name: 'measure', 'data-testid': 'report-measure' },
    Object.entries(measureNames).map(([code, name]) => h('option', { value: code }, name)));
  const amount = textBox('amount', { type: 'number', testid: 'report-amount' });
  const occurredOn = textBox('occurredOn', { type: 'date', testid: 'report-date', value: localToday() });
  let agreements = [];
  const chooseUnit = async () => {
    const chosen = units.find((item) => item.id === unit.value);
    fill(community, (chosen?.communities ?? [])
      .filter((place) => user.role !== 'community_staff' || place.id === user.scope?.id)
      .map((place) => h('option', { value: place.id }, place.name)));
    agreements = chosen ? (await api.get(`/api/resources/agreements?status=active&coBuildingUnitId=${encodeURIComponent(chosen.id)}&pageSize=50`)).items ?? [] : [];
    chooseCommunity();
  };
  const chooseCommunity = () => {
    const signed = agreements.filter((agreement) => agreement.partyId === community.value);
    fill(commitment, h('option', { value: '' }, '不计入协议承诺'),
      signed.flatMap((agreement) => agreement.commitments.map((promise) =>
        h('option', { value: `${agreement.id}|${promise.what}`, 'data-measure': promise.measure }, `${agreement.title}：${promise.reads}`))));
  };
  commitment.addEventListener('change', () => {
    const chosen = commitment.selectedOptions[0];
    if (chosen?.dataset.measure) {
      measure.value = chosen.dataset.measure;
      if (!what.value) what.value = commitment.value.split('|')[1];
    }
    measure.disabled = Boolean(chosen?.dataset.measure);
  });
  unit.addEventListener('change', chooseUnit);
  community.addEventListener('change', chooseCommunity);
  await chooseUnit().catch(() => {});
  const report = creator('/api/resources/contributions');
  openDialog({
    title: '登记共建贡献', testid: 'report-dialog', submitLabel: '登记',
    body: [
      field('共建单位', unit, { name: 'coBuildingUnitId' }),
      field('受益社区', community, { name: 'communityId' }),
      field('计入承诺', commitment, { name: 'commitment', hint: '计入协议承诺的贡献，经社区确认后计入履约进度。' }),
      field('贡献内容', what, { name: 'what' }),
      field('计量', measure, { name: 'measure' }),
      field('数量', amount, { name: 'amount' }),
      field('日期', occurredOn, { name: 'occurredOn' }),
    ],
    onSubmit: async () => {
      const [agreementId, promise] = commitment.value ? commitment.value.split('|') : [null, null];
      await report({
        coBuildingUnitId: unit.value, communityId: community.value, agreementId, commitment: promise, what: what.value,
        measure: measure.value, amount: amount.value === '' ? null : Number(amount.value), occurredOn: occurredOn.value || null,
      });
      flash(message, '已登记，待社区确认后入账。');
      reload();
    },
  });
}

/** The measures a contribution is counted in, as the agreements count them. */
const measureNames = {
  activities: '次活动', 'half-days': '个半天场地', yuan: '元', hours: '小时服务', items: '件物资', servings: '份', people: '人次',
};

function declineDialog(item, reload, message) {
  const reason = textBox('reason', { placeholder: '例如：社区未收到该批物资', testid: 'decline-reason' });
  openDialog({
    title: `退回「${item.reads}」`, testid: 'decline-dialog', submitLabel: '退回', danger: true,
    body: field('退回原因', reason, { name: 'reason' }),
    onSubmit: async () => {
      await command(`/api/resources/contributions/${encodeURIComponent(item.id)}/decline`, { reason: reason.value }, item.version);
      flash(message, '已退回，不入账。');
      reload();
    },
  });
}

function correctDialog(item, reload, message) {
  const amount = textBox('amount', { type: 'number', value: item.amount, testid: 'correct-amount' });
  const reason = textBox('reason', { placeholder: '例如：核对签收单后更正', testid: 'correct-reason' });
  openDialog({
    title: `更正「${item.reads}」`, testid: 'correct-dialog', submitLabel: '更正',
    body: [field('更正后的数量', amount, { name: 'amount', hint: '原分录以冲销分录撤回，再记入新数量；原记录不改不删。' }), field('更正原因', reason, { name: 'reason' })],
    onSubmit: async () => {
      await command(`/api/resources/contributions/${encodeURIComponent(item.id)}/correct`, { amount: Number(amount.value), reason: reason.value }, item.version);
      flash(message, '已更正，台账已冲销并重记。');
      reload();
    },
  });
}

// ---- offers, bookings, units --------------------------------------------------------------------------------------

function offers(slot, user, state) {
  const list = h('div', {});
  const message = h('div', {});
  state.query = { ...filtersFor(user), status: 'published' };
  const reload = () => listInto(list, '/api/resources/offers', state, (items) => table([
    { label: '资源', value: (offer) => h('a', { href: `#/resources/offers/${encodeURIComponent(offer.id)}`, 'data-testid': `offer-link-${offer.id}` }, offer.title) },
    { label: '共建单位', value: (offer) => offer.unitName },
    { label: '类别', value: (offer) => `${offer.kindName} · ${offer.categoryName}` },
    { label: '容量', value: (offer) => offer.capacityReads },
    { label: '面向社区', value: (offer) => offer.communities.map((place) => place.name).join('、') },
    { label: '即将到来的预约', value: (offer) => formatNumber(offer.upcomingBookings), class: 'number' },
  ], items, { testid: 'offer-table', empty: '暂无可预约的资源' }), reload);
  fill(slot,
    reporters.has(user.role)
      ? h('div', { class: 'action-bar' }, h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'offer-publish',
        onclick: () => publishDialog(user, message) }, '发布资源'))
      : null,
    message,
    card(null, list, { testid: 'offer-list' }));
  reload();
}

/** The units the user may act for: a unit's member their own, a community the units serving it, the district all. */
async function unitsFor(user) {
  if (user.role === 'unit_member') return [(await api.get(`/api/resources/units/${encodeURIComponent(user.scope?.id ?? '')}`)).summary];
  const community = user.role === 'community_staff' ? `&communityId=${encodeURIComponent(user.scope?.id ?? '')}` : '';
  return (await api.get(`/api/resources/units?status=active&pageSize=200${community}`)).items ?? [];
}

const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * 发布资源: what the unit gives (a category of the 百项服务 catalogue), how much (at a time, or in total), when (the
 * days of the week and the hours, between two dates) and for which of the communities it serves.
 */
async function publishDialog(user, message) {
  let units;
  let catalogue;
  try {
    [units, catalogue] = await Promise.all([unitsFor(user), api.get('/api/resources/catalogue')]);
  } catch (error) {
    flash(message, explainFailure(error), 'error');
    return;
  }
  const options = (list) => list.map((item) => h('option', { value: item.code }, item.name));
  const unit = h('select', { name: 'coBuildingUnitId', 'data-testid': 'offer-unit' }, units.map((item) => h('option', { value: item.id }, item.name)));
  const title = textBox('title', { testid: 'offer-title', placeholder: '例如：党群活动室' });
  const description = textBox('description', { testid: 'offer-description', placeholder: '可容纳人数、设备、注意事项' });
  const kind = h('select', { name: 'kind', 'data-testid': 'offer-kind' }, options(catalogue.offerKinds));
  const category = h('select', { name: 'category', 'data-testid': 'offer-category' }, options(catalogue.categories));
  const item = h('select', { name: 'item', 'data-testid': 'offer-item' });
  const amount = textBox('capacity.amount', { type: 'number', value: 1, testid: 'offer-amount' });
  const measure = h('select', { name: 'capacity.measure', 'data-testid': 'offer-measure' }, options(catalogue.offerMeasures));
  const scope = h('select', { name: 'capacity.scope', 'data-testid': 'offer-scope' },
    h('option', { value: 'at-a-time' }, '同一时段（按时段预约）'), h('option', { value: 'in-total' }, '总量（按数量预约）'));
  const from = textBox('availability.from', { type: 'date', value: localToday(), testid: 'offer-from' });
  const until = textBox('availability.until', { type: 'date', testid: 'offer-until' });
  const days = h('fieldset', { class: 'field field-choice choice-boxes', 'data-field': 'availability.windows' }, h('legend', {}, '每周开放'),
    weekdays.map((name, day) => h('label', {}, h('input', { type: 'checkbox', value: day, 'data-testid': `offer-day-${day}` }), name)),
    h('p', { class: 'field-error', 'data-error-for': 'availability.windows', hidden: true }));
  const opens = textBox('opens', { type: 'time', value: '09:00', testid: 'offer-opens' });
  const closes = textBox('closes', { type: 'time', value: '12:00', testid: 'offer-closes' });
  const reach = h('fieldset', { class: 'field field-choice choice-boxes', 'data-field': 'communityIds' }, h('legend', {}, '面向社区'));
  const chooseCategory = () => fill(item, h('option', { value: '' }, '（不限具体项目）'),
    (catalogue.categories.find((candidate) => candidate.code === category.value)?.items ?? []).map((name) => h('option', { value: name }, name)));
  const chooseUnit = () => fill(reach, h('legend', {}, '面向社区'),
    (units.find((candidate) => candidate.id === unit.value)?.communities ?? [])
      .filter((place) => user.role !== 'community_staff' || place.id === user.scope?.id)
      .map((place) => h('label', {}, h('input', { type: 'checkbox', value: place.id, checked: true }), place.name)),
    h('p', { class: 'field-error', 'data-error-for': 'communityIds', hidden: true }));
  category.addEventListener('change', chooseCategory);
  unit.addEventListener('change', chooseUnit);
  chooseCategory();
  chooseUnit();
  const publish = creator('/api/resources/offers');
  const dialog = openDialog({
    title: '发布资源', testid: 'publish-dialog', submitLabel: '发布',
    body: [
      field('共建单位', unit, { name: 'coBuildingUnitId' }), field('资源名称', title, { name: 'title' }), field('说明', description, { name: 'description' }),
      field('资源类型', kind, { name: 'kind' }), field('服务类别', category, { name: 'category' }), field('服务项目', item, { name: 'item' }),
      field('容量', amount, { name: 'capacity.amount' }), field('单位', measure, { name: 'capacity.measure' }), field('计法', scope, { name: 'capacity.scope' }),
      field('开始日期', from, { name: 'availability.from' }), field('结束日期', until, { name: 'availability.until' }),
      days, field('开放时间', opens, { name: 'opens' }), field('结束时间', closes, { name: 'closes' }), reach,
    ],
    onSubmit: async () => {
      const chosenDays = [...days.querySelectorAll('input:checked')].map((box) => Number(box.value));
      const created = await publish({
        coBuildingUnitId: unit.value, title: title.value, description: description.value, kind: kind.value, category: category.value,
        item: item.value || null, capacity: { amount: amount.value === '' ? null : Number(amount.value), measure: measure.value, scope: scope.value },
        availability: {
          from: from.value || null, until: until.value || null,
          windows: chosenDays.map((day) => ({ day, from: opens.value, to: closes.value })),
        },
        communityIds: [...reach.querySelectorAll('input:checked')].map((box) => box.value),
      });
      window.location.hash = `#/resources/offers/${encodeURIComponent(created.id)}`;
    },
  });
  return dialog;
}

function bookings(slot, user, state) {
  const list = h('div', {});
  const message = h('div', {});
  const month = /^\d{4}-\d{2}$/.test(state.link?.bookedIn ?? '') ? state.link.bookedIn : null;
  state.query = { ...filtersFor(user), status: 'held', ...(month ? monthRange(month) : { from: localToday() }) };
  const reload = () => listInto(list, '/api/resources/bookings', state, (items) => table([
    { label: '日期与时段', value: (booking) => booking.reads, class: 'nowrap' },
    { label: '资源', value: (booking) => h('a', { href: `#/resources/offers/${encodeURIComponent(booking.offerId)}` }, booking.offerTitle) },
    { label: '共建单位', value: (booking) => booking.unitName },
    { label: '预约社区', value: (booking) => booking.communityName },
    { label: '用途', value: (booking) => booking.purpose },
    { label: '操作', value: (booking) => (user.role === 'auditor' ? '—' : h('button', { type: 'button', class: 'button button-small', 'data-testid': `release-${booking.id}`,
      onclick: () => releaseDialog(booking, reload, message) }, '释放')) },
  ], items, { testid: 'booking-table', empty: month ? '这个月没有预约' : '今天及以后没有预约' }), reload);
  fill(slot, message, card(month ? `${monthName(month)}的预约` : '今天及以后的预约', list, { testid: 'booking-list' }));
  reload();
}

export function releaseDialog(booking, reload, message) {
  const reason = textBox('reason', { placeholder: '例如：活动改期', testid: 'release-reason' });
  openDialog({
    title: `释放预约：${booking.offerTitle}`, testid: 'release-dialog', submitLabel: '释放',
    body: [h('p', {}, booking.reads), field('释放原因', reason, { name: 'reason' })],
    onSubmit: async () => {
      // No If-Match: the booking lives on its offer's stream, which other bookings move on.
      await command(`/api/resources/bookings/${encodeURIComponent(booking.id)}/release`, { reason: reason.value });
      flash(message, '预约已释放，时段重新开放。');
      reload();
    },
  });
}

/** The first and last day of a month ("2026-11"), as the bookings list narrows by date. */
function monthRange(month) {
  const [year, number] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, until: `${month}-${String(last).padStart(2, '0')}` };
}

function units(slot, user, state) {
  const list = h('div', {});
  state.query = { ...filtersFor(user), ...(state.link?.status === 'active' ? { status: 'active' } : {}) };
  const reload = () => listInto(list, '/api/resources/units', state, (items) => table([
    { label: '单位', value: (unit) => unit.name },
    { label: '类型', value: (unit) => unit.kindName },
    { label: '服务社区', value: (unit) => unit.communities.map((place) => place.name).join('、') },
    { label: '状态', value: (unit) => statusBadge(unit.status, unit.status === 'active' ? '共建中' : '已退出') },
    { label: '加入时间', value: (unit) => String(unit.joinedAt).slice(0, 10), class: 'nowrap' },
  ], items, { testid: 'unit-table', empty: '暂无共建单位' }), reload);
  fill(slot, card(null, list, { testid: 'unit-list' }));
  reload();
}
