using Bittensor.Contracts.Transactions;
using Bittensor.Node.Consensus;
using Bittensor.Node.Pool;
using Bittensor.Node.State;
using Bittensor.Node.Storage;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;
using Bittensor.Primitives.Trie;
using Bittensor.Runtime;
using Bittensor.Runtime.Genesis;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Chain;

/// <summary>
/// The chain as the node keeps it: the best block, its state and its state root, over a <see cref="ChainDatabase"/>.
/// Blocks enter by <see cref="Produce(ulong, IEnumerable{byte[]}, Ed25519KeyPair)"/> (this node authors) or <see cref="Import"/> (someone else did); both run
/// the runtime over an overlay of the best state, fold the overlay's changes into the state trie, and commit the
/// block, its receipts, the state changes and the new trie nodes in one database transaction. Only one block is
/// built or imported at a time; readers (<see cref="Read{T}"/>, the block and storage getters) see the best state
/// as of one block, never half of a commit.
/// </summary>
public sealed class NodeChain : IStateReader
{
    /// <summary>The most transactions one block holds.</summary>
    public const int MaxBlockTransactions = 10_000;

    /// <summary>The most bytes of transactions one block holds.</summary>
    public const int MaxBlockBytes = 5 << 20;

    private readonly ChainDatabase _db;
    private readonly IConsensusEngine _consensus;
    private readonly ISignatureVerifier _verifier;
    private readonly BufferedTrieNodeStore _trieNodes;
    private readonly CachedStateStore _state;
    private readonly ReaderWriterLockSlim _bestLock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Lock _writer = new();
    private readonly ThreadLocal<ThreadReader?> _reader = new();
    private BlockHeader _best;
    private Hash32 _bestHash;

    private NodeChain(ChainDatabase db, ChainSpec spec, IConsensusEngine consensus, ISignatureVerifier verifier, Hash32 genesisHash, BlockHeader best, Hash32 bestHash)
    {
        _db = db;
        Spec = spec;
        _consensus = consensus;
        _verifier = verifier;
        _trieNodes = new BufferedTrieNodeStore(db.TrieNodes);
        _state = new CachedStateStore(db.State);
        GenesisHash = genesisHash;
        Identity = ChainIdentity.For(genesisHash);
        _best = best;
        _bestHash = bestHash;
    }

    /// <summary>Raised after each block is committed (on the thread that committed it).</summary>
    public event Action<ImportedBlock>? BlockImported;

    public ChainSpec Spec { get; }

    public ChainIdentity Identity { get; }

    public Hash32 GenesisHash { get; }

    public IConsensusEngine Consensus => _consensus;

    /// <summary>The verifier transactions are checked with (shared with the pool, so each signature is checked once).</summary>
    public ISignatureVerifier Verifier => _verifier;

    public BlockHeader BestHeader
    {
        get
        {
            _bestLock.EnterReadLock();
            try
            {
                return _best;
            }
            finally
            {
                _bestLock.ExitReadLock();
            }
        }
    }

    public Hash32 BestHash
    {
        get
        {
            _bestLock.EnterReadLock();
            try
            {
                return _bestHash;
            }
            finally
            {
                _bestLock.ExitReadLock();
            }
        }
    }

    public ulong BestNumber => BestHeader.Number;

    /// <summary>The finalised head: with an engine that finalises on import, the best block.</summary>
    public Hash32 FinalizedHash => BestHash;

    /// <summary>
    /// Opens the chain of <paramref name="spec"/> in <paramref name="db"/>: writes its genesis block into an empty
    /// database, or checks that the database holds this chain (same genesis hash) and continues from its best block.
    /// </summary>
    public static NodeChain Open(ChainDatabase db, ChainSpec spec, IConsensusEngine consensus, ISignatureVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(consensus);
        verifier ??= new VerifiedSignatureCache(DefaultSignatureVerifier.Instance);

        var genesis = BuildGenesis(spec);
        var genesisHash = genesis.Block.Hash();
        if (db.BestNumber is null)
        {
            db.CommitBlock(new BlockCommit(genesis.Block, genesisHash, [], BlockReceipts.Empty.Encode(), genesis.Changes, genesis.Nodes));
            return new NodeChain(db, spec, consensus, verifier, genesisHash, genesis.Block.Header, genesisHash);
        }

        var stored = db.GetBlockHash(0);
        if (stored != genesisHash)
        {
            throw new InvalidOperationException(
                $"The database at {db.Path} holds a chain whose genesis is {stored}, but the chain spec '{spec.Id}' has genesis {genesisHash}. "
                + "Point --base-path at another directory, or delete this chain's data to start it again.");
        }

        var bestHash = db.GetBlockHash(db.BestNumber.Value)
            ?? throw new InvalidOperationException($"The database at {db.Path} has no hash for its best block {db.BestNumber}.");
        var best = db.GetHeader(bestHash)
            ?? throw new InvalidOperationException($"The database at {db.Path} has no header for its best block {bestHash}.");
        return new NodeChain(db, spec, consensus, verifier, genesisHash, best, bestHash);
    }

    /// <summary>The genesis parent hash: a hash of the chain id, so chains with equal genesis state but different ids differ.</summary>
    public static Hash32 GenesisParent(string chainId)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        var w = new ScaleWriter(64);
        w.WriteString("bittensor-genesis");
        w.WriteString(chainId);
        return Hash32.Of(w.WrittenSpan);
    }

    /// <summary>Runs <paramref name="query"/> over a read-only runtime on the best state.</summary>
    public T Read<T>(Func<ChainRuntime, T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _bestLock.EnterReadLock();
        try
        {
            // Building a runtime costs tens of microseconds (hundreds of storage items), and the pool asks for one per
            // submitted transaction: each thread keeps one per best block and reuses it while queries leave its
            // overlay untouched. A query that wrote anything gets its runtime thrown away.
            var reader = _reader.Value;
            if (reader is null || reader.Block != _bestHash || reader.Overlay.ChangeCount != 0 || reader.Runtime.State.Depth != 0)
            {
                var overlay = new StateOverlay(_state);
                reader = new ThreadReader(_bestHash, overlay, new ChainRuntime(overlay));
                _reader.Value = reader;
            }

            reader.Runtime.State.ClearEvents();
            return query(reader.Runtime);
        }
        finally
        {
            _bestLock.ExitReadLock();
        }
    }

    public Hash32? GetBlockHash(ulong number) => _db.GetBlockHash(number);

    public BlockHeader? GetHeader(Hash32 hash) => _db.GetHeader(hash);

    public Block? GetBlock(Hash32 hash) => _db.GetBlock(hash);

    public BlockReceipts? GetReceipts(Hash32 hash) => _db.GetReceipts(hash) is { } bytes ? BlockReceipts.Decode(bytes) : null;

    public TransactionLocation? FindTransaction(Hash32 hash) => _db.FindTransaction(hash);

    /// <summary>The value of a state key after block <paramref name="at"/> (the best block when null); null when absent.</summary>
    public byte[]? GetStorage(byte[] key, Hash32? at = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (at is null)
        {
            _bestLock.EnterReadLock();
            try
            {
                return _state.Get(key);
            }
            finally
            {
                _bestLock.ExitReadLock();
            }
        }

        return new StateTrie(_db.TrieNodes, StateRootAt(at.Value)).Get(key);
    }

    /// <summary>A proof of the values of <paramref name="keys"/> under the state root of block <paramref name="at"/> (best when null).</summary>
    public ReadProof Prove(IEnumerable<byte[]> keys, Hash32? at = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var root = at is null ? BestHeader.StateRoot : StateRootAt(at.Value);
        return new StateTrie(_db.TrieNodes, root).Prove(keys);
    }

    /// <summary>The state root recomputed from every stored state entry, from scratch (for consistency checks).</summary>
    public Hash32 RecomputeStateRoot()
    {
        // The scan reads the database in pages, so it holds off commits (which run outside the best-state lock).
        lock (_writer)
        {
            return StateTrie.ComputeRoot(_db.ScanAllState());
        }
    }

    /// <summary>
    /// Authors the next block with <paramref name="author"/>: the block step, then as many of
    /// <paramref name="candidates"/> (in the given order) as are valid and fit; the others are returned as rejected
    /// with their reason. The block is signed, committed and announced.
    /// </summary>
    public ProducedBlock Produce(ulong timestampMs, IEnumerable<byte[]> candidates, Ed25519KeyPair author)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Produce(timestampMs, candidates.Select(c => new Candidate(c, null, default)), author);
    }

    /// <summary>
    /// <see cref="Produce(ulong, IEnumerable{byte[]}, Ed25519KeyPair)"/> from pool entries: their decoded transactions
    /// and hashes are used as they are (the pool decoded and hashed each one from its bytes at admission), so a
    /// transaction is neither decoded nor hashed again, nor its signature verified again (the pool verified it against
    /// this chain at admission).
    /// </summary>
    public ProducedBlock Produce(ulong timestampMs, IEnumerable<PoolEntry> candidates, Ed25519KeyPair author)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Produce(timestampMs, candidates.Select(e => new Candidate(e.Encoded, e.Transaction, e.Hash)), author);
    }

    private ProducedBlock Produce(ulong timestampMs, IEnumerable<Candidate> candidates, Ed25519KeyPair author)
    {
        ArgumentNullException.ThrowIfNull(author);
        ImportedBlock imported;
        var rejected = new List<RejectedTransaction>();
        lock (_writer)
        {
            var parent = _best;
            var parentHash = _bestHash;
            var number = parent.Number + 1;
            var timestamp = Math.Max(timestampMs, parent.TimestampMs);
            var draft = new BlockHeader(parentHash, number, Hash32.Zero, Hash32.Zero, timestamp, author.PublicKey, default);
            var overlay = new StateOverlay(_state);
            var runtime = new ChainRuntime(overlay);
            _consensus.VerifyAuthor(draft, parent, runtime);

            var executive = new Executive(runtime, Identity, _verifier);
            executive.InitializeBlock(number, parentHash.ToArray(), timestamp);
            var included = new List<byte[]>();
            var hashes = new List<Hash32>();
            var results = new List<ApplyResult>();
            var bytes = 0;
            foreach (var (candidate, decoded, knownHash) in candidates)
            {
                if (included.Count >= MaxBlockTransactions || bytes + candidate.Length > MaxBlockBytes)
                {
                    break;
                }

                var hash = decoded is null ? Hash32.Of(candidate) : knownHash;
                SignedTransaction tx;
                try
                {
                    tx = decoded ?? SignedTransaction.Decode(candidate);
                }
                catch (TransactionValidityException e)
                {
                    rejected.Add(new RejectedTransaction(hash, e.Reason, e.Message));
                    continue;
                }

                try
                {
                    // A decoded candidate is a pool entry, whose signature the pool verified against this chain.
                    results.Add(executive.Apply(tx, candidate.Length, hash, signatureVerified: decoded is not null));
                    included.Add(candidate);
                    hashes.Add(hash);
                    bytes += candidate.Length;
                }
                catch (TransactionValidityException e)
                {
                    rejected.Add(new RejectedTransaction(hash, e.Reason, e.Message));
                }
            }

            var receipts = BlockReceipts.From(new BlockResult([.. executive.InitializationEvents], results));
            var header = draft with { ExtrinsicsRoot = Block.ExtrinsicsRoot(included) };
            imported = Commit(header, included, hashes, overlay, receipts, header => header.SignedBy(author));
        }

        BlockImported?.Invoke(imported);
        return new ProducedBlock(imported, rejected);
    }

    /// <summary>
    /// Imports a block authored elsewhere on top of the best block: checks it against the consensus rules, its
    /// signature and extrinsics root, executes it and requires the state root it claims. Throws
    /// <see cref="BlockImportException"/> and stores nothing when any check fails.
    /// </summary>
    public ImportedBlock Import(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        ImportedBlock imported;
        lock (_writer)
        {
            var header = block.Header;
            var parent = _best;
            if (header.ParentHash != _bestHash || header.Number != parent.Number + 1)
            {
                throw new BlockImportException(BlockImportError.NotOnBest, $"block {header.Number} with parent {header.ParentHash} does not extend the best block {parent.Number} ({_bestHash}).");
            }

            if (header.TimestampMs < parent.TimestampMs)
            {
                throw new BlockImportException(BlockImportError.BadTimestamp, $"block {header.Number} has timestamp {header.TimestampMs}, before its parent's {parent.TimestampMs}.");
            }

            var overlay = new StateOverlay(_state);
            var runtime = new ChainRuntime(overlay);
            _consensus.VerifyAuthor(header, parent, runtime);
            if (!header.HasValidSignature())
            {
                throw new BlockImportException(BlockImportError.BadSignature, $"the signature of block {header.Number} does not verify for its author {header.Author}.");
            }

            if (!block.HasValidExtrinsicsRoot())
            {
                throw new BlockImportException(BlockImportError.BadExtrinsicsRoot, $"the extrinsics root of block {header.Number} does not match its {block.Transactions.Count} transaction(s).");
            }

            BlockResult result;
            try
            {
                result = new Executive(runtime, Identity, _verifier).ExecuteBlock(header.Number, header.ParentHash.ToArray(), header.TimestampMs, block.Transactions);
            }
            catch (Exception e) when (e is TransactionValidityException or ScaleFormatException)
            {
                throw new BlockImportException(BlockImportError.InvalidTransaction, $"block {header.Number} holds a transaction that cannot be applied: {e.Message}", e);
            }

            imported = Commit(header, block.Transactions, [.. block.Transactions.Select(t => Hash32.Of(t))], overlay, BlockReceipts.From(result), h =>
            {
                if (h.StateRoot != header.StateRoot)
                {
                    throw new BlockImportException(BlockImportError.BadStateRoot, $"block {header.Number} claims state root {header.StateRoot}, but executing it gives {h.StateRoot}.");
                }

                return header;
            });
        }

        BlockImported?.Invoke(imported);
        return imported;
    }

    private static (Block Block, List<KeyValuePair<byte[], byte[]?>> Changes, IReadOnlyList<(Hash32 Hash, byte[] Node)> Nodes) BuildGenesis(ChainSpec spec)
    {
        var overlay = new StateOverlay(new InMemoryKeyValueStore());
        GenesisBuilder.Build(new ChainRuntime(overlay), spec);
        var changes = overlay.Changes.ToList();
        var nodes = new BufferedTrieNodeStore(new InMemoryTrieNodeStore());
        var root = new StateTrie(nodes, StateTrie.EmptyRoot).Apply(changes);
        var header = new BlockHeader(GenesisParent(spec.Id), 0, root, Block.ExtrinsicsRoot([]), 0, AccountId.Zero, default);
        return (new Block(header, []), changes, [.. nodes.Pending]);
    }

    private Hash32 StateRootAt(Hash32 blockHash) =>
        (_db.GetHeader(blockHash) ?? throw new KeyNotFoundException($"No block with hash {blockHash} is stored.")).StateRoot;

    /// <summary>
    /// Folds the overlay's changes into the trie, completes the header (<paramref name="seal"/> signs it, or checks it
    /// against the computed root) and commits everything in one database transaction. On any failure the trie and the
    /// database stay at the parent.
    /// </summary>
    /// <remarks>
    /// The database commit runs outside the best-state lock, so readers (the pool's checks of new submissions above
    /// all) keep going while SQLite writes: before it starts, the read cache is made to hold the parent's value of
    /// every key the block changes, so a reader still sees exactly the parent state, whether its other reads hit the
    /// cache or the database (which answers the same for every key the block leaves alone). The new best block and
    /// the block's values replace them under the write lock once the commit has succeeded; only then is the block
    /// announced.
    /// </remarks>
    private ImportedBlock Commit(BlockHeader header, IReadOnlyList<byte[]> transactions, IReadOnlyList<Hash32> transactionHashes, StateOverlay overlay, BlockReceipts receipts, Func<BlockHeader, BlockHeader> seal)
    {
        var changes = overlay.Changes.ToList();
        _trieNodes.Clear();
        try
        {
            var trie = new StateTrie(_trieNodes, _best.StateRoot);
            var root = trie.Apply(changes);
            var sealedHeader = seal(header with { StateRoot = root });
            var block = new Block(sealedHeader, transactions);
            var hash = sealedHeader.Hash();
            var commit = new BlockCommit(block, hash, transactionHashes, receipts.Encode(), changes, [.. _trieNodes.Pending]);
            _state.Pin(changes);
            try
            {
                _db.CommitBlock(commit);
            }
            catch
            {
                _state.Clear();
                throw;
            }

            _bestLock.EnterWriteLock();
            try
            {
                _state.Apply(changes);
                _best = sealedHeader;
                _bestHash = hash;
            }
            finally
            {
                _bestLock.ExitWriteLock();
            }

            return new ImportedBlock(block, hash, receipts, transactionHashes);
        }
        finally
        {
            _trieNodes.Clear();
        }
    }

    /// <summary>A transaction offered for a block: its bytes, and its decoding and hash when known (the hash is unset when the decoding is).</summary>
    private readonly record struct Candidate(byte[] Encoded, SignedTransaction? Transaction, Hash32 Hash);

    private sealed record ThreadReader(Hash32 Block, StateOverlay Overlay, ChainRuntime Runtime);
}
