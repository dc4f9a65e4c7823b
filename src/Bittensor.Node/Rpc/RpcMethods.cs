namespace Bittensor.Node.Rpc;

/// <summary>The methods a server answers: plain calls, and subscriptions (subscribe/unsubscribe pairs with a notification name).</summary>
public sealed class RpcMethods
{
    private readonly SortedDictionary<string, RpcHandler> _calls = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (string Notification, SubscriptionStarter Start)> _subscriptions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _unsubscribe = new(StringComparer.Ordinal);

    public void Add(string name, RpcHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        if (Contains(name))
        {
            throw new ArgumentException($"The RPC method {name} is already registered.", nameof(name));
        }

        _calls[name] = handler;
    }

    /// <summary>Registers <paramref name="subscribe"/> (returns a subscription id), <paramref name="unsubscribe"/> and the notification name.</summary>
    public void AddSubscription(string subscribe, string unsubscribe, string notification, SubscriptionStarter start)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscribe);
        ArgumentException.ThrowIfNullOrEmpty(unsubscribe);
        ArgumentException.ThrowIfNullOrEmpty(notification);
        ArgumentNullException.ThrowIfNull(start);
        if (Contains(subscribe) || Contains(unsubscribe))
        {
            throw new ArgumentException($"The RPC method {subscribe} or {unsubscribe} is already registered.", nameof(subscribe));
        }

        _subscriptions[subscribe] = (notification, start);
        _unsubscribe[unsubscribe] = subscribe;
    }

    public bool Contains(string name) => _calls.ContainsKey(name) || _subscriptions.ContainsKey(name) || _unsubscribe.ContainsKey(name);

    /// <summary>Every method name, sorted (the answer of <c>rpc_methods</c>).</summary>
    public IReadOnlyList<string> Names => [.. _calls.Keys.Concat(_subscriptions.Keys).Concat(_unsubscribe.Keys).Order(StringComparer.Ordinal)];

    internal bool TryGetCall(string name, out RpcHandler handler) => _calls.TryGetValue(name, out handler!);

    internal bool TryGetSubscription(string name, out (string Notification, SubscriptionStarter Start) subscription) =>
        _subscriptions.TryGetValue(name, out subscription);

    internal bool IsUnsubscribe(string name) => _unsubscribe.ContainsKey(name);
}
