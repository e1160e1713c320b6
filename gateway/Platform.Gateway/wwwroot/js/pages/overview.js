// 辖区总览: the five lists across the caller's place for one month, what stands now, the year's trend, the streets
// and the communities that need attention first, and how current each service's figures are. It reads one answer of
// the gateway's insights module; every figure links to the list that holds what it counts.

import { api } from '../api.js';
import { card, failure, loading, table } from '../components.js';
import { fill, formatNumber, h, svg } from '../dom.js';
import { districtMonth, monthName, recentMonths } from '../months.js';
import { chosenScope } from '../scope.js';
import { funnelStages } from './needs.js';

const funnelRow = [
  { key: 'needs.raised', label: '提出需求' },
  ...funnelStages.map((stage) => ({ key: `needs.${stage.value}`, label: stage.label, stage: stage.value })),
];

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

export function overviewSection() {
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
      .then((overview) => fill(body, ...render(overview)))
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
  const figure = (key) => figures[key] ?? 0;
  return [
    h('p', { class: 'overview-scope', 'data-testid': 'overview-scope' },
      h('strong', {}, overview.place.name), ` · ${monthName(overview.period)}`),
    freshness(overview.sources),
    h('h3', { class: 'overview-heading' }, '需求清单'),
    h('ul', { class: 'funnel', 'data-testid': 'funnel-needs' }, funnelRow.map((step) =>
      h('li', {}, h('a', {
        class: 'funnel-step', 'data-testid': `funnel-${step.key}`,
        href: link('#/needs', { ...filters, raisedIn: overview.period, stage: step.stage }),
      }, h('b', {}, formatNumber(figure(step.key))), h('span', {}, step.label))))),
    h('h3', { class: 'overview-heading' }, '吹哨报到（当前）'),
    h('ul', { class: 'funnel', 'data-testid': 'funnel-cases' },
      h('li', {}, h('a', { class: 'funnel-step', 'data-testid': 'funnel-cases.open', href: link('#/whistles', filters) },
        h('b', {}, formatNumber(figure('cases.open'))), h('span', {}, '办理中的吹哨'))),
      h('li', {}, h('a', {
        class: `funnel-step${figure('cases.overdue') > 0 ? ' funnel-alarm' : ''}`, 'data-testid': 'funnel-cases.overdue',
        href: link('#/whistles', { ...filters, overdue: 'true' }),
      }, h('b', {}, formatNumber(figure('cases.overdue'))), h('span', {}, '超时的吹哨')))),
    trend(overview.trend),
    places(overview),
  ];
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
