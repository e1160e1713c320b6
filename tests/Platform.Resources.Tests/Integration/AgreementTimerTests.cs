using Platform.EventSourcing.Commands;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Kernel.Deciding;

namespace Platform.Resources.Tests.Integration;

/// <summary>
/// An agreement's 30-day warning and its expiry on real PostgreSQL, with the clock moved by the test and two instances
/// of the service polling the same database: each happens exactly once, and a renewal moves both.
/// </summary>
public sealed class AgreementTimerTests() : ServiceInstanceTests("resources-timers", Start, "Resources:Timers")
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private Task<InProcessHost> StartInstanceAsync() => StartInstanceAsync(ResourcesService.Build);

    [Fact]
    public async Task The_warning_and_the_expiry_each_happen_once_with_two_instances_and_a_renewal_moves_them()
    {
        await using var instanceA = await StartInstanceAsync();
        await using var instanceB = await StartInstanceAsync();
        var runner = instanceA.Application.Services.GetRequiredService<CommandRunner>();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++) ids.Add(await SignAsync(runner, new DateOnly(2026, 12, 31)));
        var renewedId = ids[^1];

        // 30 days before 12-31 is 12-01: every agreement is warned once.
        Clock.Advance(TimeSpan.FromDays(29));
        await Eventually.HoldsAsync(async () => await CountAsync("resources.agreement-expiry-warned.v1") == ids.Count, "every agreement warned");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(ids.Count, await CountAsync("resources.agreement-expiry-warned.v1"));

        // One is renewed to the end of 2027 before its end: it neither expires now nor warns again until 2027-12-01.
        await runner.RunAsync(new CommandOrigin(District, "yongxinglu-staff", CorrelationId: null), AgreementDecider.Decider, renewedId,
            new RenewAgreement(new DateOnly(2027, 12, 31), null), null, _ => { }, "missing", CancellationToken.None);

        Clock.Advance(TimeSpan.FromDays(31));
        await Eventually.HoldsAsync(async () => await CountAsync("resources.agreement-expired.v1") == ids.Count - 1, "the others expired");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(ids.Count - 1, await CountAsync("resources.agreement-expired.v1"));
        Assert.Equal(ids.Count, await CountAsync("resources.agreement-expiry-warned.v1"));
        Assert.Equal(0, await CountAsync("resources.agreement-expired.v1", Agreement.StreamId(renewedId)));
        Assert.Equal(2, await ScalarAsync($"SELECT count(*) FROM resources.durable_timers WHERE stream_id = '{Agreement.StreamId(renewedId)}'"));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM resources.durable_timers"));
        Assert.Equal(ids.Count - 1, await ScalarAsync("SELECT count(*) FROM resources.agreement_views WHERE status = 'expired'"));
    }

    private async Task<string> SignAsync(CommandRunner runner, DateOnly endsOn)
    {
        var agreementId = RecordIds.New("A", Clock.GetUtcNow());
        await runner.StartAsync(new CommandOrigin(District, "yongxinglu-staff", CorrelationId: null), AgreementDecider.Decider, agreementId,
            new SignAgreement(agreementId, "u-laodong", "老东粥皇", new AgreementParty("yongchang", "yongxinglu"), "爱心腊八粥共建协议",
                new DateOnly(2026, 1, 1), endsOn, [new Commitment("腊八粥", "servings", 450, "year")]),
            CancellationToken.None);
        return agreementId;
    }

    private Task<long> CountAsync(string eventType, string? streamId = null) => ScalarAsync(
        $"SELECT count(*) FROM resources.mt_events WHERE type = '{eventType}'" + (streamId is null ? "" : $" AND stream_id = '{streamId}'"));
}
