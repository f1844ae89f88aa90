using System;
using System.Collections.Generic;

namespace PortOutPasscode.Client
{
    /// <summary>
    /// Something the Bandwidth API, or the way to it, did not allow. Messages say what to do next and never carry
    /// a password, client secret, token or passcode.
    /// </summary>
    public class BandwidthException : Exception
    {
        public BandwidthException(string message, int? httpStatus = null, string errorCode = null, Exception innerException = null)
            : base(message, innerException)
        {
            HttpStatus = httpStatus;
            ErrorCode = errorCode;
        }

        /// <summary>The HTTP status of the answer, when there was one.</summary>
        public int? HttpStatus { get; }

        /// <summary>Bandwidth's error code (ResponseStatus/ErrorCode), when it gave one.</summary>
        public string ErrorCode { get; }
    }

    /// <summary>401 or 403: the credentials were refused, or the user may not use this account. Nothing else will work either.</summary>
    public class BandwidthAuthenticationException : BandwidthException
    {
        public BandwidthAuthenticationException(string message, int? httpStatus, string errorCode = null, Exception innerException = null)
            : base(message, httpStatus, errorCode, innerException) { }
    }

    /// <summary>5194: the account does not have the Port-Out Passcode/PIN Protection feature. No order can succeed.</summary>
    public class BandwidthFeatureDisabledException : BandwidthException
    {
        public BandwidthFeatureDisabledException(string message, int? httpStatus, string errorCode)
            : base(message, httpStatus, errorCode) { }
    }

    /// <summary>The API refused one order as a whole (e.g. 5193, 5093, 5095); other orders may still go through.</summary>
    public class BandwidthOrderRejectedException : BandwidthException
    {
        public BandwidthOrderRejectedException(string message, int? httpStatus, string code, string description,
            IReadOnlyList<string> telephoneNumbers, string customerOrderId)
            : base(message, httpStatus, code)
        {
            Code = code;
            Description = description;
            TelephoneNumbers = telephoneNumbers ?? Array.Empty<string>();
            CustomerOrderId = customerOrderId;
        }

        public string Code { get; }

        /// <summary>Bandwidth's description, with any passcode of the order masked.</summary>
        public string Description { get; }

        /// <summary>The numbers the rejection concerns: those the API named, else every number of the order.</summary>
        public IReadOnlyList<string> TelephoneNumbers { get; }

        public string CustomerOrderId { get; }
    }

    /// <summary>404: the order (or other resource) does not exist on this account.</summary>
    public class BandwidthNotFoundException : BandwidthException
    {
        public BandwidthNotFoundException(string message, int? httpStatus = 404, string errorCode = null)
            : base(message, httpStatus, errorCode) { }
    }

    /// <summary>The API kept answering 429 until the retry budget (MaxRetries) was spent.</summary>
    public class BandwidthThrottledException : BandwidthException
    {
        public BandwidthThrottledException(string message, TimeSpan? retryAfter)
            : base(message, 429)
        {
            RetryAfter = retryAfter;
        }

        /// <summary>How long the last answer asked to wait, when it said.</summary>
        public TimeSpan? RetryAfter { get; }
    }

    /// <summary>The API kept failing with 5xx until the retry budget was spent.</summary>
    public class BandwidthServerException : BandwidthException
    {
        public BandwidthServerException(string message, int httpStatus, string errorCode = null)
            : base(message, httpStatus, errorCode) { }
    }

    /// <summary>An answer the client cannot accept: not XML, not the expected shape, a DOCTYPE, or larger than MaxResponseBytes.</summary>
    public class BandwidthProtocolException : BandwidthException
    {
        public BandwidthProtocolException(string message, int? httpStatus = null, Exception innerException = null)
            : base(message, httpStatus, null, innerException) { }

        /// <summary>Whether the message already names the request and what to check (else the client adds both).</summary>
        internal bool Explained { get; set; }
    }

    /// <summary>The API could not be reached, or did not answer in time, even after the retries.</summary>
    public class BandwidthTransportException : BandwidthException
    {
        public BandwidthTransportException(string message, Exception innerException)
            : base(message, null, null, innerException) { }
    }
}
