using System.Globalization;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Sdk.Dendrite;

/// <summary>An axon to call: host, port and the hotkey it signs as (the receiver in the signed message).</summary>
public sealed record AxonTarget(string Host, int Port, AccountId Hotkey)
{
    /// <summary>The target of a served <see cref="AxonInfo"/>.</summary>
    /// <exception cref="ArgumentException">The neuron does not serve.</exception>
    public static AxonTarget FromAxonInfo(AxonInfo axon, AccountId hotkey)
    {
        ArgumentNullException.ThrowIfNull(axon);
        if (!axon.IsServing || axon.Address is not { } address)
        {
            throw new ArgumentException($"The neuron with hotkey {Ss58.Encode(hotkey)} does not serve an axon.", nameof(axon));
        }

        return new AxonTarget(address.ToString(), axon.Port, hotkey);
    }

    public string HotkeyAddress => Ss58.Encode(Hotkey);

    internal Uri UriFor(string route) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{(Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host)}:{Port}/{route}"));
}
