using System.Collections.Concurrent;
using Bittensor.Primitives.Crypto;

namespace Bittensor.Primitives.Keys;

/// <summary>
/// The well-known development accounts as Ed25519 key pairs: <c>&lt;dev phrase&gt;//Name</c>, i.e. the secret URI
/// <c>//Name</c>. Their secrets are public; use them only on development and test chains. (Substrate's and
/// Bittensor's default dev accounts are the sr25519 keys of the same URIs, which this library cannot derive yet.)
/// </summary>
public static class DevAccounts
{
    private static readonly Lazy<byte[]> DevMiniSecret = new(() => SubstrateBip39.MiniSecretFromPhrase(SecretUri.DevPhrase));
    private static readonly ConcurrentDictionary<string, Ed25519KeyPair> Cache = new(StringComparer.Ordinal);

    /// <summary>The six conventional names, in their usual order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];

    public static Ed25519KeyPair Alice => Get("Alice");

    public static Ed25519KeyPair Bob => Get("Bob");

    public static Ed25519KeyPair Charlie => Get("Charlie");

    public static Ed25519KeyPair Dave => Get("Dave");

    public static Ed25519KeyPair Eve => Get("Eve");

    public static Ed25519KeyPair Ferdie => Get("Ferdie");

    /// <summary>All six, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<Ed25519KeyPair> All => [.. Names.Select(Get)];

    /// <summary>
    /// The key pair of <c>//<paramref name="name"/></c> on the dev phrase. <paramref name="name"/> may itself be a
    /// path (<c>"Alice//stash"</c>); it must not contain soft junctions.
    /// </summary>
    public static Ed25519KeyPair Get(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Cache.GetOrAdd(name, Derive);
    }

    private static Ed25519KeyPair Derive(string name)
    {
        var uri = SecretUri.Parse("//" + name);
        if (uri.Password is not null)
        {
            throw new ArgumentException("A dev account name cannot carry a password part ('///').", nameof(name));
        }

        var seed = KeyDerivation.Ed25519DeriveSeed(DevMiniSecret.Value, uri.Junctions);
        return new Ed25519KeyPair(seed);
    }
}
