using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
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
        /// The exception for a non-success answer. <paramref name="connection"/> names the account and user in auth messages;
        /// <paramref name="masked"/> are values (passcodes) to hide if the API echoes them in its description.
        /// </summary>
        internal static BandwidthException FromStatus(HttpResponseMessage response, BwConnection connection, string what,
            IEnumerable<string> masked, Func<ErrorResponse, int, string, BandwidthException> rejection = null)
        {
            var status = (int)response.StatusCode;
            var error = TryRead(response);
            var code = error?.ErrorCode ?? error?.Errors.FirstOrDefault()?.Code;
            // The connection's secret too: a misbehaving server or proxy may echo the request's Authorization back.
            var hidden = (masked ?? Enumerable.Empty<string>()).Concat(connection?.SecretForms() ?? Enumerable.Empty<string>());
            var description = Mask(error?.Description ?? error?.Errors.FirstOrDefault()?.Description, hidden);
            var detail = Detail(status, code, description);

            if (status == 401 || status == 403)
            {
                return Authentication(connection, status, code, detail);
            }
            if (code == FeatureDisabledCode)
            {
                return new BandwidthFeatureDisabledException(
                    $"Account {connection?.AccountId} does not have the Port-Out Passcode/PIN Protection feature ({detail}). Ask Bandwidth to enable PortOutPasscodeProtection on the account; no passcode can be set until then.",
                    status, code);
            }
            if (status == 404)
            {
                return new BandwidthNotFoundException($"Not found while {what} ({detail}).", status, code);
            }
            if (status == 429)
            {
                return new BandwidthThrottledException(
                    $"The Bandwidth API is still throttling requests (HTTP 429) after the retries allowed while {what}. Wait a while and run it again, or connect with a higher -MaximumRetryCount or -MaximumRetryDelaySec (Connect-BwAccount).",
                    RetryPolicy.RetryAfter(response, TimeProvider.System, TimeSpan.MaxValue));
            }
            if (status >= 500)
            {
                return new BandwidthServerException(
                    $"The Bandwidth API failed while {what} ({detail}), also on every retry. It is probably a problem on Bandwidth's side: try again later.",
                    status, code);
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
            return new BandwidthException($"The Bandwidth API refused {what} ({detail}).", status, code);
        }

        internal static BandwidthAuthenticationException Authentication(BwConnection connection, int status, string code, string detail)
        {
            var who = connection == null ? "these credentials"
                : connection.AuthenticationKind == BwAuthenticationKind.Basic ? $"user '{connection.UserName}'"
                : $"OAuth2 client '{connection.UserName}'";
            var account = connection == null ? "this account" : "account " + connection.AccountId;
            var hint = status == 403
                ? $"The credentials were recognised but may not use {account}: check the account id, and ask an administrator to give {who} the role that manages TN options."
                : connection?.AuthenticationKind == BwAuthenticationKind.OAuth2ClientCredentials
                    ? "Check the client id and secret (-ClientCredential, or BW_CLIENT_ID and BW_CLIENT_SECRET)."
                    : "Check the API user name and password (-Credential, or BW_USERNAME and BW_PASSWORD), and that the user has API access.";
            return new BandwidthAuthenticationException(
                $"The Bandwidth API refused the credentials for {who} on {account} ({detail}). {hint}", status, code);
        }

        /// <summary>The exception for an answer that never came (after the retries), or the original one when the caller cancelled.</summary>
        internal static Exception FromTransport(Exception failure, BwConnection connection, BandwidthClientOptions options, string what)
        {
            switch (failure)
            {
                case BandwidthException _:
                    return failure;
                case TimeoutRejectedException _:
                    return new BandwidthTransportException(
                        $"The Bandwidth API at {connection.BaseUri} did not answer within {options.RequestTimeout.TotalSeconds:0.#} s while {what}, also on every retry. Check the network and proxy, or raise RequestTimeout.",
                        failure);
                case HttpRequestException _:
                case IOException _:
                case System.Net.Sockets.SocketException _:
                    return new BandwidthTransportException(
                        $"Could not reach the Bandwidth API at {connection.BaseUri} while {what}: {Innermost(failure).Message} Check the network, the proxy (-Proxy) and -BaseUri.",
                        failure);
                default:
                    return failure;
            }
        }

        /// <summary>A protocol error from the XML readers, given the request it answered and what to check; others unchanged.</summary>
        internal static BandwidthProtocolException Explain(BandwidthProtocolException failure, BwConnection connection, string what) =>
            failure.Explained ? failure : new BandwidthProtocolException(
                $"{failure.Message} This was the answer while {what} at {connection.BaseUri}. Check -BaseUri: it must be the Bandwidth API base (such as {BwConnection.DefaultBaseUri}), and nothing in between (a proxy, a captive portal) may answer in its place.",
                failure.HttpStatus, failure) { Explained = true };

        /// <summary>Hides passcodes the API might echo; whole words only, so a passcode that is part of a number stays readable.</summary>
        internal static string Mask(string text, IEnumerable<string> secrets)
        {
            if (string.IsNullOrEmpty(text) || secrets == null) return text;
            foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct())
            {
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
