namespace Platform.DemoLoader.Needs;

/// <summary>
/// The generator's only source of chance: <see cref="Random"/> with a fixed seed (a seeded Random draws the same
/// sequence on every platform and run), and the distributions of cases.json approximated simply.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private const double Z90 = 1.2815515655446004;

    private readonly Random random = new(seed);

    public double Next() => random.NextDouble();

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    public bool Chance(double probability) => random.NextDouble() < probability;

    public double Uniform(double from, double to) => from + (to - from) * random.NextDouble();

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public T Weighted<T>(IReadOnlyList<(T Item, double Weight)> entries)
    {
        var total = entries.Sum(entry => Math.Max(0, entry.Weight));
        if (total <= 0) throw new InvalidOperationException("nothing to choose from: every weight is zero");
        var target = random.NextDouble() * total;
        foreach (var (item, weight) in entries)
        {
            if (weight <= 0) continue;
            target -= weight;
            if (target < 0) return item;
        }
        return entries.Last(entry => entry.Weight > 0).Item;
    }

    /// <summary>Box–Muller: one standard normal draw from two uniform ones.</summary>
    public double Normal()
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A lognormal draw given its median and 90th percentile, as cases.json states timings.</summary>
    public double LogNormal(double median, double p90) => median * Math.Exp(Normal() * Math.Log(p90 / median) / Z90);

    /// <summary>A draw in (0, 1) with the mean and spread of Beta(α, β), approximated by a clamped normal.</summary>
    public double Fraction(double alpha, double beta)
    {
        var mean = alpha / (alpha + beta);
        var spread = Math.Sqrt(alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1)));
        return Math.Clamp(mean + spread * Normal(), 0.05, 0.97);
    }

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
