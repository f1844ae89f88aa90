using System.Text.Json;
using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.Xml;

namespace PortOutPasscode.Emulator.Api;

/// <summary>An answer built in full before it is sent, so a fault can still drop or truncate it.</summary>
internal sealed class ApiResult
{
    public const string XmlContentType = "application/xml; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    public ApiResult(int status, string? contentType, byte[] body)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
    }

    public int Status { get; }

    public string? ContentType { get; }

    public byte[] Body { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = new();

    public ApiResult WithHeader(string name, string value)
    {
        Headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public static ApiResult Xml(int status, byte[] body) => new(status, XmlContentType, body);

    public static ApiResult Error(ApiEndpoint? endpoint, ApiError error) =>
        Xml(error.HttpStatus, ResponseXml.Error(ApiEndpoints.ErrorRoot(endpoint), error));

    public static ApiResult Error(ApiEndpoint? endpoint, int status, int? code, string description) =>
        Error(endpoint, new ApiError(status, code, description));

    public static ApiResult Json(int status, object value) =>
        new(status, JsonContentType, JsonSerializer.SerializeToUtf8Bytes(value, JsonDefaults.Options));
}

internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };
}
