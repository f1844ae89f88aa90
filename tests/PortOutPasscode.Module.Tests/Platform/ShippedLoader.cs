using System.Reflection;
using System.Runtime.Loader;

namespace PortOutPasscode.Module.Tests.Platform;

/// <summary>
/// The loader classes of a built PortOutPasscode.dll (Loading/ModuleAssemblies, Loading/PrivateLoadContext), driven
/// directly: the shipped file is loaded into a throwaway context of its own and its internal types are reached by name.
/// </summary>
public sealed class ShippedLoader : IDisposable
{
    private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
    private readonly AssemblyLoadContext _context = new("shipped-loader", isCollectible: true);
    private readonly Assembly _cmdlets;

    public ShippedLoader(string moduleFolder) =>
        _cmdlets = _context.LoadFromAssemblyPath(Path.Combine(moduleFolder, "PortOutPasscode.dll"));

    /// <summary>A new ModuleAssemblies for a module folder and an edition folder name (Desktop or Core).</summary>
    public ModuleAssemblies Assemblies(string moduleFolder, string edition) =>
        new(Activator.CreateInstance(Type("ModuleAssemblies"), Internal, null, new object[] { moduleFolder, edition }, null)!);

    /// <summary>A new PrivateLoadContext over those assemblies, deferring to the runtime in this folder.</summary>
    public AssemblyLoadContext PrivateContext(ModuleAssemblies assemblies, string runtimeFolder) =>
        (AssemblyLoadContext)Activator.CreateInstance(Type("PrivateLoadContext"), Internal, null, new[] { assemblies.Instance, runtimeFolder }, null)!;

    /// <summary>DependencyLoader.UnsupportedRuntimeMessage: why import refuses a runtime, or null.</summary>
    public string? UnsupportedRuntimeMessage(bool isNetFramework, Version runtime) =>
        (string?)Type("DependencyLoader").GetMethod("UnsupportedRuntimeMessage", BindingFlags.Static | BindingFlags.NonPublic)!.Invoke(null, new object[] { isNetFramework, runtime });

    /// <summary>DependencyLoader.OldestNetRuntime: the oldest .NET the Core folder is for.</summary>
    public Version OldestNetRuntime =>
        (Version)Type("DependencyLoader").GetField("OldestNetRuntime", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;

    private Type Type(string name) =>
        _cmdlets.GetType("PortOutPasscode.Loading." + name, throwOnError: true)!;

    public void Dispose() => _context.Unload();

    public sealed class ModuleAssemblies
    {
        internal ModuleAssemblies(object instance) => Instance = instance;

        internal object Instance { get; }

        /// <summary>What the Windows PowerShell 5.1 AssemblyResolve handler answers: a file path, or null.</summary>
        public string? ResolveFor(Assembly? requester, string requestedName) =>
            (string?)Instance.GetType().GetMethod("ResolveFor", Internal)!.Invoke(Instance, new object?[] { requester, new AssemblyName(requestedName) });
    }
}
