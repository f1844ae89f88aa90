using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace PortOutPasscode.Loading
{
    /// <summary>
    /// The assemblies the module ships for one edition (its folder: Desktop or Core) and next to the cmdlets (the module
    /// folder itself), and the rule for answering a request with one of them: same simple name, at least the version asked for.
    /// </summary>
    internal sealed class ModuleAssemblies
    {
        private readonly ConcurrentDictionary<string, Version> _versions = new ConcurrentDictionary<string, Version>(StringComparer.OrdinalIgnoreCase);

        internal ModuleAssemblies(string moduleFolder, string editionFolderName)
        {
            ModuleFolder = Path.GetFullPath(moduleFolder);
            EditionFolder = Path.Combine(ModuleFolder, editionFolderName);
        }

        /// <summary>The module folder: PortOutPasscode.dll and the assemblies that load into PowerShell's own context.</summary>
        internal string ModuleFolder { get; }

        /// <summary>The edition's folder: PortOutPasscode.Core and everything it needs, loaded privately.</summary>
        internal string EditionFolder { get; }

        /// <summary>The edition folder's file for a request, or null when it ships none or only an older version.</summary>
        internal string FindPrivate(AssemblyName requested) => Find(EditionFolder, requested);

        /// <summary>The file next to the cmdlets for a request, or null when there is none as new as asked.</summary>
        internal string FindShared(AssemblyName requested) => Find(ModuleFolder, requested);

        /// <summary>
        /// The answer to a request on Windows PowerShell 5.1, where every module shares one AppDomain: only requests made
        /// by the module's own assemblies get the module's files, so another module never receives our copy.
        /// </summary>
        internal string ResolveFor(Assembly requester, AssemblyName requested) =>
            IsOwn(requester) ? FindPrivate(requested) ?? FindShared(requested) : null;

        /// <summary>Whether an assembly was loaded from the module folder or the edition folder.</summary>
        internal bool IsOwn(Assembly assembly)
        {
            if (assembly == null || assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location)) return false;
            var folder = Path.GetDirectoryName(Path.GetFullPath(assembly.Location));
            return SameFolder(folder, ModuleFolder) || SameFolder(folder, EditionFolder);
        }

        /// <summary>The assembly version of a file, read from its metadata once; null when it is no assembly.</summary>
        internal Version VersionOf(string path) => _versions.GetOrAdd(path, ReadVersion);

        /// <summary>A file can answer a request when its version is at least the one asked for (any, when none is).</summary>
        internal static bool Satisfies(Version available, Version requested) =>
            available != null && (requested == null || available >= requested);

        private string Find(string folder, AssemblyName requested)
        {
            if (string.IsNullOrEmpty(requested.Name)) return null;
            var path = Path.Combine(folder, requested.Name + ".dll");
            return File.Exists(path) && Satisfies(VersionOf(path), requested.Version) ? path : null;
        }

        private static Version ReadVersion(string path)
        {
            try
            {
                return AssemblyName.GetAssemblyName(path).Version;
            }
            catch (Exception e) when (e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static bool SameFolder(string a, string b) =>
            string.Equals(a.TrimEnd(Path.DirectorySeparatorChar), b.TrimEnd(Path.DirectorySeparatorChar), StringComparison.OrdinalIgnoreCase);
    }
}
