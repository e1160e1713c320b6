namespace Platform.Contracts.Catalogue;

/// <summary>What an offer's capacity is counted in, and how people read it: the code travels in <c>ResourceOfferPublished</c>,
/// and whoever shows an offer (Resources, a meeting's agenda in Projects) names it the same way.</summary>
public static class OfferMeasures
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bookings"] = "场", ["people"] = "人", ["yuan"] = "元", ["items"] = "件", ["servings"] = "份", ["hours"] = "小时",
    };

    public const string AtATime = "at-a-time";
    public const string InTotal = "in-total";
}
