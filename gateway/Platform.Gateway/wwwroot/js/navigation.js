// Which modules each role sees, as data. The server enforces access on every call; this only decides what the
// console offers, so a user never sees a menu entry that would lead to a refusal.

/** Every module of the console, by route. `icon` is a list of SVG path definitions in a 24×24 box. */
export const modules = {
  dashboard: {
    route: '#/dashboard',
    label: '工作台',
    icon: ['M3 11.5 12 4l9 7.5', 'M5.5 9.5V20h13V9.5', 'M10 20v-5.5h4V20'],
  },
  alerts: {
    route: '#/alerts',
    label: '提醒中心',
    icon: ['M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9', 'M13.7 21a2 2 0 0 1-3.4 0', 'M12 2v1'],
  },
  needs: {
    route: '#/needs',
    label: '需求清单',
    icon: ['M8 4h8v3H8z', 'M6 5.5H4.5V21h15V5.5H18', 'M8 11h8', 'M8 15h8', 'M8 19h5'],
  },
  whistles: {
    route: '#/whistles',
    label: '吹哨报到',
    icon: ['M4 10h11a5 5 0 1 1-5 5', 'M4 10v4h3', 'M15 10V6h-3', 'M18 5l2-2', 'M20 9h2'],
  },
  resources: {
    route: '#/resources',
    label: '资源清单',
    icon: ['M12 3 3 7.5l9 4.5 9-4.5z', 'M3 12l9 4.5 9-4.5', 'M3 16.5 12 21l9-4.5'],
  },
  projects: {
    route: '#/projects',
    label: '项目清单',
    icon: ['M4 5h16v15H4z', 'M4 9h16', 'M8 3v4', 'M16 3v4', 'M8 13.5l2 2 4-4'],
  },
  volunteers: {
    route: '#/volunteers',
    label: '志愿服务',
    icon: ['M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z'],
  },
  scores: {
    route: '#/scores',
    label: '部门考评',
    icon: ['M4 20V10', 'M10 20V4', 'M16 20v-7', 'M22 20H2'],
  },
  audit: {
    route: '#/audit',
    label: '审计',
    icon: ['M12 3 4 6v6c0 4.5 3.4 8.2 8 9 4.6-.8 8-4.5 8-9V6z', 'M9 12l2 2 4-4'],
  },
  organization: {
    route: '#/org',
    label: '组织架构',
    icon: ['M9 3h6v5H9z', 'M3 16h6v5H3z', 'M15 16h6v5h-6z', 'M12 8v4', 'M6 16v-4h12v4'],
  },
  system: {
    route: '#/system',
    label: '系统状态',
    icon: ['M3 12h4l3-8 4 16 3-8h4'],
  },
  apiDocs: {
    route: '#/api-docs',
    label: '接口文档',
    icon: ['M8 7l-5 5 5 5', 'M16 7l5 5-5 5', 'M14 4l-4 16'],
  },
};

/**
 * The menu of each role, in order. An entry is a module key, or the key with a label or note of its own where
 * the module means something narrower for that role (a department's 吹哨报到 is its own work orders).
 */
export const navigationByRole = {
  district_admin: ['dashboard', 'alerts', 'needs', 'whistles', 'resources', 'projects', 'volunteers', 'scores', 'audit', 'organization', 'system', 'apiDocs'],
  street_staff: ['dashboard', 'alerts', 'needs', 'whistles', 'resources', 'projects', 'volunteers', 'scores', 'organization'],
  community_staff: ['dashboard', 'alerts', 'needs', 'whistles', 'resources', 'projects', 'volunteers', 'organization'],
  department_staff: ['dashboard', { module: 'whistles', note: '我的工单' }, 'scores'],
  unit_member: ['dashboard', { module: 'resources', label: '本单位共建' }, { module: 'projects', label: '我们的任务' }, { module: 'volunteers', label: '微心愿' }],
  volunteer: ['dashboard', { module: 'volunteers', note: '微心愿' }],
  resident: ['dashboard', { module: 'needs', label: '我的诉求' }, { module: 'volunteers', label: '微心愿' }],
  auditor: ['dashboard', 'alerts', 'audit', 'needs', 'whistles', 'resources', 'projects', 'volunteers'],
};

/** Roles that may only read: the console says so on every page. */
export const readOnlyRoles = new Set(['auditor']);

/** Roles that work on places (district, streets, communities) and so get the organization cards and selector. */
export const placeRoles = new Set(['district_admin', 'street_staff', 'community_staff']);

/** The menu of a role as {key, route, label, note, icon}; an unknown role gets only the workbench. */
export function navigationFor(role) {
  const entries = navigationByRole[role] ?? ['dashboard'];
  return entries.map((entry) => {
    const { module: key, ...overrides } = typeof entry === 'string' ? { module: entry } : entry;
    return { key, ...modules[key], ...overrides };
  });
}

/** The menu entry a role has for a module, or undefined when the role has no such entry. */
export function entryFor(role, key) {
  return navigationFor(role).find((entry) => entry.key === key);
}
