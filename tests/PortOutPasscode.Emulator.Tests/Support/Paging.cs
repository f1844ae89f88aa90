using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PortOutPasscode.Emulator.Tests.Support;

/// <summary>Reads Bandwidth's pagination Links (Link=&lt;url&gt;;rel="next";) the way a client follows them.</summary>
internal static partial class Paging
{
    [GeneratedRegex("^Link=<(?<url>[^>]+)>;rel=\"(?<rel>[a-z]+)\";$")]
    private static partial Regex LinkForm();

    /// <summary>The URL of a link, after checking it has Bandwidth's exact form and its rel matches its element.</summary>
    public static Uri Url(XElement response, string rel)
    {
        var element = response.Element("Links")?.Element(rel);
        if (element == null) return null;
        var match = LinkForm().Match(element.Value);
        Assert.True(match.Success, $"<{rel}> is not in the Link=<…>;rel=\"…\"; form: {element.Value}");
        Assert.Equal(rel, match.Groups["rel"].Value);
        return new Uri(match.Groups["url"].Value);
    }

    /// <summary>The path and query of the next page, or null on the last page.</summary>
    public static string Next(XElement response) => Url(response, "next")?.PathAndQuery;

    /// <summary>The page parameter of a link (decoded).</summary>
    public static string PageOf(XElement response, string rel) =>
        System.Web.HttpUtility.ParseQueryString(Url(response, rel).Query)["page"];
}
