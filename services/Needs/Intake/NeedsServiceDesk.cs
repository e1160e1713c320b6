using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Authorization;
using Platform.EventSourcing.Commands;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.Handling;
using Platform.Needs.NeedList;
using Platform.Needs.Open311;
using Platform.Needs.ReadModels;
using Platform.Storage.Attachments;
using WhistleLevels = Platform.Contracts.Needs.WhistleLevels;

namespace Platform.Needs.Intake;

/// <summary>
/// The needs list as the GeoReport endpoint sees it: every category is a service type, a request raises a need in
/// the community it names, and a need reads back as a request.
/// </summary>
/// <remarks>The reads are public. A request submitted through Open311 shows what its submitter sent; a need raised in
/// the console (by a resident, a grid worker, community staff) shows only its category and community, since its free
/// text and exact place can point at a household (an elderly person living alone, a family in difficulty).</remarks>
internal sealed partial class NeedsServiceDesk(
    NeedsCatalogue catalogue, NeedsCommandHandler commands, NeedsServiceRequestQueries requests, NeedsQueries needs, IAttachmentStore attachments,
    TimeProvider clock) : IServiceRequestDesk
{
    private readonly IReadOnlyList<Open311Service> services = [.. catalogue.Categories.Select(category => ServiceOf(category, catalogue))];

    public IReadOnlyList<Open311Service> Services => services;

    public async Task<Open311Submitted> SubmitAsync(Open311Submission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var (channel, address) = (submission.Channel, submission.Address);
        var needId = RecordIds.New("N", clock.GetUtcNow());
        var origin = new CommandOrigin(channel.TenantId, $"intake:{channel.ChannelId}", submission.CorrelationId, ActorName: $"外部平台（{channel.Name}）");
        var place = new Place(address.StreetId, address.CommunityId, address.GridId, address.BuildingId, address.Address);
        List<MediaReference> linked = submission.MediaUrl is { } url ? [new MediaReference(null, url)] : [];
        RaiseNeed Raise(IReadOnlyList<MediaReference> media) => new(
            needId, Title(submission.Description), submission.Description, submission.ServiceCode, "normal", place,
            new ReporterContact(submission.ReporterName, submission.Phone), null, NeedChannels.Open311, ExternalId: null, media);

        try
        {
            // The photo is kept under the need's id before the need is raised, and removed again if the need is not.
            var raised = submission.Photo is { } photo
                ? (await attachments.KeepAndRecordAsync(channel.TenantId, MediaFiles.NeedOwner, needId, photo,
                    stored => commands.RaiseAsync(origin, Raise([.. linked, MediaFiles.ReferenceTo(stored)]), cancellationToken), cancellationToken)).Recorded
                : await commands.RaiseAsync(origin, Raise(linked), cancellationToken);
            return new Open311Submitted(raised.Id, ServiceNotice(submission.ServiceCode, address.CommunityName, catalogue));
        }
        catch (InvalidCommandException invalid) when (invalid.Errors.Count > 0)
        {
            throw new InvalidCommandException(invalid.Message, invalid.Errors
                .GroupBy(field => ArgumentOf(field.Key), field => field.Value)
                .ToDictionary(argument => argument.Key, argument => argument.SelectMany(messages => messages).ToArray()));
        }
    }

    public async Task<Open311ServiceRequest?> FindAsync(string jurisdictionId, string serviceRequestId, CancellationToken cancellationToken) =>
        await requests.FindAsync(jurisdictionId, serviceRequestId, cancellationToken) is { } row ? RequestOf(row) : null;

    public async Task<IReadOnlyList<Open311ServiceRequest>> SearchAsync(string jurisdictionId, ServiceRequestQuery query, CancellationToken cancellationToken) =>
        [.. (await requests.SearchAsync(jurisdictionId, query, cancellationToken)).Select(RequestOf)];

    public async Task<AttachmentContent?> OpenPublishedMediaAsync(string jurisdictionId, Guid attachmentId, CancellationToken cancellationToken)
    {
        if (await attachments.OpenAsync(jurisdictionId, attachmentId, cancellationToken) is not { } found || found.Attachment.OwnerKind != MediaFiles.NeedOwner)
            return null;
        var need = await needs.FindNeedAsync(jurisdictionId, found.Attachment.OwnerId, cancellationToken);
        var published = need is { Channel: NeedChannels.Open311 } && need.IntakeMedia.Any(media => media.AttachmentId == attachmentId.ToString());
        return published ? found : null;
    }

    /// <summary>The GeoReport argument that carries a field of the command, so the client reads its own names.</summary>
    private static string ArgumentOf(string field) => field switch
    {
        "title" or "description" => "description",
        "category" => "service_code",
        "place" or "place.streetId" or "place.communityId" => "address_id",
        "place.address" => "address_string",
        "reporter.name" => "first_name/last_name",
        "reporter.phone" => "phone",
        "media" => "media_url",
        _ => field,
    };

    /// <summary>A category is a service type. Every category is offered, 微心愿 included: it is a need residents report
    /// like any other, only handled by volunteers instead of departments (its description says so).</summary>
    private static Open311Service ServiceOf(NeedCategory category, NeedsCatalogue catalogue)
    {
        var handling = catalogue.FindClass(category.DefaultClass);
        return new Open311Service(
            category.Code, category.Name, ServiceDescription(category, catalogue),
            string.Join(", ", new[] { category.Name, category.Code, handling?.Name }.OfType<string>().Distinct()),
            handling?.Name ?? category.DefaultClass);
    }

    private static string ServiceDescription(NeedCategory category, NeedsCatalogue catalogue)
    {
        if (category.Code == Need.MicroWishCategory)
            return "微心愿：居民的小愿望，由社区发布，党员和志愿者认领完成，不派给职能部门。";
        var handling = catalogue.FindClass(category.DefaultClass);
        return handling is null
            ? $"{category.Name}类诉求，由所在社区受理。"
            : $"{category.Name}类诉求，由所在社区受理，按「{handling.Name}」时限 {Hours(handling.HandleLimitHours)} 小时内办理；社区解决不了的吹哨至街道和职能部门。";
    }

    /// <summary>What the reporter may expect: who takes the request and the time limit of its category.</summary>
    private static string ServiceNotice(string category, string? communityName, NeedsCatalogue catalogue)
    {
        var community = communityName ?? "所在社区";
        if (category == Need.MicroWishCategory) return $"已登记为微心愿，由{community}发布，党员和志愿者认领。";
        var handling = catalogue.FindClass(catalogue.ClassFor(category, "normal"));
        return handling is null
            ? $"已登记，由{community}受理。"
            : $"已登记，由{community}受理，按「{handling.Name}」时限 {Hours(handling.HandleLimitHours)} 小时内办理，办结后电话回访。";
    }

    private Open311ServiceRequest RequestOf(ServiceRequestRow row)
    {
        var need = row.Need;
        var serviceName = catalogue.FindCategory(need.Category)?.Name ?? need.Category;
        var published = need.Channel == NeedChannels.Open311;
        var firstPhoto = published ? need.IntakeMedia.FirstOrDefault() : null;
        return new Open311ServiceRequest(
            need.Id, need.IsOpen, StatusNotes(row), serviceName, need.Category,
            published ? PersonalData.MaskInText(need.Description) : $"{serviceName}诉求",
            AgencyResponsible(row), ServiceNotice(need.Category, row.CommunityName, catalogue),
            need.RaisedAt, need.UpdatedAt == default ? need.RaisedAt : need.UpdatedAt, need.HandleBy,
            published && need.Place.Address is { Length: > 0 } address ? PersonalData.MaskInText(address) : row.CommunityName,
            published ? need.Place.BuildingId ?? need.Place.GridId ?? need.Place.CommunityId : need.Place.CommunityId,
            firstPhoto?.Url, firstPhoto?.AttachmentId);
    }

    /// <summary>The current state in a few words of Chinese, with the reason where there is one (a rejection, the
    /// resolution, the project it joined).</summary>
    private static string StatusNotes(ServiceRequestRow row)
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

    /// <summary>The need's title: the start of the description, on one line.</summary>
    private static string Title(string description) => Truncate(WhitespaceRun().Replace(description.Trim(), " "), 30);

    private static string Short(string text) => Truncate(PersonalData.MaskInText(text.ReplaceLineEndings(" ").Trim()), 120, "…");

    /// <summary>At most <paramref name="length"/> characters, never splitting a surrogate pair (CJK extension characters are pairs).</summary>
    private static string Truncate(string text, int length, string ellipsis = "")
    {
        if (text.Length <= length) return text;
        var cut = length - ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), ellipsis);
    }

    private static string Hours(double hours) => hours.ToString("0.#", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
