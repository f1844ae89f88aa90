using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using Polly.Timeout;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Client
{
    /// <summary>Turns an answer that is not a success, or a failure to get one, into the typed exception a caller can act on.</summary>
    internal static class ApiErrors
    {
        internal const string FeatureDisabledCode = "5194";

        /// <summary>The ResponseStatus/ErrorList of an error answer; null when the body is not such XML (an HTML page from a proxy, say).</summary>
        internal static ErrorResponse TryRead(HttpResponseMessage response)
        {
            try
            {
                var body = response.Content?.ReadAsStreamAsync().GetAwaiter().GetResult(); // buffered already: no I/O
                return body == null || body.Length == 0 ? null : TnOptionXml.ReadErrorResponse(body);
            }
            catch (Exception e) when (e is BandwidthProtocolException || e is IOException)
            {
                return null;
            }
        }

        /// <summary>
        /// The exception for a non-success answer. <paramref name="connection"/> names the account and user in messages and
        /// gives the credential forms to hide; <paramref name="masked"/> are more values (passcodes, the bearer token) to hide
        /// if the answer echoes them. <paramref name="collection"/>: the request was for a collection of the account, so a 404
        /// means the base address is wrong, never "nothing there".
        /// </summary>
        internal static BandwidthException FromStatus(HttpResponseMessage response, BwConnection connection, string what,
            IEnumerable<string> masked, Func<ErrorResponse, int, string, BandwidthException> rejection = null,
            bool collection = false, BandwidthClientOptions options = null)
        {
            var status = (int)response.StatusCode;
            var error = TryRead(response);
            var code = error?.ErrorCode ?? error?.Errors.FirstOrDefault()?.Code;
            var description = MaskSecrets(error?.Description ?? error?.Errors.FirstOrDefault()?.Description, connection, masked);
            var detail = Detail(status, code, description);

            if (status == 401 || status == 403)
            {
                return Authentication(connection, status, code, detail);
            }
            if (code == FeatureDisabledCode)
            {
                return new BandwidthFeatureDisabledException(Messages.FeatureDisabled(connection?.AccountId, detail), status, code);
            }
            if (status == 404)
            {
                return collection
                    ? new BandwidthBaseUriException(Messages.WrongBaseUri(what, connection?.BaseUri, detail), code)
                    : new BandwidthNotFoundException(Messages.NotFound(what, detail), status, code);
            }
            if (status == 429)
            {
                var clock = options?.TimeProvider ?? TimeProvider.System;
                var requested = RetryPolicy.RequestedWait(response, clock);
                var beyondCap = options != null && requested > options.MaxRetryDelay;
                return new BandwidthThrottledException(
                    beyondCap ? Messages.ThrottledBeyondCap(what, requested.Value, clock.GetUtcNow() + requested.Value, options.MaxRetryDelay)
                              : Messages.ThrottledAfterRetries(what),
                    requested, beyondCap);
            }
            if (status >= 500)
            {
                return new BandwidthServerException(Messages.ServerFailed(what, detail), status, code);
            }
            if (rejection != null && error != null && (status == 400 || status == 409))
            {
                return rejection(new ErrorResponse
                {
                    ErrorCode = code,
                    Description = description,
                    TelephoneNumbers = error.TelephoneNumbers.Concat(error.Errors.SelectMany(e => e.TelephoneNumbers)).Distinct().ToArray(),
                    Errors = error.Errors,
                }, status, detail);
            }
            return new BandwidthException(Messages.Refused(what, detail), status, code);
        }

        internal static BandwidthAuthenticationException Authentication(BwConnection connection, int status, string code, string detail) =>
            new BandwidthAuthenticationException(Messages.CredentialsRefused(connection, status, detail), status, code);

        /// <summary>The exception for an answer that never came (after the retries), or the original one when the caller cancelled.</summary>
        internal static Exception FromTransport(Exception failure, BwConnection connection, BandwidthClientOptions options, string what)
        {
            switch (failure)
            {
                case BandwidthException _:
                    return failure;
                case TimeoutRejectedException _:
                    return new BandwidthTransportException(Messages.NoAnswerInTime(connection.BaseUri, options.RequestTimeout, what), failure);
                case HttpRequestException _:
                case IOException _:
                case System.Net.Sockets.SocketException _:
                    return new BandwidthTransportException(Messages.Unreachable(connection.BaseUri, what, Innermost(failure).Message), failure);
                default:
                    return failure;
            }
        }

        /// <summary>A protocol error from the XML readers, given the request it answered and what to check; others unchanged.</summary>
        internal static BandwidthProtocolException Explain(BandwidthProtocolException failure, BwConnection connection, string what) =>
            failure.Explained ? failure : new BandwidthProtocolException(
                Messages.UnreadableAnswer(failure.Message, what, connection.BaseUri), failure.HttpStatus, failure) { Explained = true };

        /// <summary>
        /// Text from a server with every secret it may echo hidden: the connection's credential forms (the secret, the
        /// Basic header value) and <paramref name="more"/> (passcodes, bearer tokens).
        /// </summary>
        internal static string MaskSecrets(string text, BwConnection connection, IEnumerable<string> more) =>
            Mask(text, (more ?? Enumerable.Empty<string>()).Concat(connection?.SecretForms() ?? Enumerable.Empty<string>()));

        /// <summary>Hides secrets in a text; whole words only, so a passcode that is part of a number stays readable.</summary>
        internal static string Mask(string text, IEnumerable<string> secrets)
        {
            if (string.IsNullOrEmpty(text) || secrets == null) return text;
            // The look below matches case as the expression does for ASCII only: other text always goes to the expression.
            var ascii = text.All(c => c < 128);
            foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct().OrderByDescending(s => s.Length))
            {
                // Most texts hold no secret at all: the look costs nothing, the expression is built only for a hit.
                if (ascii && text.IndexOf(secret, StringComparison.OrdinalIgnoreCase) < 0) continue;
                text = Regex.Replace(text, @"(?<![A-Za-z0-9])" + Regex.Escape(secret) + @"(?![A-Za-z0-9])", "****", RegexOptions.IgnoreCase);
            }
            return text;
        }

        private static string Detail(int status, string code, string description)
        {
            var text = "HTTP " + status;
            if (code != null) text += ", error " + code;
            if (description != null) text += ": " + description;
            return text;
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }
    }
}
