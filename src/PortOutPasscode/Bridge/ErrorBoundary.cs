using System;
using System.IO;
using System.Management.Automation;
using PortOutPasscode.Engine;

namespace PortOutPasscode.Bridge
{
    /// <summary>
    /// The one place a failure becomes an ErrorRecord, for every cmdlet: one failure has one ErrorId and one category
    /// whichever cmdlet met it, so scripts can act on them (<c>$_.FullyQualifiedErrorId -like 'BandwidthError5076*'</c>).
    /// A per-number failure's id names Bandwidth's code. Account-wide failures (the credentials refused, no access, the
    /// feature off, a wrong base address) end every cmdlet with a terminating error: nothing else could succeed.
    /// </summary>
    internal static class ErrorBoundary
    {
        /// <summary>
        /// The record for a failure. The target may be the user's own row (with its passcode): the record keeps it to hand
        /// back, but the name every error view shows (CategoryInfo, Windows PowerShell's default view) is made from what
        /// the failure says, never from the row's text.
        /// </summary>
        internal static ErrorRecord Record(Exception failure, object target)
        {
            var record = new ErrorRecord(failure, ErrorIdOf(failure), CategoryOf(failure), target);
            var name = TargetNameOf(failure, target);
            if (name != null) record.CategoryInfo.TargetName = name;
            return record;
        }

        private static string TargetNameOf(Exception failure, object target)
        {
            var value = target is PSObject wrapped ? wrapped.BaseObject : target;
            if (value == null || value is string || value.GetType().IsPrimitive) return null;
            switch (failure)
            {
                case InputRowException row:
                    return row.TelephoneNumber == null ? row.Row : $"{row.Row} ({row.TelephoneNumber})";
                case TelephoneNumberException number:
                    return number.TelephoneNumber;
                default:
                    return value is PSCustomObject ? "input row" : null;
            }
        }

        /// <summary>True for a failure no further request of the connection can get past.</summary>
        internal static bool IsAccountWide(Exception failure)
        {
            switch (failure)
            {
                case BandwidthAuthenticationException _:
                case BandwidthFeatureDisabledException _:
                case BandwidthBaseUriException _:
                case RunHaltedException _:
                    return true;
                default:
                    return false;
            }
        }

        internal static string ErrorIdOf(Exception failure)
        {
            switch (failure)
            {
                case InputRowException row:
                    return row.Problem.ToString();
                case TelephoneNumberException number:
                    return number.Code != null ? "BandwidthError" + number.Code
                        : number.InnerException != null ? ErrorIdOf(number.InnerException)
                        : "TelephoneNumberNotConfirmed";
                case RunHaltedException halted:
                    return halted.InnerException != null ? ErrorIdOf(halted.InnerException) : "RunHalted";
                case TimeoutException _:
                    return "OrderWaitTimedOut";
                case OrderWaitFailedException _:
                    return "OrderWaitFailed";
                case BandwidthAuthenticationException auth:
                    return auth.HttpStatus == 403 ? "BandwidthAccessDenied" : "BandwidthCredentialsRefused";
                case BandwidthFeatureDisabledException _:
                    return "PortOutPasscodeFeatureDisabled";
                case BandwidthBaseUriException _:
                    return "BandwidthBaseUriWrong";
                case BandwidthPortOutNotFoundException _:
                    return "PortOutNotFound";
                case BandwidthSubscriptionNotFoundException _:
                    return "SubscriptionNotFound";
                case BandwidthNotFoundException _:
                    return "OrderNotFound";
                case BandwidthSubscriptionRejectedException subscription:
                    return subscription.AlreadyExists ? "SubscriptionExists" : "SubscriptionRejected";
                case BandwidthThrottledException _:
                    return "BandwidthThrottled";
                case BandwidthServerException _:
                    return "BandwidthServerError";
                case BandwidthProtocolException _:
                    return "BandwidthAnswerUnreadable";
                case BandwidthTransportException _:
                    return "BandwidthUnreachable";
                case BandwidthOrderRejectedException rejected:
                    return "BandwidthError" + (rejected.Code ?? "Rejected");
                case BandwidthException other:
                    return other.ErrorCode != null ? "BandwidthError" + other.ErrorCode : "BandwidthRefused";
                case NumberFileException _:
                    return "InvalidNumberFile";
                case AuditLogException _:
                    return "AuditLogUnavailable";
                case IOException _:
                case UnauthorizedAccessException _:
                    return "NumberFileUnreadable";
                default:
                    return failure.GetType().Name;
            }
        }

        internal static ErrorCategory CategoryOf(Exception failure)
        {
            switch (failure)
            {
                case InputRowException row:
                    return row.Problem == InputRowProblem.PasscodeConflict ? ErrorCategory.InvalidData : ErrorCategory.InvalidArgument;
                case TelephoneNumberException number:
                    return number.Code != null ? CategoryOfCode(number.Code)
                        : number.InnerException != null ? CategoryOf(number.InnerException)
                        : ErrorCategory.InvalidResult;
                case RunHaltedException halted:
                    return halted.InnerException != null ? CategoryOf(halted.InnerException) : ErrorCategory.OperationStopped;
                case OrderWaitFailedException waitFailed:
                    return waitFailed.InnerException != null ? CategoryOf(waitFailed.InnerException) : ErrorCategory.NotSpecified;
                case TimeoutException _:
                    return ErrorCategory.OperationTimeout;
                case BandwidthAuthenticationException auth:
                    return auth.HttpStatus == 403 ? ErrorCategory.PermissionDenied : ErrorCategory.AuthenticationError;
                case BandwidthFeatureDisabledException _:
                    return ErrorCategory.PermissionDenied;
                case BandwidthBaseUriException _:
                    return ErrorCategory.InvalidArgument;
                case BandwidthNotFoundException _:
                    return ErrorCategory.ObjectNotFound;
                case BandwidthSubscriptionRejectedException subscription:
                    return subscription.AlreadyExists ? ErrorCategory.ResourceExists : ErrorCategory.InvalidArgument;
                case BandwidthOrderRejectedException rejected:
                    return rejected.Code != null ? CategoryOfCode(rejected.Code) : ErrorCategory.InvalidData;
                case BandwidthThrottledException _:
                    return ErrorCategory.LimitsExceeded;
                case BandwidthServerException _:
                    return ErrorCategory.ResourceUnavailable;
                case BandwidthProtocolException _:
                    return ErrorCategory.InvalidResult;
                case BandwidthException _:
                    return ErrorCategory.ConnectionError;
                case NumberFileException _:
                    return ErrorCategory.InvalidData;
                case AuditLogException _:
                    return ErrorCategory.WriteError;
                case UnauthorizedAccessException _:
                    return ErrorCategory.PermissionDenied;
                case IOException _:
                    return ErrorCategory.ReadError;
                case ArgumentException _:
                    return ErrorCategory.InvalidArgument;
                default:
                    return ErrorCategory.NotSpecified;
            }
        }

        /// <summary>The category of a Bandwidth error code from an order's ErrorList or a refusal.</summary>
        internal static ErrorCategory CategoryOfCode(string code)
        {
            switch (code)
            {
                case "5070":
                case "5071":
                case "5072":
                case "5073":
                case "5074":
                case "5075":
                case "5076":
                case "5077":
                case "15610":
                    return ErrorCategory.ObjectNotFound;
                case "5196":
                case "5197":
                case "5194":
                    return ErrorCategory.PermissionDenied;
                case "5093":
                case "5095":
                case "5115":
                case "5193":
                    return ErrorCategory.InvalidData;
                default:
                    return ErrorCategory.InvalidOperation;
            }
        }
    }
}
