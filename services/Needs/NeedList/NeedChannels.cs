namespace Platform.Needs.NeedList;

/// <summary>Which intake channel a caller may record a need under: the channel says who spoke, so nobody may claim another's.</summary>
public static class NeedChannels
{
    public const string SelfReported = "resident";
    public const string Staff = "staff";
    public const string Open311 = "open311";
    public const string Project = "project";

    /// <summary>Why <paramref name="channel"/> is not the caller's to use, or null when it is. Residents and volunteers
    /// report for themselves; staff record what reached them (in person, by grid worker, by hotline); the Open311
    /// channel belongs to the systems that hold its keys.</summary>
    public static string? Refusal(string channel, bool selfReported) => channel switch
    {
        SelfReported when !selfReported => "「居民上报」只用于居民和志愿者自己上报的需求。",
        Open311 => "「外部平台接入」只用于持有接入密钥的外部平台。",
        Project => "「联席会议项目」只用于项目逾期任务的吹哨，由项目服务转来。",
        _ when selfReported && channel != SelfReported => "居民和志愿者自己上报的需求，来源渠道为「居民上报」。",
        _ => null,
    };
}
