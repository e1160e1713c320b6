// One offer: what it is, its weekly openings and blackout dates, and its calendar for the next four weeks, from which
// a community books an opening. The calendar is the server's, computed by the same rules that decide a booking, so
// a free opening here is one a booking will get unless someone takes it first.

import { api } from '../api.js';
import { card, failure, loading, pageHeader, table } from '../components.js';
import { fill, h } from '../dom.js';
import { explainFailure, facts, field, flash, openDialog, textBox } from './needs-shared.js';
import { creator, localToday, releaseDialog } from './resources.js';

/** Who books: a community for itself, a street or the district for one of its communities. */
const bookers = new Set(['district_admin', 'street_staff', 'community_staff']);

export function renderOffer({ user, params }) {
  const offerId = params.offerId;
  const page = h('div', { class: 'page', 'data-testid': 'offer-page' }, loading('正在加载资源…'));
  // One message slot for the page's life: a reload after booking redraws everything else, and the notice stays.
  const message = h('div', {});
  load(page, user, offerId, message);
  return page;
}

async function load(page, user, offerId, message) {
  try {
    const from = localToday();
    const [offer, calendar, bookings] = await Promise.all([
      api.get(`/api/resources/offers/${encodeURIComponent(offerId)}`),
      api.get(`/api/resources/offers/${encodeURIComponent(offerId)}/calendar?days=28`),
      api.get(`/api/resources/bookings?offerId=${encodeURIComponent(offerId)}&status=held&from=${from}&pageSize=50`),
    ]);
    const summary = offer.summary;
    const reload = () => load(page, user, offerId, message);
    fill(page,
      pageHeader(summary.title, `${summary.unitName} · ${summary.kindName} · ${summary.categoryName}`,
        h('a', { class: 'button', href: '#/resources?tab=offers' }, '返回资源列表')),
      message,
      card('资源概况', facts([
        ['容量', summary.capacityReads],
        ['状态', summary.statusName],
        ['可用期', `${summary.availableFrom} 至 ${summary.availableUntil}`],
        ['每周开放', offer.windows.length ? offer.windows.map((window) => window.reads).join('；') : '可用期内每天'],
        ['停用日期', offer.blackouts.length ? offer.blackouts.join('、') : '无'],
        ['面向社区', summary.communities.map((place) => place.name).join('、')],
        ['说明', offer.description || '—'],
      ], 'offer-facts'), { testid: 'offer-summary' }),
      card('未来四周可预约情况', calendarGrid(calendar, summary, user, message, reload), { testid: 'offer-calendar' }),
      card('今天及以后的预约', table([
        { label: '日期与时段', value: (booking) => booking.reads, class: 'nowrap' },
        { label: '预约社区', value: (booking) => booking.communityName },
        { label: '用途', value: (booking) => booking.purpose },
        { label: '操作', value: (booking) => (user.role === 'auditor' ? '—'
          : h('button', { type: 'button', class: 'button button-small', onclick: () => releaseDialog(booking, reload, message) }, '释放')) },
      ], bookings.items ?? [], { testid: 'offer-bookings', empty: '暂无预约' }), { testid: 'offer-booking-list' }));
  } catch (error) {
    fill(page, failure(error));
  }
}

function calendarGrid(calendar, summary, user, message, reload) {
  const mayBook = bookers.has(user.role) && summary.status === 'published';
  return h('ol', { class: 'calendar', 'data-testid': 'calendar-days' }, calendar.days.map((day) => h('li', {
    class: ['calendar-day', day.closed && 'calendar-closed'], 'data-testid': `day-${day.date}`,
  },
    h('span', { class: 'calendar-date' }, `${day.date.slice(5)} ${day.weekday}`),
    day.closed
      ? h('span', { class: 'muted' }, '不开放')
      : day.openings.map((opening) => {
        const span = opening.from ? `${opening.from.slice(0, 5)}–${opening.to.slice(0, 5)}` : '全天';
        const free = Number(opening.free);
        return h('span', { class: ['opening', free > 0 ? 'opening-free' : 'opening-full'] },
          h('span', {}, span),
          h('span', { class: 'opening-count' }, free > 0 ? `余 ${free}` : '已约满'),
          mayBook && free > 0
            ? h('button', { type: 'button', class: 'button button-small button-primary', 'data-testid': `book-${day.date}-${span}`,
              onclick: () => bookDialog(calendar, summary, day, opening, user, message, reload) }, '预约')
            : null);
      }))));
}

function bookDialog(calendar, summary, day, opening, user, message, reload) {
  const communities = summary.communities.filter((place) => user.role !== 'community_staff' || place.id === user.scope?.id);
  const community = h('select', { name: 'communityId', 'data-testid': 'booking-community' },
    communities.map((place) => h('option', { value: place.id }, place.name)));
  const quantity = textBox('quantity', { type: 'number', value: Math.min(1, Number(opening.free)) || 1, testid: 'booking-quantity' });
  const purpose = textBox('purpose', { placeholder: '例如：主题党日活动', testid: 'booking-purpose' });
  const span = opening.from ? ` ${opening.from.slice(0, 5)}–${opening.to.slice(0, 5)}` : '';
  const book = creator('/api/resources/bookings');
  openDialog({
    title: `预约 ${calendar.title}`, testid: 'booking-dialog', submitLabel: '预约',
    body: [
      h('p', {}, `${day.date}（${day.weekday}）${span}，剩余 ${opening.free}`),
      field('为哪个社区', community, { name: 'communityId' }),
      field('数量', quantity, { name: 'quantity' }),
      field('用途', purpose, { name: 'purpose' }),
    ],
    onSubmit: async () => {
      try {
        await book({
          offerId: calendar.offerId, communityId: community.value, date: day.date, from: opening.from, to: opening.to,
          quantity: Number(quantity.value), purpose: purpose.value,
        });
        flash(message, `已预约 ${day.date}${span}。`);
        reload();
      } catch (error) {
        if (error?.status === 422) {
          flash(message, explainFailure(error), 'error');
          reload();
          return;
        }
        throw error;
      }
    },
  });
}
