using Platform.Kernel.Time;

namespace Platform.Kernel.Deciding;

/// <summary>Ids of new records that people can read out on the phone: a letter for the kind, the district date, and 12
/// random hex digits (N20261207-3F2A9C01B4D7).</summary>
public static class RecordIds
{
    public static string New(string prefix, DateTimeOffset now) =>
        $"{prefix}{now.ToDistrict():yyyyMMdd}-{Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 6)}";
}
