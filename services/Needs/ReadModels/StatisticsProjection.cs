using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Platform.EventSourcing;
using Platform.Messaging.Figures;
using Platform.Needs.Cases;
using Platform.Needs.NeedList;
using Platform.Kernel.Time;

namespace Platform.Needs.ReadModels;

/// <summary>
/// The district's dashboard and the departments' scores, kept by Marten's daemon behind the log (exactly once: the
/// statements queued on its operations and its progress commit together). Each fact counts in the month, in the
/// district's time zone, in which it happened.
/// </summary>
public sealed class StatisticsProjection : SubscriptionBase
{
    public const string SubscriptionName = "needs-statistics";

    public StatisticsProjection() => Name = SubscriptionName;

    public static string PeriodOf(DateTimeOffset at) => DistrictTime.MonthOf(at);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var streets = new Dictionary<(string, string), string>();
        var batch = operations;
        var touchedNeeds = new HashSet<(string Tenant, string NeedId)>();
        var touchedCases = new HashSet<(string Tenant, string CaseId)>();
        foreach (var stored in page.Events)
        {
            var tenant = stored.TenantId;
            if (stored.StreamKey is { } streamKey)
            {
                if (streamKey.StartsWith("need-", StringComparison.Ordinal)) touchedNeeds.Add((tenant, streamKey["need-".Length..]));
                else if (streamKey.StartsWith("case-", StringComparison.Ordinal)) touchedCases.Add((tenant, streamKey["case-".Length..]));
            }
            switch (stored.Data)
            {
                case NeedRaised raised:
                    Add(batch, $"""
                        INSERT INTO {NeedsSchema.Name}.dashboard_items (tenant_id, kind, item_id, street_id, community_id, opened_at, is_open, overdue)
                        VALUES ($1, 'need', $2, $3, $4, $5, true, false) ON CONFLICT DO NOTHING
                        """, tenant, raised.NeedId, raised.Place.StreetId, raised.Place.CommunityId, raised.RaisedAt);
                    break;
                case NeedOverdue overdue: Item(batch, tenant, "need", overdue.NeedId, "overdue = true"); break;
                case NeedAccepted accepted: Item(batch, tenant, "need", accepted.NeedId, "overdue = false"); break;
                case NeedRejected rejected: Item(batch, tenant, "need", rejected.NeedId, "is_open = false"); break;
                case NeedMergedAsDuplicate merged: Item(batch, tenant, "need", merged.NeedId, "is_open = false"); break;
                case NeedClosed closed: Item(batch, tenant, "need", closed.NeedId, "is_open = false"); break;
                case NeedReopened reopened: Item(batch, tenant, "need", reopened.NeedId, "is_open = true, overdue = false"); break;
                case NeedReturnedFromProject returned: Item(batch, tenant, "need", returned.NeedId, "overdue = false"); break;

                case WhistleBlown blown:
                    streets[(tenant, blown.CaseId)] = blown.Place.StreetId;
                    Add(batch, $"""
                        INSERT INTO {NeedsSchema.Name}.dashboard_items (tenant_id, kind, item_id, street_id, community_id, opened_at, is_open, overdue)
                        VALUES ($1, 'case', $2, $3, $4, $5, true, false) ON CONFLICT DO NOTHING
                        """, tenant, blown.CaseId, blown.Place.StreetId, blown.Place.CommunityId, blown.BlownAt);
                    break;
                case CaseDispatched dispatched:
                    Item(batch, tenant, "case", dispatched.CaseId, "overdue = false");
                    foreach (var departmentId in (IEnumerable<string>)[dispatched.LeadDepartmentId, .. dispatched.AssistingDepartmentIds])
                        Score(batch, tenant, await StreetAsync(dispatched.CaseId), departmentId, dispatched.DispatchedAt, "dispatched = s.dispatched + 1");
                    break;
                case CaseTransferred transferred:
                    Score(batch, tenant, await StreetAsync(transferred.CaseId), transferred.ToDepartmentId, transferred.DecidedAt, "dispatched = s.dispatched + 1");
                    break;
                case DepartmentSigned signed:
                    Score(batch, tenant, await StreetAsync(signed.CaseId), signed.DepartmentId, signed.SignedAt,
                        $"signed = s.signed + 1, signed_in_time = s.signed_in_time + {(signed.InTime ? 1 : 0)}, sign_minutes = s.sign_minutes + {Math.Max(0, (signed.SignedAt - signed.DispatchedAt).TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                    break;
                case CaseReported reported:
                    Score(batch, tenant, await StreetAsync(reported.CaseId), reported.DepartmentId, reported.ReportedAt,
                        $"reported = s.reported + 1, reported_in_time = s.reported_in_time + {(reported.InTime ? 1 : 0)}, handle_hours = s.handle_hours + {Math.Max(0, (reported.ReportedAt - reported.DispatchedAt).TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                    break;
                case CallbackRecorded callback:
                    foreach (var departmentId in callback.DepartmentIds)
                    {
                        Score(batch, tenant, await StreetAsync(callback.CaseId), departmentId, callback.RecordedAt,
                            $"callbacks = s.callbacks + 1, resolved = s.resolved + {(callback.Resolved ? 1 : 0)}, satisfied = s.satisfied + {(callback.Satisfied ? 1 : 0)}");
                    }
                    break;
                case CaseOverdue overdue: Item(batch, tenant, "case", overdue.CaseId, "overdue = true"); break;
                case CaseClosed closed: Item(batch, tenant, "case", closed.CaseId, "is_open = false"); break;
                case CaseReopened reopened: Item(batch, tenant, "case", reopened.CaseId, "is_open = true, overdue = false"); break;
            }

            async Task<string> StreetAsync(string caseId)
            {
                if (streets.TryGetValue((tenant, caseId), out var known)) return known;
                // The case was blown in an earlier page, whose dashboard rows are committed.
                var found = await operations.AdvancedSql.QueryAsync<string>(
                    $"SELECT street_id FROM {NeedsSchema.Name}.dashboard_items WHERE tenant_id = ? AND kind = 'case' AND item_id = ?",
                    cancellationToken, tenant, caseId);
                var street = found.Count > 0 ? found[0] : "";
                streets[(tenant, caseId)] = street;
                return street;
            }
        }
        await RecountFiguresAsync(operations, touchedNeeds, touchedCases, cancellationToken);
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// The figures the district's view reads: the funnel of the needs raised in a community in a month, and the
    /// community's open and overdue cases now. They are counted from the same views the lists read (which inline
    /// projections keep with each append), so a figure and the list it opens agree.
    /// </summary>
    private static async Task RecountFiguresAsync(
        IDocumentOperations operations, HashSet<(string Tenant, string NeedId)> needs, HashSet<(string Tenant, string CaseId)> cases,
        CancellationToken cancellationToken)
    {
        if (needs.Count > 0)
        {
            // Each place as a JSON array of text: Marten reads a scalar column as it is, and several only as JSON rows.
            var months = await operations.AdvancedSql.QueryAsync<string>(
                $"""
                SELECT DISTINCT json_build_array(v.tenant_id, v.street_id, v.community_id,
                       to_char(v.raised_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM'))::text
                  FROM {NeedsSchema.Name}.need_views AS v
                  JOIN unnest(?::text[], ?::text[]) AS touched(tenant_id, need_id) USING (tenant_id, need_id)
                """,
                cancellationToken, needs.Select(need => need.Tenant).ToArray(), needs.Select(need => need.NeedId).ToArray());
            foreach (var place in months.Select(Place))
            {
                if (!DistrictTime.TryParseMonth(place[3], out var start, out var end)) continue;
                PlaceFigures.Recount(operations, place[0], place[1], place[2], place[3], NeedFunnelCount, start, end);
            }
        }
        if (cases.Count > 0)
        {
            var places = await operations.AdvancedSql.QueryAsync<string>(
                $"""
                SELECT DISTINCT json_build_array(v.tenant_id, v.street_id, v.community_id)::text FROM {NeedsSchema.Name}.case_views AS v
                  JOIN unnest(?::text[], ?::text[]) AS touched(tenant_id, case_id) USING (tenant_id, case_id)
                """,
                cancellationToken, cases.Select(touched => touched.Tenant).ToArray(), cases.Select(touched => touched.CaseId).ToArray());
            foreach (var place in places.Select(Place))
                PlaceFigures.Recount(operations, place[0], place[1], place[2], PlaceFigures.CurrentPeriod, OpenCasesCount, place[1]);
        }
    }

    private static string[] Place(string json) => System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static readonly string NeedFunnelCount = $"""
        SELECT jsonb_build_object('needs.raised', count(*), {StageCounts()})
          FROM {NeedsSchema.Name}.need_views WHERE tenant_id = $1 AND community_id = $2 AND raised_at >= $4 AND raised_at < $5
        """;

    private static string StageCounts() =>
        string.Join(", ", NeedFunnel.Stages.Select(stage => $"'needs.{stage}', count(*) FILTER (WHERE funnel_stages @> ARRAY['{stage}'])"));

    private const string OpenCasesCount = $"""
        SELECT jsonb_build_object('cases.open', count(*), 'cases.overdue', count(*) FILTER (WHERE overdue),
                                  'cases.escalated', count(*) FILTER (WHERE (view ->> 'escalations')::int > 0))
          FROM {NeedsSchema.Name}.case_views WHERE tenant_id = $1 AND street_id = $4 AND community_id = $2 AND is_open
        """;

    private static void Item(IDocumentOperations batch, string tenant, string kind, string id, string set) =>
        Add(batch, $"UPDATE {NeedsSchema.Name}.dashboard_items SET {set} WHERE tenant_id = $1 AND kind = $2 AND item_id = $3", tenant, kind, id);

    /// <param name="set">Increments, written against the existing row "s"; only constants of our own making, never input.</param>
    private static void Score(IDocumentOperations batch, string tenant, string streetId, string departmentId, DateTimeOffset at, string set)
    {
        var period = PeriodOf(at);
        Add(batch, $"""
            INSERT INTO {NeedsSchema.Name}.department_scores (tenant_id, period, street_id, department_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, period, street_id, department_id) DO NOTHING
            """, tenant, period, streetId, departmentId);
        Add(batch, $"""
            UPDATE {NeedsSchema.Name}.department_scores AS s SET {set}
            WHERE tenant_id = $1 AND period = $2 AND street_id = $3 AND department_id = $4
            """, tenant, period, streetId, departmentId);
    }

    private static void Add(IDocumentOperations operations, string sql, params object[] values) => operations.QueueSql(sql, values);
}
