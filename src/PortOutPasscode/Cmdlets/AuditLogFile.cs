using System;
using System.Management.Automation;
using PortOutPasscode.Bridge;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>-AuditLogPath as PowerShell names files (relative to the current location, ~, PSDrives), made a full file-system path.</summary>
    internal static class AuditLogFile
    {
        internal static string Resolve(PSCmdlet cmdlet, string path)
        {
            try
            {
                var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.Name == "FileSystem") return full;
            }
            catch (Exception e) when (e is SessionStateException || e is NotSupportedException || e is PSArgumentException)
            {
                Fail(cmdlet, path, e.Message);
            }
            Fail(cmdlet, path, "it is not a file system path.");
            return null;
        }

        private static void Fail(PSCmdlet cmdlet, string path, string reason) =>
            cmdlet.ThrowTerminatingError(ErrorBoundary.Record(new AuditLogException(Messages.AuditLogUnavailable(path, reason, beforeAnything: true), path), path));
    }
}
