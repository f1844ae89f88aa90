using System;

namespace PortOutPasscode
{
    /// <summary>The audit file (-AuditLogPath) cannot be opened or written: the message names it and what to check.</summary>
    public sealed class AuditLogException : Exception
    {
        public AuditLogException(string message, string path, Exception inner = null) : base(message, inner)
        {
            Path = path;
        }

        /// <summary>The audit file, as a full path.</summary>
        public string Path { get; }
    }
}
