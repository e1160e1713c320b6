using Platform.SystemUnderTest;

namespace Platform.Resources.Tests.Integration;

/// <summary>The classes that drive Resources through the gateway share one running platform.</summary>
[CollectionDefinition(Name)]
public sealed class ResourcesPlatformCollection : ICollectionFixture<RunningPlatform>
{
    public const string Name = "Resources through the gateway";
}
