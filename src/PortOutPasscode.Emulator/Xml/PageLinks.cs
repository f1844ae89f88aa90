using System.Text;
using PortOutPasscode.Emulator.Domain;

namespace PortOutPasscode.Emulator.Xml;

/// <summary>
/// The pagination Links of a cursor-paged answer in Bandwidth's form:
/// <c>Link=&lt;http://127.0.0.1:5080/api/accounts/9900000/tnPortoutPasscodes?page=2012000101&amp;size=500&gt;;rel="next";</c>
/// (XML-escaped when written). The request's other query parameters (filters) are carried into every link.
/// </summary>
internal sealed class PageLinks
{
    private readonly string _resourceUrl;
    private readonly string _otherQuery;

    /// <param name="resourceUrl">Scheme, host, explicit port and path of the collection, as the client addressed it.</param>
    public PageLinks(string resourceUrl, IEnumerable<KeyValuePair<string, string>> otherQuery)
    {
        _resourceUrl = resourceUrl;
        var query = new StringBuilder();
        foreach (var (name, value) in otherQuery)
        {
            query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }
        _otherQuery = query.ToString();
    }

    public string Url(string page, int size) => $"{_resourceUrl}?{_otherQuery}page={Uri.EscapeDataString(page)}&size={size}";

    public string Link(string page, int size, string rel) => $"Link=<{Url(page, size)}>;rel=\"{rel}\";";

    /// <summary>first, previous (not on the first page), next (not on the last page), last.</summary>
    public IEnumerable<(string Rel, string Value)> For(CursorWindow window)
    {
        yield return ("first", Link(CursorWindow.FirstPage, window.Size, "first"));
        if (window.Previous != null) yield return ("previous", Link(window.Previous, window.Size, "previous"));
        if (window.Next != null) yield return ("next", Link(window.Next, window.Size, "next"));
        yield return ("last", Link(window.Last, window.Size, "last"));
    }
}
