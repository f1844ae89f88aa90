using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Client
{
    // Subscriptions: e-mail or callback notifications of the account's orders (portouts, tnoptions), as Bandwidth
    // recommends over tight polling.
    internal sealed partial class BandwidthClient
    {
        private string SubscriptionsPath => AccountPath + "/subscriptions";

        /// <summary>Every subscription of the account.</summary>
        internal Task<IReadOnlyList<BwSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
            RunAsync(Messages.ListingSubscriptions, () => ReadAgainIfCut(async () =>
            {
                using (var response = await SendAsync(HttpMethod.Get, SubscriptionsPath, null, false, cancellationToken).ConfigureAwait(false))
                {
                    if (response.StatusCode == HttpStatusCode.NoContent) return (IReadOnlyList<BwSubscription>)Array.Empty<BwSubscription>();
                    EnsureSuccess(response, Messages.ListingSubscriptions, collection: true);
                    return SubscriptionXml.ReadSubscriptions(await BodyAsync(response).ConfigureAwait(false));
                }
            }, Messages.ListingSubscriptions, cancellationToken));

        /// <summary>One subscription; <see cref="BandwidthSubscriptionNotFoundException"/> when the account has none by that id.</summary>
        internal Task<BwSubscription> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default)
        {
            RequireId(subscriptionId, nameof(subscriptionId), Messages.InvalidSubscriptionId);
            var id = subscriptionId.Trim();
            var what = Messages.ReadingSubscription(id);
            return RunAsync(what, () => ReadAgainIfCut(async () =>
            {
                using (var response = await SendAsync(HttpMethod.Get, SubscriptionPath(id), null, false, cancellationToken).ConfigureAwait(false))
                {
                    if (response.StatusCode == HttpStatusCode.NotFound) throw SubscriptionNotFound(id);
                    EnsureSuccess(response, what);
                    var subscription = SubscriptionXml.ReadSubscriptions(await BodyAsync(response).ConfigureAwait(false)).FirstOrDefault();
                    if (subscription == null) throw new BandwidthProtocolException(Messages.SubscriptionMissingFromAnswer(id));
                    if (subscription.SubscriptionId == null) subscription.SubscriptionId = id;
                    return subscription;
                }
            }, what, cancellationToken));
        }

        /// <summary>
        /// Creates a subscription and returns its id (the last segment of the answer's Location). Sent once: a resent create
        /// whose first answer was lost would meet its own subscription as a 409. A refusal with a reason is
        /// <see cref="BandwidthSubscriptionRejectedException"/> (the API answers a failed validation with 404 and a reason, which
        /// is not a wrong base address); a bare 404 still is one.
        /// </summary>
        internal Task<string> CreateSubscriptionAsync(SubscriptionRequest request, CancellationToken cancellationToken = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var what = Messages.CreatingSubscription(request.OrderType, request.Target);
            return RunAsync(what, async () =>
            {
                // Sized so the stream never grows: a grown-out buffer would keep the callback secret uncleared.
                var body = Serialize(stream => SubscriptionXml.WriteSubscription(request, stream), 8192);
                try
                {
                    using (var response = await SendAsync(HttpMethod.Post, SubscriptionsPath, body, false, cancellationToken).ConfigureAwait(false))
                    {
                        var status = (int)response.StatusCode;
                        var secrets = CallbackSecrets(request);
                        if (status == 400 || status == 404 || status == 409)
                        {
                            var reason = ApiErrors.MaskSecrets(ApiErrors.TryRead(response)?.Description, _connection, secrets);
                            if (reason != null)
                            {
                                throw new BandwidthSubscriptionRejectedException(
                                    status == 409 ? Messages.SubscriptionExists(request.OrderType, request.Target, reason)
                                                  : Messages.SubscriptionRejected(request.OrderType, request.Target, status, reason),
                                    status, reason);
                            }
                        }
                        if (!response.IsSuccessStatusCode)
                        {
                            throw ApiErrors.FromStatus(response, _connection, what, secrets, collection: true, options: _options);
                        }
                        var id = LastSegment(response.Headers.Location);
                        if (id == null) throw new BandwidthProtocolException(Messages.SubscriptionIdMissing(request.OrderType, request.Target));
                        return id;
                    }
                }
                finally
                {
                    Array.Clear(body.Array, 0, body.Array.Length); // the stream's whole buffer, which holds the callback secret
                }
            });
        }

        /// <summary>
        /// Deletes a subscription. A throttled or failed attempt is tried again; if an earlier attempt's answer was lost after
        /// Bandwidth deleted it, the next one is a 404, reported as <see cref="BandwidthSubscriptionNotFoundException"/>.
        /// </summary>
        internal Task<bool> DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default)
        {
            RequireId(subscriptionId, nameof(subscriptionId), Messages.InvalidSubscriptionId);
            var id = subscriptionId.Trim();
            var what = Messages.RemovingSubscription(id);
            return RunAsync(what, async () =>
            {
                using (var response = await SendAsync(HttpMethod.Delete, SubscriptionPath(id), null, true, cancellationToken).ConfigureAwait(false))
                {
                    if (response.StatusCode == HttpStatusCode.NotFound) throw SubscriptionNotFound(id);
                    EnsureSuccess(response, what);
                    return true;
                }
            });
        }

        private string SubscriptionPath(string id) => SubscriptionsPath + "/" + Uri.EscapeDataString(id);

        private BandwidthSubscriptionNotFoundException SubscriptionNotFound(string id) =>
            new BandwidthSubscriptionNotFoundException(Messages.SubscriptionNotFound(id, _connection.AccountId), id);

        /// <summary>The callback password and the tokens in use: hidden in whatever an answer says.</summary>
        private IEnumerable<string> CallbackSecrets(SubscriptionRequest request)
        {
            var secrets = KnownTokens.ToList();
            if (request.CallbackPassword != null)
            {
                var password = new NetworkCredential(string.Empty, request.CallbackPassword).Password;
                if (password.Length > 0) secrets.Add(password);
            }
            return secrets;
        }

        /// <summary>The id a Location header ends in, or null; only a plain id is taken, as <see cref="RequireId"/> would.</summary>
        private static string LastSegment(Uri location)
        {
            if (location == null) return null;
            var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
            var segment = Uri.UnescapeDataString(path.TrimEnd('/').Split('/').Last()).Trim();
            if (segment.Length == 0) return null;
            try
            {
                RequireId(segment, "location", Messages.InvalidSubscriptionId);
                return segment;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
