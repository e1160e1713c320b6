// The page of a business module whose features have not shipped yet: what it will be for, in the words of the
// role looking at it, instead of an empty table.

import { emptyState, pageHeader } from '../components.js';
import { h } from '../dom.js';
import { describe } from './module-descriptions.js';

export function renderModule({ user, entry }) {
  const description = describe(entry.key, user.role);
  return h('div', { class: 'page', 'data-testid': `module-${entry.key}` },
    pageHeader(entry.label, entry.note ? `${entry.note} · ${description.summary}` : description.summary),
    emptyState('该功能模块将在后续版本上线', description.summary, description.features));
}
