using System.Management.Automation;

namespace PortOutPasscode.Loading
{
    /// <summary>
    /// PowerShell calls this when the module is imported and removed. It only registers a resolver:
    /// nothing heavy (no HTTP client, no DI container) happens at import.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyLoader.Register();

        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyLoader.Unregister();
    }
}
