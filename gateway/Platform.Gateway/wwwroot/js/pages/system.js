// 系统状态: whether each service is up and routed, for the platform administrator. It is an operator's page, kept off
// everyone's workbench: a community worker's landing page is their work, not the servers.

import { card, pageHeader } from '../components.js';
import { h } from '../dom.js';
import { readiness, services } from '../services.js';

export function renderSystem() {
  return h('div', { class: 'page', 'data-testid': 'system' },
    pageHeader('系统状态', '各业务服务是否就绪、网关是否向其转发请求；每次打开本页时重新检测'),
    healthStrip());
}

function healthStrip() {
  const items = services.map((service) => {
    const state = h('span', { class: 'health-state checking', 'data-testid': `health-${service.name}-state` }, '检测中…');
    readiness(service).then((result) => {
      const shown = result.state === 'ok' && !service.shipped ? 'pending' : result.state;
      state.className = `health-state ${shown}`;
      state.textContent = { ok: '运行正常', pending: '建设中，后续版本上线', down: `异常（${result.status}）`, unreachable: '无法连接' }[shown];
    });
    return h('li', { class: 'health-item', 'data-testid': `health-${service.name}` },
      h('strong', {}, service.title), h('span', { class: 'health-covers' }, service.covers), state);
  });
  return card('服务运行状态', h('ul', { class: 'health-strip' }, items), { testid: 'health-strip' });
}
