namespace Platform.Needs.Audit;

/// <summary>What the fields of needs' and cases' events and views are called: in the printed dossier, and (served with
/// the catalogue) in the console's timelines and replay. One table, so the two never disagree.</summary>
internal static class NeedsFieldNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["needId"] = "需求编号", ["caseId"] = "吹哨案件", ["title"] = "标题", ["description"] = "描述", ["category"] = "类别",
        ["urgency"] = "紧急程度", ["place"] = "地点", ["streetId"] = "街道", ["communityId"] = "社区", ["gridId"] = "网格",
        ["buildingId"] = "楼栋", ["address"] = "详细地址", ["reporter"] = "反映人", ["name"] = "姓名", ["phone"] = "电话",
        ["channel"] = "来源渠道", ["externalId"] = "外部编号", ["media"] = "附件", ["evidence"] = "办理照片", ["intakeMedia"] = "随需求提交的附件", ["attachmentId"] = "附件编号", ["sha256"] = "内容摘要", ["url"] = "链接",
        ["reason"] = "原因", ["plan"] = "办理方案", ["resolution"] = "办理结果", ["result"] = "办理结果", ["comment"] = "评价",
        ["note"] = "说明", ["resolved"] = "是否解决", ["satisfied"] = "是否满意", ["passed"] = "核实通过", ["handlingClass"] = "办理类别",
        ["handleBy"] = "办结时限", ["signBy"] = "签收时限", ["leadDepartmentId"] = "牵头部门", ["assistingDepartmentIds"] = "协办部门",
        ["participatingUnitIds"] = "参与共建单位", ["departmentId"] = "部门", ["departmentIds"] = "部门", ["toDepartmentId"] = "接办部门",
        ["fromDepartmentId"] = "原部门", ["suggestedDepartmentId"] = "建议部门", ["contactedReporter"] = "已联系诉求人", ["approve"] = "同意转办",
        ["level"] = "层级", ["fromLevel"] = "原层级", ["toLevel"] = "升级至", ["whistleType"] = "哨类", ["duplicateOfNeedId"] = "重复于需求",
        ["round"] = "办理轮次", ["deadline"] = "时限类型", ["dueAt"] = "期限", ["automatic"] = "系统自动", ["triedByCommunity"] = "社区已做工作",
        ["projectId"] = "项目编号", ["projectName"] = "项目名称", ["inTime"] = "按时", ["source"] = "办结来源", ["volunteerName"] = "认领志愿者",
        ["outcome"] = "结果", ["kind"] = "类型", ["at"] = "时间", ["fromProject"] = "来源项目", ["taskId"] = "任务编号", ["task"] = "任务",
        // A need's or case's whole record, as the auditor's replay shows it.
        ["id"] = "编号", ["status"] = "状态", ["isOpen"] = "未办结", ["automaticWhistle"] = "系统自动吹哨", ["signedDepartmentIds"] = "已签收部门",
        ["transferSignBy"] = "转办签收时限", ["breachedDeadlines"] = "已超时的时限", ["pendingTransfer"] = "待审批的转办", ["callback"] = "回访",
        ["feedback"] = "居民评价", ["escalations"] = "升级次数", ["breaches"] = "超时次数", ["overdue"] = "已超时", ["overdueSince"] = "超时的时限",
        ["rejectionReason"] = "退回原因", ["claimedBy"] = "认领志愿者", ["raisedAt"] = "提出时间", ["blownAt"] = "吹哨时间",
        ["dispatchedAt"] = "派单时间", ["resolvedAt"] = "办结时间", ["closedAt"] = "关闭时间", ["updatedAt"] = "最后更新", ["requestedAt"] = "申请时间",
        ["version"] = "版本", ["reporterUserId"] = "反映人账号", ["nextDeadline"] = "下一个时限",
    };

    /// <summary>Every name, for the console, which shows the same fields in timelines and the auditor's replay.</summary>
    public static IReadOnlyDictionary<string, string> All => Names;

    public static string Of(string field) => Names.GetValueOrDefault(field, field);
}
