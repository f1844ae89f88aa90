using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PortOutPasscode.Loading
{
    /// <summary>
    /// Makes PortOutPasscode.Core and everything it depends on load from the module's folder for this edition
    /// (Desktop: .NET Framework assets; Core: .NET 6 assets), so another module's Microsoft.Extensions.* (or ours, for
    /// them) never collides in the shared PowerShell session.
    /// On PowerShell 7 (.NET) they go into a private AssemblyLoadContext; on Windows PowerShell 5.1
    /// (.NET Framework, one load context) they are resolved through AssemblyResolve, for the module's own requests only.
    /// </summary>
    internal static class DependencyLoader
    {
        internal const string EngineAssemblyName = "PortOutPasscode.Core";

        private static readonly object Gate = new object();
        private static bool _registered;

        /// <summary>The oldest .NET the Core folder's assets load on: .NET 6, PowerShell 7.2's (docs/PLATFORMS.md).</summary>
        internal static readonly Version OldestNetRuntime = new Version(6, 0);

        internal static bool IsNetFramework { get; } =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <summary>The folder of the assets built for this runtime: Desktop on .NET Framework, Core on .NET.</summary>
        internal static string EditionFolderName => IsNetFramework ? "Desktop" : "Core";

        internal static ModuleAssemblies Assemblies { get; } =
            new ModuleAssemblies(Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location), EditionFolderName);

        internal static void Register()
        {
            var unsupported = UnsupportedRuntimeMessage(IsNetFramework, Environment.Version);
            if (unsupported != null) throw new PlatformNotSupportedException(unsupported);
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

        /// <summary>
        /// Why the module cannot run on this runtime, or null when it can. The manifest's PowerShellVersion (5.1) lets
        /// PowerShell 7.0 and 7.1 import it, whose .NET Core 3.1 and .NET 5 cannot load the .NET 6 assets; Windows
        /// PowerShell is held to .NET Framework 4.7.2 by the manifest's DotNetFrameworkVersion.
        /// </summary>
        internal static string UnsupportedRuntimeMessage(bool isNetFramework, Version runtime)
        {
            if (isNetFramework || runtime >= OldestNetRuntime) return null;
            return $"PortOutPasscode needs PowerShell 7.2 or later (.NET {OldestNetRuntime.Major} or later) or Windows PowerShell 5.1; " +
                   $"this PowerShell runs on .NET {runtime.Major}.{runtime.Minor}. Install a current PowerShell 7 (7.4 LTS or later) and import the module there.";
        }

        // Kept out of line so that Windows PowerShell never JIT-compiles a reference to AssemblyLoadContext.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterPrivateLoadContext()
        {
#if !NETFRAMEWORK
            PrivateLoadContext.Register(Assemblies);
#endif
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UnregisterPrivateLoadContext()
        {
#if !NETFRAMEWORK
            PrivateLoadContext.Unregister();
#endif
        }

        private static Assembly ResolveOnNetFramework(object sender, ResolveEventArgs args)
        {
            var path = Assemblies.ResolveFor(args.RequestingAssembly, new AssemblyName(args.Name));
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
