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

    /// <summary>How many offending numbers a ResponseStatus lists at most.</summary>
    private const int MaxListedNumbers = 100;

    public ApiResult Create(ApiCall call, Stream body)
    {
        var (order, error) = OrderRequestReader.Read(body);
        if (error != null) return ApiResult.Error(ApiEndpoint.Create, error);
        var settings = _state.Settings;
        error = NotInTheVersionsFormat(order!, call.Wire) ?? OrderRules.Validate(order!, settings.MaxTnsPerOrder, call.Account.FeatureOn);
        if (error != null) return ApiResult.Error(ApiEndpoint.Create, error);

        var now = _state.Now;
        var stored = OrderProcessor.Accept(call.Account, call.Principal.Name, order!, settings, now, call.Wire);
        _state.Orders.Add(stored);
        _state.Notifications.Track(stored);
        // Location as the guide shows it: the order's URL under the base the client used.
        var location = $"{call.Origin}{call.Request.Path.Value!.TrimEnd('/')}/{stored.OrderId}";
        return ApiResult.Xml(201, ResponseXml.CreatedOrder(stored, now, call.Wire, settings.EchoPasscodes)).WithHeader("Location", location);
    }

    public ApiResult Get(ApiCall call)
    {
        var order = _state.Orders.Find(call.Account.Id, call.Route.Id!);
        if (order == null) return ApiResult.Error(ApiEndpoint.Get, 404, null, NotFoundText);
        return ApiResult.Xml(200, ResponseXml.Order(order, _state.Now, call.Wire, _state.Settings.EchoPasscodes));
    }

    public ApiResult History(ApiCall call)
    {
        var order = _state.Orders.Find(call.Account.Id, call.Route.Id!);
        if (order == null) return ApiResult.Error(ApiEndpoint.History, 404, null, NotFoundText);
        return ApiResult.Xml(200, ResponseXml.History(order, _state.Now, call.Wire));
    }

    /// <summary>
    /// Newest first, at most MaxOrdersPerList items; TotalCount counts every match. A bad query is 404, as the API answers.
    /// With listLagMs, an order is listed only that long after it was stored, as a lagging list index would show it.
    /// </summary>
    public ApiResult List(ApiCall call)
    {
        var filter = OrderFilter.Parse(call.Query, call.Wire, out var problem);
        if (filter == null) return ApiResult.Error(ApiEndpoint.List, 404, null, problem!);

        var settings = _state.Settings;
        var now = _state.Now;
        var lag = TimeSpan.FromMilliseconds(settings.ListLagMs);
        var orders = _state.Orders.Snapshot();
        var listed = new List<StoredOrder>();
        var total = 0;
        for (var i = orders.Length - 1; i >= 0; i--)
        {
            var order = orders[i];
            if (order.AccountId != call.Account.Id || order.CreatedAt + lag > now || !filter.Matches(order, now)) continue;
            total++;
            if (listed.Count < settings.MaxOrdersPerList) listed.Add(order);
        }
        return ApiResult.Xml(200, ResponseXml.OrderList(listed, total, filter.Details, now, call.Wire, settings.EchoPasscodes, settings.WrapOrderListInReportResponse));
    }

    /// <summary>
    /// v2 takes E.164 only: an order with any other number (10 digits included) is refused whole, 400 with 5070 and the
    /// numbers, the way the v2 spec answers an invalid number in an order (its ResponseStatus example).
    /// </summary>
    private static ApiError? NotInTheVersionsFormat(OrderRequest order, WireFormat wire)
    {
        if (!wire.IsE164) return null;
        var wrong = order.Groups.SelectMany(g => g.Numbers).Where(n => !wire.TryParseNumber(n, out _)).Distinct(StringComparer.Ordinal).ToList();
        if (wrong.Count == 0) return null;
        return new ApiError(400, ErrorCodes.InvalidNumber,
            $"Telephone number is invalid: the v2 API takes numbers in E.164 format (+12018551020); {wrong.Count} number(s) of the order are not, e.g. '{wrong[0]}'.",
            wrong.Take(MaxListedNumbers).ToList());
    }
}
