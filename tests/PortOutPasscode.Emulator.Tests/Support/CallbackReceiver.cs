using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PortOutPasscode.Emulator.Tests.Support;

/// <summary>A webhook endpoint on loopback for subscription callbacks: records every POST, answers as told.</summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<ReceivedCallback> Received { get; } = new();

    /// <summary>The status to answer (200 unless changed).</summary>
    public int AnswerStatus { get; set; } = 200;

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        CallbackReceiver receiver = null;
        ((IApplicationBuilder)app).Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver!.Received.Enqueue(new ReceivedCallback(context.Request.Method, context.Request.Path, context.Request.ContentType,
                context.Request.Headers.Authorization.ToString(), body));
            if (receiver.Delay > TimeSpan.Zero)
            {
                try { await Task.Delay(receiver.Delay, context.RequestAborted); } catch (OperationCanceledException) { return; }
            }
            context.Response.StatusCode = receiver.AnswerStatus;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new CallbackReceiver(app, new Uri(new Uri(address), "/hooks/bandwidth"));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedCallback(string Method, string Path, string ContentType, string Authorization, string Body)
{
    public System.Xml.Linq.XElement Xml => System.Xml.Linq.XDocument.Parse(Body).Root;
}
