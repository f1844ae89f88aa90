using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;

// Usage: PortOutPasscode.LoadProbe <module folder>. Prints one line per check; exit code 0 when every check passed.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: PortOutPasscode.LoadProbe <module folder (out/PortOutPasscode)>");
    return 2;
}
var moduleFolder = Path.GetFullPath(args[0]);
var failures = 0;
void Report(bool ok, string line)
{
    if (!ok) failures++;
    Console.WriteLine((ok ? "ok|" : "failed|") + line);
}

Console.WriteLine($"runtime|{Environment.Version}|{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

// As PowerShell does: the cmdlet assembly into the default context, then its initializer registers the loader.
var cmdlets = Assembly.LoadFrom(Path.Combine(moduleFolder, "PortOutPasscode.dll"));
cmdlets.GetType("PortOutPasscode.Loading.DependencyLoader", throwOnError: true)!
    .GetMethod("Register", BindingFlags.Static | BindingFlags.NonPublic)!.Invoke(null, null);

var engine = Assembly.Load(new AssemblyName("PortOutPasscode.Core"));
var context = AssemblyLoadContext.GetLoadContext(engine)!;
Report(context != AssemblyLoadContext.Default, $"engine|{engine.Location}|{context.GetType().Name}");

foreach (var file in Directory.GetFiles(Path.GetDirectoryName(engine.Location)!, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
{
    var name = AssemblyName.GetAssemblyName(file);
    Assembly assembly;
    try
    {
        assembly = context.LoadFromAssemblyName(name);
        assembly.GetTypes(); // every type's base types and interfaces resolved
    }
    catch (Exception e)
    {
        var detail = e is ReflectionTypeLoadException load ? string.Join("; ", load.LoaderExceptions.Select(x => x?.Message).Distinct()) : e.Message;
        Report(false, $"types|{name.Name}|{detail}");
        continue;
    }
    Report(true, $"types|{name.Name}|{assembly.GetName().Version}");
    foreach (var reference in assembly.GetReferencedAssemblies())
    {
        try
        {
            var loaded = context.LoadFromAssemblyName(reference);
            var where = AssemblyLoadContext.GetLoadContext(loaded) == context ? "module" : "shared";
            var requested = reference.Version ?? new Version(0, 0);
            Report(loaded.GetName().Version >= requested, $"reference|{name.Name}|{reference.Name}|{requested}|{loaded.GetName().Version}|{where}");
        }
        catch (Exception e)
        {
            Report(false, $"reference|{name.Name}|{reference.Name}|{reference.Version}|{e.Message}");
        }
    }
}

// Microsoft.Extensions.Http's factory, built and used inside the module's context: one GET to a one-shot loopback server.
try
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    var server = Task.Run(async () =>
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n"))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0) break;
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nprobe");
        await stream.WriteAsync(answer);
    });

    Type TypeIn(string assembly, string type) => context.LoadFromAssemblyName(new AssemblyName(assembly)).GetType(type, throwOnError: true)!;
    var collectionInterface = TypeIn("Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.DependencyInjection.IServiceCollection");
    var collection = Activator.CreateInstance(TypeIn("Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.DependencyInjection.ServiceCollection"))!;
    TypeIn("Microsoft.Extensions.Http", "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions").GetMethods()
        .Single(m => m.Name == "AddHttpClient" && !m.IsGenericMethodDefinition && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(new[] { collectionInterface }))
        .Invoke(null, new[] { collection });
    var provider = (IServiceProvider)TypeIn("Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions")
        .GetMethod("BuildServiceProvider", new[] { collectionInterface })!.Invoke(null, new[] { collection })!;
    var factoryType = TypeIn("Microsoft.Extensions.Http", "System.Net.Http.IHttpClientFactory");
    var factory = provider.GetService(factoryType)!;
    using var http = (HttpClient)factoryType.GetMethod("CreateClient")!.Invoke(factory, new object[] { "probe" })!;
    var body = await http.GetStringAsync($"http://127.0.0.1:{port}/probe").WaitAsync(TimeSpan.FromSeconds(30));
    await server.WaitAsync(TimeSpan.FromSeconds(30));
    Report(body == "probe", $"http|{body}");
    (provider as IDisposable)?.Dispose();
}
catch (Exception e)
{
    Report(false, $"http|{(e is TargetInvocationException { InnerException: { } inner } ? inner : e).GetType().Name}: {(e is TargetInvocationException { InnerException: { } i } ? i : e).Message}");
}

Console.WriteLine($"done|{failures} failed");
return failures == 0 ? 0 : 1;
