using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Threading;

namespace PortOutPasscode.Diagnostics
{
    /// <summary>
    /// One line of the audit file: what a command did to one number, as JSON (<c>Get-Content f | ConvertFrom-Json</c>).
    /// Every line has every field, null where it does not apply, so the lines read back as objects of one shape. It
    /// carries who (the account and the credential's user name or client id), never a secret and never a passcode.
    /// </summary>
    [DataContract]
    internal sealed class AuditRecord
    {
        /// <summary>When the outcome was known: UTC, ISO 8601 with milliseconds.</summary>
        [DataMember(Order = 0)] public string Time { get; set; }
        [DataMember(Order = 1)] public string Command { get; set; }

        /// <summary>Set or Remove.</summary>
        [DataMember(Order = 2)] public string Action { get; set; }
        [DataMember(Order = 3)] public string AccountId { get; set; }

        /// <summary>The API user (Basic) or the OAuth2 client id.</summary>
        [DataMember(Order = 4)] public string Credential { get; set; }
        [DataMember(Order = 5)] public string TelephoneNumber { get; set; }

        /// <summary>The TnOutcomeKind: Protected, AlreadyProtected, Removed, Failed, Pending.</summary>
        [DataMember(Order = 6)] public string Outcome { get; set; }

        /// <summary>Bandwidth's code (5195, 5076…) when it gave one.</summary>
        [DataMember(Order = 7)] public string Code { get; set; }
        [DataMember(Order = 8)] public string OrderId { get; set; }
        [DataMember(Order = 9)] public string CustomerOrderId { get; set; }

        /// <summary>With -NewPasscodePer: the property, and this number's value of it.</summary>
        [DataMember(Order = 10)] public string NewPasscodePer { get; set; }
        [DataMember(Order = 11)] public string Value { get; set; }
    }

    /// <summary>
    /// The append-only audit file of a run (-AuditLogPath): one JSON line per number per final outcome, written a batch
    /// (an order) at a time, each batch as one write at the end of the file, so a stopped run keeps every order it
    /// recorded. Runs of one process that share a file take turns by a lock per path; other processes are held off by a
    /// lock on a byte range far past the end (where the platform has one: not macOS), which readers never take, so
    /// <c>Get-Content -Wait</c> on the file never blocks a run. Nothing is kept open between batches.
    /// </summary>
    internal sealed class AuditTrail
    {
        private static readonly Dictionary<string, object> Gates =
            new Dictionary<string, object>(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        // Far past any real end of file, so the lock never covers a byte anyone writes or reads.
        private const long LockOffset = long.MaxValue - 1;
        private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(30);

        private readonly DataContractJsonSerializer _serializer = new DataContractJsonSerializer(typeof(AuditRecord));
        private readonly object _gate;

        private AuditTrail(string path, string accountId, string credential, string command)
        {
            Path = path;
            AccountId = accountId;
            Credential = credential;
            Command = command;
            lock (Gates)
            {
                if (!Gates.TryGetValue(path, out _gate)) Gates.Add(path, _gate = new object());
            }
        }

        /// <summary>The file, as a full path.</summary>
        internal string Path { get; }

        internal string AccountId { get; }
        internal string Credential { get; }
        internal string Command { get; }

        /// <summary>
        /// The audit of one command: the file is created if it is missing and opened once to prove it can be written,
        /// nothing more. Throws <see cref="AuditLogException"/>, saying what to check, when it cannot be.
        /// </summary>
        internal static AuditTrail Open(string path, string accountId, string credential, string command)
        {
            string fullPath;
            try
            {
                fullPath = System.IO.Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException || e is System.Security.SecurityException)
            {
                throw new AuditLogException(Messages.AuditLogUnavailable(path, e.Message, beforeAnything: true), path, e);
            }
            if (Directory.Exists(fullPath)) throw new AuditLogException(Messages.AuditLogIsFolder(fullPath), fullPath);
            var trail = new AuditTrail(fullPath, accountId, credential, command);
            trail.Append(Array.Empty<byte>(), 0, beforeAnything: true);
            return trail;
        }

        /// <summary>A record of this command's account and credential, stamped now.</summary>
        internal AuditRecord NewRecord(string action) => new AuditRecord
        {
            Time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            Command = Command,
            Action = action,
            AccountId = AccountId,
            Credential = Credential,
        };

        /// <summary>Appends the records as whole lines in one write. Throws <see cref="AuditLogException"/> when the file cannot take them.</summary>
        internal void Write(IReadOnlyCollection<AuditRecord> records)
        {
            if (records.Count == 0) return;
            using (var buffer = new MemoryStream(records.Count * 256))
            {
                foreach (var record in records)
                {
                    _serializer.WriteObject(buffer, record);
                    buffer.WriteByte((byte)'\n');
                }
                Append(buffer.GetBuffer(), (int)buffer.Length, beforeAnything: false);
            }
        }

        private void Append(byte[] bytes, int count, bool beforeAnything)
        {
            try
            {
                lock (_gate)
                {
                    using (var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None))
                    {
                        var locked = LockAgainstOtherProcesses(stream);
                        try
                        {
                            stream.Seek(0, SeekOrigin.End);
                            stream.Write(bytes, 0, count);
                            stream.Flush();
                        }
                        finally
                        {
                            if (locked) Unlock(stream);
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException || e is System.Security.SecurityException)
            {
                throw new AuditLogException(Messages.AuditLogUnavailable(Path, e.Message, beforeAnything), Path, e);
            }
        }

        /// <summary>Waits (a while) for another process's batch to be written; false where the platform has no range locks.</summary>
#pragma warning disable CA1416 // macOS has no FileStream.Lock: skipped there (and PlatformNotSupportedException caught).
        private static bool LockAgainstOtherProcesses(FileStream stream)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return false;
            var deadline = DateTime.UtcNow + LockPatience;
            while (true)
            {
                try
                {
                    stream.Lock(LockOffset, 1);
                    return true;
                }
                catch (PlatformNotSupportedException)
                {
                    return false;
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(10);
                }
            }
        }

        private static void Unlock(FileStream stream) => stream.Unlock(LockOffset, 1);
#pragma warning restore CA1416
    }
}
