using System.Globalization;
using Platform.Authorization;
using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;
using Platform.Needs.ReadModels;
using WhistleLevels = Platform.Contracts.Needs.WhistleLevels;

namespace Platform.Needs.Open311;

/// <summary>How the platform's catalogue and needs read as GeoReport services and service requests.</summary>
public static class Open311Representations
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>A category is a service type. Every category is offered, 微心愿 included: it is a need residents
    /// report like any other, only handled by volunteers instead of departments (its description says so).</summary>
    public static Open311Node Service(NeedCategory category, NeedsCatalogue catalogue)
    {
        var handling = catalogue.FindClass(category.DefaultClass);
        return Open311Object.Of(
            ("service_code", category.Code),
            ("service_name", category.Name),
            ("description", ServiceDescription(category, catalogue)),
            ("metadata", false),
            ("type", "realtime"),
            ("keywords", string.Join(", ", new[] { category.Name, category.Code, handling?.Name }.OfType<string>().Distinct())),
            ("group", handling?.Name ?? category.DefaultClass));
    }

    public static string ServiceDescription(NeedCategory category, NeedsCatalogue catalogue)
    {
        if (category.Code == Need.MicroWishCategory)
            return "微心愿：居民的小愿望，由社区发布，党员和志愿者认领完成，不派给职能部门。";
        var handling = catalogue.FindClass(category.DefaultClass);
        return handling is null
            ? $"{category.Name}类诉求，由所在社区受理。"
            : $"{category.Name}类诉求，由所在社区受理，按「{handling.Name}」时限 {Hours(handling.HandleLimitHours)} 小时内办理；社区解决不了的吹哨至街道和职能部门。";
    }

    /// <summary>What the reporter may expect: who takes the request and the time limit of its category.</summary>
    public static string ServiceNotice(string category, string? communityName, NeedsCatalogue catalogue)
    {
        var community = communityName ?? "所在社区";
        if (category == Need.MicroWishCategory) return $"已登记为微心愿，由{community}发布，党员和志愿者认领。";
        var handling = catalogue.FindClass(catalogue.ClassFor(category, "normal"));
        return handling is null
            ? $"已登记，由{community}受理。"
            : $"已登记，由{community}受理，按「{handling.Name}」时限 {Hours(handling.HandleLimitHours)} 小时内办理，办结后电话回访。";
    }

    /// <remarks>The reads are public. A request submitted through Open311 shows what its submitter sent; a need raised
    /// in the console (by a resident, a grid worker, community staff) shows only its category and community, since its
    /// free text and exact place can point at a household (an elderly person living alone, a family in difficulty).</remarks>
    public static Open311Node ServiceRequest(ServiceRequestRow row, NeedsCatalogue catalogue, string baseUrl)
    {
        var need = row.Need;
        var serviceName = catalogue.FindCategory(need.Category)?.Name ?? need.Category;
        var published = need.Channel == NeedChannels.Open311;
        return Open311Object.Of(
            ("service_request_id", need.Id),
            ("status", need.IsOpen ? "open" : "closed"),
            ("status_notes", StatusNotes(row)),
            ("service_name", serviceName),
            ("service_code", need.Category),
            ("description", published ? PersonalData.MaskInText(need.Description) : $"{serviceName}诉求"),
            ("agency_responsible", AgencyResponsible(row)),
            ("service_notice", ServiceNotice(need.Category, row.CommunityName, catalogue)),
            ("requested_datetime", need.RaisedAt),
            ("updated_datetime", need.UpdatedAt == default ? need.RaisedAt : need.UpdatedAt),
            ("expected_datetime", need.HandleBy),
            ("address", published && need.Place.Address is { Length: > 0 } address ? PersonalData.MaskInText(address) : row.CommunityName),
            ("address_id", published ? need.Place.BuildingId ?? need.Place.GridId ?? need.Place.CommunityId : need.Place.CommunityId),
            ("media_url", published ? MediaUrl(need, baseUrl) : null));
    }

    /// <summary>The first photo sent with the request: the link its sender gave, or where this endpoint serves the file it kept.</summary>
    private static string? MediaUrl(NeedView need, string baseUrl) => need.IntakeMedia.FirstOrDefault() switch
    {
        { Url: { } url } => url,
        { AttachmentId: { } id } => $"{baseUrl}/media/{Uri.EscapeDataString(id)}",
        _ => null,
    };

    /// <summary>The current state in a few words of Chinese, with the reason where there is one (a rejection, the
    /// resolution, the project it joined).</summary>
    public static string StatusNotes(ServiceRequestRow row)
    {
        var need = row.Need;
        return need.Status switch
        {
            "raised" => "已登记，待社区受理",
            "accepted" => need.Overdue ? "社区已受理，已超过办理时限" : "社区已受理",
            "in-community" => "社区办理中",
            "escalated" => Escalated(row),
            "in-project" => need.ProjectName is { Length: > 0 } project ? $"已纳入项目「{Short(project)}」" : "已纳入项目办理",
            "resolved" => need.Resolution is { Length: > 0 } resolution ? $"已办结：{Short(resolution)}" : "已办结",
            "closed" => need.Resolution is { Length: > 0 } closedWith ? $"已办结并关闭：{Short(closedWith)}" : "已关闭",
            "rejected" => need.RejectionReason is { Length: > 0 } reason ? $"未受理：{Short(reason)}" : "未受理",
            "merged" => need.DuplicateOfNeedId is { Length: > 0 } original ? $"与 {original} 重复，已合并办理" : "重复反映，已合并办理",
            _ => need.Status,
        };
    }

    private static string Escalated(ServiceRequestRow row)
    {
        var level = row.CaseLevel == WhistleLevels.District ? "已吹哨至区" : "已吹哨至街道";
        var caseStatus = Enum.GetValues<CaseStatus>().FirstOrDefault(status => CaseStatusNames.Code(status) == row.CaseStatus);
        return caseStatus == CaseStatus.None ? level : $"{level}（{CaseStatusNames.Of(caseStatus)}）";
    }

    /// <summary>The community always answers to the reporter; once a department leads the case, it is named too.</summary>
    private static string? AgencyResponsible(ServiceRequestRow row) =>
        (row.CommunityName, row.Need.Status == "escalated" ? row.LeadDepartmentName : null) switch
        {
            ({ } community, { } department) => $"{community}；牵头部门：{department}",
            ({ } community, null) => community,
            (null, { } department) => department,
            _ => null,
        };

    private static string Short(string text) => Truncate(PersonalData.MaskInText(text.ReplaceLineEndings(" ").Trim()), 120, "…");

    /// <summary>At most <paramref name="length"/> characters, never splitting a surrogate pair (CJK extension characters are pairs).</summary>
    public static string Truncate(string text, int length, string ellipsis = "")
    {
        if (text.Length <= length) return text;
        var cut = length - ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), ellipsis);
    }

    private static string Hours(double hours) => hours.ToString("0.#", CultureInfo.InvariantCulture);
}
