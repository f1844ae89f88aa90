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

        private readonly string _runtimeFolder = RuntimeEnvironment.GetRuntimeDirectory();

        internal static void Register()
        {
            // One context for the life of the process: assemblies cannot be unloaded from it, and a
            // re-import must get the same types back.
            _instance = _instance ?? new PrivateLoadContext();
            Default.Resolving += ResolveEngineFromDefault;
        }

        internal static void Unregister() => Default.Resolving -= ResolveEngineFromDefault;

        private static Assembly ResolveEngineFromDefault(AssemblyLoadContext context, AssemblyName name) =>
            string.Equals(name.Name, DependencyLoader.EngineAssemblyName, StringComparison.Ordinal)
                ? _instance.LoadFromAssemblyName(name)
                : null;

        protected override Assembly Load(AssemblyName name)
        {
            // The runtime's own assemblies (System.Memory, System.Buffers…) must be shared with PowerShell:
            // our .NET Framework polyfills of them would split their types in two.
            if (File.Exists(Path.Combine(_runtimeFolder, name.Name + ".dll"))) return null;
            var path = DependencyLoader.FindDependency(name);
            return path == null ? null : LoadFromAssemblyPath(path);
        }
    }
}
