using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Rpc.Modules;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Rpc;
using Bittensor.Sdk.Tests.Support;

namespace Bittensor.Sdk.Tests.Client;

/// <summary>The system, block and state queries of <see cref="ChainClient"/> over both transports, held to the node's own state.</summary>
public sealed class ChainClientQueryTests : IAsyncLifetime
{
    private const ulong Tao = 1_000_000_000;
    private DevNode _node = null!;

    public async Task InitializeAsync() => _node = await DevNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    /// <summary>Includes a transfer Alice → Bob in block 1 (signed directly, without the client) and returns its hash.</summary>
    private Hash32 TransferInBlockOne(ulong amount)
    {
        var tx = SignedTransaction.SignImmortal(DevAccounts.Alice, new BalancesCall.TransferKeepAlive(DevAccounts.Bob.PublicKey, amount), 0, _node.Host.Chain.Identity);
        _node.Host.Pool.Submit(tx.Encode(), _node.Host.Validator);
        _node.Host.SealNow();
        return tx.Hash();
    }

    [Theory(Timeout = 60_000)]
    [InlineData("ws")]
    [InlineData("http")]
    public async Task System_queries_answer_what_the_node_runs(string transport)
    {
        await using var client = await _node.ConnectAsync(transport);
        var chain = _node.Host.Chain;

        Assert.Equal(chain.Spec.Name, await client.GetChainNameAsync());
        Assert.Equal(chain.Spec.ChainType, await client.GetChainTypeAsync());
        Assert.Equal("Bittensor.NET", await client.GetNodeNameAsync());
        Assert.False(string.IsNullOrWhiteSpace(await client.GetNodeVersionAsync()));
        Assert.Equal(new SystemProperties(42, 9, "TAO", chain.Consensus.Name), await client.GetPropertiesAsync());
        Assert.Equal(new SystemHealth(0, false, !chain.Consensus.FinalizesOnImport), await client.GetHealthAsync());
        Assert.Equal(new RuntimeVersion(ChainRpcModule.RuntimeSpecName, chain.Identity.SpecVersion, chain.Identity.TransactionVersion), await client.GetRuntimeVersionAsync());
        Assert.Equal(chain.Identity, await client.GetChainIdentityAsync());

        var methods = await client.GetRpcMethodsAsync();
        Assert.Equal(methods.Order(StringComparer.Ordinal), methods);
        foreach (var used in MethodsTheClientCalls)
        {
            Assert.Contains(used, methods);
        }
    }

    /// <summary>Every node method <see cref="ChainClient"/> calls; the node must serve each.</summary>
    internal static readonly string[] MethodsTheClientCalls =
    [
        "system_chain", "system_chainType", "system_name", "system_version", "system_properties", "system_health", "rpc_methods",
        "system_accountNextIndex", "state_getRuntimeVersion", "chain_getBlockHash", "chain_getFinalizedHead", "chain_getHeader",
        "chain_getBlock", "chain_getReceipts", "chain_getTransaction", "chain_subscribeNewHeads", "chain_unsubscribeNewHeads",
        "chain_subscribeFinalizedHeads", "chain_unsubscribeFinalizedHeads", "chain_subscribeAllHeads", "chain_unsubscribeAllHeads",
        "state_getStorage", "state_getReadProof", "author_submitExtrinsic", "author_submitAndWatchExtrinsic", "author_unwatchExtrinsic",
        "author_pendingExtrinsics", "engine_createBlock", "neuronInfo_getNeurons", "neuronInfo_getNeuronsLite", "neuronInfo_getNeuron",
        "neuronInfo_getNeuronLite", "subnetInfo_getSubnetInfo", "subnetInfo_getSubnetsInfo", "subnetInfo_getSubnetHyperparams",
        "subnetInfo_getLockCost", "subnetInfo_getMetagraph", "delegateInfo_getDelegates", "delegateInfo_getDelegate",
        "delegateInfo_getDelegated", "stakeInfo_getStakeInfoForColdkey", "balances_getFree", "subtensor_getTotalIssuance",
    ];

    [Theory(Timeout = 60_000)]
    [InlineData("ws")]
    [InlineData("http")]
    public async Task Block_queries_return_checked_headers_blocks_receipts_and_transactions(string transport)
    {
        var transferred = TransferInBlockOne(3 * Tao);
        _node.Host.SealNow();
        await using var client = await _node.ConnectAsync(transport);
        var chain = _node.Host.Chain;

        Assert.Equal(chain.GenesisHash, await client.GetGenesisHashAsync());
        Assert.Equal(chain.BestHash, await client.GetBlockHashAsync());
        var one = await client.GetBlockHashAsync(1);
        Assert.Equal(chain.GetBlockHash(1), one);
        Assert.Null(await client.GetBlockHashAsync(99));
        Assert.Equal(chain.FinalizedHash, await client.GetFinalizedHeadAsync());

        Assert.Equal(chain.BestHeader, await client.GetHeaderAsync());
        var header = await client.GetHeaderAsync(one);
        Assert.Equal(1UL, header.Number);
        Assert.Equal(chain.GenesisHash, header.ParentHash);
        Assert.True(header.HasValidSignature());
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.GetHeaderAsync(Hash32.Of([1, 2, 3])));
        Assert.Equal(4004, unknown.Code);

        var block = await client.GetBlockAsync(one);
        Assert.Equal(header, block.Header);
        var transaction = SignedTransaction.Decode(Assert.Single(block.Transactions));
        Assert.Equal(new BalancesCall.TransferKeepAlive(DevAccounts.Bob.PublicKey, 3 * Tao), transaction.Call);
        Assert.Empty((await client.GetBlockAsync()).Transactions);

        var receipts = await client.GetReceiptsAsync(one);
        var receipt = Assert.Single(receipts.Transactions);
        Assert.True(receipt.Success);
        Assert.Contains(receipt.Events, e => e.Name == "Balances.Transfer" && e.Module == "Balances" && e.Event == "Transfer");

        var included = await client.GetTransactionAsync(transferred);
        Assert.NotNull(included);
        Assert.Equal((one!.Value, 1UL, 0), (included.BlockHash, included.BlockNumber, included.Index));
        Assert.Equal(receipt.Fee, included.Receipt.Fee);
        Assert.Null(await client.GetTransactionAsync(Hash32.Of([7])));
        Assert.Empty(await client.GetPendingTransactionsAsync());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("ws")]
    [InlineData("http")]
    public async Task Account_reads_are_proved_against_the_state_root_of_the_block_asked_for(string transport)
    {
        var bob = DevAccounts.Bob.PublicKey;
        var before = _node.Host.Chain.Read(r => r.Balances.Free(bob));
        TransferInBlockOne(5 * Tao);
        await using var client = await _node.ConnectAsync(transport);

        var now = await client.GetAccountAsync(bob);
        Assert.Equal(new AccountInfo(0, before + (5 * Tao)), now);
        Assert.Equal(new AccountInfo(0, before), await client.GetAccountAsync(bob, await client.GetGenesisHashAsync()));
        Assert.Equal(new AccountInfo(1, _node.Host.Chain.Read(r => r.Balances.Free(DevAccounts.Alice.PublicKey))), await client.GetAccountAsync(DevAccounts.Alice.PublicKey));
        Assert.Equal(AccountInfo.Empty, await client.GetAccountAsync(new Primitives.Crypto.Ed25519KeyPair(new byte[32]).PublicKey));
        Assert.Equal(now.Free, await client.GetBalanceAsync(bob));
        Assert.Equal(1UL, await client.GetNextNonceAsync(DevAccounts.Alice.PublicKey));

        var key = ChainClient.AccountKey(bob);
        Assert.Equal(_node.Host.Chain.Read(r => r.System.Account.KeyOf(bob)), key);
        var raw = await client.GetStorageAsync(key);
        Assert.Equal(now, AccountInfo.Decode(raw));
        Assert.Null(await client.GetStorageAsync(new byte[] { 1, 2, 3 }));
        Assert.Null(await client.GetVerifiedStorageAsync(new byte[] { 1, 2, 3 }));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_read_proof_holds_only_for_its_own_keys_root_and_bytes()
    {
        var bob = DevAccounts.Bob.PublicKey;
        TransferInBlockOne(2 * Tao);
        await using var client = await _node.ConnectAsync();
        var key = ChainClient.AccountKey(bob);
        var genesis = await client.GetGenesisHashAsync();
        var proof = await client.GetReadProofAsync([key, ChainClient.AccountKey(DevAccounts.Charlie.PublicKey)]);
        var header = await client.GetHeaderAsync(proof.At);

        Assert.Equal(_node.Host.Chain.BestHash, proof.At);
        Assert.True(proof.TryVerify(header, key, out var value));
        Assert.Equal(await client.GetStorageAsync(key), value);
        Assert.True(proof.TryVerify(header, ChainClient.AccountKey(DevAccounts.Charlie.PublicKey), out var charlie));
        Assert.NotNull(charlie);

        var genesisHeader = await client.GetHeaderAsync(genesis);
        Assert.False(proof.TryVerify(genesisHeader.StateRoot, key, out _), "a proof of block 1 must not hold against the genesis state root");
        Assert.Throws<ArgumentException>(() => proof.TryVerify(genesisHeader, key, out _));

        var tampered = proof.Proof.Nodes.Select(n => (byte[])n.Clone()).ToArray();
        foreach (var node in tampered)
        {
            node[^1] ^= 0x01;
        }

        Assert.False(new StorageProof(proof.At, new Primitives.Trie.ReadProof(tampered)).TryVerify(header, key, out _));
        var older = await client.GetReadProofAsync([key], genesis);
        Assert.Equal(genesis, older.At);
        Assert.True(older.TryVerify(genesisHeader, key, out var oldValue));
        Assert.NotEqual(value, oldValue);
    }

    [Fact(Timeout = 60_000)]
    public async Task New_and_finalized_heads_arrive_as_checked_headers()
    {
        await using var client = await _node.ConnectAsync();
        var heads = await client.SubscribeNewHeadsAsync();
        var finalized = await client.SubscribeFinalizedHeadsAsync();
        var all = await client.SubscribeAllHeadsAsync();
        _node.Host.SealNow();
        _node.Host.SealNow();

        foreach (var subscription in new[] { heads, finalized, all })
        {
            for (ulong n = 0; n <= 2; n++)
            {
                var header = await subscription.NextAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(n, header.Number);
                Assert.Equal(_node.Host.Chain.GetBlockHash(n), header.Hash());
            }

            await subscription.DisposeAsync();
        }

        var timeout = await Assert.ThrowsAsync<RpcTimeoutException>(async () =>
        {
            await using var quiet = await client.SubscribeNewHeadsAsync();
            await quiet.NextAsync(TimeSpan.FromSeconds(5));
            await quiet.NextAsync(TimeSpan.FromMilliseconds(200));
        });
        Assert.Equal("chain_subscribeNewHeads", timeout.Method);

        await using var http = await _node.ConnectAsync("http");
        await Assert.ThrowsAsync<NotSupportedException>(() => http.SubscribeNewHeadsAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_view_with_its_own_timeout_shares_the_connection_and_bad_addresses_are_refused()
    {
        await using var server = new SilentServer(webSocket: true);
        await using var client = await ChainClient.ConnectAsync(server.Endpoint.ToString());
        var e = await Assert.ThrowsAsync<RpcTimeoutException>(() => client.WithTimeout(TimeSpan.FromMilliseconds(200)).GetHealthAsync());
        Assert.Equal("system_health", e.Method);
        Assert.Equal(TimeSpan.FromMilliseconds(200), e.Timeout);
        Assert.Same(client.Rpc, client.WithTimeout(TimeSpan.FromSeconds(1)).Rpc);

        var noScheme = await Assert.ThrowsAsync<ArgumentException>(() => ChainClient.ConnectAsync("127.0.0.1:9944"));
        Assert.Contains(ChainClient.DefaultEndpoint, noScheme.Message, StringComparison.Ordinal);
    }
}
