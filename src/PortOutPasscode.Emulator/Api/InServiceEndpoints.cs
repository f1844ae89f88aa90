using System.Globalization;
using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.Xml;

namespace PortOutPasscode.Emulator.Api;

/// <summary>
/// GET /accounts/{id}/inserviceNumbers (cursor-paged, filtered), …/inserviceNumbers/totals and …/inserviceNumbers/{tn},
/// answered from the account's in-service ranges: a million numbers page without a million objects.
/// </summary>
internal sealed class InServiceEndpoints
{
    public const string Resource = "inserviceNumbers";
    public const int DefaultPageSize = 300;

    private static readonly string[] Filters = { "areacode", "npanxx", "state", "lata", "ratecenter", "startdate", "enddate" };

    /// <summary>200 with a page; 204 when nothing matches (or the cursor is past the last number); 404 for filters it cannot use, as published.</summary>
    public ApiResult List(ApiCall call)
    {
        if (!PasscodeEndpoints.TryPageSize(call, out var size, DefaultPageSize))
        {
            return Invalid($"size must be 1 to {PasscodeEndpoints.MaxPageSize} (default {DefaultPageSize}).");
        }
        var page = call.Single("page") ?? CursorWindow.FirstPage;
        long? cursor = null;
        if (page != CursorWindow.FirstPage)
        {
            if (!PasscodeEndpoints.TryCursorNumber(call.Wire, page, out var number))
            {
                return Invalid($"page '{page}' is neither 1 (the first page) nor {call.Wire.NumberShape} that begins a page.");
            }
            cursor = number;
        }
        var (numbers, problem) = Select(call);
        if (numbers == null) return Invalid(problem!);

        var window = CursorWindow.Of(numbers, cursor, size, call.Wire.Number);
        if (window.Take == 0) return new ApiResult(204, null, Array.Empty<byte>());
        var items = numbers.From(window.Start).Take((int)window.Take).ToList();
        return ApiResult.Xml(200, ResponseXml.InServicePage(items, window, call.Links(Resource, Filters), call.Wire));
    }

    public ApiResult Totals(ApiCall call) => ApiResult.Xml(200, ResponseXml.Quantity(call.Account.InService.Count));

    /// <summary>200 with no payload when the number is in service on the account, 404 otherwise (also for a number in the wrong format).</summary>
    public ApiResult One(ApiCall call) =>
        call.Wire.TryParseNumber(call.Route.Id, out var number) && call.Account.InService.Contains(number)
            ? new ApiResult(200, null, Array.Empty<byte>())
            : new ApiResult(404, null, Array.Empty<byte>());

    /// <summary>The in-service numbers the filters leave: ranges cut by area code, NPA-NXX and place, then a date test if asked.</summary>
    private static (ISortedNumbers? Numbers, string? Problem) Select(ApiCall call)
    {
        var numbers = call.Account.InService;
        if (call.Single("areacode") is string areaCode)
        {
            if (!IsDigits(areaCode, 3) || areaCode[0] < '2') return (null, $"areacode '{areaCode}' is not a 3-digit area code.");
            numbers = numbers.Intersect(new NumberRangeSet(new[] { NumberPlan.AreaCodeRange(int.Parse(areaCode, CultureInfo.InvariantCulture)) }));
        }
        if (call.Single("npanxx") is string npaNxx)
        {
            if (!IsDigits(npaNxx, 6) || npaNxx[0] < '2') return (null, $"npanxx '{npaNxx}' is not a 6-digit NPA NXX.");
            var first = long.Parse(npaNxx, CultureInfo.InvariantCulture) * 10_000;
            numbers = numbers.Intersect(new NumberRangeSet(new[] { new NumberRange(first, first + 9_999) }));
        }
        var state = call.Single("state");
        if (state != null)
        {
            if (state.Length != 2 || !state.All(char.IsAsciiLetter)) return (null, $"state '{state}' is not a 2-letter state abbreviation.");
            numbers = numbers.Intersect(NumberPlan.NumbersOf(a => a.State.Equals(state, StringComparison.OrdinalIgnoreCase)));
        }
        if (call.Single("lata") is string lata)
        {
            if (!int.TryParse(lata, NumberStyles.None, CultureInfo.InvariantCulture, out var lataNumber)) return (null, $"lata '{lata}' is not a LATA number.");
            numbers = numbers.Intersect(NumberPlan.NumbersOf(a => a.Lata == lataNumber));
        }
        if (call.Single("ratecenter") is string rateCenter)
        {
            if (state == null) return (null, "ratecenter must be combined with state in the query.");
            numbers = numbers.Intersect(NumberPlan.NumbersOf(a =>
                a.State.Equals(state, StringComparison.OrdinalIgnoreCase) && a.RateCenter.Equals(rateCenter.Replace(" ", ""), StringComparison.OrdinalIgnoreCase)));
        }
        if (!QueryDates.TryOptionalDay(call.Single("startdate"), "startdate", out var from, out var problem)
            || !QueryDates.TryOptionalDay(call.Single("enddate"), "enddate", out var to, out problem))
        {
            return (null, problem);
        }
        if (from == null && to == null) return (numbers, null);
        var last = to?.AddDays(1);
        return (new FilteredNumbers(numbers, n =>
        {
            var since = NumberPlan.InServiceSince(n);
            return (from == null || since >= from) && (last == null || since < last);
        }), null);
    }

    private static bool IsDigits(string text, int length) => text.Length == length && text.All(char.IsAsciiDigit);

    private static ApiResult Invalid(string problem) =>
        ApiResult.Error(ApiEndpoint.InService, 404, null, "The search parameters are invalid: " + problem);
}
