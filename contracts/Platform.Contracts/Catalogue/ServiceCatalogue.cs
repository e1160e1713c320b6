namespace Platform.Contracts.Catalogue;

/// <summary>One category of the district's service catalogue, its items, and the kinds of need it answers (the codes
/// of the Needs service's categories), so that an offer and a need meet on the same words.</summary>
public sealed record ServiceCategory(string Code, string Name, IReadOnlyList<string> Items, IReadOnlyList<string> AnswersNeeds);

/// <summary>
/// The catalogue that needs, resources and projects share: seed 001's "百项服务进社区", 15 categories and more than 100
/// items across party, social and livelihood services. A resource offer names a category (and may name an item); a
/// need keeps its own finer categories, and <see cref="ServiceCategory.AnswersNeeds"/> says which of them a category serves.
/// </summary>
public static class ServiceCatalogue
{
    public static readonly IReadOnlyList<ServiceCategory> Categories =
    [
        new("party", "党群服务", ["党课宣讲", "主题党日", "组织生活指导", "入党咨询", "政策宣讲", "党建阵地共享", "红色教育参观", "党员先锋岗"], ["other"]),
        new("elderly", "为老服务", ["老年助餐", "助浴助洁", "陪医助医", "上门探访", "适老化改造", "节日慰问", "老年课堂", "腊八粥"], ["elderly", "wish"]),
        new("children", "青少年服务", ["四点半课堂", "假期托管", "科普实践", "安全教育", "艺术培训", "心理辅导", "图书漂流", "青少年志愿实践"], ["education"]),
        new("health", "医疗健康", ["义诊", "健康讲座", "免费体检", "家庭医生签约", "急救培训", "中医理疗", "心理咨询", "康复指导"], ["elderly", "disability"]),
        new("legal", "法律服务", ["法律咨询", "人民调解", "普法讲座", "法律援助转介", "反诈宣传", "合同审查", "遗嘱与继承咨询"], ["dispute"]),
        new("culture", "文化体育", ["文艺演出", "书画培训", "合唱队", "电影放映", "体育健身", "非遗体验", "读书会", "棋牌活动"], ["other"]),
        new("employment", "就业创业", ["招聘会", "职业技能培训", "创业指导", "岗位推荐", "商户经营辅导", "家政培训", "电商直播培训"], ["employment", "market"]),
        new("assistance", "困难帮扶", ["微心愿认领", "结对帮扶", "慰问金", "物资捐赠", "助学", "大病帮扶", "残疾人帮扶"], ["assistance", "wish", "disability"]),
        new("environment", "环境整治", ["垃圾分类指导", "楼道清理", "绿地认养", "卫生大扫除", "病媒消杀", "小广告清理", "僵尸车清理"],
            ["env", "greening", "pests", "abandoned-vehicle", "fumes", "noise"]),
        new("repair", "便民维修", ["家电维修", "水电维修", "管道疏通", "理发", "磨刀修鞋", "自行车维修", "配钥匙", "暖气检修"],
            ["sewer", "water", "heating", "gas", "power", "streetlight", "elevator", "manhole"]),
        new("safety", "平安建设", ["治安巡逻", "消防宣传", "燃气安全检查", "应急演练", "防汛值守", "交通疏导", "平安志愿者"], ["security", "fire-safety", "gas"]),
        new("venue", "场地共享", ["会议室", "活动室", "礼堂", "运动场地", "错时停车位", "单位食堂", "展览空间"], ["parking", "other"]),
        new("funds", "资金支持", ["大党委资金", "社会资金", "项目资助", "奖励基金", "微心愿资金"], ["renovation", "assistance", "other"]),
        new("volunteer", "志愿服务", ["志愿者招募", "志愿服务培训", "小巷管家", "橙丝带帮扶", "楼门长协助", "助老陪伴"], ["wish", "elderly", "other"]),
        new("governance", "基层治理", ["物业协调", "老旧小区改造议事", "楼院自治", "道路修缮协调", "违建劝导", "停车秩序议事"],
            ["property", "renovation", "road", "illegal-build"]),
    ];

    public static ServiceCategory? Find(string? code) => Categories.FirstOrDefault(category => category.Code == code);
}
