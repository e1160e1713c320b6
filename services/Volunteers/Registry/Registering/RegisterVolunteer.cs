using Platform.ServiceDefaults.Idempotency;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Volunteers.Registry;

/// <summary>A member reports (报到) to the community where they live, or anyone registers as a volunteer there. The
/// community and building come checked against the org tree; the employer is required of an in-service member.</summary>
public sealed record RegisterVolunteer(
    string VolunteerId, string? Kind, Person? Person, string StreetId, string CommunityId, string? BuildingId, Employer? Employer, Offering? Offering,
    string? UserId) : VolunteerCommand;

public static partial class VolunteerDecider
{
    public const int MostSkills = 10;

    private static VolunteerRegistered Register(RegisterVolunteer command, Volunteer state, DecisionContext context)
    {
        if (state.Status != VolunteerStatus.None) throw new RuleViolationException($"志愿者「{state.Name}」已登记。");
        var skills = command.Offering?.Skills ?? [];
        new Validation()
            .Require(command.Kind is not null && VolunteerKinds.Names.ContainsKey(command.Kind), "kind",
                $"类别须为 {string.Join("、", VolunteerKinds.Names.Keys)} 之一。")
            .Text(command.Person?.Name, "person.name", "姓名", 30, singleLine: true)
            .Phone(command.Person?.Phone, "person.phone", "电话")
            .Require(command.Person?.IdNumber is null || IsIdNumber(command.Person.IdNumber.Trim()), "person.idNumber", "身份证号须为 18 位（末位可为 X）或 15 位数字。")
            .Require(command.Kind != VolunteerKinds.InServiceMember || !string.IsNullOrWhiteSpace(command.Employer?.Name), "employer.name",
                "在职党员须写明工作单位（每季度向单位反馈服务情况）。")
            .Text(command.Employer?.Name, "employer.name", "工作单位", 100, required: false, singleLine: true)
            .Require(skills.Count <= MostSkills, "offering.skills", $"最多填写 {MostSkills} 项技能。")
            .Require(skills.All(skill => !string.IsNullOrWhiteSpace(skill) && skill.Trim().Length <= 20), "offering.skills", "每项技能须为 1–20 个字。")
            .Text(command.Offering?.AvailableTimes, "offering.availableTimes", "可服务时间", 100, required: false, singleLine: true)
            .ThrowIfInvalid();
        var person = command.Person!;
        return new VolunteerRegistered(
            command.VolunteerId, command.Kind!, new Person(person.Name.Trim(), person.Phone.Trim(), Blank(person.IdNumber)?.ToUpperInvariant()),
            command.StreetId, command.CommunityId, command.BuildingId,
            command.Kind == VolunteerKinds.Resident || command.Employer is null || string.IsNullOrWhiteSpace(command.Employer.Name)
                ? null
                : new Employer(command.Employer.UnitId, command.Employer.Name.Trim()),
            new Offering([.. skills.Select(skill => skill.Trim()).Distinct(StringComparer.Ordinal)], Blank(command.Offering?.AvailableTimes)),
            command.UserId, context.Actor, context.Now);
    }

    private static bool IsIdNumber(string value) =>
        value.Length == 18 && value[..17].All(char.IsAsciiDigit) && (char.IsAsciiDigit(value[17]) || value[17] is 'X' or 'x')
        || value.Length == 15 && value.All(char.IsAsciiDigit);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public static class RegisterVolunteerEndpoint
{
    public sealed record RegisterRequest(
        string? Kind, PersonRequest? Person, string? CommunityId, string? BuildingId, EmployerRequest? Employer, List<string>? Skills,
        string? AvailableTimes);

    public sealed record PersonRequest(string? Name, string? Phone, string? IdNumber);

    public sealed record EmployerRequest(string? UnitId, string? Name);

    public static void Map(RouteGroupBuilder volunteers) =>
        volunteers.MapPost("", RegisterAsync).RequireAccess(VolunteersActions.TakePart).WithName("RegisterVolunteer").Idempotent()
            .WithSummary("报到或登记为志愿者：社区工作人员为居住在本社区的党员、群众登记，居民与志愿者为本人登记；待社区确认并设岗。答 201 及其地址。");

    private static async Task<IResult> RegisterAsync(
        RegisterRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, VolunteersQueries queries, CommandRunner runner,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var forThemselves = user.Role is PlatformRole.Volunteer or PlatformRole.Resident;
        var communityId = forThemselves ? user.CommunityId : request.CommunityId?.Trim();
        if (forThemselves && await queries.FindVolunteerOfUserAsync(user.DistrictCode, user.UserId, cancellationToken) is { } existing)
            throw new AlreadyExistsException($"您已登记为志愿者（{existing.Id}）。");
        var community = string.IsNullOrEmpty(communityId) ? null : await directory.FindAsync(user.DistrictCode, communityId, cancellationToken);
        if (community is not { Kind: OrganizationUnitKinds.Community, Closed: false, StreetId: { } streetId })
            throw new InvalidReferenceException("communityId", $"本区没有社区「{communityId}」。");
        guard.EnsureCovers(user, forThemselves ? new OrgLocation(user.DistrictCode, OwnerId: user.UserId) : community.Location, $"社区「{community.Name}」");
        var buildingId = await VolunteerEndpoints.BuildingInAsync(user, directory, community.UnitId, request.BuildingId, cancellationToken);
        var employer = await EmployerAsync(user, directory, request.Employer, cancellationToken);
        var volunteerId = RecordIds.New("V", clock.GetUtcNow());
        var person = request.Person is null ? null : new Person(request.Person.Name ?? "", request.Person.Phone ?? "", request.Person.IdNumber);
        var decided = await runner.StartAsync(
            CommandRequests.Origin(http, user), VolunteerDecider.Decider, volunteerId,
            new RegisterVolunteer(volunteerId, request.Kind, person, streetId, community.UnitId, buildingId, employer,
                new Offering(request.Skills ?? [], request.AvailableTimes), forThemselves ? user.UserId : null),
            cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"volunteers/{Uri.EscapeDataString(volunteerId)}", new VolunteerEndpoints.VolunteerOutcome(volunteerId, VolunteerView.Pending, decided.Version));
    }

    /// <summary>An employer named by the org tree's unit id keeps the tree's name; one outside the tree is a name alone.</summary>
    private static async Task<Employer?> EmployerAsync(PlatformUser user, OrganizationDirectory directory, EmployerRequest? request, CancellationToken cancellationToken)
    {
        if (request is null) return null;
        if (string.IsNullOrWhiteSpace(request.UnitId)) return new Employer(null, request.Name ?? "");
        var unit = await directory.FindAsync(user.DistrictCode, request.UnitId.Trim(), cancellationToken);
        if (unit is not { Kind: OrganizationUnitKinds.CoBuildingUnit, Closed: false })
            throw new InvalidReferenceException("employer.unitId", $"组织架构中没有单位「{request.UnitId}」；不在组织架构中的单位请只填名称。");
        return new Employer(unit.UnitId, string.IsNullOrWhiteSpace(request.Name) ? unit.Name : request.Name);
    }
}
