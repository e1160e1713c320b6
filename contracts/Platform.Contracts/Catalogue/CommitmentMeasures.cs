namespace Platform.Contracts.Catalogue;

/// <summary>What an agreement's commitment is counted in, and how people read it: the code travels in
/// <c>AgreementCommitment</c>, and whoever shows a promise (Resources, a claim on a project in Projects) names it the same way.</summary>
public static class CommitmentMeasures
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["activities"] = "次活动", ["half-days"] = "个半天场地", ["yuan"] = "元", ["hours"] = "小时服务", ["items"] = "件物资", ["servings"] = "份",
        ["people"] = "人次",
    };
}

/// <summary>How often a commitment's amount is due.</summary>
public static class CommitmentPeriods
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["month"] = "每月", ["quarter"] = "每季度", ["year"] = "每年", ["term"] = "协议期内",
    };
}
