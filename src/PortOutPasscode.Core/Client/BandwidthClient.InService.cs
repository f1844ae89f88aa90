using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOutPasscode.Contract;

namespace PortOutPasscode.Client
{
    // The account's in-service numbers: what a coverage audit holds the protected numbers against.
    internal sealed partial class BandwidthClient
    {
        /// <summary>One page of the account's in-service numbers (ten digits), by cursor like every collection; 204 is "none".</summary>
        internal Task<Page<string>> GetInServicePageAsync(string page, int size, InServiceQuery query, CancellationToken cancellationToken = default) =>
            GetPageAsync("/inserviceNumbers", page, size, query?.ToParameters(), InServiceXml.ReadPage, Messages.ListingInService, cancellationToken);

        /// <summary>How many numbers the account has in service (inserviceNumbers/totals).</summary>
        internal Task<long?> GetInServiceTotalAsync(CancellationToken cancellationToken = default) =>
            RunAsync(Messages.CountingInService, () => ReadAgainIfCut(async () =>
            {
                using (var response = await SendAsync(HttpMethod.Get, AccountPath + "/inserviceNumbers/totals", null, false, cancellationToken).ConfigureAwait(false))
                {
                    EnsureSuccess(response, Messages.CountingInService, collection: true);
                    return InServiceXml.ReadTotal(await BodyAsync(response).ConfigureAwait(false));
                }
            }, Messages.CountingInService, cancellationToken));
    }
}
