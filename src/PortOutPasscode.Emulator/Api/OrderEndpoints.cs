using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.State;
using PortOutPasscode.Emulator.Xml;

namespace PortOutPasscode.Emulator.Api;

/// <summary>POST/GET /accounts/{id}/tnoptions, GET …/tnoptions/{orderId}, GET …/tnoptions/{orderId}/history.</summary>
internal sealed class OrderEndpoints
{
    private const string NotFoundText = "The resource does not exist";

    private readonly EmulatorState _state;

    public OrderEndpoints(EmulatorState state) => _state = state;

    public ApiResult Create(HttpRequest request, AccountState account, Principal principal, Stream body)
    {
        var (order, error) = OrderRequestReader.Read(body);
        if (error != null) return ApiResult.Error(ApiEndpoint.Create, error);
        var settings = _state.Settings;
        error = OrderRules.Validate(order!, settings.MaxTnsPerOrder, account.FeatureOn);
        if (error != null) return ApiResult.Error(ApiEndpoint.Create, error);

        var now = _state.Now;
        var stored = OrderProcessor.Accept(account, principal.Name, order!, settings, now);
        _state.Orders.Add(stored);
        // Location as the guide shows it: the order's URL under the base the client used.
        var location = $"{request.Scheme}://{request.Host}{request.Path.Value!.TrimEnd('/')}/{stored.OrderId}";
        return ApiResult.Xml(201, ResponseXml.CreatedOrder(stored, now, settings.EchoPasscodes)).WithHeader("Location", location);
    }

    public ApiResult Get(AccountState account, string orderId)
    {
        var order = _state.Orders.Find(account.Id, orderId);
        if (order == null) return ApiResult.Error(ApiEndpoint.Get, 404, null, NotFoundText);
        return ApiResult.Xml(200, ResponseXml.Order(order, _state.Now, _state.Settings.EchoPasscodes));
    }

    public ApiResult History(AccountState account, string orderId)
    {
        var order = _state.Orders.Find(account.Id, orderId);
        if (order == null) return ApiResult.Error(ApiEndpoint.History, 404, null, NotFoundText);
        return ApiResult.Xml(200, ResponseXml.History(order, _state.Now));
    }

    /// <summary>Newest first, at most MaxOrdersPerList items; TotalCount counts every match. A bad query is 404, as the API answers.</summary>
    public ApiResult List(AccountState account, IQueryCollection query)
    {
        var filter = OrderFilter.Parse(query, out var problem);
        if (filter == null) return ApiResult.Error(ApiEndpoint.List, 404, null, problem!);

        var settings = _state.Settings;
        var now = _state.Now;
        var orders = _state.Orders.Snapshot();
        var listed = new List<StoredOrder>();
        var total = 0;
        for (var i = orders.Length - 1; i >= 0; i--)
        {
            var order = orders[i];
            if (order.AccountId != account.Id || !filter.Matches(order, now)) continue;
            total++;
            if (listed.Count < settings.MaxOrdersPerList) listed.Add(order);
        }
        return ApiResult.Xml(200, ResponseXml.OrderList(listed, total, filter.Details, now, settings.EchoPasscodes, settings.WrapOrderListInReportResponse));
    }
}
