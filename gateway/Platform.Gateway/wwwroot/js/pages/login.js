// Sign-in. Explains every refusal the identity endpoint can give: wrong credentials, a locked account (until
// when), too many attempts (for how long), malformed input, an unreachable server.

import { api, ApiError, NetworkError } from '../api.js';
import { formatClock, h } from '../dom.js';
import { saveTokens } from '../session.js';

/**
 * @param {{ notice?: string, onSignedIn: (session) => void }} options
 */
export function renderLogin({ notice, onSignedIn }) {
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', 'data-testid': 'login-username', required: true, autofocus: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', 'data-testid': 'login-password', required: true });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'login-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-block', 'data-testid': 'login-submit' }, '登录');

  const showError = (text) => {
    error.textContent = text;
    error.hidden = false;
  };

  const form = h('form', { class: 'login-form', novalidate: true, 'aria-labelledby': 'login-title', onsubmit: async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!username.value.trim() || !password.value) {
      showError('请输入用户名和密码。');
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = '正在登录…';
    try {
      const tokens = await api.anonymous('POST', '/api/identity/token', { username: username.value.trim(), password: password.value });
      onSignedIn(saveTokens(tokens));
    } catch (failure) {
      showError(explain(failure));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = '登录';
    }
  } },
    h('h2', { id: 'login-title' }, '用户登录'),
    h('p', { class: 'login-hint' }, '请使用区委组织部分配的平台账户登录'),
    notice ? h('p', { class: 'form-notice', role: 'status', 'data-testid': 'login-notice' }, notice) : null,
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, '用户名'), username),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, '密码'), password),
    error,
    submit);

  return h('div', { class: 'login-page', 'data-testid': 'login-page' },
    h('section', { class: 'login-hero' },
      h('div', { class: 'brand' },
        h('span', { class: 'emblem', 'aria-hidden': 'true' }, '党'),
        h('div', {}, h('h1', {}, '大党委协同平台'), h('p', {}, '区委组织部 · 共驻共建 · 吹哨报到'))),
      h('ul', { class: 'hero-points' },
        h('li', {}, h('strong', {}, '五张清单'), '需求、资源、项目、责任、反馈闭环管理'),
        h('li', {}, h('strong', {}, '吹哨报到'), '街乡吹哨、部门报到，办理时限全程可查'),
        h('li', {}, h('strong', {}, '共驻共建'), '成员单位资源共享、项目认领、积分激励'),
        h('li', {}, h('strong', {}, '全程留痕'), '每一件事的处理经过均可追溯、可核验'))),
    h('section', { class: 'login-panel' }, form,
      h('p', { class: 'login-footer' }, '本平台仅限授权人员使用，操作全程记录')));
}

function explain(failure) {
  if (failure instanceof NetworkError) return failure.message;
  if (!(failure instanceof ApiError)) return '登录失败，请稍后重试。';
  switch (failure.status) {
    case 400:
      return failure.reason ? `登录信息有误：${failure.reason}` : '请检查用户名和密码的格式。';
    case 401:
      return '用户名或密码错误，请重新输入。';
    case 403: {
      const lockedUntil = new Date(failure.problem.lockedUntil ?? '');
      return Number.isNaN(lockedUntil.getTime())
        ? `账户不可用${failure.reason ? `：${failure.reason}` : '，请联系管理员。'}`
        : `账户已锁定，请于 ${formatClock(lockedUntil)} 后重试`;
    }
    case 429:
      return failure.retryAfterSeconds
        ? `登录尝试过于频繁，请于 ${failure.retryAfterSeconds} 秒后重试。`
        : '登录尝试过于频繁，请稍后重试。';
    default:
      return `登录服务暂时不可用（${failure.status}），请稍后重试。`;
  }
}
