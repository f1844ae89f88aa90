using PortOutPasscode.Emulator.Domain;
using PortOutPasscode.Emulator.State;
using PortOutPasscode.Emulator.Xml;

namespace PortOutPasscode.Emulator.Api;

/// <summary>
/// /accounts/{id}/subscriptions: POST (201, no body, Location ends in the new id), GET (all), GET/PUT/DELETE one
/// (200, PUT and DELETE with no body), as numbers.yml and the SDKs have them.
/// </summary>
internal sealed class SubscriptionEndpoints
{
    public const string Resource = "subscriptions";
    private const string NotFoundText = "The subscription does not exist.";

    private readonly EmulatorState _state;

    public SubscriptionEndpoints(EmulatorState state) => _state = state;

    public ApiResult Create(ApiCall call, Stream body)
    {
        var (request, error) = SubscriptionReader.Read(body, invalidStatus: 404, e164ByDefault: call.Wire.IsE164);
        if (error != null) return ApiResult.Error(ApiEndpoint.SubscriptionCreate, error);
        var subscription = Build(Guid.NewGuid().ToString(), call.Account.Id, request!, _state.Now);
        if (_state.Subscriptions.TryAdd(subscription) is { } existing)
        {
            return ApiResult.Error(ApiEndpoint.SubscriptionCreate, 409, null,
                $"A subscription for this target already exists: {existing.Id}. Update it (PUT) or delete it first.");
        }
        return new ApiResult(201, null, Array.Empty<byte>()).WithHeader("Location", $"{call.ResourceUrl(Resource)}/{subscription.Id}");
    }

    public ApiResult List(ApiCall call) =>
        ApiResult.Xml(200, ResponseXml.Subscriptions(_state.Subscriptions.Of(call.Account.Id), _state.Now));

    public ApiResult One(ApiCall call)
    {
        var subscription = _state.Subscriptions.Find(call.Account.Id, call.Route.Id!);
        return subscription == null
            ? ApiResult.Error(ApiEndpoint.Subscription, 404, null, NotFoundText)
            : ApiResult.Xml(200, ResponseXml.Subscriptions(new[] { subscription }, _state.Now));
    }

    /// <summary>Replaces the subscription's definition; its id stays, and a callback's expiry counts again from now.</summary>
    public ApiResult Update(ApiCall call, Stream body)
    {
        var current = _state.Subscriptions.Find(call.Account.Id, call.Route.Id!);
        if (current == null) return ApiResult.Error(ApiEndpoint.SubscriptionUpdate, 404, null, NotFoundText);
        var (request, error) = SubscriptionReader.Read(body, invalidStatus: 400, e164ByDefault: call.Wire.IsE164);
        if (error != null) return ApiResult.Error(ApiEndpoint.SubscriptionUpdate, error);
        return _state.Subscriptions.Replace(Build(current.Id, current.AccountId, request!, _state.Now))
            ? new ApiResult(200, null, Array.Empty<byte>())
            : ApiResult.Error(ApiEndpoint.SubscriptionUpdate, 404, null, NotFoundText);
    }

    public ApiResult Delete(ApiCall call) =>
        _state.Subscriptions.Remove(call.Account.Id, call.Route.Id!)
            ? new ApiResult(200, null, Array.Empty<byte>())
            : ApiResult.Error(ApiEndpoint.SubscriptionDelete, 404, null, NotFoundText);

    private static Subscription Build(string id, string accountId, SubscriptionRequest request, DateTimeOffset now) => new()
    {
        Id = id,
        AccountId = accountId,
        OrderType = request.OrderType,
        OrderId = request.OrderId,
        Email = request.Email,
        Callback = request.Callback,
        CreatedAt = now,
    };
}
