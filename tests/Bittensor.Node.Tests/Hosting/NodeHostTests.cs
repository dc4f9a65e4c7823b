using System.Text.Json.Nodes;
using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Hosting;
using Bittensor.Node.Rpc;
using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Primitives.Trie;
using Bittensor.Runtime.Genesis;

namespace Bittensor.Node.Tests.Hosting;

/// <summary>A whole node in the test process, talked to over its real HTTP and WebSocket endpoint.</summary>
public sealed class NodeHostTests : IAsyncLifetime
{
    private const ulong Tao = 1_000_000_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("nodehost-").FullName;
    private NodeHost _node = null!;
    private RpcTestClient _rpc = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeHost.StartAsync(new NodeOptions
        {
            Spec = ChainSpecPresets.Dev(),
            DataDirectory = _dir,
            Rpc = new RpcServerOptions { Port = 0 },
            BlockTime = null,
            Author = DevAccounts.Alice,
        });
        _rpc = new RpcTestClient(_node.RpcPort);
    }

    public async Task DisposeAsync()
    {
        await _rpc.DisposeAsync();
        await _node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private byte[] Transfer(Ed25519KeyPair from, Ed25519KeyPair to, ulong amount, ulong nonce, ulong tip = 0) =>
        SignedTransaction.SignImmortal(from, new BalancesCall.TransferKeepAlive(to.PublicKey, amount), nonce, _node.Chain.Identity, tip).Encode();

    private static string Hex(byte[] bytes) => RpcAccounts.Hex(bytes);

    [Fact(Timeout = 60_000)]
    public async Task System_and_chain_methods_answer_in_substrate_shapes()
    {
        Assert.Equal("Bittensor.NET Development", (await _rpc.Call("system_chain"))!.GetValue<string>());
        Assert.Equal("Bittensor.NET", (await _rpc.Call("system_name"))!.GetValue<string>());
        var properties = (await _rpc.Call("system_properties"))!;
        Assert.Equal(42, properties["ss58Format"]!.GetValue<int>());
        Assert.Equal("TAO", properties["tokenSymbol"]!.GetValue<string>());
        Assert.False((await _rpc.Call("system_health"))!["isSyncing"]!.GetValue<bool>());
        var version = (await _rpc.Call("state_getRuntimeVersion"))!;
        Assert.Equal(_node.Chain.Identity.SpecVersion, version["specVersion"]!.GetValue<uint>());
        Assert.Equal(_node.Chain.Identity.TransactionVersion, version["transactionVersion"]!.GetValue<uint>());

        var genesis = (await _rpc.Call("chain_getBlockHash", 0))!.GetValue<string>();
        Assert.Equal(_node.Chain.GenesisHash.ToHex(), genesis);
        await _rpc.Call("engine_createBlock");
        var header = (await _rpc.Call("chain_getHeader"))!;
        Assert.Equal("0x1", header["number"]!.GetValue<string>());
        Assert.Equal(genesis, header["parentHash"]!.GetValue<string>());
        Assert.Equal((await _rpc.Call("chain_getFinalizedHead"))!.GetValue<string>(), header["hash"]!.GetValue<string>());
        var decoded = BlockHeader.Decode(Convert.FromHexString(header["encoded"]!.GetValue<string>()[2..]));
        Assert.True(decoded.HasValidSignature());
        Assert.Null(await _rpc.Call("chain_getBlockHash", 99));

        var missing = await _rpc.RawCall("chain_getHeader", Hash32.Of([9]).ToHex());
        Assert.Equal(RpcErrorCodes.NotFound, missing["error"]!["code"]!.GetValue<int>());
        var badParams = await _rpc.RawCall("state_getStorage", "not hex");
        Assert.Equal(RpcErrorCodes.InvalidParams, badParams["error"]!["code"]!.GetValue<int>());
    }

    [Fact(Timeout = 60_000)]
    public async Task Submitted_transfers_are_pooled_included_and_their_receipts_served()
    {
        var alice = DevAccounts.Alice;
        var bob = DevAccounts.Get("Bob");
        var first = Transfer(alice, bob, 2 * Tao, 0);
        var hash = (await _rpc.Call("author_submitExtrinsic", Hex(first)))!.GetValue<string>();
        Assert.Equal(Hash32.Of(first).ToHex(), hash);
        await _rpc.Call("author_submitExtrinsic", Hex(Transfer(alice, bob, 1 * Tao, 2)));
        Assert.Equal(1UL, (await _rpc.Call("system_accountNextIndex", alice.PublicKey.ToString()))!.GetValue<ulong>());
        Assert.Equal(2, (await _rpc.Call("author_pendingExtrinsics"))!.AsArray().Count);

        var duplicate = await _rpc.RawCall("author_submitExtrinsic", Hex(first));
        Assert.Equal(RpcErrorCodes.PoolRejected, duplicate["error"]!["code"]!.GetValue<int>());
        Assert.Contains("AlreadyImported", duplicate["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var forged = Transfer(alice, bob, 1 * Tao, 1);
        forged[^1] ^= 1;
        var invalid = await _rpc.RawCall("author_submitExtrinsic", Hex(forged));
        Assert.Equal(RpcErrorCodes.InvalidTransaction, invalid["error"]!["code"]!.GetValue<int>());

        var created = (await _rpc.Call("engine_createBlock"))!;
        Assert.Equal(1, created["transactions"]!.GetValue<int>());
        var transaction = (await _rpc.Call("chain_getTransaction", hash))!;
        Assert.Equal(1UL, transaction["blockNumber"]!.GetValue<ulong>());
        Assert.True(transaction["receipt"]!["success"]!.GetValue<bool>());
        var block = (await _rpc.Call("chain_getBlock"))!;
        Assert.Equal(Hex(first), block["block"]!["extrinsics"]![0]!.GetValue<string>());
        Assert.Single((await _rpc.Call("author_pendingExtrinsics"))!.AsArray());

        var metrics = await _rpc.Http.GetStringAsync("metrics");
        Assert.Contains("bittensor_block_height 1", metrics, StringComparison.Ordinal);
        Assert.Contains("bittensor_mempool_transactions 1", metrics, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Watched_transactions_report_ready_in_block_and_finalized_with_their_events()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = await _rpc.Connect(timeout.Token);
        await socket.Send("chain_subscribeNewHeads", timeout.Token);
        await socket.Send("author_submitAndWatchExtrinsic", timeout.Token, Hex(Transfer(DevAccounts.Alice, DevAccounts.Get("Charlie"), 3 * Tao, 0)));
        var seen = new List<JsonNode>();
        await socket.ReceiveUntil(m => m["params"]?["result"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && m["method"]?.GetValue<string>() == "author_extrinsicUpdate", seen, timeout.Token);
        Assert.Equal("ready", seen[^1]["params"]!["result"]!.GetValue<string>());

        await _rpc.Call("engine_createBlock");
        var inBlock = await socket.ReceiveUntil(m => m["params"]?["result"]?["inBlock"] is not null, seen, timeout.Token);
        var finalized = await socket.ReceiveUntil(m => m["params"]?["result"]?["finalized"] is not null, seen, timeout.Token);
        var status = finalized["params"]!["result"]!;
        Assert.Equal(_node.Chain.BestHash.ToHex(), status["finalized"]!.GetValue<string>());
        Assert.True(status["success"]!.GetValue<bool>());
        Assert.Contains(status["events"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "Balances.Transfer");
        Assert.Equal(inBlock["params"]!["result"]!["inBlock"]!.GetValue<string>(), status["finalized"]!.GetValue<string>());
        await socket.ReceiveUntil(m => m["method"]?.GetValue<string>() == "chain_newHead" && m["params"]!["result"]!["number"]!.GetValue<string>() == "0x1", seen, timeout.Token);
    }

    [Fact(Timeout = 60_000)]
    public async Task Stopping_a_node_drops_its_websocket_clients_at_once()
    {
        var dir = Directory.CreateTempSubdirectory("nodehost-stop-").FullName;
        var node = await NodeHost.StartAsync(new NodeOptions
        {
            Spec = ChainSpecPresets.Dev(),
            DataDirectory = dir,
            Rpc = new RpcServerOptions { Port = 0 },
            BlockTime = null,
            Author = DevAccounts.Alice,
        });
        await using var rpc = new RpcTestClient(node.RpcPort);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = await rpc.Connect(timeout.Token);
        await socket.Send("chain_subscribeNewHeads", timeout.Token);
        await socket.ReceiveUntil(m => m["id"] is not null, [], timeout.Token);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await node.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping with a connected client took {watch.Elapsed}");
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => socket.Receive(timeout.Token));
        Directory.Delete(dir, recursive: true);
    }

    [Fact(Timeout = 60_000)]
    public async Task Read_proofs_from_rpc_verify_against_the_served_header()
    {
        var bob = DevAccounts.Get("Bob");
        await _rpc.Call("author_submitExtrinsic", Hex(Transfer(DevAccounts.Alice, bob, 4 * Tao, 0)));
        await _rpc.Call("engine_createBlock");
        var key = _node.Chain.Read(r => r.System.Account.KeyOf(bob.PublicKey));
        var at = (await _rpc.Call("chain_getBlockHash", 1))!.GetValue<string>();
        var header = (await _rpc.Call("chain_getHeader", at))!;
        var stateRoot = Convert.FromHexString(header["stateRoot"]!.GetValue<string>()[2..]);
        var response = (await _rpc.Call("state_getReadProof", new JsonArray(Hex(key)), at))!;
        var proof = new ReadProof(response["proof"]!.AsArray().Select(n => Convert.FromHexString(n!.GetValue<string>()[2..])));
        var (ok, value) = ReadProofVerifier.Verify(stateRoot, proof, key);
        Assert.True(ok);
        var stored = (await _rpc.Call("state_getStorage", Hex(key), at))!.GetValue<string>();
        Assert.Equal(stored, Hex(value!));
    }
}
