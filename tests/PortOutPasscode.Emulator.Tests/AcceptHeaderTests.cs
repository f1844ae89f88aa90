using System.Net;
using System.Net.Http.Headers;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>Every XML endpoint answers application/xml to a client that sends Accept: application/xml, as Bandwidth's clients do.</summary>
public sealed class AcceptHeaderTests
{
    [Theory]
    [InlineData("/api/accounts/9900000/tnoptions")]
    [InlineData("/api/accounts/9900000/tnPortoutPasscodes?page=1&size=10")]
    [InlineData("/api/accounts/9900000/inserviceNumbers")]
    [InlineData("/api/accounts/9900000/inserviceNumbers/totals")]
    [InlineData("/api/accounts/9900000/portouts?page=1&size=10")]
    [InlineData("/api/accounts/9900000/subscriptions")]
    [InlineData("/api/v2/accounts/9900000/tnPortoutPasscodes?page=1&size=10")]
    [InlineData("/api/accounts/9900000/tnoptions/unknown")]
    [InlineData("/api/accounts/9900000/portouts?page=bad")]
    public async Task Answers_are_application_xml(string path)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = TestEmulator.DemoUser;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        var answer = await emulator.SendAsync(request);

        Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{(int)answer.Status}");
        Assert.Equal("application/xml", answer.ContentHeaders.ContentType.MediaType);
        Assert.Equal("utf-8", answer.ContentHeaders.ContentType.CharSet);
        Assert.NotNull(answer.Xml);
    }
}
