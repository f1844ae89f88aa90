using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace PortOutPasscode.Core.Tests.Support;

/// <summary>Counts the TCP connections HttpClient opens to one loopback port, from the runtime's System.Net.Http events.</summary>
internal sealed class ConnectionCounter : EventListener
{
    private readonly ConcurrentQueue<int> _ports = new();

    internal int OpenedTo(int port) => _ports.Count(p => p == port);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "System.Net.Http") EnableEvents(source, EventLevel.Informational);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != "ConnectionEstablished" || e.PayloadNames == null) return;
        var index = e.PayloadNames.IndexOf("port");
        if (index >= 0) _ports.Enqueue(Convert.ToInt32(e.Payload[index]));
    }
}
