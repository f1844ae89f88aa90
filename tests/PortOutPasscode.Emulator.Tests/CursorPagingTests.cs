using System.Net;
using System.Xml.Linq;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>
/// GET tnPortoutPasscodes pages as numbers.yml says: page=1 first, then the number that begins the page (never a page
/// number); Links first/previous/next/last in Bandwidth's Link=&lt;…&gt;;rel="…"; form; TelephoneNumberCount the total.
/// </summary>
public sealed class CursorPagingTests
{
    private static string[] FullNumbers(XElement response) => response.Descendants("FullNumber").Select(n => n.Value).ToArray();

    private static async Task<TestEmulator> WithPasscodesAsync(int count, long first = 2012000101)
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", OrderXml.Numbers(first, count)));
        return emulator;
    }

    [Fact]
    public async Task Links_are_in_Bandwidth_s_form_with_the_number_that_begins_each_page()
    {
        await using var emulator = await WithPasscodesAsync(7);
        var root = $"http://127.0.0.1:{emulator.Server.Port}/api/accounts/9900000/tnPortoutPasscodes";

        var first = await emulator.GetAsync(TestEmulator.Passcodes() + "?page=1&size=3");
        var second = (await emulator.GetAsync(TestEmulator.Passcodes() + "?page=2012000104&size=3")).Xml;
        var last = (await emulator.GetAsync(TestEmulator.Passcodes() + "?page=2012000107&size=3")).Xml;

        var links = first.Xml.Element("Links");
        Assert.Equal(new[] { "first", "next", "last" }, links.Elements().Select(e => e.Name.LocalName));
        Assert.Equal($"Link=<{root}?page=1&size=3>;rel=\"first\";", links.Element("first").Value);
        Assert.Equal($"Link=<{root}?page=2012000104&size=3>;rel=\"next\";", links.Element("next").Value);
        Assert.Equal($"Link=<{root}?page=2012000107&size=3>;rel=\"last\";", links.Element("last").Value);
        Assert.Contains("?page=2012000104&amp;size=3&gt;;rel=\"next\";", first.Text); // XML-escaped on the wire, as published
        Assert.Equal(new[] { "TelephoneNumberCount", "Links", "TelephoneNumbers" }, first.Xml.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("7", first.Xml.Element("TelephoneNumberCount").Value);

        Assert.Equal(new[] { "2012000104", "2012000105", "2012000106" }, FullNumbers(second));
        Assert.Equal("1", Paging.PageOf(second, "previous"));
        Assert.Equal("2012000107", Paging.PageOf(second, "next"));
        Assert.Equal(new[] { "2012000107" }, FullNumbers(last));
        Assert.Null(last.Element("Links").Element("next"));
        Assert.Equal("2012000104", Paging.PageOf(last, "previous"));
    }

    [Fact]
    public async Task Links_keep_the_base_the_client_used()
    {
        await using var emulator = await WithPasscodesAsync(3);

        var page = (await emulator.GetAsync("/v1.0/accounts/9900000/tnPortoutPasscodes?page=1&size=2")).Xml;

        Assert.Equal($"http://127.0.0.1:{emulator.Server.Port}/v1.0/accounts/9900000/tnPortoutPasscodes?page=2012000103&size=2",
            Paging.Url(page, "next").ToString());
    }

    [Fact]
    public async Task Numbers_added_or_removed_between_pages_make_no_page_repeat_or_skip()
    {
        await using var emulator = await WithPasscodesAsync(6, first: 2012000110);
        var first = (await emulator.GetAsync(TestEmulator.Passcodes() + "?page=1&size=3")).Xml;
        Assert.Equal(new[] { "2012000110", "2012000111", "2012000112" }, FullNumbers(first));

        // Before the cursor (an offset would now repeat 2012000112), after it, and the cursor's own number loses its passcode.
        await emulator.CreateAsync(OrderXml.Passcode("a1b2c3", "2012000100", "2012000101", "2012000120"));
        await emulator.CreateAsync(OrderXml.Passcode("systemDefault", "2012000113"));

        var seen = FullNumbers(first).ToList();
        for (var path = Paging.Next(first); path != null;)
        {
            var page = (await emulator.GetAsync(path)).Xml;
            seen.AddRange(FullNumbers(page));
            path = Paging.Next(page);
            Assert.True(seen.Count < 100, "the pages never ended");
        }

        Assert.Equal(new[] { "2012000110", "2012000111", "2012000112", "2012000114", "2012000115", "2012000120" }, seen);
    }

    [Fact]
    public async Task A_walk_of_many_small_pages_sees_each_number_once()
    {
        await using var emulator = await WithPasscodesAsync(250, first: 2012001000);

        var seen = new List<string>();
        var requests = 0;
        for (var path = TestEmulator.Passcodes() + "?page=1&size=7"; path != null; requests++)
        {
            Assert.True(requests < 100, "the pages never ended");
            var page = (await emulator.GetAsync(path)).Xml;
            Assert.Equal("250", page.Element("TelephoneNumberCount").Value);
            seen.AddRange(FullNumbers(page));
            path = Paging.Next(page);
        }

        Assert.Equal(36, requests); // ceil(250 / 7)
        Assert.Equal(OrderXml.Numbers(2012001000, 250), seen);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("abc")]
    public async Task A_page_that_is_neither_1_nor_a_number_is_400_and_says_the_page_is_the_number_that_begins_it(string page)
    {
        await using var emulator = await WithPasscodesAsync(3);

        var answer = await emulator.GetAsync(TestEmulator.Passcodes() + $"?page={page}&size=2");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(15610, answer.ErrorCode);
        Assert.Contains("the page is the number that begins it", answer.Description);
    }

    [Fact]
    public async Task A_page_that_is_a_number_not_on_the_account_is_the_published_15610_naming_it()
    {
        await using var emulator = await WithPasscodesAsync(3);
        var published = XDocument.Load(Fixtures.PathOf("spec_v1_tnPortoutPasscodes_get_400_15610.xml")).Root;

        var answer = await emulator.GetAsync(TestEmulator.Passcodes() + "?page=3125550000&size=2");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        XmlAssert.SameElements(published.ToString().Replace("2002013", "9900000").Replace("2012035088", "3125550000"), answer.Text);
    }

    [Fact]
    public async Task An_empty_account_answers_200_with_count_0_and_no_next()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.GetAsync(TestEmulator.Passcodes() + "?page=1&size=500");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("0", answer.Xml.Element("TelephoneNumberCount").Value);
        Assert.Empty(FullNumbers(answer.Xml));
        Assert.Null(answer.Xml.Element("Links").Element("next"));
        Assert.Equal("1", Paging.PageOf(answer.Xml, "last"));
    }

    [Fact]
    public async Task A_cursor_past_the_last_number_is_an_empty_page_not_a_404()
    {
        await using var emulator = await WithPasscodesAsync(3);

        var answer = await emulator.GetAsync(TestEmulator.Passcodes() + "?page=2013999999&size=2");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("3", answer.Xml.Element("TelephoneNumberCount").Value);
        Assert.Empty(FullNumbers(answer.Xml));
        Assert.Null(answer.Xml.Element("Links").Element("next"));
    }
}
