// The part of the organization tree the signed-in user may see, loaded once per sign-in. The server has already
// cut the tree down to the caller's scope; the console only presents it.

import { api } from './api.js';

export const unitKindNames = {
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格',
  building: '楼栋',
  department: '职能部门',
  unit: '共建单位',
  person: '个人',
};

let loaded = null;

/** The visible tree as {district: {id, name, streets: [{id, name, communities: [{id, name, grids}]}]}}. */
export function organization() {
  loaded ??= api.get('/api/identity/organization').catch((error) => {
    loaded = null;
    throw error;
  });
  return loaded;
}

export function forgetOrganization() {
  loaded = null;
}

export function streetsOf(tree) {
  return tree?.district?.streets ?? [];
}

export function countCommunities(tree) {
  return streetsOf(tree).reduce((sum, street) => sum + (street.communities?.length ?? 0), 0);
}

/**
 * The places a user may switch between, from their own scope downwards: the district only for district-wide
 * users, streets for district- and street-wide users, then the communities.
 * @returns {{id: string, name: string, kind: string, group?: string, streetId?: string}[]}
 */
export function scopeChoices(tree, scope) {
  const kind = scope?.kind;
  const choices = [];
  // A department's or a unit's scope is itself, not a place: it reads every place's name but narrows by none.
  if (!tree?.district || !['district', 'street', 'community'].includes(kind)) return choices;
  if (kind === 'district') choices.push({ id: tree.district.id, name: tree.district.name, kind: 'district' });
  for (const street of streetsOf(tree)) {
    if (kind === 'district' || kind === 'street') choices.push({ id: street.id, name: street.name, kind: 'street', group: street.name });
    for (const community of street.communities ?? []) {
      choices.push({ id: community.id, name: community.name, kind: 'community', group: street.name, streetId: street.id });
    }
  }
  return choices;
}
