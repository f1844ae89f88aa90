using System;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace PortOutPasscode.Diagnostics
{
    /// <summary>Where the client's log lines go while a call runs: the Verbose and Debug streams of the cmdlet that made it. Called from any thread.</summary>
    internal interface IActivitySink
    {
        void Verbose(string message);
        void Debug(string message);
    }

    /// <summary>
    /// Routes the client's ILogger output to the sink of the call whose work is running, found through the async flow:
    /// one cached client serves many cmdlet invocations and runspaces, each hearing only the lines of the calls it made.
    /// Callers hand it text that is already free of secrets; it adds nothing of the request's content.
    /// </summary>
    internal static class ActivityLog
    {
        private static readonly AsyncLocal<IActivitySink> Current = new AsyncLocal<IActivitySink>();

        internal static ILoggerFactory LoggerFactory { get; } = new SinkLoggerFactory();

        /// <summary>
        /// Starts <paramref name="call"/> with <paramref name="sink"/> as the hearer of its log lines, and of the lines of
        /// everything it starts, for as long as it runs; the caller's own flow is left as it was. Scoped to the call, not to
        /// the cmdlet: two cmdlets of one pipeline run on one thread, and each must hear only its own requests.
        /// </summary>
        internal static T Start<T>(IActivitySink sink, Func<T> call)
        {
            var previous = Current.Value;
            Current.Value = sink;
            try
            {
                return call();
            }
            finally
            {
                Current.Value = previous;
            }
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

    /// <summary>One cmdlet invocation's hearer of log lines, handed to every call it starts.</summary>
    internal sealed class ActivityScope
    {
        internal static readonly ActivityScope None = new ActivityScope(null);

        private readonly IActivitySink _sink;

        internal ActivityScope(IActivitySink sink) => _sink = sink;

        internal T Start<T>(Func<T> call) => ActivityLog.Start(_sink, call);
    }
}
