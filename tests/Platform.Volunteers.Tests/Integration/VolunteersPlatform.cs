using Microsoft.Extensions.DependencyInjection;
using Platform.SystemUnderTest;

namespace Platform.Volunteers.Tests.Integration;

/// <summary>The whole platform, with the Volunteers service on a clock the tests move: an activity is signed up for
/// before it starts, checked in at the place, and credited after it ends.</summary>
public sealed class VolunteersPlatform : RunningPlatform
{
    public AdjustableClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Points are redeemed at year end; the tests redeem in any month.</summary>
    protected override IDictionary<string, string> ServiceOverrides(string serviceName) => serviceName == VolunteersService.Name
        ? Enumerable.Range(1, 12).ToDictionary(month => $"Volunteers:Rules:RedemptionMonths:{month - 1}", month => month.ToString(System.Globalization.CultureInfo.InvariantCulture))
        : new Dictionary<string, string>();

    protected override void ConfigureService(string serviceName, IServiceCollection services)
    {
        if (serviceName == VolunteersService.Name) services.AddSingleton<TimeProvider>(Clock);
    }
}

/// <summary>The classes that drive Volunteers through the gateway share one running platform (and its clock).</summary>
[CollectionDefinition(Name)]
public sealed class VolunteersPlatformCollection : ICollectionFixture<VolunteersPlatform>
{
    public const string Name = "Volunteers through the gateway";
}
