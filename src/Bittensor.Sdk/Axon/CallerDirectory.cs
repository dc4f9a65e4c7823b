using System.Collections.Frozen;
using Bittensor.Primitives.Accounts;

namespace Bittensor.Sdk.Axon;

/// <summary>What the axon knows of a caller registered on its subnet.</summary>
/// <param name="Uid">The caller's UID on the subnet.</param>
/// <param name="StakeRao">Stake on the caller's hotkey, in rao.</param>
/// <param name="ValidatorPermit">Whether the caller may set weights.</param>
public readonly record struct CallerStanding(ushort Uid, ulong StakeRao, bool ValidatorPermit);

/// <summary>
/// The axon's view of its subnet: who is registered and with what stake. The caller supplies it (a metagraph
/// snapshot, refreshed as the caller sees fit); the axon reads it once per request.
/// </summary>
public interface ICallerDirectory
{
    /// <summary>The standing of <paramref name="hotkey"/>, or false when it is not registered on the subnet.</summary>
    bool TryGetCaller(AccountId hotkey, out CallerStanding standing);
}

/// <summary>An immutable directory built from a list of hotkeys and standings.</summary>
public sealed class CallerDirectory : ICallerDirectory
{
    private readonly FrozenDictionary<AccountId, CallerStanding> _callers;

    public CallerDirectory(IEnumerable<KeyValuePair<AccountId, CallerStanding>> callers) => _callers = callers.ToFrozenDictionary();

    /// <summary>A directory that knows nobody (every caller is blacklisted unless registration is not required).</summary>
    public static CallerDirectory Empty { get; } = new([]);

    public int Count => _callers.Count;

    public bool TryGetCaller(AccountId hotkey, out CallerStanding standing) => _callers.TryGetValue(hotkey, out standing);
}
