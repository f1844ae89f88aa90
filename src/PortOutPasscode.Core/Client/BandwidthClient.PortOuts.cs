using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Client
{
    // Port-outs: the requests of other carriers to take the account's numbers, as Bandwidth lists them.
    internal sealed partial class BandwidthClient
    {
        /// <summary>
        /// One page of the account's port-outs matching <paramref name="query"/>. Pages go by cursor: <paramref name="page"/>
        /// is <see cref="PageLinks.First"/>, then each answer's next link (the id of the port-out that begins that page).
        /// The query's time of day is not applied here: <see cref="PortOutQuery.Matches"/> is the caller's.
        /// </summary>
        internal Task<Page<BwPortOut>> GetPortOutPageAsync(string page, int size, PortOutQuery query, CancellationToken cancellationToken = default) =>
            GetPageAsync("/portouts", page, size, (query ?? new PortOutQuery()).ToParameters(_connection, _options.TimeProvider.GetUtcNow().UtcDateTime),
                PortOutXml.ReadPortOutPage, Messages.ListingPortOuts, cancellationToken);

        /// <summary>One port-out and its status; <see cref="BandwidthPortOutNotFoundException"/> when the account has none by that id.</summary>
        internal Task<BwPortOut> GetPortOutAsync(string orderId, CancellationToken cancellationToken = default)
        {
            RequireId(orderId, nameof(orderId), Messages.InvalidOrderId);
            var id = orderId.Trim();
            var what = Messages.ReadingPortOut(id);
            return RunAsync(what, () => ReadAgainIfCut(async () =>
            {
                using (var response = await SendAsync(HttpMethod.Get, AccountPath + "/portouts/" + Uri.EscapeDataString(id), null, false, cancellationToken).ConfigureAwait(false))
                {
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        throw new BandwidthPortOutNotFoundException(Messages.PortOutNotFound(id, _connection.AccountId), id);
                    }
                    EnsureSuccess(response, what);
                    return PortOutXml.ReadPortOut(await BodyAsync(response).ConfigureAwait(false), id);
                }
            }, what, cancellationToken));
        }
    }
}
