using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// The HTTP stack of one client, built on first use: an IHttpClientFactory (pooled, reused connections) with one handler
    /// pipeline for the API and the same pipeline, less authentication, for the OAuth2 token endpoint.
    /// </summary>
    internal sealed class HttpPipeline : IDisposable
    {
        private const string ApiClientName = "PortOutPasscode.Api";
        private const string TokenClientName = "PortOutPasscode.Token";

        private readonly BwConnection _connection;
        private readonly ServiceProvider _services;
        private readonly IHttpClientFactory _factory;
        private readonly PrimaryHandlers _primaries = new PrimaryHandlers();

        internal HttpPipeline(BwConnection connection, BandwidthClientOptions options)
        {
            _connection = connection;
            // Unless told otherwise, log lines go to the Verbose/Debug streams of the cmdlet whose work is running.
            var loggerFactory = options.LoggerFactory ?? Diagnostics.ActivityLog.LoggerFactory;
            Logger = loggerFactory.CreateLogger("PortOutPasscode.Client");
            var resilience = ResilienceHandler.BuildPipeline(options, Logger);
            Pacer = new RequestPacer(options, Logger);
            var userAgent = UserAgent(options);

            var services = new ServiceCollection();
            services.AddSingleton(loggerFactory);
            services.AddSingleton(sp => new OAuthTokenSource(connection, () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(TokenClientName), options.TimeProvider, Logger));

            var makePrimary = options.PrimaryHandlerFactory ?? (() => PrimaryHandler(connection));
            Func<HttpMessageHandler> primary = () => _primaries.Track(makePrimary());
            Action<HttpClient> configure = client =>
            {
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // each attempt is bounded by the resilience handler instead
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
            };

            services.AddHttpClient(ApiClientName, configure)
                .ConfigurePrimaryHttpMessageHandler(primary)
                .AddHttpMessageHandler(() => new TransportGuardHandler())
                .AddHttpMessageHandler(() => new ResilienceHandler(resilience))
                .AddHttpMessageHandler(() => new PacingHandler(Pacer))
                .AddHttpMessageHandler(sp => new AuthenticationHandler(connection, sp.GetRequiredService<OAuthTokenSource>()))
                .AddHttpMessageHandler(() => new RedactingLoggingHandler(Logger, options.TimeProvider))
                .AddHttpMessageHandler(() => new BoundedResponseHandler(options.MaxResponseBytes))
                .RemoveAllLoggers(); // the factory's own loggers would print full URIs and header names; ours redacts

            services.AddHttpClient(TokenClientName, configure)
                .ConfigurePrimaryHttpMessageHandler(primary)
                .AddHttpMessageHandler(() => new TransportGuardHandler())
                .AddHttpMessageHandler(() => new ResilienceHandler(resilience))
                .AddHttpMessageHandler(() => new RedactingLoggingHandler(Logger, options.TimeProvider))
                .AddHttpMessageHandler(() => new BoundedResponseHandler(options.MaxResponseBytes))
                .RemoveAllLoggers();

            _services = services.BuildServiceProvider();
            _factory = _services.GetRequiredService<IHttpClientFactory>();
        }

        internal ILogger Logger { get; }

        /// <summary>The connection's shared pace (its own cap, and the pauses and spacing 429s impose).</summary>
        internal RequestPacer Pacer { get; }

        internal OAuthTokenSource Tokens => _services.GetRequiredService<OAuthTokenSource>();

        /// <summary>The bearer tokens this connection sent lately (none for Basic), to hide wherever an answer may echo them.</summary>
        internal IEnumerable<string> KnownTokens =>
            _connection.AuthenticationKind == BwAuthenticationKind.OAuth2ClientCredentials
                ? Tokens.KnownTokens
                : Enumerable.Empty<string>();

        /// <summary>A client of the API pipeline; cheap, the handlers and connections behind it are pooled.</summary>
        internal HttpClient CreateApiClient() => _factory.CreateClient(ApiClientName);

        public void Dispose()
        {
            _services.Dispose();
            // The factory keeps its handlers (and their pooled sockets) until their lifetime ends, minutes later, whatever
            // happens to the container: a connection replaced 300 times would hold 600 sockets. They go with the client.
            _primaries.DisposeAll();
            Pacer.Dispose();
        }

        /// <summary>The innermost handlers the factory has made for this client (a new one each handler lifetime), weakly held.</summary>
        private sealed class PrimaryHandlers
        {
            private readonly List<WeakReference<HttpMessageHandler>> _made = new List<WeakReference<HttpMessageHandler>>();

            internal HttpMessageHandler Track(HttpMessageHandler handler)
            {
                lock (_made)
                {
                    _made.RemoveAll(made => !made.TryGetTarget(out _));
                    _made.Add(new WeakReference<HttpMessageHandler>(handler));
                }
                return handler;
            }

            internal void DisposeAll()
            {
                List<WeakReference<HttpMessageHandler>> made;
                lock (_made)
                {
                    made = _made.ToList();
                    _made.Clear();
                }
                foreach (var reference in made)
                {
                    if (reference.TryGetTarget(out var handler)) handler.Dispose();
                }
            }
        }

        private static HttpMessageHandler PrimaryHandler(BwConnection connection)
        {
            var handler = new HttpClientHandler
            {
                // A redirect could lead to plain http elsewhere, past the transport guard: the API does not redirect.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
                UseProxy = true,
            };
            if (connection.Proxy != null)
            {
                handler.Proxy = new WebProxy(connection.Proxy) { Credentials = connection.ProxyCredential };
            }
            else
            {
                handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials; // the system proxy, as the user's session sees it
            }
#if NETFRAMEWORK
            // Per handler, so the session's ServicePointManager (Ssl3|Tls on a default Windows PowerShell 5.1) stays as it was.
            handler.SslProtocols = FrameworkTlsProtocols(Environment.OSVersion.Version);
#endif
            try
            {
                // Never the bottleneck: the run bounds its own requests (-ThrottleLimit creates and as many polls, up to 64
                // each), and a request queued here would spend its timeout waiting for a socket. .NET Framework's default is 2.
                handler.MaxConnectionsPerServer = 256;
            }
            catch (PlatformNotSupportedException)
            {
            }
            return handler;
        }

        /// <summary>
        /// What the module's connections offer on .NET Framework, where the default follows ServicePointManager rather than
        /// the OS: TLS 1.2, and TLS 1.3 where both the framework defines it (4.8) and Schannel has it (Windows 11 and
        /// Server 2022, build 20348): older Schannel versions may refuse credentials that ask for it. .NET leaves it to the OS.
        /// </summary>
        internal static SslProtocols FrameworkTlsProtocols(Version windowsVersion)
        {
            var protocols = SslProtocols.Tls12;
            if (windowsVersion.Major >= 10 && windowsVersion.Build >= 20348 && Enum.TryParse("Tls13", out SslProtocols tls13))
            {
                protocols |= tls13;
            }
            return protocols;
        }

        /// <summary>PortOutPasscode/&lt;version&gt; PowerShell/&lt;edition&gt;/&lt;version&gt;.</summary>
        internal static string UserAgent(BandwidthClientOptions options)
        {
            var assembly = typeof(HttpPipeline).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "unknown";
            return $"PortOutPasscode/{Token(version)} PowerShell/{Token(options.PowerShellEdition)}/{Token(options.PowerShellVersion)}";
        }

        // RFC 9110 token characters only, so a caller's text cannot bend the header.
        private static string Token(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return "unknown";
            var builder = new StringBuilder(text.Length);
            foreach (var c in text.Trim())
            {
                builder.Append(c < 128 && (char.IsLetterOrDigit(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0) ? c : '-');
            }
            return builder.ToString();
        }
    }
}
