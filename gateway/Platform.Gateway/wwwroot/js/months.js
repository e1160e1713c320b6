// Months as the district names them (yyyy-MM, in the district's time zone whatever the browser's), for the pickers
// and the figures that count by month. Pickers list months rather than use a month input, which the browser would
// label in its own language.

const districtOffsetMs = 8 * 3600 * 1000;

/** The district's month of an instant: "2026-11". */
export function districtMonth(date = new Date()) {
  const shifted = new Date(date.getTime() + districtOffsetMs);
  return `${shifted.getUTCFullYear()}-${String(shifted.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The district's current month and the `count - 1` before it, newest first. */
export function recentMonths(count) {
  const [year, month] = districtMonth().split('-').map(Number);
  return Array.from({ length: count }, (_, back) => {
    const index = year * 12 + (month - 1) - back;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** "2026年11月". */
export function monthName(period) {
  const [year, month] = period.split('-');
  return `${year}年${Number(month)}月`;
}
