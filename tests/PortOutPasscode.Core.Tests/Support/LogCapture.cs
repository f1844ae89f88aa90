using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>Every log line the client writes, at every level, formatted as a user would see it.</summary>
internal sealed class LogCapture : ILoggerFactory, ILoggerProvider, ILogger
{
    internal ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) { }

    public IDisposable BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter)
    {
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)}{(exception == null ? "" : " | " + exception)}");
        // Structured values too: a secret must not hide in a property that a richer sink would print.
        if (state is IEnumerable<KeyValuePair<string, object>> values)
        {
            foreach (var pair in values) Lines.Enqueue($"  {pair.Key}={pair.Value}");
        }
    }

    public void Dispose() { }
}
