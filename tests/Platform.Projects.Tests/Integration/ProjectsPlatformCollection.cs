using Platform.SystemUnderTest;

namespace Platform.Projects.Tests.Integration;

/// <summary>The classes that drive Projects through the gateway share one running platform.</summary>
[CollectionDefinition(Name)]
public sealed class ProjectsPlatformCollection : ICollectionFixture<RunningPlatform>
{
    public const string Name = "Projects through the gateway";
}
