using System;
using System.Collections.Generic;

namespace PortOutPasscode
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

    /// <summary>
    /// 404 where a collection or the account must exist: the base address is wrong (a missing /api, say). Never read as
    /// "nothing there": that would be a false empty audit.
    /// </summary>
    public class BandwidthBaseUriException : BandwidthNotFoundException
    {
        public BandwidthBaseUriException(string message, string errorCode = null)
            : base(message, 404, errorCode) { }
    }

    /// <summary>
    /// The API kept answering 429 until the retry budget (MaxRetries) was spent, or asked for a longer wait than the
    /// connection allows (MaximumRetryDelaySec): then nothing more is sent, rather than a retry storm.
    /// </summary>
    public class BandwidthThrottledException : BandwidthException
    {
        public BandwidthThrottledException(string message, TimeSpan? retryAfter, bool waitBeyondCap = false)
            : base(message, 429)
        {
            RetryAfter = retryAfter;
            WaitBeyondCap = waitBeyondCap;
        }

        /// <summary>How long the last answer asked to wait (Retry-After or X-RateLimit-Reset), when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>True when the server asked for a longer wait than the connection's maximum retry delay.</summary>
        public bool WaitBeyondCap { get; }
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

namespace PortOutPasscode
{
    /// <summary>
    /// One number that an order did not do: Bandwidth's per-number error (5076…), a whole order refused (5193…), an order
    /// that could not be delivered, or one whose answer left the number out. It carries what a script needs to act on it.
    /// </summary>
    public class TelephoneNumberException : BandwidthException
    {
        public TelephoneNumberException(string message, string telephoneNumber, string code, string description,
            string orderId, string customerOrderId, Exception innerException = null)
            : base(message, (innerException as BandwidthException)?.HttpStatus, code, innerException)
        {
            TelephoneNumber = telephoneNumber;
            Code = code;
            Description = description;
            OrderId = orderId;
            CustomerOrderId = customerOrderId;
        }

        public string TelephoneNumber { get; }

        /// <summary>Bandwidth's code; null when the failure was not Bandwidth's answer (the network, a timeout).</summary>
        public string Code { get; }

        /// <summary>Bandwidth's description, with any passcode or credential masked.</summary>
        public string Description { get; }

        /// <summary>The order it was in, when Bandwidth created one.</summary>
        public string OrderId { get; }

        public string CustomerOrderId { get; }
    }
}
