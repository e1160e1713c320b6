// 部门考评: how the departments handled their whistle cases in a month (or all time): the ranking, and bar charts of
// 响应率, 解决率, 满意率 and the weighted score, drawn as inline SVG.

import { api } from '../api.js';
import { card, failure, loading, pageHeader, table } from '../components.js';
import { fill, formatNumber, h, svg } from '../dom.js';
import { organization, streetsOf } from '../organization.js';
import { scopeFilters } from '../scope.js';
import { describe } from './module-descriptions.js';

const metrics = [
  { key: 'responseRate', label: '响应率', hint: '按时签收并联系' },
  { key: 'resolutionRate', label: '解决率', hint: '回访时已解决' },
  { key: 'satisfactionRate', label: '满意率', hint: '回访时满意' },
  { key: 'score', label: '综合得分', hint: '按权重加权' },
];

export function renderScores({ user, entry }) {
  const body = h('div', { class: 'scores-body' }, loading('正在计算考评结果…'));
  const period = h('select', { id: 'score-period', 'data-testid': 'score-period' }, periodOptions());
  const street = h('select', { id: 'score-street', 'data-testid': 'score-street' }, h('option', { value: '' }, '全区'));
  const districtWide = user.role === 'district_admin' || user.role === 'auditor';
  const load = () => loadScores(body, period.value, districtWide ? street.value : '');
  period.addEventListener('change', load);
  street.addEventListener('change', load);
  // The street chosen in the masthead (or a community's street) is the one ranked; the select can widen it again.
  const scopedStreet = scopeFilters().streetId ?? '';
  if (districtWide) {
    organization().then((tree) => {
      street.append(...streetsOf(tree).map((s) => h('option', { value: s.id }, s.name)));
      if (scopedStreet && street.value !== scopedStreet) {
        street.value = scopedStreet;
        load();
      }
    }).catch(() => {});
  }
  load();
  return h('div', { class: 'page', 'data-testid': 'module-scores' },
    pageHeader(entry.label, describe('scores', user.role)?.summary),
    h('div', { class: 'board-toolbar', role: 'group', 'aria-label': '考评范围' },
      h('label', { for: 'score-period' }, '考评期间'), period,
      districtWide ? [h('label', { for: 'score-street' }, '街道'), street] : null),
    body);
}

/** This month first, then the eleven before it, then everything. */
function periodOptions() {
  const now = new Date();
  const options = [];
  for (let back = 0; back < 12; back += 1) {
    const month = new Date(now.getFullYear(), now.getMonth() - back, 1);
    const value = `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`;
    options.push(h('option', { value }, `${month.getFullYear()}年${month.getMonth() + 1}月${back === 0 ? '（本月）' : ''}`));
  }
  options.push(h('option', { value: 'all' }, '全部'));
  return options;
}

async function loadScores(body, period, streetId) {
  fill(body, loading('正在计算考评结果…'));
  const query = new URLSearchParams({ period });
  if (streetId) query.set('streetId', streetId);
  try {
    const answer = await api.get(`/api/needs/scores?${query}`);
    fill(body, ...scoresView(answer));
  } catch (error) {
    fill(body, failure(error));
  }
}

function scoresView(answer) {
  // The server ranks: departments with enough cases by score, then the ones not ranked. Its order is kept.
  const items = answer.items ?? [];
  const weights = answer.weights ?? {};
  const minimum = answer.minimumCasesToRank;
  const weightText = [['响应率', weights.responseRate], ['解决率', weights.resolutionRate], ['满意率', weights.satisfactionRate]]
    .filter(([, weight]) => typeof weight === 'number').map(([label, weight]) => `${label} ${Math.round(weight * 100)}%`).join(' · ');
  const rules = [weightText && `权重：${weightText}`, typeof minimum === 'number' && `派单满 ${minimum} 件参与排名`].filter(Boolean).join('；');
  return [
    card('考评排名', table([
      { label: '排名', value: rankBadge, class: 'col-rank' },
      { label: '部门', value: (row) => row.departmentName ?? row.departmentId },
      { label: '派单', value: (row) => formatNumber(row.dispatched ?? 0), class: 'num' },
      { label: '响应率', value: (row) => counted(row.responseRate, row.signedInTime, row.dispatched), class: 'num' },
      { label: '解决率', value: (row) => counted(row.resolutionRate, row.resolvedAtCallback, row.callbacks), class: 'num' },
      { label: '满意率', value: (row) => counted(row.satisfactionRate, row.satisfied, row.callbacks), class: 'num' },
      { label: '按时反馈率', value: (row) => counted(row.onTimeRate, row.reportedInTime, row.reported), class: 'num' },
      { label: '平均签收', value: (row) => (typeof row.averageSignMinutes === 'number' ? `${row.averageSignMinutes.toFixed(0)} 分钟` : '—'), class: 'num' },
      { label: '平均办理', value: (row) => (typeof row.averageHandleHours === 'number' ? `${row.averageHandleHours.toFixed(1)} 小时` : '—'), class: 'num' },
      { label: '综合得分', value: (row) => h('strong', {}, score(row.score)), class: 'num' },
    ], items, { testid: 'score-table', empty: '本期没有派给部门的吹哨案件' }),
    { testid: 'score-ranking', extra: rules ? h('span', { class: 'muted', 'data-testid': 'score-weights' }, rules) : null }),
    items.length
      ? h('div', { class: 'chart-grid' }, metrics.map((metric) => card(`${metric.label}`,
        barChart(metric, items), { testid: `score-chart-${metric.key}`, extra: h('span', { class: 'muted' }, metric.hint) })))
      : null,
  ];
}

/** A place for a ranked department; a department with too few cases, or none scored yet, says it is not ranked. */
function rankBadge(row) {
  if (typeof row.rank !== 'number') {
    return h('span', { class: 'rank rank-none', 'data-testid': 'rank', title: '本期派单不足或尚无可计分的案件' }, '不排名');
  }
  return h('span', { class: ['rank', row.rank <= 3 && `rank-${row.rank}`], 'data-testid': 'rank' }, String(row.rank));
}

/** A rate with the counts behind it, so 100% of one case reads differently from 95% of forty. */
function counted(rate, part, whole) {
  const text = percent(rate);
  return typeof whole === 'number' && whole > 0 && typeof part === 'number' ? `${text} (${part}/${whole})` : text;
}

/** Rates come as fractions (0–1); a server sending percentages (0–100) is shown as it is. */
function fraction(value) {
  if (typeof value !== 'number' || Number.isNaN(value)) return null;
  return value > 1 ? value / 100 : value;
}

function percent(value) {
  const share = fraction(value);
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** The weighted score is out of 100. */
function score(value) {
  return typeof value === 'number' ? value.toFixed(1) : '—';
}

/** A horizontal bar per department, longest on top; the value is written at the end of each bar. */
function barChart(metric, items) {
  const rows = items
    .map((item) => ({
      name: item.departmentName ?? item.departmentId,
      share: metric.key === 'score' ? (typeof item.score === 'number' ? item.score / 100 : null) : fraction(item[metric.key]),
      raw: item[metric.key],
    }))
    .sort((a, b) => (b.share ?? -1) - (a.share ?? -1));
  const labelWidth = 170;
  const barArea = 360;
  const rowHeight = 28;
  const width = labelWidth + barArea + 70;
  const height = rows.length * rowHeight + 8;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'bar-chart', role: 'img', 'aria-label': `${metric.label}（按部门）`,
    'data-testid': `bar-chart-${metric.key}`, preserveAspectRatio: 'xMinYMin meet',
  });
  chart.append(svg('line', { x1: labelWidth, y1: 0, x2: labelWidth, y2: height, class: 'chart-axis' }));
  rows.forEach((row, index) => {
    const y = index * rowHeight + 4;
    const label = row.name.length > 11 ? `${row.name.slice(0, 10)}…` : row.name;
    const name = svg('text', { x: labelWidth - 8, y: y + 15, 'text-anchor': 'end', class: 'chart-label' }, label);
    name.append(svg('title', {}, row.name));
    const length = Math.max(row.share ?? 0, 0) * barArea;
    const tone = row.share === null ? 'none' : row.share >= 0.9 ? 'good' : row.share >= 0.6 ? 'fair' : 'poor';
    const bar = svg('rect', { x: labelWidth, y, width: length.toFixed(1), height: 20, rx: 3, class: `bar bar-${tone}`, 'data-testid': 'bar' });
    bar.append(svg('title', {}, `${row.name}：${metric.key === 'score' ? score(row.raw) : percent(row.raw)}`));
    const value = svg('text', { x: labelWidth + length + 6, y: y + 15, class: 'chart-value' }, metric.key === 'score' ? score(row.raw) : percent(row.raw));
    chart.append(name, bar, value);
  });
  return h('div', { class: 'chart' }, chart);
}
