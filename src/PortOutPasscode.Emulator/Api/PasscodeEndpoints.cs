using System.Globalization;
using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.State;
using PortOutPasscode.Emulator.Xml;

namespace PortOutPasscode.Emulator.Api;

/// <summary>GET /accounts/{id}/tnPortoutPasscodes?page=&amp;size= (cursor-paged) and POST (look up a &lt;TnList&gt;).</summary>
internal sealed class PasscodeEndpoints
{
    public const int MaxLookupNumbers = 2500;
    public const int MaxPageSize = 10_000;
    public const string Resource = "tnPortoutPasscodes";

    /// <summary>
    /// The page that begins at the number named by <c>page</c> (the first protected number at or after it, so a number
    /// that lost its passcode between two requests still works as a cursor); <c>page=1</c> is the first page. A query it
    /// cannot serve is 400 with 15610, the spec's answer to "any syntax error in the parameters"; a page that is a number
    /// not on the account names it, as the spec's example does.
    /// </summary>
    public ApiResult Page(ApiCall call)
    {
        var account = call.Account;
        if (!TryPageSize(call, out var size))
        {
            return NotFound(account, null,
                $"the query parameters page (1, or the number that begins the page, from the answer's Links) and size (1 to {MaxPageSize}) are both required.");
        }
        var page = call.Single("page");
        long? cursor = null;
        if (page != CursorWindow.FirstPage)
        {
            if (!TryCursorNumber(call.Wire, page, out var number))
            {
                return NotFound(account, null,
                    $"page '{page}' is neither 1 (the first page) nor {call.Wire.NumberShape}: the page is the number that begins it, as the answer's Links give it, not a page count.");
            }
            if (!account.Inventory.Owns(number)) return NotFound(account, call.Wire.Number(number), null);
            cursor = number;
        }
        var (items, window) = account.Passcodes.Page(cursor, size, call.Wire.Number);
        return ApiResult.Xml(200, ResponseXml.PasscodePage(items, window, call.Links(Resource, Array.Empty<string>()), call.Wire));
    }

    /// <summary>
    /// Numbers with a passcode are listed; the others go to ErrorList: 15619 (no passcode), 15610 (not on the account,
    /// and on v1 also anything that is no number, as the v1 example answers), 15608 on v2 for what is not E.164 (the v2 example).
    /// </summary>
    public ApiResult Lookup(ApiCall call, Stream body)
    {
        var (numbers, error) = TnListReader.Read(body);
        if (error != null) return ApiResult.Error(ApiEndpoint.Lookup, error);
        if (numbers!.Count > MaxLookupNumbers)
        {
            return ApiResult.Error(ApiEndpoint.Lookup, 400, ErrorCodes.LookupTooLarge, ErrorCodes.LookupTooLargeText(MaxLookupNumbers));
        }

        var account = call.Account;
        var found = new List<KeyValuePair<long, string>>();
        var invalid = new List<string>();
        var withoutPasscode = new List<string>();
        var notOnAccount = new List<string>();
        foreach (var text in numbers.Distinct(StringComparer.Ordinal))
        {
            if (!call.Wire.TryParseNumber(text, out var number))
            {
                (call.Wire.IsE164 ? invalid : notOnAccount).Add(text);
            }
            else if (!account.Inventory.Owns(number))
            {
                notOnAccount.Add(text);
            }
            else if (account.Passcodes.TryGet(number, out var passcode))
            {
                found.Add(new KeyValuePair<long, string>(number, passcode!));
            }
            else
            {
                withoutPasscode.Add(text);
            }
        }
        return ApiResult.Xml(200, ResponseXml.Lookup(found, invalid, withoutPasscode, notOnAccount, call.Wire));
    }

    /// <summary>The size parameter: required unless there is a default, 1 to <paramref name="max"/> (default <see cref="MaxPageSize"/>).</summary>
    public static bool TryPageSize(ApiCall call, out int size, int? defaultSize = null, int max = MaxPageSize)
    {
        var text = call.Query["size"].LastOrDefault();
        size = defaultSize ?? 0;
        if (text == null && defaultSize != null) return true;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size >= 1 && size <= max;
    }

    /// <summary>A page value naming a number; on v2 a '+' sent unescaped in the query arrives as a space, and is taken as meant.</summary>
    public static bool TryCursorNumber(WireFormat wire, string? page, out long number)
    {
        number = 0;
        if (page == null) return false;
        var raw = page.Length == 11 && wire.IsE164 && page[0] == '1' ? "+" + page : page;
        return wire.TryParseNumber(raw, out number);
    }

    private static ApiResult NotFound(AccountState account, string? number, string? why) =>
        ApiResult.Error(ApiEndpoint.Passcodes, new ApiError(400, ErrorCodes.NumbersNotFound,
            $"Telephone Numbers cannot be found on account(s) {account.Id}" + (why == null ? "" : ": " + why),
            number == null ? null : new[] { number }));
}
