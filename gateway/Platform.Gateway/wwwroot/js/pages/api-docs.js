// 接口文档: the OpenAPI document of each domain service, as the gateway serves it, in one readable page.

import { ApiError, api } from '../api.js';
import { loading, pageHeader, table } from '../components.js';
import { fill, h } from '../dom.js';
import { services } from '../services.js';

const methods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

export function renderApiDocs() {
  return h('div', { class: 'page', 'data-testid': 'api-docs' },
    pageHeader('接口文档', '各业务服务经网关对外提供的接口（OpenAPI 3），供对接单位与开发人员查阅'),
    h('nav', { class: 'doc-index', 'aria-label': '服务目录' }, h('ul', {}, services.map((service) =>
      h('li', {}, h('a', { href: `#/api-docs`, onclick: (event) => jumpTo(event, service.name) }, service.title))))),
    services.map(serviceSection));
}

function jumpTo(event, name) {
  event.preventDefault();
  document.getElementById(`doc-${name}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function serviceSection(service) {
  const raw = `/api/${service.name}/openapi/v1.json`;
  const body = h('div', {}, loading('正在读取接口文档…'));
  const version = h('span', { class: 'doc-version' });
  api.anonymous('GET', raw)
    .then((document) => {
      version.textContent = [document.info?.title, document.info?.version && `v${document.info.version}`, document.openapi && `OpenAPI ${document.openapi}`]
        .filter(Boolean).join(' · ');
      fill(body, operationsTable(document, `/api/${service.name}`));
    })
    .catch((error) => fill(body, h('p', { class: 'form-error', role: 'alert' },
      error instanceof ApiError ? `接口文档暂时无法读取（${error.status}）。` : error.message)));

  return h('section', { class: 'card doc', id: `doc-${service.name}`, 'data-testid': `api-doc-${service.name}` },
    h('header', { class: 'card-header' },
      h('div', {}, h('h3', {}, service.title, h('code', {}, `/api/${service.name}`)), h('p', { class: 'muted' }, service.covers, ' ', version)),
      h('a', { class: 'button button-ghost', href: raw, target: '_blank', rel: 'noopener', 'data-testid': `api-doc-raw-${service.name}` }, '查看原始 JSON')),
    h('div', { class: 'card-body flush' }, body));
}

function operationsTable(document, prefix) {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    methods.filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] })));
  return table([
    { label: '方法', value: (row) => h('span', { class: `method method-${row.method}` }, row.method.toUpperCase()), class: 'col-method' },
    { label: '路径（经网关）', value: (row) => h('code', {}, h('span', { class: 'path-prefix' }, prefix), row.path), class: 'col-path' },
    { label: '说明', value: (row) => row.operation.summary || row.operation.description || row.operation.operationId || '—' },
  ], operations, { empty: '该服务暂未公开接口' });
}
