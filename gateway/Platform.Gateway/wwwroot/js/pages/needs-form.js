// 登记需求: a need as a community, street or district office takes it down (with the reporter's name and phone),
// or as a resident submits it (the reporter is the resident). What the server finds wrong is shown beside the field.

import { api, NetworkError, newIdempotencyKey } from '../api.js';
import { card, failure, loading, pageHeader, refusal } from '../components.js';
import { fill, h } from '../dom.js';
import { organization, streetsOf } from '../organization.js';
import { needRegistrars } from './needs.js';
import {
  catalogue, field, maxNeedMedia, mediaTypes, noticeForNextPage, selectBox, showFailure, textArea, textBox, uploadFiles,
} from './needs-shared.js';

const defaultChannels = { resident: 'resident', community_staff: 'staff', street_staff: 'staff', district_admin: 'staff' };

export function renderNeedForm({ user }) {
  if (!needRegistrars.has(user.role)) return refusal(`您的角色（${user.roleName}）不能登记需求。`);
  const body = h('div', {}, loading('正在准备登记表…'));
  const resident = selfReported(user);
  const page = h('div', { class: 'page', 'data-testid': 'need-form-page' },
    h('p', { class: 'back-link' }, h('a', { href: '#/needs' }, resident ? '‹ 返回我的诉求' : '‹ 返回需求清单')),
    pageHeader(resident ? '提交诉求' : '登记需求', resident ? '请说明遇到的问题和地点，社区将尽快受理。' : '记录居民、网格员或热线反映的需求，登记后进入待受理。'),
    card(null, body, { testid: 'need-form-card' }));
  Promise.all([catalogue(), organization().catch(() => null)])
    .then(([loaded, tree]) => fill(body, needForm(loaded, tree, user)))
    .catch((error) => fill(body, failure(error)));
  return page;
}

function selfReported(user) {
  return user.role === 'resident' || user.role === 'volunteer';
}

function needForm(loaded, tree, user) {
  const resident = selfReported(user);
  const streets = streetsOf(tree);
  const title = textBox('title', { maxlength: 100, testid: 'need-title' });
  const description = textArea('description', { rows: 4, testid: 'need-description' });
  const category = selectBox('category', loaded.categories ?? [], { placeholder: '请选择类别', testid: 'need-category' });
  const urgency = selectBox('urgency', loaded.urgencies ?? [], { value: 'normal', testid: 'need-urgency' });
  // Staff record what reached them; the resident and external-platform channels belong to those callers alone.
  const staffChannels = (loaded.channels ?? []).filter((option) => !['resident', 'open311', 'project'].includes(option.value ?? option.code));
  const channel = selectBox('channel', staffChannels, { value: defaultChannels[user.role] ?? '', placeholder: '请选择来源', testid: 'need-channel' });
  const street = selectBox('streetId', streets.map((s) => ({ value: s.id, label: s.name })), { placeholder: '请选择街道', testid: 'need-street' });
  const community = selectBox('communityId', [], { testid: 'need-community' });
  const grid = selectBox('gridId', [], { testid: 'need-grid' });
  const address = textBox('address', { maxlength: 200, placeholder: '如：3号楼2单元门口', testid: 'need-address' });
  // A resident reports for themselves: their own name is filled in, their phone is asked for so the community can call back.
  const reporterName = textBox('reporterName', { maxlength: 50, testid: 'need-reporter-name', value: resident ? user.displayName : undefined });
  // A resident reports as the account they signed in with; the server takes the name from it.
  if (resident) reporterName.readOnly = true;
  // One key per need being registered: a retry after a dropped connection answers with the need already created.
  let idempotencyKey = newIdempotencyKey();
  const reporterPhone = textBox('reporterPhone', { type: 'tel', maxlength: 20, testid: 'need-reporter-phone' });

  const communitiesOf = () => streets.find((s) => s.id === street.value)?.communities ?? [];
  const fillGrids = () => {
    const grids = communitiesOf().find((c) => c.id === community.value)?.grids ?? [];
    fill(grid, h('option', { value: '' }, grids.length ? '（不限网格）' : '（无网格）'), grids.map((g) => h('option', { value: g.id }, g.name)));
  };
  const fillCommunities = () => {
    const communities = communitiesOf();
    fill(community, h('option', { value: '' }, '请选择社区'), communities.map((c) => h('option', { value: c.id }, c.name)));
    // A community office (or its resident) has one community to choose from: it is chosen already.
    if (communities.length === 1) community.value = communities[0].id;
    fillGrids();
  };
  street.addEventListener('change', fillCommunities);
  community.addEventListener('change', fillGrids);
  if (streets.length === 1) street.value = streets[0].id;
  fillCommunities();

  const photos = h('input', { type: 'file', accept: mediaTypes, multiple: true, class: 'file-input', 'data-testid': 'need-photos' });
  const summary = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'need-form-error' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'need-submit' }, resident ? '提交诉求' : '登记');

  const form = h('form', { class: 'form-grid', novalidate: true, 'data-testid': 'need-form', onsubmit: async (event) => {
    event.preventDefault();
    summary.hidden = true;
    submit.disabled = true;
    const request = {
      title: title.value.trim(),
      description: description.value.trim(),
      category: category.value,
      urgency: urgency.value,
      channel: channel.value || null,
      place: {
        streetId: street.value || null,
        communityId: community.value || null,
        gridId: grid.value || null,
        buildingId: null,
        address: address.value.trim() || null,
      },
      reporter: { name: reporterName.value.trim(), phone: reporterPhone.value.trim() },
    };
    try {
      // The server is the one judge of what a need must contain; an empty form gets its answer field by field.
      const created = await api.post('/api/needs/needs', request, { 'Idempotency-Key': idempotencyKey });
      const chosen = [...photos.files].slice(0, maxNeedMedia);
      if (chosen.length) {
        submit.textContent = '正在上传照片…';
        const failed = await uploadFiles(`/api/needs/needs/${encodeURIComponent(created.id)}/media`, chosen);
        noticeForNextPage(failed.length
          ? { text: `需求已登记，但有照片没有保存：${failed.join('；')}`, tone: 'error' }
          : { text: `需求已登记，附 ${chosen.length} 个照片或文件。`, tone: 'ok' });
      }
      window.location.hash = `#/needs/${encodeURIComponent(created.id)}`;
    } catch (error) {
      // The server answered, so the form will be corrected and sent as a new request; after a network failure it may
      // have arrived, and the same key makes sending it again safe.
      if (!(error instanceof NetworkError)) idempotencyKey = newIdempotencyKey();
      showFailure(form, summary, error);
    } finally {
      submit.disabled = false;
    }
  } },
    h('fieldset', { class: 'form-section' }, h('legend', {}, '需求内容'),
      field('标题', title, { name: 'title', wide: true }),
      field('详细描述', description, { name: 'description', wide: true }),
      field('类别', category, { name: 'category' }),
      field('紧急程度', urgency, { name: 'urgency' }),
      resident ? null : field('来源渠道', channel, { name: 'channel' })),
    h('fieldset', { class: 'form-section' }, h('legend', {}, '发生地点'),
      field('街道', street, { name: 'place.streetId' }),
      field('社区', community, { name: 'place.communityId' }),
      field('网格', grid, { name: 'place.gridId' }),
      field('详细地址', address, { name: 'place.address' }),
      field('现场照片', photos, { name: 'media', wide: true, hint: `可选，最多 ${maxNeedMedia} 个照片或 PDF，每个不超过 10 MB；照片中的拍摄位置等信息会被去除` }),
      // Messages about the place as a whole ("须注明所在街道和社区") show under the place.
      h('p', { class: 'field-error field-wide', 'data-error-for': 'place', hidden: true })),
    h('fieldset', { class: 'form-section' }, h('legend', {}, resident ? '联系方式' : '反映人'),
      field('姓名', reporterName, { name: 'reporter.name', hint: '仅经办人员可见完整信息，其他人员看到脱敏后的姓名' }),
      field('联系电话', reporterPhone, { name: 'reporter.phone' }),
      h('p', { class: 'field-error field-wide', 'data-error-for': 'reporter', hidden: true })),
    summary,
    h('div', { class: 'form-actions' }, submit, h('a', { class: 'button', href: '#/needs' }, '取消')));
  return form;
}
