// How the figures a unit carries (`facts`, sent as strings) read in Chinese: label, unit, format and the group a
// figure belongs to. Figures missing from this catalogue still show, under their own key, in 其他.

export const factGroups = ['基本情况', '党的建设', '共驻共建与志愿服务', '治理成效', '其他'];

// [label, unit, format, group]; formats: count (thousands separators), decimal, share (a fraction shown as %),
// plain (a year or date, shown as written), text.
const catalogue = {
  type: ['单位类型', '', 'text', '基本情况'],
  address: ['地址', '', 'text', '基本情况'],
  foundedYear: ['建立年份', '年', 'plain', '基本情况'],
  builtIn: ['建成情况', '', 'text', '基本情况'],
  areaKm2: ['辖区面积', '平方公里', 'decimal', '基本情况'],
  areaM2: ['辖区面积', '平方米', 'count', '基本情况'],
  residentialBuildings: ['居民楼栋', '栋', 'count', '基本情况'],
  households: ['户数', '户', 'count', '基本情况'],
  population: ['常住人口', '人', 'count', '基本情况'],
  populationNote: ['人口', '', 'text', '基本情况'],
  elderly: ['老年人', '人', 'count', '基本情况'],
  elderlyShare: ['老年人占比', '', 'share', '基本情况'],
  lowIncome: ['低收入人口', '人', 'count', '基本情况'],
  lowIncomeShare: ['低收入人口占比', '', 'share', '基本情况'],
  grids: ['网格', '个', 'count', '基本情况'],
  shops: ['沿街商户', '家', 'count', '基本情况'],
  shopsNote: ['商户情况', '', 'text', '基本情况'],
  marketEntities: ['市场主体', '家', 'count', '基本情况'],
  hdCameras: ['高清探头', '个', 'count', '基本情况'],
  partyMembers: ['党员', '名', 'count', '党的建设'],
  partyMemberAverageAge: ['党员平均年龄', '岁', 'count', '党的建设'],
  partyBranches: ['党支部', '个', 'count', '党的建设'],
  residentialPartyBranches: ['居民党支部', '个', 'count', '党的建设'],
  partyCommitteeEstablished: ['社区党委成立', '', 'plain', '党的建设'],
  reportedPartyMembers: ['双报到党员', '名', 'count', '党的建设'],
  partyMembersTransferredFromStateEnterprises: ['国企退休移交党员', '名', 'count', '党的建设'],
  householdsPerPartyMember: ['每名党员联系', '户', 'count', '党的建设'],
  partyCenterHouseholds: ['党员中心户', '户', 'count', '党的建设'],
  oldPartyMemberCityStewards: ['老党员城市管家', '名', 'count', '党的建设'],
  partyServiceCenterM2: ['党群服务中心面积', '平方米', 'count', '党的建设'],
  partyServiceCenterInvestmentYuan: ['党群服务中心投入', '元', 'count', '党的建设'],
  branchFundsYuanPerYear: ['支部活动经费', '元/年', 'count', '党的建设'],
  branchSecretaryAllowanceYuanPerMonth: ['支部书记补贴', '元/月', 'count', '党的建设'],
  councilMemberUnits: ['大党委成员单位', '家', 'count', '共驻共建与志愿服务'],
  externalCoBuildingAgreements: ['签订共建协议', '份', 'count', '共驻共建与志愿服务'],
  allianceResidentUnits: ['联盟驻区单位', '家', 'count', '共驻共建与志愿服务'],
  allianceNonPublicSocialOrganizations: ['联盟两新组织', '家', 'count', '共驻共建与志愿服务'],
  allianceVolunteerGroups: ['联盟志愿团体', '个', 'count', '共驻共建与志愿服务'],
  volunteers: ['志愿者', '名', 'count', '共驻共建与志愿服务'],
  fixedVolunteers: ['固定志愿者', '名', 'count', '共驻共建与志愿服务'],
  mobileVolunteers: ['流动志愿者', '名', 'count', '共驻共建与志愿服务'],
  volunteerTeams: ['志愿服务队', '支', 'count', '共驻共建与志愿服务'],
  serviceTeams: ['服务队伍', '', 'text', '共驻共建与志愿服务'],
  registeredBuildingVolunteers: ['楼门志愿者', '名', 'count', '共驻共建与志愿服务'],
  buildingLeaders: ['楼门长', '名', 'count', '共驻共建与志愿服务'],
  partTimeGridWorkers: ['兼职网格员', '名', 'count', '共驻共建与志愿服务'],
  orangeRibbonStationFounded: ['橙丝带服务站成立', '', 'plain', '共驻共建与志愿服务'],
  propertyManagementCommittees: ['物业管理委员会', '个', 'count', '共驻共建与志愿服务'],
  quasiPropertyFeeYuanPerM2: ['准物业费', '元/平方米', 'decimal', '共驻共建与志愿服务'],
  jointMeetingsHeld: ['召开联席会议', '次', 'count', '治理成效'],
  whistleProblemsSolved: ['吹哨解决问题', '', 'text', '治理成效'],
  microWishesFulfilledThreeYears: ['近三年实现微心愿', '', 'text', '治理成效'],
  complaintsDrop: ['投诉量下降', '', 'share', '治理成效'],
  greeningRateBefore: ['改造前绿化率', '', 'share', '治理成效'],
  greeningRateAfter: ['改造后绿化率', '', 'share', '治理成效'],
  illegalBuildingsDemolishedLastYear: ['去年拆除违建', '处', 'count', '治理成效'],
  zombieCarsClearedLastYear: ['去年清理僵尸车', '辆', 'count', '治理成效'],
  parkingAndElevatorConflictsResolved: ['化解停车与加装电梯矛盾', '件', 'count', '治理成效'],
  shopsHelpedLastYear: ['去年帮扶商户', '家', 'count', '治理成效'],
  resolvedPublicUnits: ['协调解决驻区公共单位问题', '个', 'count', '治理成效'],
};

/**
 * The facts of a unit as {group, items: [{key, label, value, unit, numeric}]}, in catalogue order, groups without
 * figures left out. The area appears once, in square kilometres when both measures are given.
 */
export function describeFacts(facts) {
  const entries = Object.entries(facts ?? {}).filter(([key, value]) =>
    value !== null && value !== '' && !(key === 'areaM2' && facts.areaKm2 !== undefined));
  const known = Object.keys(catalogue);
  entries.sort(([a], [b]) => rank(known, a) - rank(known, b));

  const groups = new Map(factGroups.map((group) => [group, []]));
  for (const [key, raw] of entries) {
    const [label, unit, format, group] = catalogue[key] ?? [key, '', 'text', '其他'];
    const numeric = isNumber(raw) && format !== 'text' && format !== 'plain';
    // A figure written out in words ("500余名") already carries its unit.
    groups.get(group).push({ key, label, unit: numeric ? unit : '', value: present(raw, format), numeric });
  }
  return [...groups].filter(([, items]) => items.length > 0).map(([group, items]) => ({ group, items }));
}

function rank(known, key) {
  const index = known.indexOf(key);
  return index === -1 ? known.length : index;
}

function isNumber(raw) {
  return typeof raw === 'number' || /^-?\d+(\.\d+)?$/.test(String(raw).trim());
}

function present(raw, format) {
  if (!isNumber(raw) || format === 'text' || format === 'plain') return String(raw);
  const number = Number(raw);
  if (format === 'share') return `${Number((number * 100).toFixed(1))}%`;
  if (format === 'decimal') return number.toLocaleString('zh-CN', { maximumFractionDigits: 3 });
  return number.toLocaleString('zh-CN');
}
