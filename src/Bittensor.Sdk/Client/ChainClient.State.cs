using System.Text.Json.Nodes;
using Bittensor.Contracts.Storage;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Trie;
using Bittensor.Sdk.Rpc;

namespace Bittensor.Sdk.Client;

public sealed partial class ChainClient
{
    /// <summary>The most keys one read proof may cover (the node's limit).</summary>
    public const int MaxProofKeys = 1024;

    /// <summary>The raw value stored under <paramref name="key"/> at block <paramref name="at"/> (best when null), or null when absent (<c>state_getStorage</c>).</summary>
    public Task<byte[]?> GetStorageAsync(ReadOnlyMemory<byte> key, Hash32? at = null, CancellationToken cancellationToken = default)
    {
        JsonNode?[] parameters = at is { } hash ? [NodeJson.Hex(key.Span), NodeJson.Hex(hash)] : [NodeJson.Hex(key.Span)];
        return CallAsync("state_getStorage", parameters, e => NodeJson.IsNull(e) ? null : NodeJson.Bytes(e, "value"), cancellationToken);
    }

    /// <summary>A read proof of <paramref name="keys"/> at block <paramref name="at"/> (best when null) (<c>state_getReadProof</c>).</summary>
    public Task<StorageProof> GetReadProofAsync(IReadOnlyList<ReadOnlyMemory<byte>> keys, Hash32? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count > MaxProofKeys)
        {
            throw new ArgumentException($"A read proof covers at most {MaxProofKeys} keys; {keys.Count} were given. Split them over several calls.", nameof(keys));
        }

        var array = new JsonArray([.. keys.Select(k => NodeJson.Hex(k.Span))]);
        JsonNode?[] parameters = at is { } hash ? [array, NodeJson.Hex(hash)] : [array];
        return CallAsync(
            "state_getReadProof",
            parameters,
            e =>
            {
                var proofAt = NodeJson.Hash(NodeJson.Property(e, "at"), "at");
                if (at is { } asked && asked != proofAt)
                {
                    throw new FormatException($"the proof is for block {proofAt.ToHex()}, not the block asked for ({asked.ToHex()}).");
                }

                var nodes = NodeJson.Array(NodeJson.Property(e, "proof"), "proof", (n, i) => NodeJson.Bytes(n, $"proof[{i}]"));
                return new StorageProof(proofAt, new ReadProof(nodes));
            },
            cancellationToken);
    }

    /// <summary>
    /// The value under <paramref name="key"/> at block <paramref name="at"/> (best when null), proved: the node's read
    /// proof is checked against the state root of that block's header, so a node cannot make up the value or hide it.
    /// Null when the proof shows the key absent. A proof that does not hold is an <see cref="RpcResponseException"/>.
    /// </summary>
    public async Task<byte[]?> GetVerifiedStorageAsync(ReadOnlyMemory<byte> key, Hash32? at = null, CancellationToken cancellationToken = default)
    {
        var proof = await GetReadProofAsync([key], at, cancellationToken).ConfigureAwait(false);
        var header = await GetHeaderAsync(proof.At, cancellationToken).ConfigureAwait(false);
        return proof.TryVerify(header, key.Span, out var value)
            ? value
            : throw new RpcResponseException(
                "state_getReadProof",
                Endpoint,
                $"the read proof of key 0x{Convert.ToHexStringLower(key.Span)} does not hold against the state root {header.StateRoot.ToHex()} of block {proof.At.ToHex()}.");
    }

    /// <summary>The account's nonce and free balance at block <paramref name="at"/> (best when null), proved against the block's state root.</summary>
    public async Task<AccountInfo> GetAccountAsync(AccountId account, Hash32? at = null, CancellationToken cancellationToken = default)
    {
        var value = await GetVerifiedStorageAsync(AccountKey(account), at, cancellationToken).ConfigureAwait(false);
        try
        {
            return value is null ? AccountInfo.Empty : AccountInfo.Decode(value);
        }
        catch (Primitives.Scale.ScaleFormatException e)
        {
            throw new RpcResponseException("state_getReadProof", Endpoint, $"the stored account of {account} does not decode: {e.Message}", e);
        }
    }

    /// <summary>The storage key of an account's record (<c>System.Account</c>).</summary>
    public static byte[] AccountKey(AccountId account)
    {
        var key = StorageKeys.Prefix("System", "Account");
        return [.. key, .. account.Bytes];
    }
}
