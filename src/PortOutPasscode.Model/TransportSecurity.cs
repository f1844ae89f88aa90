using System;
using System.Net;

namespace PortOutPasscode
{
    /// <summary>Credentials and passcodes travel only over TLS, except to this machine (the emulator, a test proxy).</summary>
    internal static class TransportSecurity
    {
        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            var host = uri.Host.Trim('[', ']');
            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }

        /// <summary>Returns the URI when it is https, or http to a loopback host; throws before any byte is sent otherwise.</summary>
        public static Uri EnsureAllowed(Uri uri, string what)
        {
            if (uri == null) throw new ArgumentNullException(what);
            if (uri.IsAbsoluteUri && uri.UserInfo.Length > 0)
            {
                // Never echoed: the part before the @ is usually a password.
                throw new ArgumentException(
                    $"{what} carries a user name or password before the host (user:secret@host); that part would be sent and logged with every request. Give the address without it, and the credentials with -ClientCredential. The address was not used.",
                    what);
            }
            if (!uri.IsAbsoluteUri)
            {
                throw new ArgumentException($"{what} '{uri}' must be an absolute https:// address.", what);
            }
            if (uri.Scheme == Uri.UriSchemeHttps) return uri;
            if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)) return uri;
            if (uri.Scheme == Uri.UriSchemeHttp)
            {
                throw new ArgumentException(
                    $"{what} '{uri}' uses plain http to a host that is not this machine; credentials and passcodes would cross the network unencrypted. Use https:// (plain http is allowed only for 127.0.0.1, ::1 and localhost).",
                    what);
            }
            throw new ArgumentException($"{what} '{uri}' must use https://.", what);
        }
    }
}
