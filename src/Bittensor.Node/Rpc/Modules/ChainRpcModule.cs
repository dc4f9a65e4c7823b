using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Bittensor.Node.Chain;
using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Rpc.Modules;

/// <summary>
/// The <c>system_*</c>, <c>chain_*</c> and <c>state_*</c> methods under Substrate's names and shapes (including
/// <c>state_getRuntimeVersion</c>, whose versions a transaction's signature covers): hashes and bytes
/// as 0x-hex, block numbers in headers as 0x-hex, and our header's extra fields (timestamp, author, signature) next to
/// Substrate's. A block parameter that names no stored block is a <see cref="RpcErrorCodes.NotFound"/> error.
/// </summary>
public static class ChainRpcModule
{
    /// <summary>The runtime's name in <c>state_getRuntimeVersion</c>.</summary>
    public const string RuntimeSpecName = "bittensor";

    /// <summary>The most keys one <c>state_getReadProof</c> may ask for.</summary>
    public const int MaxProofKeys = 1024;

    public static void Register(RpcMethods methods, NodeChain chain, Func<int> peers, string nodeName = "Bittensor.NET")
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(peers);
        static ValueTask<JsonNode?> Done(JsonNode? node) => ValueTask.FromResult(node);

        methods.Add("system_name", (_, _) => Done(nodeName));
        methods.Add("system_version", (_, _) => Done(Version()));
        methods.Add("system_chain", (_, _) => Done(chain.Spec.Name));
        methods.Add("system_chainType", (_, _) => Done(chain.Spec.ChainType));
        methods.Add("system_properties", (_, _) => Done(new JsonObject
        {
            ["ss58Format"] = chain.Spec.Properties.Ss58Format,
            ["tokenDecimals"] = chain.Spec.Properties.TokenDecimals,
            ["tokenSymbol"] = chain.Spec.Properties.TokenSymbol,
            ["consensus"] = chain.Consensus.Name,
        }));
        methods.Add("system_health", (_, _) => Done(new JsonObject
        {
            ["peers"] = peers(),
            ["isSyncing"] = false,
            ["shouldHavePeers"] = !chain.Consensus.FinalizesOnImport,
        }));
        methods.Add("state_getRuntimeVersion", (_, _) => Done(new JsonObject
        {
            ["specName"] = RuntimeSpecName,
            ["specVersion"] = chain.Identity.SpecVersion,
            ["transactionVersion"] = chain.Identity.TransactionVersion,
        }));
        methods.Add("rpc_methods", (_, _) => Done(new JsonObject
        {
            ["version"] = 1,
            ["methods"] = new JsonArray([.. methods.Names.Select(n => (JsonNode?)JsonValue.Create(n))]),
        }));

        methods.Add("chain_getBlockHash", (p, _) =>
        {
            var number = p.OptionalUInt64(0, "blockNumber");
            var hash = number is null ? chain.BestHash : chain.GetBlockHash(number.Value);
            return Done(hash is { } h ? h.ToHex() : null);
        });
        methods.Add("chain_getHeader", (p, _) => Done(HeaderJson(chain.GetHeader(BlockAt(p, 0, chain) ?? chain.BestHash))));
        methods.Add("chain_getBlock", (p, _) =>
        {
            var block = chain.GetBlock(BlockAt(p, 0, chain) ?? chain.BestHash);
            return Done(block is null ? null : new JsonObject
            {
                ["block"] = new JsonObject
                {
                    ["header"] = HeaderJson(block.Header),
                    ["extrinsics"] = new JsonArray([.. block.Transactions.Select(t => (JsonNode?)JsonValue.Create(RpcAccounts.Hex(t)))]),
                },
                ["justifications"] = null,
            });
        });
        methods.Add("chain_getFinalizedHead", (_, _) => Done(chain.FinalizedHash.ToHex()));
        methods.Add("chain_getReceipts", (p, _) =>
        {
            var receipts = chain.GetReceipts(BlockAt(p, 0, chain) ?? chain.BestHash);
            return Done(receipts is null ? null : ReceiptsJson(receipts));
        });
        methods.Add("chain_getTransaction", (p, _) =>
        {
            var hash = HashParam(p, 0, "transactionHash");
            if (chain.FindTransaction(hash) is not { } location)
            {
                return Done(null);
            }

            var receipt = chain.GetReceipts(location.BlockHash)?.Transactions[location.Index];
            return Done(new JsonObject
            {
                ["blockHash"] = location.BlockHash.ToHex(),
                ["blockNumber"] = location.Number,
                ["index"] = location.Index,
                ["receipt"] = receipt is null ? null : ReceiptJson(receipt),
            });
        });
        methods.AddSubscription("chain_subscribeNewHeads", "chain_unsubscribeNewHeads", "chain_newHead", (_, sink) => Follow(chain, sink));
        methods.AddSubscription("chain_subscribeFinalizedHeads", "chain_unsubscribeFinalizedHeads", "chain_finalizedHead", (_, sink) => Follow(chain, sink));
        methods.AddSubscription("chain_subscribeAllHeads", "chain_unsubscribeAllHeads", "chain_allHead", (_, sink) => Follow(chain, sink));

        methods.Add("state_getStorage", (p, _) =>
        {
            var key = p.RequiredHex(0, "key");
            var at = BlockAt(p, 1, chain);
            var value = chain.GetStorage(key, at);
            return Done(value is null ? null : RpcAccounts.Hex(value));
        });
        methods.Add("state_getReadProof", (p, _) =>
        {
            if (p.Get(0, "keys") is not JsonArray array)
            {
                throw p.Invalid("keys", "must be an array of 0x-hex storage keys");
            }

            if (array.Count > MaxProofKeys)
            {
                throw p.Invalid("keys", $"holds {array.Count} keys; ask for at most {MaxProofKeys} per call");
            }

            var keys = new List<byte[]>(array.Count);
            for (var i = 0; i < array.Count; i++)
            {
                keys.Add(new RpcParams("state_getReadProof", array).RequiredHex(i, $"keys[{i}]"));
            }

            var at = BlockAt(p, 1, chain) ?? chain.BestHash;
            var proof = chain.Prove(keys, at);
            return Done(new JsonObject
            {
                ["at"] = at.ToHex(),
                ["proof"] = new JsonArray([.. proof.Nodes.Select(n => (JsonNode?)JsonValue.Create(RpcAccounts.Hex(n)))]),
            });
        });
    }

    /// <summary>A header as Substrate shapes it, with our extra fields.</summary>
    public static JsonObject? HeaderJson(BlockHeader? header) => header is null ? null : new JsonObject
    {
        ["parentHash"] = header.ParentHash.ToHex(),
        ["number"] = "0x" + header.Number.ToString("x", CultureInfo.InvariantCulture),
        ["stateRoot"] = header.StateRoot.ToHex(),
        ["extrinsicsRoot"] = header.ExtrinsicsRoot.ToHex(),
        ["digest"] = new JsonObject { ["logs"] = new JsonArray() },
        ["timestamp"] = header.TimestampMs,
        ["author"] = header.Author.ToString(),
        ["signature"] = RpcAccounts.Hex(header.AuthorSignature.Encode()),
        ["hash"] = header.Hash().ToHex(),
        ["encoded"] = RpcAccounts.Hex(header.Encode()),
    };

    public static JsonObject ReceiptJson(TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new JsonObject
        {
            ["hash"] = receipt.Hash.ToHex(),
            ["success"] = receipt.Success,
            ["error"] = receipt.Error,
            ["fee"] = receipt.Fee,
            ["events"] = EventsJson(receipt.Events),
        };
    }

    public static JsonArray EventsJson(IEnumerable<EventRecord> events) =>
        new([.. events.Select(e => (JsonNode?)new JsonObject
        {
            ["name"] = e.Name,
            ["module"] = e.ModuleIndex,
            ["index"] = e.EventIndex,
            ["data"] = RpcAccounts.Hex(e.Data),
        })]);

    private static JsonObject ReceiptsJson(BlockReceipts receipts) => new()
    {
        ["initialization"] = EventsJson(receipts.InitializationEvents),
        ["transactions"] = new JsonArray([.. receipts.Transactions.Select(t => (JsonNode?)ReceiptJson(t))]),
    };

    /// <summary>Sends the current best header, then every new one, until disposed.</summary>
    private static IDisposable Follow(NodeChain chain, ISubscriptionSink sink)
    {
        void OnBlock(ImportedBlock block) => sink.Notify(HeaderJson(block.Header));
        chain.BlockImported += OnBlock;
        sink.Notify(HeaderJson(chain.BestHeader));
        return new Unsubscriber(() => chain.BlockImported -= OnBlock);
    }

    private static Hash32? BlockAt(RpcParams p, int index, NodeChain chain)
    {
        if (p.OptionalHex(index, "at") is not { } bytes)
        {
            return null;
        }

        if (bytes.Length != 32)
        {
            throw p.Invalid("at", "must be a 32-byte block hash");
        }

        var hash = new Hash32(bytes);
        return chain.GetHeader(hash) is null
            ? throw new RpcException(RpcErrorCodes.NotFound, $"No block with hash {hash.ToHex()} is stored; ask chain_getBlockHash for a known one.")
            : hash;
    }

    private static Hash32 HashParam(RpcParams p, int index, string name)
    {
        var bytes = p.RequiredHex(index, name);
        return bytes.Length == 32 ? new Hash32(bytes) : throw p.Invalid(name, "must be a 32-byte hash");
    }

    private static string Version() =>
        typeof(ChainRpcModule).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
