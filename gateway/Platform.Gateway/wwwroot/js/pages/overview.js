// 辖区总览: the five lists across the caller's place for one month, what stands now, the year's trend, the streets
// and the communities that need attention first, and how current each service's figures are. It reads one answer of
// the gateway's insights module; every figure links to the list that holds what it counts.

import { api } from '../api.js';
import { card, failure, loading, table } from '../components.js';
import { fill, formatNumber, h, svg } from '../dom.js';
import { districtMonth, monthName, recentMonths } from '../months.js';
import { chosenScope } from '../scope.js';
import { funnelStages } from './needs.js';
import { openPrintable, saveDownload } from './needs-shared.js';

/** The desks that read the district view: of their own place, on the workbench and on the org tree. */
export const overviewRoles = new Set(['district_admin', 'street_staff', 'community_staff', 'auditor']);

/** This month's figures of the caller's place, by the id of the district, each street and each community in it. */
export async function figuresByPlace() {
  const overview = await api.get(`/api/insights/overview?period=${districtMonth()}`);
  const byId = new Map([...overview.streets, ...overview.communities].map((row) => [row.id, row.figures]));
  byId.set(overview.place.id, overview.figures);
  return byId;
}

const funnelRow = [
  { key: 'needs.raised', label: '提出需求' },
  ...funnelStages.map((stage) => ({ key: `needs.${stage.value}`, label: stage.label, stage: stage.value })),
];

/** Who files the monthly report upward: the district office and a street's, and the auditor who checks it. */
const reportRoles = new Set(['district_admin', 'street_staff', 'auditor']);

/** The month's report of the street or district shown, as a printable page and as an Excel file. */
function reportActions(user, overview) {
  if (!reportRoles.has(user?.role) || overview.place.kind === 'community') return null;
  const message = h('p', { class: 'flash flash-error', role: 'alert', hidden: true });
  const query = new URLSearchParams({ period: overview.period, place: overview.place.id });
  const fileName = `${overview.place.name}${monthName(overview.period)}大党委协同工作月报.xlsx`;
  return h('div', { class: 'overview-report', role: 'group', 'aria-label': '月度工作报表' },
    h('span', {}, `${monthName(overview.period)}工作月报：`),
    h('button', { type: 'button', class: 'button button-small', 'data-testid': 'report-html',
      onclick: () => openPrintable(`/api/insights/report.html?${query}`, message) }, '打印版（新标签页）'),
    h('button', { type: 'button', class: 'button button-small', 'data-testid': 'report-xlsx',
      onclick: () => saveDownload(`/api/insights/report.xlsx?${query}`, fileName, message) }, '下载 Excel'),
    message);
}

/** Who reads the departments' scores (the Needs service decides; the console only leaves the card out for others). */
const scoreRoles = new Set(['district_admin', 'street_staff', 'auditor']);

/** 部门考评 of the month for the district or the street shown: the ranking as the Needs service scores it. */
function departmentScores(user, overview) {
  if (!scoreRoles.has(user?.role) || overview.place.kind === 'community') return null;
  const slot = h('div', {}, loading('正在计算部门考评…'));
  const search = new URLSearchParams({ period: overview.period, ...(overview.place.kind === 'street' ? { streetId: overview.place.id } : {}) });
  api.get(`/api/needs/scores?${search}`).then((answer) => {
    const rate = (value) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '—');
    fill(slot, table([
      { label: '排名', value: (row) => (typeof row.rank === 'number' ? String(row.rank) : '不排名') },
      { label: '部门', value: (row) => row.departmentName },
      { label: '派单', class: 'numeric', value: (row) => formatNumber(row.dispatched ?? 0) },
      { label: '响应率', class: 'numeric', value: (row) => rate(row.responseRate) },
      { label: '解决率', class: 'numeric', value: (row) => rate(row.resolutionRate) },
      { label: '满意率', class: 'numeric', value: (row) => rate(row.satisfactionRate) },
      { label: '综合得分', class: 'numeric', value: (row) => (typeof row.score === 'number' ? row.score.toFixed(1) : '—') },
    ], (answer.items ?? []).slice(0, 8), { testid: 'overview-scores', empty: '本月没有派给部门的吹哨案件。' }),
    h('p', { class: 'overview-more' }, h('a', { href: '#/scores' }, '全部部门的考评与图表')));
  }).catch((error) => fill(slot, failure(error)));
  return h('div', { class: 'overview-places' }, h('h3', { class: 'overview-heading' }, `部门考评（${monthName(overview.period)}）`), slot);
}

/** The list a place's figure opens: the needs or cases of that street or community. */
function placeFilter(place) {
  if (place.kind === 'street') return { streetId: place.id };
  if (place.kind === 'community') return place.streetId ? { streetId: place.streetId, communityId: place.id } : { communityId: place.id };
  return {};
}

function link(path, filters) {
  const search = new URLSearchParams(Object.entries(filters).filter(([, value]) => value));
  return `${path}${search.size ? `?${search}` : ''}`;
}

export function overviewSection(user) {
  const body = h('div', { class: 'overview' }, loading('正在汇总辖区数据…'));
  const month = h('select', { name: 'period', 'data-testid': 'overview-period', 'aria-label': '统计月份' },
    recentMonths(36).map((period) => h('option', { value: period }, monthName(period))));
  const section = card('辖区总览', body, {
    testid: 'overview',
    extra: h('label', { class: 'overview-month' }, h('span', {}, '月份'), month),
  });
  const load = () => {
    fill(body, loading('正在汇总辖区数据…'));
    // The place chosen in the masthead, as every list the figures open is narrowed to it.
    const search = new URLSearchParams({ period: month.value || districtMonth(), ...(chosenScope() ? { place: chosenScope().id } : {}) });
    api.get(`/api/insights/overview?${search}`)
      .then((overview) => fill(body, reportActions(user, overview), ...render(overview), departmentScores(user, overview)))
      .catch((error) => fill(body, failure(error)));
  };
  month.addEventListener('change', load);
  load();
  return section;
}

function render(overview) {
  const place = { ...overview.place, streetId: overview.communities[0]?.streetId };
  const filters = placeFilter(place);
  const figures = overview.figures ?? {};
  const month = overview.period;
  const reports = (source) => overview.sources?.some((reported) => reported.source === source);
  return [
    h('p', { class: 'overview-scope', 'data-testid': 'overview-scope' },
      h('strong', {}, overview.place.name), ` · ${monthName(month)}`),
    freshness(overview.sources),
    tiles('需求清单', 'funnel-needs', figures, funnelRow.map((step) => ({
      ...step, href: link('#/needs', { ...filters, raisedIn: month, stage: step.stage }),
    }))),
    tiles('吹哨报到（当前）', 'funnel-cases', figures, [
      { key: 'cases.open', label: '办理中的吹哨', href: link('#/whistles', filters) },
      { key: 'cases.overdue', label: '超时的吹哨', href: link('#/whistles', { ...filters, overdue: 'true' }), alarm: true },
    ]),
    reports('resources') ? tiles('资源清单', 'funnel-resources', figures, [
      { key: 'units.active', label: '服务本辖区的共建单位', href: link('#/resources', { tab: 'units', status: 'active' }) },
      { key: 'agreements.active', label: '履行中的共建协议', href: '#/resources?tab=agreements' },
      { key: 'agreements.behind', label: '履约进度落后', href: '#/resources?tab=agreements', alarm: true },
      { key: 'agreements.expiring', label: '30 天内到期', href: link('#/resources', { tab: 'agreements', expiringSoon: 'true' }) },
      { key: 'offers.published', label: '可预约的资源', href: '#/resources?tab=offers' },
      { key: 'bookings.held', label: '本月预约', href: link('#/resources', { tab: 'bookings', bookedIn: month }) },
      { key: 'contributions.confirmed', label: '本月确认的贡献', href: '#/resources?tab=contributions' },
    ]) : null,
    reports('projects') ? tiles('项目清单', 'funnel-projects', figures, [
      { key: 'projects.decided', label: '本月决定的项目', href: link('#/projects', { decidedIn: month }) },
      { key: 'projects.active', label: '进行中', href: '#/projects' },
      { key: 'projects.claimed', label: '共建单位认领', href: '#/projects' },
      { key: 'projects.completed', label: '已完成', href: link('#/projects', { status: 'completed' }) },
      { key: 'projects.overdue', label: '有任务逾期', href: link('#/projects', { overdue: 'true' }), alarm: true },
    ]) : null,
    reports('projects') ? tiles('责任清单（当前）', 'funnel-tasks', figures, [
      { key: 'tasks.done', label: '已完成的任务', href: '#/projects' },
      { key: 'tasks.on_time', label: '按期推进', href: '#/projects' },
      { key: 'tasks.late', label: '逾期未完成', href: link('#/projects', { overdue: 'true' }), alarm: true },
    ]) : null,
    reports('projects') ? tiles('反馈清单', 'funnel-meetings', figures, [
      { key: 'meetings.planned', label: '本月安排的联席会议', href: link('#/projects', { tab: 'meetings' }) },
      { key: 'meetings.held', label: '已召开', href: link('#/projects', { tab: 'meetings' }) },
      { key: 'meetings.decisions', label: '作出决定', href: link('#/projects', { tab: 'feedback' }) },
      { key: 'meetings.reviews', label: '评议上次决定', href: link('#/projects', { tab: 'feedback' }) },
    ]) : null,
    reports('volunteers') ? tiles('双报到与志愿服务', 'funnel-volunteers', figures, [
      { key: 'volunteers.service_minutes', label: '本月服务时长（小时）', href: link('#/volunteers', { tab: 'activities' }), hours: true },
      { key: 'members.in_service', label: '报到的在职党员', href: link('#/volunteers', { tab: 'volunteers' }) },
      { key: 'members.retired', label: '离退休党员', href: link('#/volunteers', { tab: 'volunteers' }) },
      { key: 'units.reported', label: '报到的单位', href: link('#/volunteers', { tab: 'volunteers' }) },
      { key: 'units.confirmed', label: '已确认的单位', href: link('#/volunteers', { tab: 'volunteers' }) },
    ]) : null,
    reports('volunteers') ? tiles('三色管理（当前）', 'funnel-households', figures, [
      { key: 'households.red', label: '红户', href: link('#/volunteers', { tab: 'households' }) },
      { key: 'households.yellow', label: '黄户', href: link('#/volunteers', { tab: 'households' }) },
      { key: 'households.green', label: '绿户', href: link('#/volunteers', { tab: 'households' }) },
      { key: 'households.overdue', label: '逾期未走访', href: link('#/volunteers', { tab: 'households' }), alarm: true },
    ]) : null,
    trend(overview.trend),
    places(overview),
  ];
}

/** A row of figures under a heading, each opening the list it counts. */
function tiles(title, testid, figures, steps) {
  return h('div', { class: 'overview-list' },
    h('h3', { class: 'overview-heading' }, title),
    h('ul', { class: 'funnel', 'data-testid': testid }, steps.map((step) => {
      const value = figures[step.key] ?? 0;
      // Hours are reported as whole minutes and read as hours to one decimal.
      const shown = step.hours ? (value / 60).toLocaleString('zh-CN', { maximumFractionDigits: 1 }) : formatNumber(value);
      return h('li', {}, h('a', {
        class: `funnel-step${step.alarm && value > 0 ? ' funnel-alarm' : ''}`, 'data-testid': `funnel-${step.key}`, href: step.href,
      }, h('b', {}, shown), h('span', {}, step.label)));
    })));
}

function freshness(sources) {
  if (!sources?.length) {
    return h('p', { class: 'overview-freshness warn', 'data-testid': 'overview-freshness' }, '尚未收到各业务服务的统计：下列数字暂不可信。');
  }
  return h('p', { class: 'overview-freshness', 'data-testid': 'overview-freshness' }, sources.map((source) => h('span', {
    class: source.late ? 'freshness-late' : 'freshness-current', 'data-testid': `freshness-${source.source}`,
  }, `${source.name}：数据截至 ${new Date(source.currentAsOf).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}${source.late ? '（更新延迟，数字可能偏少）' : ''}`)));
}

/** Needs raised and resolved month by month, drawn as SVG bars (the console's security policy forbids inline styles). */
function trend(months) {
  if (!months?.length) return null;
  const raised = months.map((month) => month.figures['needs.raised'] ?? 0);
  const resolved = months.map((month) => month.figures['needs.resolved'] ?? 0);
  const top = Math.max(1, ...raised, ...resolved);
  const columnWidth = 54;
  const chartHeight = 140;
  const width = months.length * columnWidth + 10;
  const height = chartHeight + 44;
  const summary = months.map((month, index) => `${monthName(month.period)}提出 ${raised[index]} 条、办结 ${resolved[index]} 条`).join('；');
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'bar-chart trend-chart', role: 'img', 'aria-label': `近十二个月需求走势：${summary}`,
    'data-testid': 'overview-trend', preserveAspectRatio: 'xMinYMin meet',
  });
  chart.append(svg('line', { x1: 0, y1: chartHeight + 0.5, x2: width, y2: chartHeight + 0.5, class: 'chart-axis' }));
  months.forEach((month, index) => {
    const x = index * columnWidth + 8;
    const raisedHeight = (raised[index] / top) * (chartHeight - 18);
    const resolvedHeight = (resolved[index] / top) * (chartHeight - 18);
    const raisedBar = svg('rect', { x, y: chartHeight - raisedHeight, width: 18, height: raisedHeight.toFixed(1), class: 'bar trend-raised' });
    raisedBar.append(svg('title', {}, `${monthName(month.period)}提出 ${raised[index]} 条`));
    const resolvedBar = svg('rect', { x: x + 20, y: chartHeight - resolvedHeight, width: 18, height: resolvedHeight.toFixed(1), class: 'bar bar-good' });
    resolvedBar.append(svg('title', {}, `${monthName(month.period)}办结 ${resolved[index]} 条`));
    chart.append(raisedBar, resolvedBar,
      svg('text', { x: x + 19, y: chartHeight - Math.max(raisedHeight, resolvedHeight) - 4, 'text-anchor': 'middle', class: 'chart-value' }, String(raised[index])),
      svg('text', { x: x + 19, y: chartHeight + 16, 'text-anchor': 'middle', class: 'chart-label' }, `${Number(month.period.slice(5))}月`),
      index === 0 || month.period.endsWith('-01')
        ? svg('text', { x: x + 19, y: chartHeight + 32, 'text-anchor': 'middle', class: 'chart-label' }, month.period.slice(0, 4))
        : svg('g'));
  });
  return h('div', { class: 'overview-trend' },
    h('h3', { class: 'overview-heading' }, '近十二个月走势'),
    h('p', { class: 'chart-legend' }, h('span', { class: 'legend-raised' }, '提出需求'), h('span', { class: 'legend-resolved' }, '已办结')),
    h('div', { class: 'chart' }, chart));
}

const placeColumns = (linkOf) => [
  { label: '名称', value: (row) => h('a', { href: linkOf(row) }, row.name) },
  { label: '提出需求', class: 'numeric', value: (row) => formatNumber(row.figures['needs.raised'] ?? 0) },
  { label: '已受理', class: 'numeric', value: (row) => formatNumber(row.figures['needs.accepted'] ?? 0) },
  { label: '已吹哨', class: 'numeric', value: (row) => formatNumber(row.figures['needs.whistled'] ?? 0) },
  { label: '已办结', class: 'numeric', value: (row) => formatNumber(row.figures['needs.resolved'] ?? 0) },
  { label: '办理中的吹哨', class: 'numeric', value: (row) => formatNumber(row.figures['cases.open'] ?? 0) },
  { label: '超时的吹哨', class: 'numeric', value: (row) => formatNumber(row.figures['cases.overdue'] ?? 0) },
  { label: '逾期任务', class: 'numeric', value: (row) => formatNumber(row.figures['tasks.late'] ?? 0) },
  { label: '逾期未走访', class: 'numeric', value: (row) => formatNumber(row.figures['households.overdue'] ?? 0) },
  { label: '需关注', value: (row) => (row.attention.length ? h('span', { class: 'attention' }, row.attention.join('；')) : '—') },
];

function places(overview) {
  const parts = [];
  const needsList = (row) => link('#/needs', { ...placeFilter(row), raisedIn: overview.period });
  if (overview.place.kind === 'district') {
    parts.push(h('h3', { class: 'overview-heading' }, '各街道'),
      table(placeColumns(needsList), overview.streets, { testid: 'overview-streets' }));
  }
  if (overview.place.kind !== 'community') {
    const attention = overview.communities.filter((row) => row.attention.length > 0);
    const shown = overview.place.kind === 'district' ? attention.slice(0, 10) : overview.communities;
    parts.push(h('h3', { class: 'overview-heading' }, overview.place.kind === 'district' ? `需关注的社区（${attention.length} 个）` : '各社区（需关注的在前）'),
      table(placeColumns(needsList), shown, { testid: 'overview-communities', empty: '没有需要关注的社区。' }));
  }
  return parts.length ? h('div', { class: 'overview-places' }, ...parts) : null;
}
