using System.Globalization;
using Microsoft.AspNetCore.Http;
using PortOutPasscode.Emulator.Api;

namespace PortOutPasscode.Emulator.Domain;

/// <summary>
/// The order list's query: status (repeatable or comma-separated), tn, customerOrderId, orderIdFragment,
/// createdDateFrom/To, modifiedDateFrom/To, lastModifiedAfter (yyyy-MM-dd, or a full ISO date-time),
/// lastModifiedBy, orderDetails. Unknown parameters are ignored, as the API does. Dates are the server's: with a clock
/// offset, an order created at real time T matches the days of T + offset.
/// </summary>
internal sealed class OrderFilter
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(730);

    private HashSet<OrderStatus>? _statuses;
    private long? _telephoneNumber;
    private string? _customerOrderId;
    private string? _orderIdFragment;
    private DateTimeOffset? _createdFrom, _createdBefore, _modifiedFrom, _modifiedBefore, _modifiedAfter;
    private string? _lastModifiedBy;
    private bool _hasNarrowingFilter;
    private TimeSpan _clockOffset;

    public bool Details { get; private set; }

    /// <summary>Null and an error message for a query the API would answer 404.</summary>
    public static OrderFilter? Parse(IQueryCollection query, WireFormat wire, out string? error)
    {
        var filter = new OrderFilter { _clockOffset = wire.ClockOffset };
        error = null;
        foreach (var value in query["status"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!OrderStatuses.TryParse(value, out var status))
            {
                error = $"status '{value}' is not one of RECEIVED, PROCESSING, COMPLETE, PARTIAL, FAILED.";
                return null;
            }
            (filter._statuses ??= new()).Add(status);
        }
        if (Single(query, "tn") is string tn)
        {
            // v1 is lenient about punctuation; v2 takes E.164 only.
            var parsed = wire.IsE164 ? wire.TryParseNumber(tn, out var number) : TelephoneNumbers.TryNormalize(tn, out number);
            if (!parsed)
            {
                error = $"tn '{tn}' is not {wire.NumberShape}.";
                return null;
            }
            filter._telephoneNumber = number;
        }
        filter._customerOrderId = Single(query, "customerOrderId");
        filter._orderIdFragment = Single(query, "orderIdFragment");
        filter._lastModifiedBy = Single(query, "lastModifiedBy");
        if (!Day(query, "createdDateFrom", false, out filter._createdFrom, ref error)
            || !Day(query, "createdDateTo", true, out filter._createdBefore, ref error)
            || !Day(query, "modifiedDateFrom", false, out filter._modifiedFrom, ref error)
            || !Day(query, "modifiedDateTo", true, out filter._modifiedBefore, ref error)
            || !Day(query, "lastModifiedAfter", false, out filter._modifiedAfter, ref error))
        {
            return null;
        }
        filter.Details = string.Equals(Single(query, "orderDetails"), "true", StringComparison.OrdinalIgnoreCase);
        filter._hasNarrowingFilter = filter._telephoneNumber != null || filter._customerOrderId != null || filter._orderIdFragment != null
            || filter._createdFrom != null || filter._createdBefore != null || filter._modifiedFrom != null
            || filter._modifiedBefore != null || filter._modifiedAfter != null;
        return filter;
    }

    public bool Matches(StoredOrder order, DateTimeOffset now)
    {
        if (!_hasNarrowingFilter && order.CreatedAt < now - DefaultWindow) return false;
        if (_statuses != null && !_statuses.Contains(order.StatusAt(now))) return false;
        if (_customerOrderId != null && !string.Equals(order.CustomerOrderId, _customerOrderId, StringComparison.Ordinal)) return false;
        if (_orderIdFragment != null && !order.OrderId.StartsWith(_orderIdFragment, StringComparison.OrdinalIgnoreCase)) return false;
        if (_lastModifiedBy != null && !string.Equals(order.CreatedBy, _lastModifiedBy, StringComparison.Ordinal)) return false;
        var created = order.CreatedAt + _clockOffset;
        if (_createdFrom != null && created < _createdFrom) return false;
        if (_createdBefore != null && created >= _createdBefore) return false;
        var modified = order.LastModifiedAt(now) + _clockOffset;
        if (_modifiedFrom != null && modified < _modifiedFrom) return false;
        if (_modifiedBefore != null && modified >= _modifiedBefore) return false;
        if (_modifiedAfter != null && modified < _modifiedAfter) return false;
        if (_telephoneNumber is long number && !order.Touches(number)) return false;
        return true;
    }

    private static string? Single(IQueryCollection query, string name)
    {
        var value = query[name].LastOrDefault();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>A day is inclusive: "to 2024-05-01" ends at the start of 2024-05-02. A full date-time is taken as given.</summary>
    private static bool Day(IQueryCollection query, string name, bool endOfDay, out DateTimeOffset? value, ref string? error)
    {
        value = null;
        var text = Single(query, name);
        if (text == null) return true;
        if (QueryDates.TryParseDay(text, out var day))
        {
            value = endOfDay ? day.AddDays(1) : day;
            return true;
        }
        if (text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            value = instant;
            return true;
        }
        error = $"{name} '{text}' is not a date (yyyy-MM-dd).";
        return false;
    }
}
