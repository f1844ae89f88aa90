using System.Management.Automation;
using PortOutPasscode.Session;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>What every cmdlet that talks to Bandwidth shares: the -Connection parameter and its resolution.</summary>
    public abstract class BwApiCmdlet : PSCmdlet
    {
        /// <summary>The account to use instead of the one Connect-BwAccount stored in this session.</summary>
        [Parameter]
        [ValidateNotNull]
        public BwConnection Connection { get; set; }

        /// <summary>-Connection, else the session's connection, else a terminating error that says what to do.</summary>
        protected BwConnection ResolveConnection()
        {
            var connection = Connection ?? ConnectionStore.Current;
            if (connection == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSInvalidOperationException(
                        "Not connected to Bandwidth. Run Connect-BwAccount first (or set BW_ACCOUNT_ID with BW_USERNAME/BW_PASSWORD or BW_CLIENT_ID/BW_CLIENT_SECRET and run Connect-BwAccount with no parameters), or pass -Connection."),
                    "NotConnected",
                    ErrorCategory.AuthenticationError,
                    null));
            }
            return connection;
        }
    }
}
