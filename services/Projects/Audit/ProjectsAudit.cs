using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Platform.Projects.Meetings;
using Platform.Projects.ProjectList;
using Platform.ServiceDefaults.Audit;

namespace Platform.Projects.Audit;

/// <summary>What Projects opens to auditors, on the kernel's audit endpoints: every project's history, in Chinese.</summary>
public static class ProjectsAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddProjectsAudit(this IServiceCollection services) => services.AddStreamAudit<Narrator>(
        new AuditedKind("projects", "项目与责任清单", Project.StreamId, ProjectState, events => events[0].Data is ProjectDecided decided ? decided.Name : null),
        new AuditedKind("councils", "联席会议（轮值名单、议程、纪要、反馈清单）", Council.StreamId, CouncilState, events => events[0].Data switch
        {
            RosterSet set => $"{set.Party.PartyId} 联席会议",
            MeetingScheduled scheduled => $"{scheduled.Party.PartyId} 联席会议",
            _ => null,
        }));

    public static IEndpointRouteBuilder MapProjectsAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStreamAudit(ProjectsActions.Audit);
        return endpoints;
    }

    private static JsonObject ProjectState(IReadOnlyList<IEvent> events) => AsJson(
        events.Aggregate(new ProjectView(), (state, stored) => ProjectView.Apply(state, (ProjectEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject CouncilState(IReadOnlyList<IEvent> events) => AsJson(
        events.Aggregate(new CouncilView(), (state, stored) => CouncilView.Apply(state, (CouncilEvent)stored.Data).View) with { Version = events[^1].Version });

    private static JsonObject AsJson(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), Json)!.AsObject();

    private sealed class Narrator(OrganizationDirectory directory) : IEventNarrator
    {
        private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
        {
            ["projectId"] = "项目编号", ["id"] = "项目编号", ["name"] = "项目名称", ["projectName"] = "项目名称", ["summary"] = "内容", ["party"] = "所属",
            ["streetId"] = "街道", ["communityId"] = "社区", ["funding"] = "经费来源", ["dueOn"] = "完成时限", ["meetingId"] = "联席会议",
            ["status"] = "状态", ["needs"] = "回应的需求", ["needId"] = "需求编号", ["needIds"] = "回应的需求", ["needTitle"] = "需求", ["title"] = "标题",
            ["tasks"] = "责任清单", ["taskId"] = "任务编号", ["what"] = "任务内容", ["owner"] = "责任方", ["unitId"] = "共建单位",
            ["deadline"] = "时限", ["doneOn"] = "完成日期", ["milestones"] = "进展节点", ["note"] = "说明", ["reachedOn"] = "日期",
            ["completesTask"] = "完成该任务", ["completionSummary"] = "完成情况", ["decidedAt"] = "立项时间", ["takenAt"] = "列入时间",
            ["assignedAt"] = "分派时间", ["reportedAt"] = "报告时间", ["completedAt"] = "完成时间", ["updatedAt"] = "最后更新", ["version"] = "版本",
            ["partyId"] = "会议所属", ["level"] = "层级", ["roster"] = "轮值名单", ["meetings"] = "会议", ["number"] = "届次", ["heldAt"] = "开会时间",
            ["place"] = "地点", ["chair"] = "轮值主席", ["topicsCloseOn"] = "议题截止", ["preparation"] = "筹备任务", ["topics"] = "议题",
            ["agenda"] = "议程", ["deferred"] = "留待下次", ["attendees"] = "出席", ["decisions"] = "决定", ["decision"] = "决定", ["reviews"] = "评议",
            ["review"] = "评议", ["decisionId"] = "决定编号", ["decisionTitle"] = "决定事项", ["task"] = "任务", ["outcome"] = "评议结果", ["reason"] = "理由", ["newDueOn"] = "新时限", ["urgent"] = "紧急",
            ["kind"] = "类型", ["refId"] = "关联编号", ["detail"] = "说明", ["daysOpen"] = "开会后天数", ["reminded"] = "已提醒",
            ["scheduledAt"] = "安排时间", ["openedAt"] = "开会时间", ["closedAt"] = "纪要办结时间", ["recordedAt"] = "记录时间", ["reviewedAt"] = "评议时间",
            ["proposedAt"] = "提出时间", ["remindedAt"] = "提醒时间", ["setAt"] = "设定时间", ["meetingId"] = "会议编号",
            ["ownerName"] = "责任方", ["daysLate"] = "逾期天数", ["escalatedAt"] = "吹哨时间", ["whistles"] = "吹哨", ["blownAt"] = "吹哨时间",
        };

        public string TitleOf(object data) => data is CouncilEvent ? MeetingEndpoints.TitleOf(data) : ProjectEndpoints.TitleOf(data);

        public JsonObject Details(object data) => AsJson(data);

        public DateTimeOffset BusinessTime(IEvent stored) => stored.Data switch
        {
            ProjectEvent project => project.At(),
            CouncilEvent council => council.At(),
            _ => stored.Timestamp,
        };

        private static readonly HashSet<string> PlaceFields = ["communityId", "streetId", "partyId"];

        public string FieldName(string field) => FieldNames.GetValueOrDefault(field, field);

        public async Task<Func<string, string, string?>> ValueNamesAsync(
            string districtCode, string kind, IReadOnlyList<JsonObject> details, CancellationToken cancellationToken)
        {
            var places = await directory.NamesAsync(districtCode, details.SelectMany(detail => AuditedPlaces.IdsIn(detail, PlaceFields)), cancellationToken);
            return (field, value) => field switch
            {
                "communityId" or "streetId" or "partyId" => places.GetValueOrDefault(value),
                "outcome" => Meetings.DecisionReview.Names.GetValueOrDefault(value),
                "status" when kind == "councils" => MeetingEndpoints.StatusName(value) is var meeting && meeting != value ? meeting : null,
                "status" => ProjectEndpoints.StatusName(value) is var name && name != value ? name : null,
                _ => null,
            };
        }
    }
}
