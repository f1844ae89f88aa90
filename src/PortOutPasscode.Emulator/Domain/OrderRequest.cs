using System.Xml.Linq;

namespace PortOutPasscode.Emulator.Domain;

/// <summary>A create request as read from the XML, before any rule is checked.</summary>
internal sealed class OrderRequest
{
    public string? CustomerOrderId { get; set; }

    public List<OrderRequestGroup> Groups { get; } = new();
}

internal sealed class OrderRequestGroup
{
    /// <summary>Every child element except TelephoneNumbers, in request order.</summary>
    public List<XElement> Options { get; } = new();

    /// <summary>The PortOutPasscode element's text ("" when empty), or null when the group has none.</summary>
    public string? Passcode { get; set; }

    public int PasscodeElements { get; set; }

    public List<string> Numbers { get; } = new();
}

/// <summary>A synchronous refusal: the HTTP status and the ResponseStatus the API answers with.</summary>
internal sealed record ApiError(int HttpStatus, int? Code, string Description, IReadOnlyList<string>? TelephoneNumbers = null);
