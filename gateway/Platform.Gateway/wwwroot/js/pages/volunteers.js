// 志愿服务: a volunteer's own page on a phone (hours, points and stars, check-in by the code shown at the place, the
// activities near them, the micro-wish board, the households they look after and the year-end gifts), and the
// community's pages (volunteers to confirm, activities with their roster, code and credit, 补录 to approve, the
// wish board, households by colour with overdue visits, and the gift stock). The street and the district read the
// same lists narrowed by the server, and household counts, never a household's file.

import { api, ApiError } from '../api.js';
import { card, failure, loading, pageHeader, table } from '../components.js';
import { fill, formatNumber, h } from '../dom.js';
import { scopeFilters } from '../scope.js';
import { creator, listInto, localToday } from './resources.js';
import {
  command, explainFailure, field, flash, formatDateTime, openDialog, selectBox, statusBadge, textArea, textBox,
} from './needs-shared.js';

const ownRoles = new Set(['volunteer', 'resident']);
const staffRoles = new Set(['district_admin', 'street_staff', 'community_staff']);

const staffTabs = [
  { key: 'activities', label: '活动与签到' },
  { key: 'volunteers', label: '志愿者与报到' },
  { key: 'teams', label: '服务队伍' },
  { key: 'wishes', label: '微心愿' },
  { key: 'households', label: '三色管理' },
  { key: 'gifts', label: '积分兑换' },
];

const colourNames = { red: '红户', yellow: '黄户', green: '绿户' };

const serviceKindNames = {
  'env-cleanup': '环境卫生整治', patrol: '巡逻防控', 'elderly-visit': '上门为老服务', tutoring: '辅导功课', 'policy-talk': '政策宣讲、法治宣传',
  'health-check': '健康服务', 'business-help': '为小微商户代办', mediation: '调处邻里纠纷', performance: '文艺演出', meeting: '座谈会、议事会',
};

const teamKindNames = { service: '志愿服务队', culture: '文体队伍', grid: '网格力量' };

const careGroups = ['独居老人', '空巢老人', '孤寡老人', '高龄老人', '慢病老人', '失能', '困难儿童', '残障人士', '低保家庭', '单亲家庭', '双职工家庭', '退休党员家庭', '一般住户'];

const options = (names) => Object.entries(names).map(([value, label]) => ({ value, label }));

const splitList = (text) => String(text || '').split(/[,，、]/).map((item) => item.trim()).filter(Boolean);

const chosen = (select) => [...select.selectedOptions].map((option) => option.value);

/** The community's active volunteers (party members only, when asked), for a leader, members or a household's member. */
async function activeVolunteers({ partyMembers = false } = {}) {
  const answer = await api.get('/api/volunteers/volunteers?status=active&pageSize=200');
  return answer.items.filter((volunteer) => !partyMembers || volunteer.kind !== 'resident')
    .map((volunteer) => ({ value: volunteer.id, label: `${volunteer.name}（${volunteer.kindName}）` }));
}

/** What a form offers to choose from, or null (and the failure said in `message`) when it cannot be read. */
async function readOrFlash(message, read) {
  try {
    return await read();
  } catch (error) {
    flash(message, explainFailure(error), 'error');
    return null;
  }
}

/** A button that opens a form; only community staff keep their community's activities, teams, households and gifts. */
function createButton(user, label, testid, open) {
  return user.role === 'community_staff'
    ? h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'button button-primary', 'data-testid': testid, onclick: open }, label))
    : null;
}

export function renderVolunteers({ user, entry, query = {} }) {
  if (ownRoles.has(user.role)) return mine(user, entry);
  if (user.role === 'unit_member') {
    return h('div', { class: 'page', 'data-testid': 'module-volunteers' },
      pageHeader(entry.label, '本单位所在社区的微心愿，本单位可以认领并帮助实现。'), wishBoard(user, { own: true }));
  }
  const tabs = staffTabs.filter((tab) => (tab.key !== 'households' || user.role === 'community_staff') && (tab.key !== 'gifts' || user.role !== 'auditor'));
  const tab = tabs.find((candidate) => candidate.key === query.tab) ?? tabs[0];
  const body = h('div', {}, loading());
  const page = h('div', { class: 'page', 'data-testid': 'module-volunteers' },
    pageHeader(entry.label, '双报到的党员与志愿者、服务队伍、活动签到与时长积分、微心愿与三色管理。'),
    h('nav', { class: 'tab-bar', 'aria-label': '志愿服务', 'data-testid': 'volunteer-tabs' },
      tabs.map((candidate) => h('a', {
        href: `#/volunteers?tab=${candidate.key}`, class: ['tab', candidate === tab && 'tab-current'], 'aria-current': candidate === tab ? 'page' : null,
        'data-testid': `volunteer-tab-${candidate.key}`,
      }, candidate.label))),
    body);
  ({ activities, volunteers, teams, wishes, households, gifts })[tab.key](body, user);
  return page;
}

// ---- a volunteer's own page ----------------------------------------------------------------------------------------

function mine(user, entry) {
  const body = h('div', { class: 'volunteer-home' }, loading());
  const page = h('div', { class: 'page', 'data-testid': 'module-volunteers' },
    pageHeader(entry.label, '我的服务时长、积分与星级，现场签到，报名活动，认领微心愿。'), body);
  (async () => {
    try {
      const ledger = await api.get('/api/volunteers/ledger');
      fill(body, standingCard(ledger.standing), checkInCard(), upcomingCard(user), wishBoard(user, { own: true }), myHouseholds(), giftsCard(user),
        statementCard(ledger));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) fill(body, registerCard(user), wishBoard(user, { own: true }));
      else fill(body, failure(error));
    }
  })();
  return page;
}

function stars(count) {
  return h('span', { class: 'stars', 'aria-label': `${count} 星`, 'data-testid': 'stars' }, '★'.repeat(count) + '☆'.repeat(Math.max(0, 5 - count)));
}

function standingCard(standing) {
  const next = standing.hoursToNextStar == null ? '已是最高星级' : `再服务 ${formatNumber(standing.hoursToNextStar)} 小时可升星`;
  return card('我的服务', [
    h('dl', { class: 'facts', 'data-testid': 'my-standing' },
      fact('星级', stars(standing.stars)),
      fact('服务时长', `${formatNumber(standing.totalHours)} 小时`, 'total-hours'),
      fact('签到核验', `${formatNumber(standing.checkedHours)} 小时`),
      fact('组织者登记', `${formatNumber(standing.recordedHours)} 小时`),
      fact('积分', formatNumber(standing.points), 'points')),
    h('p', { class: 'muted' }, next),
    standing.flags.length ? h('p', { class: 'overdue-tag' }, standing.flags.join(' ')) : null,
  ], { testid: 'standing-card' });
}

function fact(label, value, testid) {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', { 'data-testid': testid }, value));
}

/** Check-in and check-out by the six digits the organizer shows at the place. */
function checkInCard() {
  const slot = h('div', {});
  const message = h('div', {});
  (async () => {
    try {
      const answer = await api.get('/api/volunteers/activities?upcoming=true&pageSize=50');
      const mineNow = answer.items.filter((activity) => activity.myStatus && isToday(activity.startsAt));
      if (!mineNow.length) {
        fill(slot, h('p', { class: 'muted' }, '今天没有您报名的活动。到场后凭组织者出示的 6 位签到码签到。'));
        return;
      }
      const choice = selectBox('activityId', mineNow.map((activity) => ({ value: activity.id, label: `${activity.title}（${time(activity.startsAt)}）` })),
        { testid: 'checkin-activity' });
      const code = textBox('code', { placeholder: '6 位签到码', testid: 'checkin-code', maxlength: 6 });
      code.setAttribute('inputmode', 'numeric');
      const act = (kind) => async () => {
        try {
          await command(`/api/volunteers/activities/${encodeURIComponent(choice.value)}/${kind}`, { code: code.value });
          flash(message, kind === 'check-in' ? '签到成功' : '签退成功，时长将在活动结束后核定');
        } catch (error) {
          flash(message, explainFailure(error), 'error');
        }
      };
      fill(slot, field('活动', choice), field('签到码', code),
        h('div', { class: 'form-actions' },
          h('button', { type: 'button', class: 'button button-primary', onclick: act('check-in'), 'data-testid': 'checkin-submit' }, '签到'),
          h('button', { type: 'button', class: 'button', onclick: act('check-out'), 'data-testid': 'checkout-submit' }, '签退')));
    } catch (error) {
      fill(slot, failure(error));
    }
  })();
  return card('现场签到', [slot, message], { testid: 'checkin-card' });
}

function upcomingCard() {
  const list = h('div', {}, loading());
  const message = h('div', {});
  const reload = async () => {
    try {
      const answer = await api.get('/api/volunteers/activities?upcoming=true&pageSize=20');
      fill(list, answer.items.length
        ? h('ul', { class: 'activity-list' }, answer.items.map((activity) => activityItem(activity, message, reload)))
        : h('p', { class: 'muted' }, '近期没有活动。'));
    } catch (error) {
      fill(list, failure(error));
    }
  };
  reload();
  return card('近期活动', [message, list], { testid: 'upcoming-card' });
}

function activityItem(activity, message, reload) {
  const signedUp = activity.myStatus === '已报名' || activity.myStatus === '候补';
  const act = async () => {
    try {
      if (signedUp) {
        await command(`/api/volunteers/activities/${encodeURIComponent(activity.id)}/sign-ups/cancel`, {});
        flash(message, `已取消报名「${activity.title}」`);
      } else {
        const detail = await api.get(`/api/volunteers/activities/${encodeURIComponent(activity.id)}`);
        await command(`/api/volunteers/activities/${encodeURIComponent(activity.id)}/sign-ups`, { post: detail.posts[0] ?? null });
        const full = activity.taken >= activity.capacity;
        flash(message, `已报名「${activity.title}」${detail.posts.length ? `（岗位：${detail.posts[0]}）` : ''}${full ? '；名额已满，已进入候补，有人取消时自动递补' : ''}`);
      }
      reload();
    } catch (error) {
      flash(message, explainFailure(error), 'error');
    }
  };
  return h('li', { class: 'agreement', 'data-testid': `activity-${activity.id}` },
    h('div', { class: 'agreement-head' },
      h('strong', {}, activity.title),
      activity.myStatus ? statusBadge(activity.myStatus === '候补' ? 'waitlisted' : 'signed-up', activity.myStatus, 'my-status') : null),
    h('p', { class: 'muted' }, `${formatDateTime(activity.startsAt)} · ${activity.address} · 已报名 ${activity.taken}/${activity.capacity}${activity.waitlisted ? ` · 候补 ${activity.waitlisted}` : ''}`),
    activity.startsAt && new Date(activity.startsAt) > new Date()
      ? h('button', { type: 'button', class: ['button', signedUp ? 'button-ghost' : 'button-primary'], onclick: act, 'data-testid': 'sign-up' }, signedUp ? '取消报名' : '报名')
      : null);
}

function registerCard(user) {
  const form = h('form', { class: 'form-grid', novalidate: true });
  const message = h('div', {});
  fill(form,
    field('类别', selectBox('kind', [
      { value: 'resident', label: '群众志愿者' }, { value: 'retired-member', label: '离退休党员' }, { value: 'in-service-member', label: '在职党员' },
    ]), { name: 'kind' }),
    field('姓名', textBox('name', { value: user.displayName }), { name: 'person.name' }),
    field('电话', textBox('phone', { type: 'tel' }), { name: 'person.phone' }),
    field('工作单位（在职党员）', textBox('employer'), { name: 'employer.name' }),
    field('技能（用逗号分隔）', textBox('skills', { placeholder: '如：理发, 辅导功课' }), { name: 'offering.skills' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'register-submit' }, '登记')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await creator('/api/volunteers/volunteers')({
        kind: data.get('kind'), person: { name: data.get('name'), phone: data.get('phone') },
        employer: data.get('employer') ? { name: data.get('employer') } : null,
        skills: String(data.get('skills') || '').split(/[,，、]/).map((skill) => skill.trim()).filter(Boolean),
      });
      flash(message, '已登记，请等待社区确认并设岗。');
    } catch (error) {
      flash(message, explainFailure(error), 'error');
    }
  });
  return card('登记为志愿者', [h('p', { class: 'muted' }, '在职党员到居住地社区报到，群众也可以登记为志愿者。社区确认后即可报名活动。'), form, message],
    { testid: 'register-card' });
}

function statementCard(ledger) {
  return card('时长与积分明细', table([
    { label: '日期', value: (line) => line.occurredOn },
    { label: '事项', value: (line) => line.sourceTitle },
    { label: '类别', value: (line) => ({ 'checked-hours': '签到核验时长', 'recorded-hours': '组织者登记时长', points: '积分' })[line.kind] ?? line.kind },
    { label: '数量', value: (line) => formatNumber(line.amount), class: 'num' },
  ], ledger.statement.slice(0, 20), { testid: 'statement', empty: '暂无记录' }), { testid: 'statement-card' });
}

// ---- the micro-wish board ----------------------------------------------------------------------------------------------

function wishBoard(user, { own = false } = {}) {
  const list = h('div', {}, loading());
  const message = h('div', {});
  const reload = async () => {
    try {
      // One's own board: the wishes waiting, those one has taken on, and the last few one fulfilled.
      const shown = own
        ? (await Promise.all(['status=open&pageSize=50', 'mine=true&status=claimed&pageSize=50', 'mine=true&status=fulfilled&pageSize=5']
          .map((query) => api.get(`/api/volunteers/wishes?${query}`)))).flatMap((answer) => answer.items)
        : (await api.get(`/api/volunteers/wishes?pageSize=50&${new URLSearchParams(scopeFilters())}`)).items;
      fill(list, shown.length
        ? h('ul', { class: 'wish-list' }, shown.map((wish) => wishItem(wish, user, message, reload)))
        : h('p', { class: 'muted' }, '心愿墙上暂无微心愿。'));
    } catch (error) {
      fill(list, failure(error));
    }
  };
  reload();
  return card('微心愿墙', [h('p', { class: 'muted' }, '只显示心愿与所在网格，不显示住户信息。'), message, list], { testid: 'wish-board' });
}

function wishItem(wish, user, message, reload) {
  const canClaim = wish.status === 'open' && (ownRoles.has(user.role) || user.role === 'unit_member');
  const canFulfil = wish.status === 'claimed' && (wish.mine || user.role === 'community_staff');
  return h('li', { class: 'agreement', 'data-testid': `wish-${wish.id}` },
    h('div', { class: 'agreement-head' }, h('strong', {}, wish.title), statusBadge(wish.status, wish.statusName)),
    h('p', {}, wish.description),
    h('p', { class: 'muted' }, [wish.community.name, wish.grid?.name, wish.claimerName ? `${wish.claimerKindName}：${wish.claimerName}` : null,
      wish.deadline ? `承诺 ${wish.deadline} 前实现` : null].filter(Boolean).join(' · ')),
    canClaim ? h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'claim-wish', onclick: () => claimDialog(wish, message, reload) }, '认领') : null,
    canFulfil ? h('button', { type: 'button', class: 'button', 'data-testid': 'fulfil-wish', onclick: () => fulfilDialog(wish, message, reload) }, '已实现') : null);
}

function claimDialog(wish, message, reload) {
  const deadline = textBox('deadline', { type: 'date', value: addDays(localToday(), 7) });
  openDialog({
    title: `认领「${wish.title}」`, testid: 'claim-dialog', submitLabel: '认领',
    body: [field('承诺实现日期', deadline, { name: 'deadline', hint: '逾期未实现的，心愿退回心愿墙并告知社区。' })],
    onSubmit: async () => {
      await command(`/api/volunteers/wishes/${encodeURIComponent(wish.id)}/claim`, { deadline: deadline.value });
      flash(message, `已认领「${wish.title}」`);
      reload();
    },
  });
}

function fulfilDialog(wish, message, reload) {
  const note = textArea('note', { placeholder: '如：学习用品已送到孩子手中' });
  const minutes = textBox('minutes', { type: 'number', value: '60' });
  const photo = h('input', { type: 'file', name: 'file', accept: 'image/jpeg,image/png,image/webp', 'data-testid': 'input-photo' });
  openDialog({
    title: `实现「${wish.title}」`, testid: 'fulfil-dialog', submitLabel: '提交',
    body: [field('实现情况', note, { name: 'note' }), field('服务时长（分钟）', minutes, { name: 'minutes' }), field('照片', photo, { name: 'file' })],
    onSubmit: async () => {
      const form = new FormData();
      form.append('note', note.value);
      form.append('minutes', minutes.value);
      if (photo.files[0]) form.append('file', photo.files[0], photo.files[0].name);
      await api.upload(`/api/volunteers/wishes/${encodeURIComponent(wish.id)}/fulfil`, form);
      flash(message, `「${wish.title}」已实现，服务时长与积分已计入`);
      reload();
    },
  });
}

// ---- households ------------------------------------------------------------------------------------------------------

function myHouseholds() {
  const list = h('div', {}, loading());
  const message = h('div', {});
  const reload = async () => {
    try {
      const answer = await api.get('/api/volunteers/households?pageSize=100');
      if (!answer.items.length) {
        fill(list, h('p', { class: 'muted' }, '您没有联系的住户。'));
        return;
      }
      fill(list, householdTable(answer.items, message, reload));
    } catch (error) {
      fill(list, failure(error));
    }
  };
  reload();
  return card('我联系的住户', [message, list], { testid: 'my-households' });
}

function householdTable(items, message, reload) {
  return table([
    { label: '颜色', value: (household) => h('span', { class: ['colour-tag', `colour-${household.colour}`] }, household.colourName) },
    { label: '门牌', value: (household) => [household.building?.name, household.address].filter(Boolean).join(' ') },
    { label: '类别', value: (household) => household.groups.join('、') },
    { label: '联系党员', value: (household) => household.memberName },
    { label: '最近走访', value: (household) => household.lastVisitOn ?? '—' },
    { label: '应走访', value: (household) => household.overdue ? h('span', { class: 'overdue-tag', 'data-testid': 'visit-overdue' }, `逾期（${household.nextVisitDue}）`) : household.nextVisitDue },
    { label: '', value: (household) => h('button', { type: 'button', class: 'button button-ghost', 'data-testid': 'record-visit', onclick: () => visitDialog(household, message, reload) }, '登记走访') },
  ], items, { testid: 'household-table' });
}

function visitDialog(household, message, reload) {
  const visitedOn = textBox('visitedOn', { type: 'date', value: localToday() });
  const done = textArea('whatWasDone', { placeholder: '如：上门看望，帮忙打扫卫生' });
  openDialog({
    title: `登记走访：${household.address}`, testid: 'visit-dialog', submitLabel: '登记',
    body: [field('走访日期', visitedOn, { name: 'visitedOn' }), field('走访情况', done, { name: 'whatWasDone' })],
    onSubmit: async () => {
      await command(`/api/volunteers/households/${encodeURIComponent(household.id)}/visits`, { visitedOn: visitedOn.value, whatWasDone: done.value });
      flash(message, '走访已登记');
      reload();
    },
  });
}

// ---- gifts -------------------------------------------------------------------------------------------------------------

function giftsCard(user) {
  const list = h('div', {}, loading());
  const message = h('div', {});
  const reload = async () => {
    try {
      const answer = await api.get('/api/volunteers/ledger/gifts?pageSize=50');
      fill(list, table([
        { label: '礼品', value: (gift) => `${gift.name}（${gift.kindName}）` },
        { label: '所需积分', value: (gift) => formatNumber(gift.points), class: 'num' },
        { label: '库存', value: (gift) => formatNumber(gift.stock), class: 'num' },
        { label: '', value: (gift) => ownRoles.has(user.role) && gift.stock > 0
          ? h('button', { type: 'button', class: 'button button-ghost', 'data-testid': 'redeem', onclick: async () => {
            try {
              const redeemed = await command(`/api/volunteers/ledger/gifts/${encodeURIComponent(gift.id)}/redeem`, {});
              flash(message, `已兑换「${redeemed.giftName}」，剩余积分 ${formatNumber(redeemed.pointsLeft)}`);
              reload();
            } catch (error) {
              flash(message, explainFailure(error), 'error');
            }
          } }, '兑换')
          : null },
      ], answer.items, { testid: 'gift-table', empty: '暂无兑换礼品' }));
    } catch (error) {
      fill(list, failure(error));
    }
  };
  reload();
  return card('积分兑换', [h('p', { class: 'muted' }, '积分于年底兑换礼品和荣誉证书，库存兑完即止。'),
    createButton(user, '上架礼品', 'stock-gift', () => giftDialog(message, reload)), message, list], { testid: 'gifts-card' });
}

function giftDialog(message, reload) {
  const stock = creator('/api/volunteers/ledger/gifts');
  const name = textBox('name', { placeholder: '如：生活用品礼包' });
  const kind = selectBox('kind', [{ value: 'gift', label: '礼品' }, { value: 'honour', label: '荣誉证书' }]);
  const points = textBox('points', { type: 'number', value: '30' });
  const quantity = textBox('quantity', { type: 'number', value: '10' });
  openDialog({
    title: '上架兑换礼品', testid: 'gift-dialog', submitLabel: '上架',
    body: [field('名称', name, { name: 'name' }), field('类别', kind, { name: 'kind' }), field('所需积分', points, { name: 'points' }), field('数量', quantity, { name: 'quantity' })],
    onSubmit: async () => {
      await stock({ name: name.value, kind: kind.value, points: Number(points.value) || null, quantity: Number(quantity.value) || null });
      flash(message, `「${name.value}」已上架`);
      reload();
    },
  });
}

function gifts(slot, user) {
  fill(slot, giftsCard(user));
}

// ---- the community's pages ---------------------------------------------------------------------------------------------

function volunteers(slot, user) {
  const state = { page: 1, query: { ...scopeFilters() } };
  const list = h('div', {});
  const message = h('div', {});
  const reload = () => listInto(list, '/api/volunteers/volunteers', state, (items) => table([
    { label: '姓名', value: (volunteer) => volunteer.name },
    { label: '类别', value: (volunteer) => volunteer.kindName },
    { label: '社区', value: (volunteer) => volunteer.community.name },
    { label: '岗位', value: (volunteer) => volunteer.post ?? '—' },
    { label: '技能', value: (volunteer) => volunteer.skills.join('、') || '—' },
    { label: '状态', value: (volunteer) => statusBadge(volunteer.status, volunteer.statusName) },
    { label: '', value: (volunteer) => volunteer.status === 'pending' && user.role === 'community_staff'
      ? h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'confirm-volunteer', onclick: () => confirmDialog(volunteer, message, reload) }, '确认报到')
      : null },
  ], items, { testid: 'volunteer-table' }), reload);
  fill(slot, coverageCard(), card('志愿者与报到党员', [message, list], { testid: 'volunteer-list' }));
  reload();
}

/** 双报到 coverage per community: members and volunteers serving, units reported against those the tree places there. */
function coverageCard() {
  const slot = h('div', {}, loading());
  (async () => {
    try {
      const rows = await api.get(`/api/volunteers/coverage?${new URLSearchParams(scopeFilters())}`);
      fill(slot, table([
        { label: '社区', value: (row) => `${row.street.name} · ${row.community.name}` },
        { label: '在职党员', value: (row) => formatNumber(row.inServiceMembers), class: 'num' },
        { label: '离退休党员', value: (row) => formatNumber(row.retiredMembers), class: 'num' },
        { label: '志愿者（含党员）', value: (row) => formatNumber(row.volunteers), class: 'num' },
        { label: '单位报到', value: (row) => `${formatNumber(row.unitsConfirmed)} / ${formatNumber(row.unitsInCommunity)}（已报到 ${formatNumber(row.unitsReported)}）` },
        { label: '本年服务时长', value: (row) => `${formatNumber(row.hoursThisYear)} 小时`, class: 'num' },
      ], rows, { testid: 'coverage-table', empty: '暂无报到记录' }));
    } catch (error) {
      fill(slot, failure(error));
    }
  })();
  return card('双报到覆盖情况', slot, { testid: 'coverage-card' });
}

function confirmDialog(volunteer, message, reload) {
  const post = textBox('post', { placeholder: '如：楼门长、巡逻岗、为老服务岗' });
  const duty = textArea('duty', { placeholder: '岗位职责（可不填）' });
  openDialog({
    title: `确认 ${volunteer.name} 的报到`, testid: 'confirm-dialog', submitLabel: '确认并设岗',
    body: [field('岗位（设岗定责）', post, { name: 'post' }), field('职责', duty, { name: 'duty' })],
    onSubmit: async () => {
      await command(`/api/volunteers/volunteers/${encodeURIComponent(volunteer.id)}/confirm`, { post: post.value, duty: duty.value || null });
      flash(message, `${volunteer.name} 的报到已确认`);
      reload();
    },
  });
}

function teams(slot, user) {
  const state = { page: 1, query: { ...scopeFilters() } };
  const list = h('div', {});
  const reload = () => listInto(list, '/api/volunteers/teams', state, (items) => table([
    { label: '队伍', value: (team) => team.name },
    { label: '类型', value: (team) => team.kindName },
    { label: '社区', value: (team) => team.community.name },
    { label: '队长', value: (team) => team.leaderName ?? '—' },
    { label: '人数', value: (team) => formatNumber(team.members), class: 'num' },
  ], items, { testid: 'team-table' }), reload);
  const message = h('div', {});
  fill(slot, createButton(user, '组建队伍', 'form-team', () => teamDialog(message, reload)), message, card(null, list, { testid: 'team-list' }));
  reload();
}

async function teamDialog(message, reload) {
  const people = await readOrFlash(message, () => activeVolunteers());
  if (!people) return;
  const form = creator('/api/volunteers/teams');
  const name = textBox('name', { placeholder: '如：帮帮团、小巷管家、橙丝带' });
  const kind = selectBox('kind', options(teamKindNames));
  const description = textArea('description', { placeholder: '队伍做什么（可不填）' });
  const leader = selectBox('leaderId', people, { placeholder: '请选择队长' });
  const members = h('select', { name: 'memberIds', multiple: true, size: 8, 'data-testid': 'select-memberIds' },
    people.map((person) => h('option', { value: person.value }, person.label)));
  openDialog({
    title: '组建服务队伍', testid: 'team-dialog', submitLabel: '组建',
    body: [
      field('队伍名称', name, { name: 'name' }), field('类型', kind, { name: 'kind' }), field('简介', description, { name: 'description' }),
      field('队长', leader, { name: 'leaderId', hint: '队长也是队员。' }), field('队员（可多选）', members, { name: 'memberIds' }),
    ],
    onSubmit: async () => {
      const memberIds = chosen(members);
      if (leader.value && !memberIds.includes(leader.value)) memberIds.unshift(leader.value);
      await form({ name: name.value, kind: kind.value, description: description.value || null, leaderId: leader.value || null, memberIds });
      flash(message, `「${name.value}」已组建`);
      reload();
    },
  });
}

function activities(slot, user) {
  const state = { page: 1, query: { ...scopeFilters() } };
  const list = h('div', {});
  const detail = h('div', {});
  const reload = () => listInto(list, '/api/volunteers/activities', state, (items) => table([
    { label: '活动', value: (activity) => h('button', { type: 'button', class: 'link-button', 'data-testid': 'activity-link', onclick: () => activityDetail(detail, activity.id, user) }, activity.title) },
    { label: '时间', value: (activity) => formatDateTime(activity.startsAt) },
    { label: '社区', value: (activity) => activity.community.name },
    { label: '队伍', value: (activity) => activity.teamName ?? '公开报名' },
    { label: '报名', value: (activity) => `${activity.taken}/${activity.capacity}${activity.waitlisted ? `（候补 ${activity.waitlisted}）` : ''}` },
    { label: '状态', value: (activity) => statusBadge(activity.status, activity.statusName) },
  ], items, { testid: 'activity-table' }), reload);
  const message = h('div', {});
  fill(slot, createButton(user, '安排活动', 'schedule-activity', () => scheduleDialog(message, reload)), message, detail, card(null, list, { testid: 'activity-list' }));
  reload();
}

async function scheduleDialog(message, reload) {
  const teams = await readOrFlash(message, async () => (await api.get('/api/volunteers/teams?pageSize=200')).items);
  if (!teams) return;
  const schedule = creator('/api/volunteers/activities');
  const title = textBox('title', { placeholder: '如：周末楼道清理与为老服务' });
  const kind = selectBox('serviceKind', options(serviceKindNames));
  const team = selectBox('teamId', teams.map((candidate) => ({ value: candidate.id, label: candidate.name })), { placeholder: '公开报名' });
  const address = textBox('address', { placeholder: '如：党群服务中心门前' });
  const day = textBox('day', { type: 'date', value: addDays(localToday(), 7) });
  const starts = textBox('startsAt', { type: 'time', value: '09:00' });
  const ends = textBox('endsAt', { type: 'time', value: '11:00' });
  const capacity = textBox('capacity', { type: 'number', value: '20' });
  const posts = textBox('posts', { placeholder: '如：楼道清理, 为老服务（可不填）' });
  const description = textArea('description', { placeholder: '集合地点、着装与注意事项（可不填）' });
  openDialog({
    title: '安排志愿服务活动', testid: 'schedule-dialog', submitLabel: '发布活动',
    body: [
      field('活动名称', title, { name: 'title' }), field('服务类别', kind, { name: 'serviceKind' }),
      field('承担队伍', team, { name: 'teamId', hint: '由队伍承担的，只有队员可以报名。' }), field('地点', address, { name: 'place.address' }),
      field('日期', day, { name: 'startsAt' }), field('开始时间', starts, { name: 'startsAt' }), field('结束时间', ends, { name: 'endsAt' }),
      field('人数上限', capacity, { name: 'capacity', hint: '报满后报名进入候补，有人取消时自动递补。' }), field('岗位', posts, { name: 'posts' }),
      field('说明', description, { name: 'description' }),
    ],
    onSubmit: async () => {
      await schedule({
        title: title.value, serviceKind: kind.value, teamId: team.value || null, place: { address: address.value },
        startsAt: new Date(`${day.value}T${starts.value}`).toISOString(), endsAt: new Date(`${day.value}T${ends.value}`).toISOString(),
        capacity: Number(capacity.value) || null, posts: splitList(posts.value), description: description.value || null,
      });
      flash(message, `活动「${title.value}」已发布，志愿者可以报名了`);
      reload();
    },
  });
}

async function activityDetail(slot, activityId, user) {
  fill(slot, loading());
  const message = h('div', {});
  const reopen = () => activityDetail(slot, activityId, user);
  try {
    const activity = await api.get(`/api/volunteers/activities/${encodeURIComponent(activityId)}`);
    const manages = user.role === 'community_staff' || user.role === 'street_staff' || user.role === 'district_admin';
    const codeSlot = h('div', { class: 'checkin-code', 'data-testid': 'checkin-code-display' });
    const act = (path, done, after = reopen) => async () => {
      try {
        const answer = await command(`/api/volunteers/activities/${encodeURIComponent(activityId)}/${path}`, {});
        done(answer);
        after();
      } catch (error) {
        flash(message, explainFailure(error), 'error');
      }
    };
    const summary = activity.summary;
    fill(slot, card(summary.title, [
      h('p', { class: 'muted' }, `${formatDateTime(summary.startsAt)} 至 ${time(summary.endsAt)} · ${[summary.address, activity.grid?.name, activity.building?.name].filter(Boolean).join(' · ')}`
        + ` · ${summary.teamName ?? '公开报名'} · ${summary.serviceKindName ?? '志愿服务'}`),
      manages && summary.status === 'scheduled'
        ? h('div', { class: 'form-actions' },
          h('button', { type: 'button', class: 'button', 'data-testid': 'issue-code', onclick: act('check-in-code', (answer) => fill(codeSlot,
            h('p', { class: 'muted' }, '请在现场出示此签到码：'), h('strong', { 'data-testid': 'issued-code' }, answer.code)), () => {}) }, '出示签到码'),
          h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'credit-activity', onclick: act('credit', () => flash(message, '时长与积分已核定')) }, '核定时长'))
        : null,
      codeSlot, message,
      table([
        { label: '姓名', value: (line) => line.name },
        { label: '岗位', value: (line) => line.post ?? '—' },
        { label: '状态', value: (line) => statusBadge(line.status, line.statusName) },
        { label: '签到', value: (line) => (line.checkedInAt ? time(line.checkedInAt) : '—') },
        { label: '签退', value: (line) => (line.checkedOutAt ? time(line.checkedOutAt) : '—') },
        { label: '核定时长', value: (line) => (line.creditedHours == null ? '—' : `${formatNumber(line.creditedHours)} 小时（${line.creditKindName}）`) },
        { label: '积分', value: (line) => (line.creditedPoints == null ? '—' : formatNumber(line.creditedPoints)) },
        { label: '说明', value: (line) => line.creditNote ?? '' },
      ], activity.roster, { testid: 'roster-table', empty: '还没有人报名' }),
      activity.lateEntries.length
        ? table([
          { label: '补录', value: (entry) => entry.name },
          { label: '时长', value: (entry) => `${entry.minutes} 分钟` },
          { label: '原因', value: (entry) => entry.reason },
          { label: '状态', value: (entry) => entry.statusName },
          { label: '', value: (entry) => entry.status === 'pending' && manages
            ? h('button', { type: 'button', class: 'button button-ghost', 'data-testid': 'approve-late', onclick: act(`late-entries/${encodeURIComponent(entry.volunteerId)}/approve`, () => flash(message, '补录已批准')) }, '批准')
            : null },
        ], activity.lateEntries, { testid: 'late-entries' })
        : null,
    ], { testid: 'activity-detail' }));
    slot.scrollIntoView({ block: 'start' });
  } catch (error) {
    fill(slot, failure(error));
  }
}

function wishes(slot, user) {
  fill(slot, wishBoard(user));
}

function households(slot, user) {
  const counts = h('div', {}, loading());
  const list = h('div', {});
  const message = h('div', {});
  (async () => {
    try {
      const answer = await api.get('/api/volunteers/households/counts');
      fill(counts, h('dl', { class: 'facts', 'data-testid': 'household-counts' },
        ['red', 'yellow', 'green'].map((colour) => fact(colourNames[colour], formatNumber(answer.reduce((sum, count) => sum + count[colour], 0)))),
        fact('走访逾期', formatNumber(answer.reduce((sum, count) => sum + count.overdueVisits, 0)))));
      const files = await api.get('/api/volunteers/households?pageSize=200');
      fill(list, householdTable(files.items, message, () => households(slot, user)));
    } catch (error) {
      fill(counts, failure(error));
    }
  })();
  fill(slot, card('三色管理', [h('p', { class: 'muted' }, '绿户门前放心行，黄户门前停一停，红户门前要上心。走访逾期的在前。'),
    createButton(user, '建档', 'file-household', () => householdDialog(message, () => households(slot, user))), counts, message, list],
  { testid: 'households-card' }));
}

async function householdDialog(message, reload) {
  const members = await readOrFlash(message, () => activeVolunteers({ partyMembers: true }));
  if (!members) return;
  const file = creator('/api/volunteers/households');
  const address = textBox('address', { placeholder: '如：3号楼2单元102' });
  const head = textBox('headName', { placeholder: '可不填' });
  const phone = textBox('headPhone', { type: 'tel', placeholder: '可不填' });
  const groups = h('select', { name: 'groups', multiple: true, size: 6, 'data-testid': 'select-groups' }, careGroups.map((group) => h('option', { value: group }, group)));
  const colour = selectBox('colour', options(colourNames));
  const reason = textArea('reason', { placeholder: '如：独居，行动不便，需每周上门' });
  const member = selectBox('memberId', members, { placeholder: '请选择联系党员' });
  openDialog({
    title: '为住户建档（一户一档）', testid: 'household-dialog', submitLabel: '建档',
    body: [
      field('门牌', address, { name: 'address' }), field('户主姓名', head, { name: 'head.name' }), field('户主电话', phone, { name: 'head.phone' }),
      field('建档类别（可多选）', groups, { name: 'groups' }), field('颜色', colour, { name: 'colour', hint: '红户每周、黄户每月、绿户每季度走访。' }),
      field('定色理由', reason, { name: 'reason' }), field('联系党员', member, { name: 'memberId', hint: '一名党员联系约 50 户。' }),
    ],
    onSubmit: async () => {
      await file({
        address: address.value, head: head.value || phone.value ? { name: head.value || null, phone: phone.value || null } : null,
        groups: chosen(groups), colour: colour.value, reason: reason.value, memberId: member.value || null,
      });
      flash(message, `${address.value} 已建档`);
      reload();
    },
  });
}

// ---- time ---------------------------------------------------------------------------------------------------------------

function time(value) {
  const date = new Date(value);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

function isToday(value) {
  const date = new Date(value);
  const today = new Date();
  return date.getFullYear() === today.getFullYear() && date.getMonth() === today.getMonth() && date.getDate() === today.getDate();
}

function addDays(isoDate, days) {
  const date = new Date(`${isoDate}T00:00:00`);
  date.setDate(date.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
