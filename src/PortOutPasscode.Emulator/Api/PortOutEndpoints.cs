using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.State;
using PortOutPasscode.Emulator.Xml;

namespace PortOutPasscode.Emulator.Api;

/// <summary>
/// GET /accounts/{id}/portouts?page=1&amp;size=300[&amp;status=][&amp;startdate=&amp;enddate=][&amp;date=][&amp;tn=] and GET …/portouts/{orderId}:
/// the port-out orders the simulation made, oldest first, paged by the order id that begins the page.
/// </summary>
internal sealed class PortOutEndpoints
{
    public const string Resource = "portouts";
    public const int DefaultPageSize = 300;
    public const int MaxPageSize = 1000;

    private static readonly string[] Filters = { "status", "date", "startdate", "enddate", "tn" };

    private readonly EmulatorState _state;

    public PortOutEndpoints(EmulatorState state) => _state = state;

    public ApiResult List(ApiCall call)
    {
        if (!PasscodeEndpoints.TryPageSize(call, out var size, DefaultPageSize, MaxPageSize))
        {
            return Bad($"size must be 1 to {MaxPageSize} (default {DefaultPageSize}).");
        }
        var (keep, problem) = Filter(call);
        if (keep == null) return Bad(problem!);
        var orders = _state.PortOuts.Of(call.Account.Id).Where(keep).ToList();

        var page = call.Single("page") ?? CursorWindow.FirstPage;
        var start = 0;
        if (page != CursorWindow.FirstPage)
        {
            start = orders.FindIndex(o => o.OrderId.Equals(page, StringComparison.OrdinalIgnoreCase));
            if (start < 0)
            {
                return Bad($"page '{page}' is neither 1 (the first page) nor the id of a port-out of this list: the page is the port-out that begins it, as the answer's Links give it.");
            }
        }
        var window = CursorWindow.Of(orders.Count, start, size, index => orders[(int)index].OrderId);
        var items = orders.Skip(start).Take((int)window.Take).ToList();
        return ApiResult.Xml(200, ResponseXml.PortOutList(items, window, call.Links(Resource, Filters), call.Wire));
    }

    public ApiResult One(ApiCall call)
    {
        var order = _state.PortOuts.Find(call.Account.Id, call.Route.Id!);
        return order == null
            ? ApiResult.Error(ApiEndpoint.PortOut, 404, null, "The resource does not exist")
            : ApiResult.Xml(200, ResponseXml.PortOut(order, call.Wire));
    }

    /// <summary>
    /// status (any documented PortOutStatus, any case; one no order is in gives an empty list); date (the day the order was placed); startdate and enddate
    /// together (the last-modified day, both inclusive); tn (an order's number, as the port-in list takes it). Days are
    /// the server's, so a clock offset moves them.
    /// </summary>
    private static (Func<PortOutOrder, bool>? Keep, string? Problem) Filter(ApiCall call)
    {
        var offset = call.Wire.ClockOffset;
        PortOutStatus? status = null;
        if (call.Single("status") is string statusText)
        {
            // Numbers and comma lists parse as enum values too: only a documented name is a status.
            if (!Enum.TryParse<PortOutStatus>(statusText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(statusText, out _))
            {
                return (null, $"status '{statusText}' is not a port-out status ({string.Join(", ", Enum.GetNames<PortOutStatus>())}).");
            }
            status = parsed;
        }
        if (!QueryDates.TryOptionalDay(call.Single("date"), "date", out var placed, out var problem)
            || !QueryDates.TryOptionalDay(call.Single("startdate"), "startdate", out var from, out problem)
            || !QueryDates.TryOptionalDay(call.Single("enddate"), "enddate", out var to, out problem))
        {
            return (null, problem);
        }
        if ((from == null) != (to == null)) return (null, "startdate and enddate must be given together.");
        long? number = null;
        if (call.Single("tn") is string tn)
        {
            if (!call.Wire.TryParseNumber(tn, out var parsed)) return (null, $"tn '{tn}' is not {call.Wire.NumberShape}.");
            number = parsed;
        }
        return (order =>
        {
            var state = order.State;
            if (status != null && state.Status != status) return false;
            if (placed != null && (order.CreatedAt + offset).UtcDateTime.Date != placed.Value.UtcDateTime.Date) return false;
            var modified = state.LastModifiedAt + offset;
            if (from != null && (modified < from || modified >= to!.Value.AddDays(1))) return false;
            if (number != null && Array.IndexOf(order.Numbers, number.Value) < 0) return false;
            return true;
        }, null);
    }

    private static ApiResult Bad(string problem) => ApiResult.Error(ApiEndpoint.PortOuts, 400, null, "The query is invalid: " + problem);
}
