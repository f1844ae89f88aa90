using System;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace PortOutPasscode.Diagnostics
{
    /// <summary>Where the client's log lines go while a cmdlet runs: its Verbose and Debug streams.</summary>
    public interface IActivitySink
    {
        void Verbose(string message);
        void Debug(string message);
    }

    /// <summary>
    /// Routes the client's ILogger output to the sink of the cmdlet whose work is running, found through the
    /// async flow: one cached client serves many cmdlet invocations and runspaces, each hearing only its own lines.
    /// Callers hand it text that is already free of secrets; it adds nothing of the request's content.
    /// </summary>
    public static class ActivityLog
    {
        private static readonly AsyncLocal<IActivitySink> Current = new AsyncLocal<IActivitySink>();

        /// <summary>Makes <paramref name="sink"/> hear the log lines of work started on this flow until disposed.</summary>
        public static IDisposable Attach(IActivitySink sink)
        {
            var previous = Current.Value;
            Current.Value = sink;
            return new Detach(previous);
        }

        internal static ILoggerFactory LoggerFactory { get; } = new SinkLoggerFactory();

        private sealed class Detach : IDisposable
        {
            private readonly IActivitySink _previous;

            internal Detach(IActivitySink previous) => _previous = previous;

            public void Dispose() => Current.Value = _previous;
        }

        private sealed class SinkLoggerFactory : ILoggerFactory, ILogger
        {
            public ILogger CreateLogger(string categoryName) => this;

            public void AddProvider(ILoggerProvider provider)
            {
            }

            public void Dispose()
            {
            }

            public IDisposable BeginScope<TState>(TState state) => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug && Current.Value != null;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter)
            {
                var sink = Current.Value;
                if (sink == null || logLevel < LogLevel.Debug) return;
                var message = formatter(state, null);
                if (logLevel >= LogLevel.Information)
                {
                    sink.Verbose(message);
                }
                else
                {
                    sink.Debug(message);
                }
            }
        }
    }
}
