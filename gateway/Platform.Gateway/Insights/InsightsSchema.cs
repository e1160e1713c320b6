namespace Platform.Gateway.Insights;

/// <summary>
/// The district view's tables in the gateway's database: the latest figures each service reported per place and
/// period, how current each service says its figures are, and the alerts raised from them with what each user did
/// with them. The figures can be dropped and sent again (<see cref="InsightsEndpoints"/>' rebuild); alerts are
/// compared with the figures that arrive, so a rebuild neither raises nor clears one that still stands.
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
        -- A street's view reads its rows by street, the trend one source's rows by month.
        CREATE INDEX IF NOT EXISTS place_figures_by_street ON {Name}.place_figures (tenant_id, street_id, period);
        CREATE INDEX IF NOT EXISTS place_figures_by_source ON {Name}.place_figures (tenant_id, source, period);
        -- One alert per place and kind of trouble while its figure is above zero (Alerts/DistrictAlerts).
        CREATE TABLE IF NOT EXISTS {Name}.alerts (
            tenant_id text NOT NULL,
            alert_id uuid NOT NULL,
            place_id text NOT NULL,
            street_id text NOT NULL,
            kind text NOT NULL,
            count bigint NOT NULL,
            raised_at timestamptz NOT NULL,
            rose_at timestamptz NOT NULL,
            cleared_at timestamptz,
            PRIMARY KEY (tenant_id, alert_id));
        CREATE UNIQUE INDEX IF NOT EXISTS alerts_open ON {Name}.alerts (tenant_id, place_id, kind) WHERE cleared_at IS NULL;
        CREATE INDEX IF NOT EXISTS alerts_by_street ON {Name}.alerts (tenant_id, street_id, rose_at DESC);
        -- What each user did with an alert: read it, and acknowledged it (taken in hand, so it leaves their open list).
        CREATE TABLE IF NOT EXISTS {Name}.alert_receipts (
            tenant_id text NOT NULL,
            alert_id uuid NOT NULL,
            username text NOT NULL,
            read_at timestamptz NOT NULL,
            acknowledged_at timestamptz,
            PRIMARY KEY (tenant_id, alert_id, username));
        CREATE TABLE IF NOT EXISTS {Name}.sources (
            source text PRIMARY KEY,
            current_as_of timestamptz NOT NULL,
            reported_at timestamptz NOT NULL,
            received_at timestamptz NOT NULL);
        """;
}
