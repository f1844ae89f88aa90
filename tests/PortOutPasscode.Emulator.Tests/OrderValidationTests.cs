using System.Net;
using System.Net.Http.Headers;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>Whole-order refusals (nothing stored, a ResponseStatus answer) and authentication.</summary>
public sealed class OrderValidationTests
{
    /// <summary>Posts a create that must be refused; checks the answer's shape and that nothing was stored.</summary>
    private static async Task<Answer> RefusedAsync(TestEmulator emulator, string xml, HttpStatusCode status, int? code,
        string account = TestEmulator.Account)
    {
        var answer = await emulator.PostXmlAsync(TestEmulator.Orders(account), xml);
        Assert.True(answer.Status == status, $"expected {(int)status}, got {(int)answer.Status}: {answer.Text}");
        Assert.Equal("TnOptionOrderResponse", answer.Xml.Name.LocalName);
        Assert.Equal(code, answer.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(answer.Description));
        Assert.Empty(await emulator.StoredOrdersAsync());
        Assert.Empty(await emulator.StoredPasscodesAsync(account));
        return answer;
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("abcdefghijk")]
    [InlineData("a1b2-c3")]
    [InlineData("a1b2 c3")]
    [InlineData("")]
    [InlineData("pässwort")]
    public async Task A_passcode_that_is_not_4_to_10_letters_or_digits_is_5193(string passcode)
    {
        await using var emulator = await TestEmulator.StartAsync();

        await RefusedAsync(emulator, OrderXml.Passcode(passcode, "2012000001"), HttpStatusCode.BadRequest, 5193);
    }

    [Fact]
    public async Task Two_passcodes_in_one_group_are_5193()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var twice = new Group(new[] { ("PortOutPasscode", "a1b2c3"), ("PortOutPasscode", "d4e5f6") }, new[] { "2012000001" });

        await RefusedAsync(emulator, OrderXml.Order(null, twice), HttpStatusCode.BadRequest, 5193);
    }

    [Theory]
    [InlineData("a1b2")]
    [InlineData("A1B2C3D4E5")]
    [InlineData("unchanged")]
    [InlineData("SYSTEMDEFAULT")]
    public async Task Passcodes_of_4_to_10_letters_or_digits_and_the_two_words_are_accepted(string passcode)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Passcode(passcode, "2012000001"));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
    }

    [Fact]
    public async Task A_passcode_on_an_account_without_the_feature_is_5194()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await RefusedAsync(emulator, OrderXml.Passcode("a1b2c3", "3035550001"), HttpStatusCode.Conflict, 5194, TestEmulator.AccountWithoutFeature);

        // Other options still work there.
        var sms = await emulator.PostXmlAsync(TestEmulator.Orders(TestEmulator.AccountWithoutFeature), OrderXml.Order(null, Group.Option("Sms", "on", "3035550001")));
        Assert.Equal(HttpStatusCode.Created, sms.Status);
    }

    [Fact]
    public async Task A_number_twice_in_a_group_is_5093_and_the_answer_names_it()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await RefusedAsync(emulator, OrderXml.Passcode("a1b2c3", "2012000001", "2012000002", "2012000001"), HttpStatusCode.BadRequest, 5093);

        Assert.Equal(new[] { "2012000001" },
            answer.Xml.Element("ResponseStatus").Element("TelephoneNumbers").Elements("TelephoneNumber").Select(e => e.Value));
    }

    [Fact]
    public async Task The_same_option_for_a_number_in_two_groups_is_5093_but_different_options_are_not()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await RefusedAsync(emulator, OrderXml.Order(null, Group.Passcode("a1b2c3", "2012000001"), Group.Passcode("d4e5f6", "2012000001")),
            HttpStatusCode.BadRequest, 5093);
        var different = await emulator.PostXmlAsync(TestEmulator.Orders(),
            OrderXml.Order(null, Group.Passcode("a1b2c3", "2012000001"), Group.Option("Sms", "on", "2012000001")));
        Assert.Equal(HttpStatusCode.Created, different.Status);
    }

    [Fact]
    public async Task More_numbers_than_the_configured_maximum_is_5095()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions { MaxTnsPerOrder = 3 });

        await RefusedAsync(emulator, OrderXml.Passcode("a1b2c3", OrderXml.Numbers(2012000001, 4)), HttpStatusCode.BadRequest, 5095);
        // Distinct numbers count: across groups with different options a number counts once.
        var three = OrderXml.Order(null, Group.Passcode("a1b2c3", OrderXml.Numbers(2012000001, 3)), Group.Option("Sms", "on", OrderXml.Numbers(2012000001, 3)));
        Assert.Equal(HttpStatusCode.Created, (await emulator.PostXmlAsync(TestEmulator.Orders(), three)).Status);
    }

    [Fact]
    public async Task The_default_maximum_is_5000_and_the_admin_API_can_change_it()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await RefusedAsync(emulator, OrderXml.Passcode("a1b2c3", OrderXml.Numbers(2012000000, 5001)), HttpStatusCode.BadRequest, 5095);
        Assert.Equal(HttpStatusCode.Created, (await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Passcode("a1b2c3", OrderXml.Numbers(2012000000, 5000)))).Status);

        await emulator.AdminAsync(HttpMethod.Put, "settings", new { maxTnsPerOrder = 2 });
        var answer = await emulator.PostXmlAsync(TestEmulator.Orders(), OrderXml.Passcode("d4e5f6", OrderXml.Numbers(2012000000, 3)));
        Assert.Equal(5095, answer.ErrorCode);
    }

    [Fact]
    public async Task A_group_without_any_option_is_5115_and_so_is_an_order_without_groups()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await RefusedAsync(emulator, OrderXml.Order(null, new Group(Array.Empty<(string, string)>(), new[] { "2012000001" })), HttpStatusCode.BadRequest, 5115);
        await RefusedAsync(emulator, "<TnOptionOrder><CustomerOrderId>x</CustomerOrderId><TnOptionGroups/></TnOptionOrder>", HttpStatusCode.BadRequest, 5115);
    }

    [Theory]
    [InlineData("<TnOptionOrder><TnOptionGroups><TnOptionGroup><PortOutPasscode>a1b2c3</PortOutPasscode>")]
    [InlineData("not xml at all")]
    [InlineData("")]
    [InlineData("<TnOptionOrder/><TnOptionOrder/>")]
    [InlineData("<Order><TnOptionGroups/></Order>")]
    [InlineData("<!DOCTYPE lol [<!ENTITY lol \"lol\">]><TnOptionOrder>&lol;</TnOptionOrder>")]
    public async Task A_body_that_is_not_a_TnOptionOrder_document_is_400_without_an_error_code(string body)
    {
        await using var emulator = await TestEmulator.StartAsync();

        await RefusedAsync(emulator, body, HttpStatusCode.BadRequest, null);
    }

    [Theory]
    [InlineData("this id is longer than forty characters!!")]
    [InlineData("batch_42")]
    public async Task A_bad_CustomerOrderId_is_400(string customerOrderId)
    {
        await using var emulator = await TestEmulator.StartAsync();

        await RefusedAsync(emulator, OrderXml.Order(customerOrderId, Group.Passcode("a1b2c3", "2012000001")), HttpStatusCode.BadRequest, null);
    }

    [Fact]
    public async Task A_group_without_numbers_is_400()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await RefusedAsync(emulator, OrderXml.Passcode("a1b2c3"), HttpStatusCode.BadRequest, null);
    }

    public static TheoryData<string, string> BadCredentials => new()
    {
        { null, null },
        { "Basic", Convert.ToBase64String("demo:wrong-password"u8.ToArray()) },
        { "Basic", Convert.ToBase64String("nobody:demo-password"u8.ToArray()) },
        { "Basic", "not base64!" },
        { "Bearer", "not-a-token" },
        { "Digest", "username=demo" },
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task Bad_or_missing_credentials_are_401_with_a_challenge_on_every_endpoint(string scheme, string parameter)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var auth = scheme == null ? null : new AuthenticationHeaderValue(scheme, parameter);
        var requests = new (HttpMethod Method, string Path, string Root)[]
        {
            (HttpMethod.Post, TestEmulator.Orders(), "TnOptionOrderResponse"),
            (HttpMethod.Get, TestEmulator.Orders(), "TnOptionOrderReportResponse"),
            (HttpMethod.Get, TestEmulator.Orders() + "/" + Guid.NewGuid(), "TnOptionOrderReportResponse"),
            (HttpMethod.Get, TestEmulator.Orders() + "/" + Guid.NewGuid() + "/history", "TnOptionOrderReportResponse"),
            (HttpMethod.Get, TestEmulator.Passcodes() + "?page=1&size=10", "TelephoneNumbersResponse"),
            (HttpMethod.Post, TestEmulator.Passcodes(), "TelephoneNumbersResponse"),
        };

        foreach (var (method, path, root) in requests)
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post) request.Content = new StringContent(OrderXml.Passcode("a1b2c3", "2012000001"), System.Text.Encoding.UTF8, "application/xml");
            request.Headers.Authorization = auth;
            var answer = await emulator.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.NotEmpty(answer.Headers.WwwAuthenticate);
            Assert.Equal(root, answer.Xml.Name.LocalName);
        }
        Assert.Empty(await emulator.StoredOrdersAsync());
    }

    [Fact]
    public async Task An_account_the_user_may_not_use_is_403_and_an_unknown_one_404_for_a_user_of_every_account()
    {
        await using var emulator = await TestEmulator.StartAsync(new EmulatorOptions
        {
            Users = new() { new ApiUserOptions { Name = "demo", Password = "demo-password", Accounts = { "9900000" } },
                            new ApiUserOptions { Name = "admin", Password = "admin-password", Accounts = { "*" } } },
        });

        var forbidden = await emulator.PostXmlAsync(TestEmulator.Orders(TestEmulator.AccountWithoutFeature), OrderXml.Order(null, Group.Option("Sms", "on", "3035550001")));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await emulator.GetAsync(TestEmulator.Orders("1234567"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await emulator.GetAsync(TestEmulator.Passcodes(TestEmulator.AccountWithoutFeature) + "?page=1&size=5")).Status);

        var admin = TestEmulator.Basic("admin", "admin-password");
        Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Orders(TestEmulator.AccountWithoutFeature), admin)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetAsync(TestEmulator.Orders("1234567"), admin)).Status);
        Assert.Empty(await emulator.StoredOrdersAsync());
    }
}
