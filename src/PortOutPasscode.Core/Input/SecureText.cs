using System.Security;

namespace PortOutPasscode.Input
{
    /// <summary>A passcode or PIN as the user gets it by default: a read-only SecureString (cmdlets and the engine alike).</summary>
    internal static class SecureText
    {
        internal static SecureString From(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
