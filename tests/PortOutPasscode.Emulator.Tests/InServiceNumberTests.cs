using System.Net;
using System.Xml;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// GET inserviceNumbers (cursor-paged, filtered), /totals and /{tn}, answered from the accounts' in-service ranges; the
/// admin calls that set an account's in-service numbers and passcodes in bulk; a million numbers paged through.
/// </summary>
public sealed class InServiceNumberTests
{
    private const string InService = "/api/accounts/" + TestEmulator.Account + "/inserviceNumbers";

    private static string[] Numbers(XElement tns) => tns.Element("TelephoneNumbers").Elements("TelephoneNumber").Select(n => n.Value).ToArray();

    private static IEnumerable<string> Range(long first, int count) => OrderXml.Numbers(first, count);

    [Fact]
    public async Task The_demo_account_lists_its_in_service_numbers_in_the_spec_s_TNs_shape()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync(InService + "?page=1&size=300");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/xml", answer.ContentHeaders.ContentType.MediaType);
        var tns = answer.Xml;
        Assert.Equal("TNs", tns.Name.LocalName);
        Assert.Equal(new[] { "TotalCount", "Links", "TelephoneNumbers" }, tns.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("28", tns.Element("TotalCount").Value);
        Assert.Equal("Count", tns.Element("TelephoneNumbers").Elements().First().Name.LocalName);
        Assert.Equal("28", tns.Element("TelephoneNumbers").Element("Count").Value);
        Assert.Equal(Range(2012000101, 25).Concat(Range(9195550001, 3)), Numbers(tns));
        Assert.NotNull(tns.Element("Links").Element("first"));
        Assert.Null(tns.Element("Links").Element("next"));
    }

    [Fact]
    public async Task Pages_follow_next_by_the_number_that_begins_them_and_carry_the_filters_along()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var first = (await emulator.GetAsync(InService + "?areacode=201&size=10")).Xml;
        var seen = Numbers(first).ToList();
        var links = new List<Uri> { Paging.Url(first, "next") };
        for (var path = Paging.Next(first); path != null;)
        {
            var page = (await emulator.GetAsync(path)).Xml;
            Assert.Equal("25", page.Element("TotalCount").Value);
            seen.AddRange(Numbers(page));
            path = Paging.Next(page);
            if (path != null) links.Add(Paging.Url(page, "next"));
            Assert.True(seen.Count <= 25, "the pages never ended");
        }

        Assert.Equal(Range(2012000101, 25), seen);
        Assert.Equal(new[] { "2012000111", "2012000121" }, links.Select(l => System.Web.HttpUtility.ParseQueryString(l.Query)["page"]));
        Assert.All(links, l => Assert.Contains("areacode=201&page=", l.Query));
        Assert.Equal("2012000121", Paging.PageOf(first, "last"));
    }

    [Theory]
    [InlineData("areacode=201", 25)]
    [InlineData("areacode=919", 3)]
    [InlineData("npanxx=919555", 3)]
    [InlineData("npanxx=201201", 0)]
    [InlineData("state=NJ", 25)]
    [InlineData("state=nc", 3)]
    [InlineData("lata=426", 3)]
    [InlineData("lata=224", 25)]
    [InlineData("state=NC&ratecenter=CARY", 3)]
    [InlineData("state=NJ&ratecenter=CARY", 0)]
    [InlineData("state=NJ&lata=426", 0)]
    [InlineData("startdate=2025-04-12&enddate=2025-04-13", 2)] // 2012000101 and …102 went into service 101 and 102 days after 2025-01-01
    [InlineData("startdate=2025-01-02", 28)]
    [InlineData("enddate=2025-01-03", 2)] // 9195550001, …002
    [InlineData("areacode=201&startdate=2025-05-01", 6)] // …120 (120 days after 2025-01-01) to …125
    public async Task Every_filter_narrows_the_list_and_nothing_matching_is_204(string query, int expected)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync(InService + "?" + query);

        if (expected == 0)
        {
            Assert.Equal(HttpStatusCode.NoContent, answer.Status);
            Assert.Equal("", answer.Text);
            return;
        }
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected.ToString(), answer.Xml.Element("TotalCount").Value);
        Assert.Equal(expected, Numbers(answer.Xml).Length);
    }

    [Theory]
    [InlineData("ratecenter=CARY")]
    [InlineData("areacode=20")]
    [InlineData("areacode=abc")]
    [InlineData("npanxx=91955")]
    [InlineData("state=North")]
    [InlineData("lata=x")]
    [InlineData("startdate=yesterday")]
    [InlineData("enddate=2025-13-01")]
    [InlineData("page=2")]
    [InlineData("size=0")]
    [InlineData("size=10001")]
    public async Task Filters_it_cannot_use_are_404_as_published(string query)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync(InService + "?" + query);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.StartsWith("The search parameters are invalid", answer.Description);
    }

    [Fact]
    public async Task An_account_with_nothing_in_service_is_204()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync($"/api/accounts/{TestEmulator.AccountWithoutFeature}/inserviceNumbers?page=1&size=300");

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal("", answer.Text);
    }

    [Fact]
    public async Task Totals_count_every_in_service_number_in_a_Quantity()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var totals = await emulator.GetAsync(InService + "/totals");

        Assert.Equal(HttpStatusCode.OK, totals.Status);
        XmlAssertSame("<Quantity><Count>28</Count></Quantity>", totals.Xml);
    }

    [Theory]
    [InlineData("2012000101", HttpStatusCode.OK)]
    [InlineData("9195550003", HttpStatusCode.OK)]
    [InlineData("2012000126", HttpStatusCode.NotFound)] // the account's, but not in service
    [InlineData("5550000001", HttpStatusCode.NotFound)]
    [InlineData("+12012000101", HttpStatusCode.NotFound)] // v1 takes 10 digits
    public async Task One_number_is_200_with_no_payload_when_in_service_and_404_otherwise(string number, HttpStatusCode expected)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync(InService + "/" + number);

        Assert.Equal(expected, answer.Status);
        Assert.Equal("", answer.Text);
    }

    [Fact]
    public async Task The_admin_API_replaces_an_account_s_in_service_numbers_refuses_numbers_not_on_it_and_reset_restores_them()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var set = await emulator.AdminAsync(HttpMethod.Put, $"accounts/{TestEmulator.Account}/inservice",
            new { inService = new[] { "2012500000-2012500009", "2013000000" } });
        var listed = (await emulator.GetAsync(InService)).Xml;
        var refused = await emulator.AdminAsync(HttpMethod.Put, $"accounts/{TestEmulator.Account}/inservice",
            new { inService = new[] { "3035550000" } }, HttpStatusCode.BadRequest);
        var unknown = await emulator.AdminAsync(HttpMethod.Put, "accounts/1234567/inservice", new { inService = new[] { "2012000000" } }, HttpStatusCode.NotFound);
        await emulator.AdminAsync(HttpMethod.Post, "reset");

        Assert.Equal(11, set.GetProperty("count").GetInt64());
        Assert.Equal(new[] { "2012500000-2012500009", "2013000000" }, set.GetProperty("inService").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Range(2012500000, 10).Append("2013000000"), Numbers(listed));
        Assert.Contains("3035550000 is not all numbers of the account", refused.GetProperty("error").GetString());
        Assert.Contains("1234567", unknown.GetProperty("error").GetString());
        Assert.Equal("28", (await emulator.GetAsync(InService + "/totals")).Xml.Element("Count").Value);
        Assert.Equal(28, (await emulator.AdminAsync(HttpMethod.Get, $"accounts/{TestEmulator.Account}/inservice")).GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task The_admin_API_seeds_one_passcode_on_a_range_of_on_net_numbers_and_refuses_off_net_ones()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var seeded = await emulator.AdminAsync(HttpMethod.Post, $"accounts/{TestEmulator.Account}/passcodes",
            new { numbers = new[] { "2012000101-2012000110" }, passcode = "seed01" });
        var offNet = await emulator.AdminAsync(HttpMethod.Post, $"accounts/{TestEmulator.Account}/passcodes",
            new { numbers = new[] { "9195550001" }, passcode = "seed01" }, HttpStatusCode.BadRequest);
        var badPasscode = await emulator.AdminAsync(HttpMethod.Post, $"accounts/{TestEmulator.Account}/passcodes",
            new { numbers = new[] { "2012000111" }, passcode = "x" }, HttpStatusCode.BadRequest);

        Assert.Equal(10, seeded.GetProperty("set").GetInt64());
        Assert.Equal(Range(2012000101, 10).ToDictionary(n => n, _ => "seed01"), await emulator.StoredPasscodesAsync());
        Assert.Contains("on-net", offNet.GetProperty("error").GetString());
        Assert.Contains("4 to 10", badPasscode.GetProperty("error").GetString());
        var page = (await emulator.GetAsync(TestEmulator.Passcodes() + "?page=1&size=500")).Xml;
        Assert.Equal("10", page.Element("TelephoneNumberCount").Value);
    }

    /// <summary>
    /// The coverage scale of issue 15: 1,000,000 in service, 900,000 protected, both collections walked by their next
    /// links in pages of 10,000. A bounded loop that must finish, not a timed assertion.
    /// </summary>
    [Fact]
    public async Task A_million_in_service_numbers_and_900000_passcodes_page_through_in_pages_of_10000()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.AdminAsync(HttpMethod.Put, $"accounts/{TestEmulator.Account}/inservice", new { inService = new[] { "2012000000-2012999999" } });
        await emulator.AdminAsync(HttpMethod.Post, $"accounts/{TestEmulator.Account}/passcodes", new { numbers = new[] { "2012000000-2012899999" }, passcode = "a1b2c3" });
        var started = System.Diagnostics.Stopwatch.StartNew();

        var (inService, inServicePages) = await WalkAsync(emulator, InService + "?page=1&size=10000", "TelephoneNumber", "TotalCount");
        var (protectedNumbers, passcodePages) = await WalkAsync(emulator, TestEmulator.Passcodes() + "?page=1&size=10000", "FullNumber", "TelephoneNumberCount");

        Assert.Equal((1_000_000, 100), (inService, inServicePages));
        Assert.Equal((900_000, 90), (protectedNumbers, passcodePages));
        Console.WriteLine($"1,000,000 in-service and 900,000 protected numbers paged in {started.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Follows next to the end (at most 200 pages), checking every page continues strictly ascending; counts numbers and pages.</summary>
    private static async Task<(int Numbers, int Pages)> WalkAsync(TestEmulator emulator, string path, string numberElement, string totalElement)
    {
        long previous = 0;
        var numbers = 0;
        var pages = 0;
        for (; path != null && pages < 200; pages++)
        {
            var answer = await emulator.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            string next = null;
            long total = 0;
            using (var reader = XmlReader.Create(new StringReader(answer.Text)))
            {
                reader.Read();
                while (!reader.EOF)
                {
                    // ReadElementContentAs… moves past the element itself: only other nodes need a Read.
                    if (reader.NodeType != XmlNodeType.Element) reader.Read();
                    else if (reader.LocalName == totalElement) total = reader.ReadElementContentAsLong();
                    else if (reader.LocalName == "next") next = reader.ReadElementContentAsString();
                    else if (reader.LocalName == numberElement && reader.Depth >= 2)
                    {
                        var number = reader.ReadElementContentAsLong();
                        Assert.True(number > previous, $"{number} after {previous}: a repeat or a step back");
                        previous = number;
                        numbers++;
                    }
                    else reader.Read();
                }
            }
            Assert.True(total > 0);
            path = next == null ? null : new Uri(next["Link=<".Length..next.IndexOf('>')]).PathAndQuery;
        }
        Assert.Null(path);
        return (numbers, pages);
    }

    private static void XmlAssertSame(string expected, XElement actual) =>
        Assert.True(XNode.DeepEquals(XElement.Parse(expected), actual), actual.ToString());
}
