namespace Platform.Gateway.Insights;

/// <summary>
/// The district view's tables in the gateway's database: the latest figures each service reported per place and
/// period, and how current each service says its figures are. Nothing here is written but by the two consumers, and
/// all of it can be dropped and sent again (<see cref="InsightsEndpoints"/>' rebuild).
/// </summary>
public static class InsightsSchema
{
    public const string Name = "insights";

    public const string Ddl = $"""
        CREATE SCHEMA IF NOT EXISTS {Name};
        CREATE TABLE IF NOT EXISTS {Name}.place_figures (
            tenant_id text NOT NULL,
            source text NOT NULL,
            place_id text NOT NULL,
            period text NOT NULL,
            street_id text NOT NULL,
            figures jsonb NOT NULL,
            revision bigint NOT NULL,
            changed_at timestamptz NOT NULL,
            received_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, period, place_id, source));
        CREATE TABLE IF NOT EXISTS {Name}.sources (
            source text PRIMARY KEY,
            current_as_of timestamptz NOT NULL,
            reported_at timestamptz NOT NULL,
            received_at timestamptz NOT NULL);
        """;
}
