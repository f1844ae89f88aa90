using System;
using System.Management.Automation;
using PortOutPasscode.Client;

namespace PortOutPasscode.Bridge
{
    /// <summary>The PowerShell error category each kind of API failure belongs to.</summary>
    internal static class BandwidthErrors
    {
        internal static ErrorCategory CategoryOf(Exception failure)
        {
            switch (failure)
            {
                case BandwidthAuthenticationException e:
                    return e.HttpStatus == 403 ? ErrorCategory.PermissionDenied : ErrorCategory.AuthenticationError;
                case BandwidthFeatureDisabledException _:
                    return ErrorCategory.PermissionDenied;
                case BandwidthNotFoundException _:
                    return ErrorCategory.ObjectNotFound;
                case BandwidthOrderRejectedException _:
                    return ErrorCategory.InvalidData;
                case BandwidthThrottledException _:
                    return ErrorCategory.LimitsExceeded;
                case BandwidthProtocolException _:
                    return ErrorCategory.InvalidResult;
                case TimeoutException _:
                    return ErrorCategory.OperationTimeout;
                case BandwidthException _:
                    return ErrorCategory.ConnectionError;
                default:
                    return ErrorCategory.NotSpecified;
            }
        }

        internal static ErrorRecord Record(Exception failure, string errorId, object target) =>
            new ErrorRecord(failure, errorId, CategoryOf(failure), target);

        /// <summary>The category of a per-number error code from an order's ErrorList.</summary>
        internal static ErrorCategory CategoryOfCode(string code)
        {
            switch (code)
            {
                case "5076":
                case "5070":
                case "5071":
                case "5072":
                case "5073":
                case "5074":
                case "5075":
                case "5077":
                    return ErrorCategory.ObjectNotFound;
                case "5195":
                    return ErrorCategory.ResourceExists;
                case "5196":
                case "5197":
                case "5194":
                    return ErrorCategory.PermissionDenied;
                default:
                    return ErrorCategory.InvalidOperation;
            }
        }
    }
}
