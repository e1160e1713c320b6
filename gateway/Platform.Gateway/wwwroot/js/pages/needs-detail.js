// One need: what was asked, by whom (masked unless the user handles it), where it stands, everything that happened
// to it, and the next steps the user's role may take from its current status.

import { api } from '../api.js';
import { entryFor } from '../navigation.js';
import { card, failure, loading, pageHeader } from '../components.js';
import { fill, h } from '../dom.js';
import { progressBar } from './projects.js';
import {
  catalogue, command, countdown, describePlace, explainFailure, facts, field, filePicker, flash, formatDateTime, keepTicking, levelNames,
  maxNeedMedia, mediaGallery, nameIn, needStatuses, openDialog, placeNames, readYesNo, selectBox, statusBadge, takeNotice, textArea, textBox,
  timeline, uploadFiles, yesNo,
} from './needs-shared.js';

// The community office triages and handles its needs; streets and the district follow them through the cases.
const handlers = ['community_staff'];

/**
 * Each step a need may take: who may take it and from which statuses. The server decides in the end; this only
 * keeps buttons away from users who would be refused.
 */
const needActions = [
  { key: 'accept', label: '受理', roles: handlers, statuses: ['raised'], primary: true },
  { key: 'start-handling', label: '社区自办', roles: handlers, statuses: ['accepted'] },
  { key: 'whistle', label: '吹哨', roles: ['community_staff'], statuses: ['accepted', 'in-community'], primary: true },
  { key: 'resolve', label: '办结', roles: handlers, statuses: ['accepted', 'in-community'] },
  { key: 'feedback', label: '回访', roles: handlers, statuses: ['resolved'], primary: true },
  { key: 'close', label: '关闭', roles: handlers, statuses: ['resolved'] },
  { key: 'reopen', label: '重办', roles: handlers, statuses: ['resolved', 'closed'] },
  { key: 'merge', label: '合并', roles: handlers, statuses: ['raised', 'accepted'] },
  { key: 'reject', label: '退回', roles: handlers, statuses: ['raised', 'accepted'], danger: true },
];

export function renderNeedDetail({ user, params }) {
  const page = h('div', { class: 'page', 'data-testid': 'need-detail' }, loading('正在加载需求…'));
  const view = { user, needId: params.needId, page, message: h('div', { class: 'flash-slot' }) };
  reload(view, takeNotice());
  keepTicking(page);
  return page;
}

async function reload(view, notice) {
  try {
    const [need, loaded, names] = await Promise.all([
      api.get(`/api/needs/needs/${encodeURIComponent(view.needId)}`),
      catalogue(),
      placeNames(),
    ]);
    fill(view.page, ...needView(need, loaded, names, view));
    if (notice) flash(view.message, notice.text, notice.tone);
  } catch (error) {
    fill(view.page, failure(error));
  }
}

function needView(need, loaded, names, view) {
  const statusName = need.statusName ?? nameIn(needStatuses, need.status);
  return [
    h('p', { class: 'back-link' }, h('a', { href: '#/needs' }, view.user.role === 'resident' ? '‹ 返回我的诉求' : '‹ 返回需求清单')),
    pageHeader(h('span', {}, need.title || '（无标题）', ' ', statusBadge(need.status, statusName, 'need-status')), `需求编号 ${need.id} · 第 ${need.version ?? '—'} 版`),
    view.message,
    actionBar(need, loaded, view),
    h('div', { class: 'detail-columns' },
      h('div', { class: 'detail-main' },
        card('需求信息', facts([
          ['类别', need.categoryName ?? nameIn(loaded.categories, need.category)],
          ['紧急程度', nameIn(loaded.urgencies, need.urgency)],
          ['来源渠道', nameIn(loaded.channels, need.channel)],
          ['登记时间', formatDateTime(need.raisedAt)],
          ['办理类别', need.handlingClass ? nameIn(loaded.handlingClasses, need.handlingClass) : null],
          ['办理时限', need.handleBy
            ? h('span', {}, formatDateTime(need.handleBy), ' ', isOpen(need.status) ? countdown(need.handleBy, { kind: 'handle' }) : null)
            : null],
          ['发生地点', describePlace(need.place, names)],
          ['吹哨案件', need.caseId
            ? (entryFor(view.user.role, 'whistles') ? h('a', { href: `#/whistles/${encodeURIComponent(need.caseId)}`, 'data-testid': 'need-case-link' }, need.caseId) : '已吹哨，部门办理中')
            : null],
          ['来源项目', need.fromProject
            ? h('a', { href: `#/projects/${encodeURIComponent(need.fromProject.projectId)}`, 'data-testid': 'need-from-project' },
              `「${need.fromProject.projectName}」的任务「${need.fromProject.task}」逾期吹哨`)
            : null],
          ['关联项目', need.projectName ?? need.projectId],
          ['项目进展', need.projectProgress
            ? h('div', { class: 'commitments', 'data-testid': 'need-project-progress' },
              h('span', { class: 'commitment-name' }, `责任清单 ${need.projectProgress.tasksDone}/${need.projectProgress.tasks} 项完成；最近：${need.projectProgress.lastStep}（${need.projectProgress.lastStepOn}）`),
              progressBar(need.projectProgress.progressPercent),
              h('span', { class: 'pace-text' }, `${need.projectProgress.progressPercent}%`))
            : null],
          ['详细描述', need.description ? h('span', { class: 'prewrap' }, need.description) : null],
        ], 'need-facts'), { testid: 'need-info' }),
        mediaCard(need, view),
        outcomeCard(need),
        card('办理经过', timeline(need.timeline, { catalogue: loaded, placeNames: names }), { testid: 'need-timeline' })),
      h('div', { class: 'detail-side' }, reporterCard(need.reporter), matchesCard(need, view))),
  ];
}

/** Who weighs the 资源清单's suggestions for a need: those who decide on it, and auditors. */
const matchReaders = ['community_staff', 'street_staff', 'district_admin', 'auditor'];

/**
 * 可对接的资源: the co-building units' offers that could answer an accepted need, as the Resources service ranks
 * them, each with its reasons. Advice only; the community decides, at a joint meeting or by booking.
 */
function matchesCard(need, view) {
  if (!matchReaders.includes(view.user.role) || !['accepted', 'in-community'].includes(need.status)) return null;
  const body = h('div', {}, loading('正在匹配资源…'));
  api.get(`/api/resources/matches?needId=${encodeURIComponent(need.id)}`)
    .then((answer) => fill(body, answer.suggestions?.length
      ? h('ol', { class: 'match-list' }, answer.suggestions.map((offer) => h('li', { 'data-testid': `match-${offer.offerId}` },
        h('a', { href: `#/resources/offers/${encodeURIComponent(offer.offerId)}` }, offer.title),
        h('span', { class: 'muted' }, ` · ${offer.unitName} · ${offer.capacityReads}`),
        h('ul', { class: 'match-reasons' }, offer.reasons.map((reason) => h('li', {}, reason))))))
      : h('p', { class: 'muted' }, '暂无可对接的资源：没有面向本社区、同类且四周内有余量的资源。')))
    .catch((error) => fill(body, h('p', { class: 'muted' }, error?.status === 404 ? '资源服务尚未收到这条需求，稍后刷新再看。' : explainFailure(error))));
  return card('可对接的资源', body, { testid: 'need-matches' });
}

/** How the need was dealt with so far: the plan, the result, why it was turned away, the resident's feedback. */
function outcomeCard(need) {
  const pairs = [
    need.plan ? ['社区办理方案', need.plan] : null,
    need.resolution ? ['办理结果', need.resolution] : null,
    need.rejectionReason ? ['退回原因', need.rejectionReason] : null,
    need.duplicateOfNeedId ? ['重复于需求', h('a', { href: `#/needs/${encodeURIComponent(need.duplicateOfNeedId)}` }, need.duplicateOfNeedId)] : null,
    need.feedback ? ['回访', `${need.feedback.resolved ? '已解决' : '未解决'} · ${need.feedback.satisfied ? '满意' : '不满意'}${need.feedback.comment ? ` · ${need.feedback.comment}` : ''}`] : null,
  ].filter(Boolean);
  return pairs.length ? card('办理情况', facts(pairs, 'need-outcome'), { testid: 'need-outcome' }) : null;
}

function isOpen(status) {
  return ['raised', 'accepted', 'in-community'].includes(status);
}

function reporterCard(reporter) {
  if (!reporter) return card('反映人', h('p', { class: 'muted' }, '未登记反映人。'), { testid: 'need-reporter' });
  return card('反映人', h('div', { class: 'contact', 'data-testid': 'reporter' },
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, [...(reporter.name || '?')][0]),
    h('div', {},
      h('strong', { 'data-testid': 'reporter-name' }, reporter.name || '—'),
      h('p', { class: 'contact-phone' }, '联系电话：', h('span', { class: 'mono', 'data-testid': 'reporter-phone' }, reporter.phone || '—'))),
    reporter.masked
      ? h('span', { class: 'masked-tag', 'data-testid': 'reporter-masked', title: '按个人信息保护规定，反映人信息仅对经办人员完整显示' }, '已脱敏')
      : null), { testid: 'need-reporter' });
}

function actionBar(need, loaded, view) {
  const available = needActions.filter((action) => action.roles.includes(view.user.role) && action.statuses.includes(need.status));
  if (available.length === 0) return null;
  return h('div', { class: 'action-bar', role: 'group', 'aria-label': '办理操作', 'data-testid': 'need-actions' },
    available.map((action) => h('button', {
      type: 'button',
      class: ['button', action.primary && 'button-primary', action.danger && 'button-danger-outline'],
      'data-testid': `need-action-${action.key}`,
      onclick: () => openAction(action, need, loaded, view),
    }, action.label)));
}

function openAction(action, need, loaded, view) {
  const { body, read } = actionForm(action.key, need, loaded);
  const path = `/api/needs/needs/${encodeURIComponent(need.id)}/${action.key}`;
  openDialog({
    title: `${action.label}：${need.title}`,
    body,
    submitLabel: `确认${action.label}`,
    danger: action.danger,
    testid: `need-dialog-${action.key}`,
    onSubmit: async (form) => {
      const answer = await command(path, read(form), need.version);
      const text = action.key === 'whistle' && answer?.id
        ? `已吹哨，吹哨案件编号 ${answer.id}。`
        : `已${action.label}。`;
      await reload(view, { text, tone: 'ok' });
    },
    onConflict: (error) => reload(view, { text: explainFailure(error), tone: 'error' }),
  });
}

/** The fields of each step's dialog and how they become the command's body. */
function actionForm(key, need, loaded) {
  switch (key) {
    case 'accept': {
      const category = loaded.categories?.find((item) => item.code === need.category);
      const handlingClass = selectBox('handlingClass', (loaded.handlingClasses ?? []).map((item) => ({
        value: item.code, label: `${item.name}（${item.handleLimitHours} 小时）`,
      })), { value: category?.defaultClass, testid: 'accept-handling-class' });
      return {
        body: [h('p', { class: 'muted' }, '受理后按办理类别计算办结时限。'), field('办理类别', handlingClass, { name: 'handlingClass' })],
        read: () => ({ handlingClass: handlingClass.value || null }),
      };
    }
    case 'reject':
      return reasonOnly('退回原因', 'reason', '如：不属于社区受理范围，已告知反映人向物业反映');
    case 'merge': {
      const duplicate = textBox('duplicateOfNeedId', { testid: 'merge-duplicate' });
      const reason = textArea('reason', { testid: 'merge-reason' });
      return {
        body: [field('重复于需求（编号）', duplicate, { name: 'duplicateOfNeedId' }), field('合并说明', reason, { name: 'reason' })],
        read: () => ({ duplicateOfNeedId: duplicate.value.trim(), reason: reason.value.trim() }),
      };
    }
    case 'start-handling':
      return reasonOnly('社区办理方案', 'plan', '如：协调物业三日内清理');
    case 'resolve':
      return reasonOnly('办理结果', 'resolution', '如：已清理完毕，反映人现场确认');
    case 'reopen':
      return reasonOnly('重办原因', 'reason', '如：回访时居民反映问题仍未解决');
    case 'close':
      return { body: [h('p', {}, '关闭后该需求不再跟踪。确认关闭？')], read: () => ({}) };
    case 'feedback': {
      const comment = textArea('comment', { testid: 'feedback-comment' });
      return {
        body: [yesNo('问题是否已解决', 'resolved'), yesNo('是否满意', 'satisfied', { yes: '满意', no: '不满意' }), field('回访记录', comment, { name: 'comment' })],
        read: (form) => ({ resolved: readYesNo(form, 'resolved'), satisfied: readYesNo(form, 'satisfied'), comment: comment.value.trim() }),
      };
    }
    case 'whistle': {
      const levels = (loaded.levels ?? Object.entries(levelNames).map(([code, name]) => ({ code, name })))
        .filter((level) => level.code === 'street' || level.code === 'district');
      const level = selectBox('level', levels, { value: 'street', testid: 'whistle-level' });
      const whistleType = selectBox('whistleType', loaded.whistleTypes ?? [], { value: loaded.whistleTypes?.[0]?.code, testid: 'whistle-type' });
      const reason = textArea('reason', { testid: 'whistle-reason', placeholder: '为什么社区解决不了' });
      const tried = textArea('triedByCommunity', { testid: 'whistle-tried', rows: 4, placeholder: '每行一项，如：已两次约谈物业' });
      return {
        body: [
          field('吹哨层级', level, { name: 'level' }),
          field('哨类', whistleType, { name: 'whistleType' }),
          field('吹哨原因', reason, { name: 'reason' }),
          field('社区已做工作', tried, { name: 'triedByCommunity', hint: '每行一项' }),
        ],
        read: () => ({
          level: level.value,
          whistleType: whistleType.value,
          reason: reason.value.trim(),
          triedByCommunity: tried.value.split('\n').map((line) => line.trim()).filter(Boolean),
        }),
      };
    }
    default:
      return { body: [], read: () => ({}) };
  }
}

function reasonOnly(label, name, placeholder) {
  const text = textArea(name, { placeholder, testid: `action-${name}` });
  return { body: [field(label, text, { name })], read: () => ({ [name]: text.value.trim() }) };
}

// The reporter on a phone and the community office add photos while the need is worked on; the server decides whose.
const mediaRoles = ['community_staff', 'resident', 'volunteer'];
const mediaStatuses = ['raised', 'accepted', 'in-community', 'escalated', 'in-project'];

function mediaCard(need, view) {
  const media = need.media ?? [];
  const canAdd = mediaRoles.includes(view.user.role) && mediaStatuses.includes(need.status) && media.length < maxNeedMedia;
  if (!media.length && !canAdd) return null;
  return card('照片与附件', [
    media.length ? mediaGallery(media, { testid: 'need-media' }) : h('p', { class: 'muted' }, '还没有照片。现场照片能帮助经办人员了解情况。'),
    canAdd ? filePicker({
      room: maxNeedMedia - media.length, testid: 'need-media',
      upload: (files) => uploadFiles(`/api/needs/needs/${encodeURIComponent(need.id)}/media`, files),
      done: (notice) => reload(view, notice),
    }) : null,
  ], { testid: 'need-media-card' });
}

