using System;
using System.Xml.Linq;

namespace PortOutPasscode
{
    /// <summary>
    /// Options applied to a set of numbers. Values are kept as the API spells them (on, off, true, systemdefault…);
    /// null means the group does not carry that option.
    /// </summary>
    public class TnOptionGroup
    {
        /// <summary>What was shown for this value in place of a passcode's characters.</summary>
        public const string HiddenPasscode = "********";

        /// <summary>
        /// In an order read from Bandwidth: systemDefault (removes the passcode), unchanged, or <see cref="HiddenPasscode"/>
        /// for a passcode, never its characters. In an order being written: the passcode to send.
        /// </summary>
        public string PortOutPasscode { get; set; }

        /// <summary>A keyed digest of the passcode Bandwidth echoed, so that orders can be compared without keeping the passcode.</summary>
        internal string PasscodeDigest { get; set; }

        public string NumberFormat { get; set; }
        public string RPIDFormat { get; set; }
        public string RewriteUser { get; set; }
        public string CallForward { get; set; }
        public string CallingNameDisplay { get; set; }
        public string Protected { get; set; }
        public string Sms { get; set; }
        public string FinalDestinationURI { get; set; }
        public string NNID { get; set; }
        public string ESPID { get; set; }
        public A2pSettings A2pSettings { get; set; }
        public OriginationRoutePlan OriginationRoutePlan { get; set; }
        public string PindropEnabled { get; set; }
        public string CallVerificationEnabled { get; set; }

        public string[] TelephoneNumbers { get; set; } = Array.Empty<string>();

        /// <summary>Options this client does not know yet, kept as received (and sent again if the group is resubmitted).</summary>
        public XElement[] UnknownElements { get; set; } = Array.Empty<XElement>();
    }

    public class A2pSettings
    {
        public string MessageClass { get; set; }
        public string CampaignId { get; set; }
        public string Action { get; set; }
    }

    public class OriginationRoutePlan
    {
        public OriginationRoute[] Routes { get; set; } = Array.Empty<OriginationRoute>();
        public string Action { get; set; }
    }

    public class OriginationRoute
    {
        /// <summary>A number, SIP URI, IP address or host name.</summary>
        public string Endpoint { get; set; }
        public string Priority { get; set; }
        public string Weight { get; set; }
    }
}
