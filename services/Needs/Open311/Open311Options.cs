namespace Platform.Needs.Open311;

/// <summary>The "Open311" section: which district the endpoint serves, what discovery tells clients, and the intake
/// channels (each with its api_key) to create at start.</summary>
public sealed class Open311Options
{
    public const string SectionName = "Open311";

    /// <summary>The one jurisdiction this endpoint serves: the district code, which is also the tenant of its needs.</summary>
    public string JurisdictionId { get; set; } = "990101";

    /// <summary>The public address of the endpoint (…/open311/v2) as discovery announces it; when empty, it is taken
    /// from the request as the gateway forwarded it.</summary>
    public string? BaseUrl { get; set; }

    public string Contact { get; set; } = "示范区 12345 热线平台运维组（演示环境）";

    public string KeyService { get; set; } = "api_key 由区 12345 热线平台为每个接入渠道分别签发，请联系平台运维组申请。";

    public List<IntakeChannelSetting> Channels { get; set; } = [];
}

/// <summary>An intake channel as configured: <c>Open311:Channels:N:ChannelId|Name|ApiKey</c>. Only the key's SHA-256
/// reaches the database.</summary>
public sealed class IntakeChannelSetting
{
    public string ChannelId { get; set; } = "";

    public string Name { get; set; } = "";

    public string ApiKey { get; set; } = "";
}
