using Platform.SystemUnderTest;

namespace Platform.Needs.Tests.Integration;

/// <summary>The classes that drive Needs through the gateway share one running platform: starting one takes longer than their tests.</summary>
[CollectionDefinition(Name)]
public sealed class NeedsPlatformCollection : ICollectionFixture<RunningPlatform>
{
    public const string Name = "Needs through the gateway";
}
