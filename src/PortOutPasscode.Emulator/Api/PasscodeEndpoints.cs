using System.Globalization;
using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.State;
using PortOutPasscode.Emulator.Xml;

namespace PortOutPasscode.Emulator.Api;

/// <summary>GET /accounts/{id}/tnPortoutPasscodes?page=&amp;size= and POST (look up a &lt;TnList&gt;).</summary>
internal sealed class PasscodeEndpoints
{
    public const int MaxLookupNumbers = 2500;
    public const int MaxPageSize = 10_000;

    public ApiResult Page(AccountState account, IQueryCollection query)
    {
        if (!PositiveInt(query, "page", int.MaxValue, out var page) || !PositiveInt(query, "size", MaxPageSize, out var size))
        {
            // The API's answer to a query it cannot serve (its example: 400, 15610).
            return ApiResult.Error(ApiEndpoint.Passcodes, 400, ErrorCodes.NumbersNotFound,
                $"Telephone Numbers cannot be found on account(s) {account.Id}: the query parameters page (1 or more) and size (1 to {MaxPageSize}) are both required.");
        }
        var (items, total) = account.Passcodes.Page(page, size);
        return ApiResult.Xml(200, ResponseXml.PasscodePage(items, total));
    }

    /// <summary>Numbers with a passcode are listed; the others go to ErrorList: 15619 (no passcode) or 15610 (not on the account).</summary>
    public ApiResult Lookup(AccountState account, Stream body)
    {
        var (numbers, error) = TnListReader.Read(body);
        if (error != null) return ApiResult.Error(ApiEndpoint.Lookup, error);
        if (numbers!.Count > MaxLookupNumbers)
        {
            return ApiResult.Error(ApiEndpoint.Lookup, 400, ErrorCodes.LookupTooLarge, ErrorCodes.LookupTooLargeText(MaxLookupNumbers));
        }

        var found = new List<KeyValuePair<long, string>>();
        var withoutPasscode = new List<string>();
        var notOnAccount = new List<string>();
        foreach (var text in numbers.Distinct(StringComparer.Ordinal))
        {
            if (!TelephoneNumbers.TryParse(text, out var number) || !account.Inventory.Owns(number))
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
        return ApiResult.Xml(200, ResponseXml.Lookup(found, withoutPasscode, notOnAccount));
    }

    private static bool PositiveInt(IQueryCollection query, string name, int max, out int value)
    {
        value = 0;
        return int.TryParse(query[name].LastOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max;
    }
}
