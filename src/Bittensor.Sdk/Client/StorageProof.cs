using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Trie;

namespace Bittensor.Sdk.Client;

/// <summary>
/// A read proof (<c>state_getReadProof</c>) of some storage keys at block <see cref="At"/>: the trie nodes on their
/// paths. Checked against the state root of that block's header, it shows each key's value (or its absence) without
/// trusting the node that served it.
/// </summary>
public sealed record StorageProof(Hash32 At, ReadProof Proof)
{
    /// <summary>
    /// Checks the proof for <paramref name="key"/> against <paramref name="header"/>, which must be the header of
    /// <see cref="At"/>. True with the value (null: the key is absent) when the proof holds; false when it does not.
    /// </summary>
    public bool TryVerify(BlockHeader header, ReadOnlySpan<byte> key, out byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.Hash() != At)
        {
            throw new ArgumentException($"The proof is for block {At.ToHex()}, but the header given is of block {header.Hash().ToHex()}.", nameof(header));
        }

        return TryVerify(header.StateRoot, key, out value);
    }

    /// <summary>Checks the proof for <paramref name="key"/> against a state root.</summary>
    public bool TryVerify(Hash32 stateRoot, ReadOnlySpan<byte> key, out byte[]? value)
    {
        var (ok, v) = ReadProofVerifier.Verify(stateRoot.Bytes, Proof, key);
        value = v;
        return ok;
    }
}
