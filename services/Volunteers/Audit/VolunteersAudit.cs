using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Platform.ServiceDefaults.Audit;
using Platform.Volunteers.Activities;
using Platform.Volunteers.Hours;
using Platform.Volunteers.Households;
using Platform.Volunteers.Redemption;
using Platform.Volunteers.Registry;
using Platform.Volunteers.Teams;
using Platform.Volunteers.Wishes;

namespace Platform.Volunteers.Audit;

/// <summary>What Volunteers opens to auditors, on the kernel's audit endpoints: volunteers', teams' and activities'
/// histories (with the ledgers' entries), every person masked as auditors see personal data.</summary>
public static class VolunteersAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddVolunteersAudit(this IServiceCollection services) => services.AddStreamAudit<Narrator>(
        new AuditedKind("volunteers", "志愿者与报到党员", Volunteer.StreamId, VolunteerState,
            events => events[0].Data is VolunteerRegistered registered ? PersonalData.MaskName(registered.Person.Name) : null),
        new AuditedKind("unit-reports", "单位报到", UnitReport.StreamId, UnitReportState, events => events[0].Data is UnitReported reported ? reported.UnitName : null),
        new AuditedKind("teams", "服务队伍", Team.StreamId, TeamState, events => events[0].Data is TeamFormed formed ? formed.Name : null),
        new AuditedKind("activities", "志愿服务活动与时长积分分录", Activity.StreamId, ActivityState,
            events => events[0].Data is ActivityScheduled scheduled ? scheduled.Title : null),
        new AuditedKind("gifts", "兑换礼品与库存", Gift.StreamId, GiftState, events => events[0].Data is GiftStocked stocked ? stocked.Name : null),
        new AuditedKind("households", "三色管理户档案（一户一档）", Household.StreamId, HouseholdState, _ => "一户一档"),
        new AuditedKind("wishes", "微心愿的认领与实现", Wish.StreamId, WishState, events => events[0].Data is WishPosted posted ? posted.Title : null));

    public static IEndpointRouteBuilder MapVolunteersAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStreamAudit(VolunteersActions.Audit);
        return endpoints;
    }

    private static JsonObject VolunteerState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new VolunteerView(), (state, stored) => VolunteerView.Apply(state, (VolunteerEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject UnitReportState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new UnitReportView(), (state, stored) => UnitReportView.Apply(state, (UnitReportEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject TeamState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new TeamView(), (state, stored) => TeamView.Apply(state, (TeamEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject ActivityState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new ActivityView(), (state, stored) => ActivityView.Apply(state, (ActivityEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject GiftState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new GiftView(), (state, stored) => GiftView.Apply(state, (GiftEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject HouseholdState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new HouseholdView(), (state, stored) => HouseholdView.Apply(state, (HouseholdEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject WishState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new WishView(), (state, stored) => WishView.Apply(state, (WishEvent)stored.Data)) with { Version = events[^1].Version });

    /// <summary>A person's name, phone and ID number wherever they appear, and every volunteer's name in rosters and credits.</summary>
    private static JsonObject Masked(object value)
    {
        var json = JsonSerializer.SerializeToNode(value, value.GetType(), Json)!.AsObject();
        MaskNames(json);
        return json;
    }

    private static void MaskNames(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                if (json["person"] is JsonObject person)
                {
                    PersonalData.MaskPersonIn(json, "person");
                    if (person["idNumber"]?.GetValue<string>() is { } idNumber) person["idNumber"] = PersonalData.MaskIdNumber(idNumber);
                }
                if (json["volunteerId"] is not null && json["name"]?.GetValue<string>() is { } name) json["name"] = PersonalData.MaskName(name);
                PersonalData.MaskPersonIn(json, "head");
                // A household's door (in its file and its filing) is not for auditors; an activity's public place is.
                if (json.ContainsKey("groups") && json["address"] is not null) json["address"] = "（已隐去）";
                foreach (var (_, child) in json.ToList()) MaskNames(child);
                break;
            case JsonArray array:
                foreach (var child in array) MaskNames(child);
                break;
        }
    }

    private sealed class Narrator(OrganizationDirectory directory) : IEventNarrator
    {
        private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
        {
            ["volunteerId"] = "志愿者编号", ["id"] = "编号", ["kind"] = "类别", ["person"] = "本人", ["name"] = "姓名", ["phone"] = "电话",
            ["idNumber"] = "身份证号", ["streetId"] = "街道", ["communityId"] = "社区", ["buildingId"] = "楼栋", ["gridId"] = "网格", ["employer"] = "工作单位",
            ["unitId"] = "单位", ["offering"] = "能提供的服务", ["skills"] = "技能", ["availableTimes"] = "可服务时间", ["userId"] = "登录账号",
            ["status"] = "状态", ["post"] = "岗位", ["duty"] = "岗位职责", ["reason"] = "原因", ["registeredAt"] = "登记时间", ["confirmedAt"] = "确认时间",
            ["leftAt"] = "退出时间", ["leftReason"] = "退出原因", ["version"] = "版本", ["teamId"] = "队伍", ["description"] = "说明", ["leaderId"] = "队长",
            ["members"] = "成员", ["member"] = "成员", ["formedAt"] = "组建时间", ["joinedAt"] = "加入时间", ["changedAt"] = "变更时间",
            ["activityId"] = "活动编号", ["title"] = "活动名称", ["serviceKind"] = "服务类别", ["place"] = "地点", ["address"] = "地址",
            ["startsAt"] = "开始时间", ["endsAt"] = "结束时间", ["capacity"] = "人数上限", ["posts"] = "岗位", ["waitlisted"] = "候补",
            ["signedUpAt"] = "报名时间", ["cancelledAt"] = "取消时间", ["promotedAt"] = "递补时间", ["codeHash"] = "签到码摘要", ["issuedAt"] = "出示时间",
            ["checkedInAt"] = "签到时间", ["checkedOutAt"] = "签退时间", ["loggedAt"] = "登记时间", ["credits"] = "核定", ["minutes"] = "分钟",
            ["points"] = "积分", ["closedAt"] = "自动签退时间", ["note"] = "说明", ["entries"] = "分录", ["entryId"] = "分录编号", ["lines"] = "分录行",
            ["account"] = "账户", ["amount"] = "数量", ["reversals"] = "冲销分录", ["credit"] = "更正后的核定", ["creditedAt"] = "核定时间",
            ["correctedAt"] = "更正时间", ["roster"] = "名单", ["codeIssuedAt"] = "出示签到码", ["cancelReason"] = "取消原因",
            ["creditedMinutes"] = "核定分钟", ["needId"] = "需求编号", ["claimer"] = "认领方", ["deadline"] = "承诺日期", ["claimedAt"] = "认领时间",
            ["releasedAt"] = "退回时间", ["fulfilledAt"] = "实现时间", ["photo"] = "照片", ["fileName"] = "文件名", ["helpers"] = "参与者",
            ["postedAt"] = "发布时间", ["lapses"] = "逾期次数", ["giftId"] = "礼品", ["giftName"] = "礼品", ["redemptionId"] = "兑换编号",
            ["entry"] = "分录", ["quantity"] = "数量", ["stock"] = "库存", ["redeemed"] = "已兑换", ["redemptions"] = "兑换记录", ["stockedAt"] = "登记时间",
            ["restockedAt"] = "补充时间", ["redeemedAt"] = "兑换时间", ["householdId"] = "档案编号", ["head"] = "户主", ["groups"] = "建档类别",
            ["colour"] = "颜色", ["from"] = "原颜色", ["to"] = "新颜色", ["careSince"] = "建档日期", ["filedOn"] = "建档日期", ["filedAt"] = "建档时间",
            ["lastVisitOn"] = "最近走访", ["overdueNoticedFor"] = "已提醒的应走访日", ["visits"] = "走访记录", ["visitedOn"] = "走访日期",
            ["by"] = "走访人", ["whatWasDone"] = "走访情况", ["recordedAt"] = "登记时间", ["colourChanges"] = "颜色调整", ["dueOn"] = "应走访日期",
            ["noticedAt"] = "提醒时间", ["byName"] = "走访人", ["partyOrganization"] = "党组织", ["partyMembers"] = "党员人数", ["reportedAt"] = "报到时间",
            ["unitName"] = "单位", ["creditedPoints"] = "核定积分", ["creditKind"] = "时长类别", ["creditNote"] = "核定说明", ["scheduledAt"] = "安排时间",
        };

        public string TitleOf(object data) => data switch
        {
            TeamEvent => data switch
            {
                TeamFormed formed => $"组建队伍（{TeamKinds.Names.GetValueOrDefault(formed.Kind, formed.Kind)}）",
                TeamMemberJoined => "成员加入",
                TeamMemberLeft => "成员退出",
                _ => "更换队长",
            },
            ActivityEvent => ActivityEndpoints.TitleOf(data),
            WishEvent => WishEndpoints.TitleOf(data),
            HouseholdEvent => HouseholdEndpoints.TitleOf(data),
            UnitReportEvent => data is UnitReported ? "单位向社区报到" : "社区确认单位报到",
            GiftEvent => data switch
            {
                GiftStocked stocked => $"登记礼品，库存 {stocked.Quantity}",
                GiftRestocked restocked => $"补充库存 {restocked.Quantity}",
                _ => "兑换一件",
            },
            _ => VolunteerEndpoints.TitleOf(data),
        };

        public JsonObject Details(object data) => Masked(data);

        public DateTimeOffset BusinessTime(IEvent stored) => stored.Data switch
        {
            VolunteerEvent volunteer => volunteer.At(),
            TeamEvent team => team.At(),
            ActivityEvent activity => activity.At(),
            WishEvent wish => wish.At(),
            GiftEvent gift => gift.At(),
            HouseholdEvent household => household.At(),
            UnitReported reported => reported.ReportedAt,
            UnitReportConfirmed confirmed => confirmed.ConfirmedAt,
            _ => stored.Timestamp,
        };

        private static readonly HashSet<string> PlaceFields = ["communityId", "streetId", "buildingId", "gridId"];

        public string FieldName(string field) => FieldNames.GetValueOrDefault(field, field);

        public async Task<Func<string, string, string?>> ValueNamesAsync(
            string districtCode, string kind, IReadOnlyList<JsonObject> details, CancellationToken cancellationToken)
        {
            var places = await directory.NamesAsync(districtCode, details.SelectMany(detail => AuditedPlaces.IdsIn(detail, PlaceFields)), cancellationToken);
            return (field, value) => field switch
            {
                "communityId" or "streetId" or "buildingId" or "gridId" => places.GetValueOrDefault(value),
                "colour" or "from" or "to" => CareColours.Names.GetValueOrDefault(value),
                "kind" when kind == "gifts" => GiftKinds.Names.GetValueOrDefault(value),
                "kind" when kind == "wishes" => ClaimerKinds.Names.GetValueOrDefault(value),
                "kind" when kind == "teams" => TeamKinds.Names.GetValueOrDefault(value),
                "kind" when kind == "activities" => ServiceLedger.KindNames.GetValueOrDefault(value),
                "kind" => VolunteerKinds.Names.GetValueOrDefault(value),
                "creditKind" => ServiceLedger.KindNames.GetValueOrDefault(value),
                "serviceKind" => ServiceKinds.Names.GetValueOrDefault(value),
                "status" when kind == "wishes" => WishEndpoints.StatusName(value),
                "status" when kind == "activities" => ActivityEndpoints.StatusName(value) is var name && name != value ? name : ActivityEndpoints.RosterStatusName(value),
                "status" => VolunteerEndpoints.StatusName(value),
                _ => null,
            };
        }
    }
}
