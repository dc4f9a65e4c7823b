using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Genesis;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Tests.Chain.Invariants;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Runtime.Tests.Chain.EndToEnd;

/// <summary>
/// A whole chain as a user sees it: the genesis of a chain spec in an in-memory store, signed transactions queued
/// with <see cref="Submit"/>, and blocks produced by the executive. Each block's hash is derived from its parent's
/// hash, its number and its transactions, so two chains fed the same transactions have the same history. After
/// every block the bookkeeping invariants are checked.
/// </summary>
public sealed class DevChain
{
    private const ulong BlockTimeMs = 12_000;

    private readonly List<byte[]> _pending = [];
    private readonly Dictionary<AccountId, ulong> _nextNonce = [];

    public DevChain(ChainSpec? spec = null)
    {
        Spec = spec ?? ChainSpecPresets.Dev();
        Store = new InMemoryKeyValueStore();
        Runtime = new ChainRuntime(Store);
        GenesisHash = GenesisBuilder.Build(Runtime, Spec);
        Identity = ChainIdentity.For(GenesisHash);
        Executive = new Executive(Runtime, Identity);
        LastBlockHash = GenesisHash;
        ChainInvariants.Check(Runtime);
    }

    public ChainSpec Spec { get; }

    public InMemoryKeyValueStore Store { get; }

    public ChainRuntime Runtime { get; }

    public Executive Executive { get; }

    public Hash32 GenesisHash { get; }

    public ChainIdentity Identity { get; }

    /// <summary>The hash of the latest block (the genesis hash before the first block).</summary>
    public Hash32 LastBlockHash { get; private set; }

    /// <summary>The latest block's number (0 at genesis).</summary>
    public ulong Block => Runtime.System.Number.Get();

    /// <summary>Transactions queued for the next block.</summary>
    public int PendingCount => _pending.Count;

    public ulong Free(AccountId account) => Runtime.Balances.Free(account);

    public ulong StakeOf(AccountId hotkey) => Runtime.Subtensor.S.TotalHotkeyStake.Get(hotkey);

    /// <summary>The nonce the next transaction of <paramref name="account"/> will carry (queued ones counted).</summary>
    public ulong NextNonce(AccountId account) =>
        _nextNonce.TryGetValue(account, out var nonce) ? nonce : Runtime.System.Nonce(account);

    /// <summary>Signs <paramref name="call"/> with <paramref name="key"/> and the account's next nonce, and queues it.</summary>
    public SignedTransaction Submit(Ed25519KeyPair key, RuntimeCall call)
    {
        ArgumentNullException.ThrowIfNull(key);
        var nonce = NextNonce(key.PublicKey);
        var tx = SignedTransaction.SignImmortal(key, call, nonce, Identity);
        _pending.Add(tx.Encode());
        _nextNonce[key.PublicKey] = nonce + 1;
        return tx;
    }

    /// <summary>Queues an already encoded transaction as it is (possibly a broken one).</summary>
    public void SubmitEncoded(byte[] transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        _pending.Add(transaction);
    }

    /// <summary>
    /// Executes the queued transactions as the next block and returns their receipts. If the block is refused (an
    /// invalid transaction) the exception propagates, nothing of the block is kept, and the queue is emptied.
    /// </summary>
    public IReadOnlyList<ApplyResult> ProduceBlock()
    {
        var number = Block + 1;
        var transactions = _pending.ToArray();
        _pending.Clear();
        BlockResult result;
        try
        {
            result = Executive.ExecuteBlock(number, LastBlockHash.ToArray(), number * BlockTimeMs, transactions);
        }
        catch
        {
            _nextNonce.Clear();
            throw;
        }

        LastBlockHash = HashBlock(LastBlockHash, number, transactions);
        _nextNonce.Clear();
        ChainInvariants.Check(Runtime);
        return result.Receipts;
    }

    /// <summary>Produces <paramref name="count"/> blocks (the first one carries whatever is queued).</summary>
    public void RunBlocks(int count)
    {
        for (var i = 0; i < count; i++)
        {
            ProduceBlock();
        }
    }

    /// <summary>Produces blocks until <paramref name="block"/> is the latest one.</summary>
    public void RunTo(ulong block)
    {
        while (Block < block)
        {
            ProduceBlock();
        }
    }

    /// <summary>Submits one transaction, produces a block with it and returns its receipt.</summary>
    public ApplyResult Include(Ed25519KeyPair key, RuntimeCall call)
    {
        Assert.Equal(0, PendingCount);
        Submit(key, call);
        return Assert.Single(ProduceBlock());
    }

    private static Hash32 HashBlock(Hash32 parent, ulong number, IReadOnlyList<byte[]> transactions)
    {
        var w = new ScaleWriter(64);
        w.WriteFixed(parent.Bytes);
        w.WriteU64(number);
        w.WriteCompact((ulong)transactions.Count);
        foreach (var tx in transactions)
        {
            w.WriteBytes(tx);
        }

        return Hash32.Of(w.WrittenSpan);
    }
}
