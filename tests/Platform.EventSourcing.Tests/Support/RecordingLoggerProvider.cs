using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.EventSourcing.Tests.Support;

public sealed record LogRecord(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>Every line a host logs at Debug or above, for tests that say what an operator would (not) read.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> records = new();

    public IReadOnlyList<LogRecord> Records => [.. records];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, records);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) records.Enqueue(new LogRecord(category, logLevel, formatter(state, exception), exception));
        }
    }
}
