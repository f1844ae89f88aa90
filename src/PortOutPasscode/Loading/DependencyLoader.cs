using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PortOutPasscode.Loading
{
    /// <summary>
    /// Makes PortOutPasscode.Core and everything it depends on load from the module's own
    /// <c>dependencies</c> folder, so another module's Microsoft.Extensions.* (or ours, for them) never
    /// collides in the shared PowerShell session.
    /// On PowerShell 7 (.NET) they go into a private AssemblyLoadContext; on Windows PowerShell 5.1
    /// (.NET Framework, one load context) they are resolved by name through AssemblyResolve.
    /// </summary>
    internal static class DependencyLoader
    {
        internal const string EngineAssemblyName = "PortOutPasscode.Core";

        private static readonly object Gate = new object();
        private static bool _registered;

        internal static string DependencyFolder { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location), "dependencies");

        internal static bool IsNetFramework { get; } =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        internal static void Register()
        {
            lock (Gate)
            {
                if (_registered) return;
                if (IsNetFramework)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveOnNetFramework;
                }
                else
                {
                    RegisterPrivateLoadContext();
                }
                _registered = true;
            }
        }

        internal static void Unregister()
        {
            lock (Gate)
            {
                if (!_registered) return;
                if (IsNetFramework)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnNetFramework;
                }
                else
                {
                    UnregisterPrivateLoadContext();
                }
                _registered = false;
            }
        }

        /// <summary>The dependency file for an assembly name, or null when the module does not ship it.</summary>
        internal static string FindDependency(AssemblyName name)
        {
            if (string.IsNullOrEmpty(name.Name)) return null;
            var path = Path.Combine(DependencyFolder, name.Name + ".dll");
            return File.Exists(path) ? path : null;
        }

        // Kept out of line so that Windows PowerShell never JIT-compiles a reference to AssemblyLoadContext.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterPrivateLoadContext() => PrivateLoadContext.Register();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UnregisterPrivateLoadContext() => PrivateLoadContext.Unregister();

        private static Assembly ResolveOnNetFramework(object sender, ResolveEventArgs args)
        {
            var path = FindDependency(new AssemblyName(args.Name));
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
