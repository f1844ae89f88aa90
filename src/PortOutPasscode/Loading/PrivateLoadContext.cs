#if !NETFRAMEWORK
using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace PortOutPasscode.Loading
{
    /// <summary>
    /// The module's own load context on PowerShell 7. PowerShell's default context asks it for
    /// PortOutPasscode.Core only; from there every dependency Core needs is found here first, so the
    /// versions the module was built with are the ones it runs with, whatever else the session loaded.
    /// </summary>
    internal sealed class PrivateLoadContext : AssemblyLoadContext
    {
        private static PrivateLoadContext _instance;

        private readonly ModuleAssemblies _assemblies;
        private readonly string _runtimeFolder;

        internal PrivateLoadContext(ModuleAssemblies assemblies, string runtimeFolder)
        {
            _assemblies = assemblies;
            _runtimeFolder = runtimeFolder;
        }

        internal static void Register(ModuleAssemblies assemblies)
        {
            // One context for the life of the process: assemblies cannot be unloaded from it, and a
            // re-import must get the same types back.
            _instance = _instance ?? new PrivateLoadContext(assemblies, RuntimeEnvironment.GetRuntimeDirectory());
            Default.Resolving += ResolveFromDefault;
        }

        internal static void Unregister() => Default.Resolving -= ResolveFromDefault;

        // PowerShell's context asks for the engine (loaded privately) and for what ships next to the cmdlets (loaded there).
        private static Assembly ResolveFromDefault(AssemblyLoadContext context, AssemblyName name)
        {
            if (string.Equals(name.Name, DependencyLoader.EngineAssemblyName, StringComparison.Ordinal))
            {
                return _instance.LoadFromAssemblyName(name);
            }
            var shared = _instance._assemblies.FindShared(name);
            return shared == null ? null : context.LoadFromAssemblyPath(shared);
        }

        protected override Assembly Load(AssemblyName name)
        {
            // The runtime's own assemblies (System.Diagnostics.DiagnosticSource…) are shared with PowerShell whenever the
            // runtime's copy is as new as the one asked for; only an older runtime (.NET 6 for Microsoft.Extensions 8.0)
            // gets the module's copy, in here.
            if (RuntimeSatisfies(name)) return null;
            if (_assemblies.FindShared(name) != null) return null;
            var path = _assemblies.FindPrivate(name);
            return path == null ? null : LoadFromAssemblyPath(path);
        }

        private bool RuntimeSatisfies(AssemblyName name)
        {
            if (string.IsNullOrEmpty(name.Name)) return false;
            var path = Path.Combine(_runtimeFolder, name.Name + ".dll");
            return File.Exists(path) && ModuleAssemblies.Satisfies(_assemblies.VersionOf(path), name.Version);
        }
    }
}
#endif
