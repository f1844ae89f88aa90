using PortOutPasscode.Emulator.Api;
using PortOutPasscode.Emulator.Faults;
using PortOutPasscode.Emulator.Notifications;

namespace PortOutPasscode.Emulator.State;

/// <summary>Everything the emulator remembers, all in memory and safe for concurrent requests.</summary>
internal sealed class EmulatorState
{
    private readonly Dictionary<string, AccountState> _accounts;
    private RuntimeSettings _settings;

    public EmulatorState(EmulatorSetup setup, TimeProvider clock)
    {
        Setup = setup;
        Clock = clock;
        _settings = setup.InitialSettings;
        _accounts = setup.Accounts.ToDictionary(a => a.Id, a => new AccountState(a), StringComparer.Ordinal);
        Requests = new RequestLog(setup.Options.RequestLogLimit);
        Notifications = new NotificationCenter(this);
    }

    public EmulatorSetup Setup { get; }

    public TimeProvider Clock { get; }

    /// <summary>The real "now" (the test clock in tests): orders, tokens and port-outs are timed by it.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>How this request's answers write numbers and times.</summary>
    public WireFormat WireFor(ApiVersion version) => new(version, Settings.ClockOffset);

    public RuntimeSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value);
    }

    /// <summary>In configuration order.</summary>
    public IEnumerable<AccountState> Accounts => Setup.Accounts.Select(a => _accounts[a.Id]);

    public OrderStore Orders { get; } = new();

    public TokenStore Tokens { get; } = new();

    public FaultBoard Faults { get; } = new();

    public RequestLog Requests { get; }

    public PortOutStore PortOuts { get; } = new();

    public SubscriptionStore Subscriptions { get; } = new();

    public NotificationCenter Notifications { get; }

    public AccountState? FindAccount(string accountId) => _accounts.GetValueOrDefault(accountId);

    /// <summary>The first account (in configuration order) that has the number.</summary>
    public AccountState? FindOwner(long number) => Accounts.FirstOrDefault(a => a.Inventory.Owns(number));

    /// <summary>Back to the start: orders, passcodes, in-service numbers, port-outs, subscriptions, notifications, tokens, faults, logs and settings as configured.</summary>
    public void Reset()
    {
        Faults.Clear();
        Orders.Clear();
        foreach (var account in _accounts.Values) account.Reset();
        Tokens.ExpireAll();
        Requests.Clear();
        PortOuts.Clear();
        Subscriptions.Clear();
        Notifications.Clear();
        Settings = Setup.InitialSettings;
    }
}
