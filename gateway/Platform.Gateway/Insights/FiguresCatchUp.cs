using MassTransit;
using Npgsql;
using Platform.Contracts.Insights;

namespace Platform.Gateway.Insights;

/// <summary>
/// Asks every service for all its figures when the gateway's figures endpoint is ready and the view holds none: the
/// services send a summary as soon as they count it, and what they sent before this gateway's queue first existed
/// (a new gateway beside services that already counted, or one whose bus came up after theirs) went to no queue.
/// Once the queue exists it is durable, so a gateway that restarts misses nothing and asks for nothing.
/// </summary>
public sealed partial class FiguresCatchUp(NpgsqlDataSource dataSource, IServiceProvider services, TimeProvider clock, ILogger<FiguresCatchUp> logger)
    : IReceiveEndpointObserver
{
    public async Task Ready(ReceiveEndpointReady ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        if (!ready.InputAddress.AbsolutePath.EndsWith("place-figures-reported", StringComparison.Ordinal)) return;
        try
        {
            await using var command = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {InsightsSchema.Name}.place_figures)");
            if (await command.ExecuteScalarAsync() is true) return;
            await services.GetRequiredService<IBus>().Publish(new FiguresRequested(null, clock.GetUtcNow()));
            LogAskedForFigures();
        }
        catch (Exception exception) when (exception is NpgsqlException or MassTransitException or OperationCanceledException)
        {
            // The view is then filled by what the services count next, or by a rebuild.
            LogCouldNotAsk(exception);
        }
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The district view holds no figures yet; every service was asked to send all of its figures.")]
    private partial void LogAskedForFigures();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the services for their figures.")]
    private partial void LogCouldNotAsk(Exception exception);
}
