using System;
using System.Management.Automation;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Cmdlets
{
    /// <summary>
    /// New-BwSubscription: Bandwidth tells an e-mail address (each event, or a daily digest) or a callback URL (an HTTP POST
    /// per event) about the account's port-outs or TN option orders. A callback's credentials are sent once, to Bandwidth,
    /// and never shown.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "BwSubscription", DefaultParameterSetName = ByEmail, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(BwSubscription))]
    public sealed class NewBwSubscriptionCommand : BwApiCmdlet
    {
        private const string ByEmail = "Email";
        private const string ByCallback = "Callback";

        /// <summary>portouts (attempts to take the account's numbers) or tnoptions (TN option orders reaching their end).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("portouts", "tnoptions", IgnoreCase = true)]
        public string OrderType { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByEmail)]
        [ValidateNotNullOrEmpty]
        public string Email { get; set; }

        /// <summary>None: an e-mail per event; Daily: one digest a day.</summary>
        [Parameter(ParameterSetName = ByEmail)]
        [ValidateSet("None", "Daily", IgnoreCase = true)]
        public string Digest { get; set; } = "None";

        /// <summary>Where Bandwidth POSTs each notification; https (plain http only to this machine when credentials are given).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByCallback)]
        [ValidateNotNull]
        public Uri CallbackUrl { get; set; }

        /// <summary>The user name and password Bandwidth authenticates its callbacks with (HTTP Basic).</summary>
        [Parameter(ParameterSetName = ByCallback)]
        [Credential]
        [ValidateNotNull]
        public PSCredential CallbackCredential { get; set; }

        /// <summary>Seconds until the callback subscription expires (Bandwidth's default: 86,400, a day).</summary>
        [Parameter(ParameterSetName = ByCallback)]
        [ValidateRange(1L, 315_360_000L)]
        public long ExpirySec { get; set; }

        /// <summary>Only this order's events (a port-out or TN option order id).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string OrderId { get; set; }

        protected override void EndProcessing()
        {
            var request = Request();
            if (!ShouldProcess($"{request.OrderType} notifications to {request.Target}", "Subscribe")) return;
            try
            {
                var id = Run.Call((client, stop) => client.CreateSubscriptionAsync(request, stop));
                WriteObject(new BwSubscription
                {
                    SubscriptionId = id,
                    OrderType = request.OrderType,
                    OrderId = request.OrderId,
                    Email = request.Email,
                    DigestRequested = request.Email == null ? null : request.DigestRequested,
                    CallbackUrl = request.CallbackUrl?.AbsoluteUri,
                    ExpirySeconds = request.CallbackUrl == null ? null : request.ExpirySeconds ?? DefaultExpirySeconds,
                    CallbackUserName = request.CallbackUserName,
                });
            }
            catch (BandwidthException e)
            {
                Report(e, request.Target);
            }
        }

        /// <summary>Bandwidth's expiry when a callback subscription names none.</summary>
        private const long DefaultExpirySeconds = 86_400;

        private SubscriptionRequest Request()
        {
            var request = new SubscriptionRequest { OrderType = OrderType.ToLowerInvariant() };
            if (MyInvocation.BoundParameters.ContainsKey(nameof(OrderId)))
            {
                if (!Guid.TryParse(OrderId.Trim(), out _)) Refuse("InvalidOrderId", $"-OrderId '{Input.RowRules.Echo(OrderId)}' is not a Bandwidth order id (a GUID such as 8e1f7ed3-81d7-4759-ac61-506ecbae0135). Nothing was sent.");
                request.OrderId = OrderId.Trim();
            }
            if (ParameterSetName == ByEmail)
            {
                request.Email = CheckedEmail(Email);
                request.DigestRequested = Digest.ToUpperInvariant();
                return request;
            }
            request.CallbackUrl = CheckedCallbackUrl(CallbackUrl, CallbackCredential != null);
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ExpirySec))) request.ExpirySeconds = ExpirySec;
            if (CallbackCredential != null)
            {
                request.CallbackUserName = CallbackCredential.UserName;
                request.CallbackPassword = CallbackCredential.Password;
            }
            return request;
        }

        private string CheckedEmail(string text)
        {
            var address = text.Trim();
            System.Net.Mail.MailAddress parsed = null;
            try
            {
                parsed = new System.Net.Mail.MailAddress(address);
            }
            catch (FormatException)
            {
            }
            if (parsed == null || parsed.Address != address)
            {
                Refuse("InvalidEmail", $"-Email '{Input.RowRules.Echo(text)}' is not an e-mail address (such as noc@example.com). Nothing was sent.");
            }
            return address;
        }

        private Uri CheckedCallbackUrl(Uri url, bool withCredentials)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                Refuse("InvalidCallbackUrl", $"-CallbackUrl must be an absolute https:// address (such as https://hooks.example.com/bandwidth). Nothing was sent.");
            }
            if (url.UserInfo.Length > 0)
            {
                // Never echoed: the part before the @ is usually a password.
                Refuse("InvalidCallbackUrl", "-CallbackUrl carries a user name or password before the host (user:secret@host), which Bandwidth would show with the subscription. Give the address without it and the credentials with -CallbackCredential. Nothing was sent.");
            }
            if (url.Scheme == Uri.UriSchemeHttp && !TransportSecurity.IsLoopback(url))
            {
                if (withCredentials)
                {
                    Refuse("InvalidCallbackUrl", $"-CallbackUrl {url.GetLeftPart(UriPartial.Path)} uses plain http, so Bandwidth would send the callback credentials across the network unencrypted. Use https:// (plain http is allowed only to 127.0.0.1, ::1 and localhost). Nothing was sent.");
                }
                WriteWarning($"-CallbackUrl {url.GetLeftPart(UriPartial.Path)} uses plain http: the notifications (numbers, order ids) cross the network unencrypted. Bandwidth recommends https.");
            }
            return url;
        }

        private void Refuse(string errorId, string message) =>
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, null));
    }
}
