using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Hashing;
using Bittensor.Sdk.Rpc;

namespace Bittensor.Sdk.Client;

public sealed partial class ChainClient
{
    /// <summary>
    /// The hash of block <paramref name="number"/>, or of the best block when null (<c>chain_getBlockHash</c>); null
    /// when the chain has no such block yet.
    /// </summary>
    public Task<Hash32?> GetBlockHashAsync(ulong? number = null, CancellationToken cancellationToken = default) =>
        CallAsync<Hash32?>(
            "chain_getBlockHash",
            number is { } n ? [JsonValue.Create(n)] : null,
            e => NodeJson.IsNull(e) ? null : NodeJson.Hash(e, "block hash"),
            cancellationToken);

    /// <summary>The genesis block's hash, which identifies the chain.</summary>
    public async Task<Hash32> GetGenesisHashAsync(CancellationToken cancellationToken = default) =>
        await GetBlockHashAsync(0, cancellationToken).ConfigureAwait(false)
        ?? throw new RpcResponseException("chain_getBlockHash", Endpoint, "the node has no genesis block.");

    /// <summary>The hash of the latest final block (<c>chain_getFinalizedHead</c>).</summary>
    public Task<Hash32> GetFinalizedHeadAsync(CancellationToken cancellationToken = default) =>
        CallAsync("chain_getFinalizedHead", null, e => NodeJson.Hash(e, "finalized head"), cancellationToken);

    /// <summary>
    /// The header of block <paramref name="at"/>, or of the best block when null (<c>chain_getHeader</c>). Decoded from
    /// its SCALE encoding and checked against the hash the node announces. An unknown hash is an
    /// <see cref="RpcException"/> with code 4004.
    /// </summary>
    public Task<BlockHeader> GetHeaderAsync(Hash32? at = null, CancellationToken cancellationToken = default) =>
        CallAsync("chain_getHeader", At(at), e => NodeJson.IsNull(e) ? throw new FormatException("the node has no such header.") : NodeJson.Header(e), cancellationToken);

    /// <summary>
    /// Block <paramref name="at"/>, or the best block when null (<c>chain_getBlock</c>): its header and its transactions'
    /// bytes, checked against the header's extrinsics root. Decode a transaction with
    /// <see cref="Contracts.Transactions.SignedTransaction.Decode"/>.
    /// </summary>
    public Task<Block> GetBlockAsync(Hash32? at = null, CancellationToken cancellationToken = default) =>
        CallAsync("chain_getBlock", At(at), ReadBlock, cancellationToken);

    /// <summary>The receipts of block <paramref name="at"/> (best when null): initialisation events, then one receipt per transaction.</summary>
    public Task<BlockReceipts> GetReceiptsAsync(Hash32? at = null, CancellationToken cancellationToken = default) =>
        CallAsync("chain_getReceipts", At(at), e => NodeJson.IsNull(e) ? throw new FormatException("the node has no receipts for the block.") : BlockReceipts.Read(e), cancellationToken);

    /// <summary>Where the transaction with hash <paramref name="transactionHash"/> was included, with its receipt; null when it is in no stored block.</summary>
    public Task<IncludedTransaction?> GetTransactionAsync(Hash32 transactionHash, CancellationToken cancellationToken = default) =>
        CallAsync("chain_getTransaction", [NodeJson.Hex(transactionHash)], e => NodeJson.IsNull(e) ? null : IncludedTransaction.Read(e), cancellationToken);

    /// <summary>The best header now, then every new best block's header (<c>chain_subscribeNewHeads</c>; WebSocket only).</summary>
    public Task<RpcSubscription<BlockHeader>> SubscribeNewHeadsAsync(CancellationToken cancellationToken = default) =>
        SubscribeAsync("chain_subscribeNewHeads", "chain_unsubscribeNewHeads", null, NodeJson.Header, cancellationToken);

    /// <summary>The latest final header now, then every newly final one (<c>chain_subscribeFinalizedHeads</c>; WebSocket only).</summary>
    public Task<RpcSubscription<BlockHeader>> SubscribeFinalizedHeadsAsync(CancellationToken cancellationToken = default) =>
        SubscribeAsync("chain_subscribeFinalizedHeads", "chain_unsubscribeFinalizedHeads", null, NodeJson.Header, cancellationToken);

    /// <summary>Every imported header, best or not (<c>chain_subscribeAllHeads</c>; WebSocket only).</summary>
    public Task<RpcSubscription<BlockHeader>> SubscribeAllHeadsAsync(CancellationToken cancellationToken = default) =>
        SubscribeAsync("chain_subscribeAllHeads", "chain_unsubscribeAllHeads", null, NodeJson.Header, cancellationToken);

    private static JsonNode?[]? At(Hash32? at) => at is { } hash ? [NodeJson.Hex(hash)] : null;

    private static Block ReadBlock(JsonElement e)
    {
        if (NodeJson.IsNull(e))
        {
            throw new FormatException("the node has no such block.");
        }

        var body = NodeJson.Property(e, "block");
        var header = NodeJson.Header(NodeJson.Property(body, "header"));
        var transactions = NodeJson.Array(NodeJson.Property(body, "extrinsics"), "extrinsics", (t, i) => NodeJson.Bytes(t, $"extrinsics[{i}]"));
        var block = new Block(header, transactions);
        return block.HasValidExtrinsicsRoot()
            ? block
            : throw new FormatException($"the transactions do not match the extrinsics root {header.ExtrinsicsRoot.ToHex()} of the header.");
    }
}
