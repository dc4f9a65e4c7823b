using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Pool;

/// <summary>
/// The node's pool of signed transactions waiting for a block (thread-safe; one lock guards the pool's bookkeeping).
/// A submission asks the validator before taking the lock, so signatures of concurrent submissions are checked in
/// parallel; revalidation after a block asks it outside the lock too, and takes the lock to apply the verdicts.
/// <para>
/// Admission: the length is checked before decoding; the bytes must decode to a signed transaction in its canonical
/// encoding; then the runtime validates it against the current best state. A transaction the runtime calls
/// <see cref="InvalidTransaction.Future"/> (its signature was checked before its nonce) is kept when its nonce is at
/// most <see cref="PoolOptions.MaxFutureGap"/> ahead of the account's next nonce. It is <see cref="PoolStatus.Ready"/>
/// when its nonce is the account's next nonce, or the nonce after the sender's previous ready transaction (the
/// runtime only knows the account's nonce, so in a chain n, n+1, n+2 it calls all but the first Future); otherwise
/// it is <see cref="PoolStatus.Future"/>. A transaction validated as Future has no priority of its own yet: chained
/// behind a ready one it takes that one's priority, otherwise 0, until a revalidation finds its nonce due.
/// </para>
/// <para>
/// A transaction with the sender and nonce of a pooled one replaces it only with a strictly higher tip. When the pool
/// is at its count or byte limit, it evicts future transactions to make room, lowest (priority, tip) first and the
/// latest arrival first among equals, but only ones the newcomer beats: any future one if the newcomer is ready,
/// otherwise those with a lower (priority, tip). If that cannot free enough room, the newcomer is refused and
/// nothing is evicted. Evicted and replaced transactions are dropped silently.
/// </para>
/// </summary>
public sealed class TransactionPool
{
    private const int StaleVerdictRetries = 3;
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, PoolEntry> _byHash = [];
    private readonly Dictionary<AccountId, SortedDictionary<ulong, PoolEntry>> _bySender = [];
    private ulong _arrivals;
    private long _bytes;
    private int _ready;

    // Bumped by every revalidation, under the lock, before it snapshots the senders: a submission whose verdict was
    // taken against an older state (a block was imported meanwhile) takes it again before admitting the transaction.
    private long _stateVersion;

    public TransactionPool(PoolOptions? options = null)
    {
        Options = options ?? new PoolOptions();
        if (Options.MaxTransactions < 1 || Options.MaxBytes < 1 || Options.MaxPerSender < 1 || Options.MaxFutureGap < 0 || Options.MaxTransactionBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Pool limits must be positive (the future gap may be 0).");
        }
    }

    public PoolOptions Options { get; }

    /// <summary>Pooled transactions, ready and future.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byHash.Count;
            }
        }
    }

    /// <summary>Pooled transactions that are ready.</summary>
    public int ReadyCount
    {
        get
        {
            lock (_lock)
            {
                return _ready;
            }
        }
    }

    /// <summary>Total encoded bytes of the pooled transactions.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public bool Contains(Hash32 hash)
    {
        lock (_lock)
        {
            return _byHash.ContainsKey(hash);
        }
    }

    /// <summary>Admits a transaction and returns its entry; throws <see cref="PoolException"/> when it is refused.</summary>
    public PoolEntry Submit(byte[] encoded, IPoolValidator validator)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(validator);
        if (encoded.Length > Options.MaxTransactionBytes)
        {
            throw new PoolException(PoolError.TooLarge, $"The transaction is {encoded.Length} bytes; the pool takes at most {Options.MaxTransactionBytes}. Split the work into smaller transactions.");
        }

        SignedTransaction tx;
        try
        {
            tx = SignedTransaction.Decode(encoded);
        }
        catch (TransactionValidityException e)
        {
            throw new PoolException(PoolError.Malformed, $"The bytes are not a signed transaction ({e.Message}). Encode it as a version {SignedTransaction.Version} signed transaction for this runtime.", InvalidTransaction.Malformed, e);
        }

        if (!tx.Encode().AsSpan().SequenceEqual(encoded))
        {
            throw new PoolException(PoolError.Malformed, "The transaction is not in its canonical encoding. Re-encode it with the standard SCALE encoder.", InvalidTransaction.Malformed);
        }

        var copy = (byte[])encoded.Clone();
        var hash = Hash32.Of(copy);
        if (Contains(hash))
        {
            throw new PoolException(PoolError.AlreadyImported, $"Transaction {hash} is already in the pool. Wait for it to be included instead of resubmitting it.");
        }

        // The runtime's verdict (its signature check is the expensive part) is taken before the pool's lock, so
        // submissions from many connections verify in parallel; only the bookkeeping below is serialised. A verdict
        // older than the pool's last revalidation is stale: it may call "future" a transaction whose predecessor the
        // new block just used, and the revalidation that would correct it has already taken its snapshot. Such a
        // verdict is taken again (under the lock after a few tries, so a stream of blocks cannot starve it).
        for (var attempt = 0; ; attempt++)
        {
            var version = Volatile.Read(ref _stateVersion);
            var verdict = attempt < StaleVerdictRetries ? RuntimeVerdict.Of(tx, copy.Length, validator) : null;
            lock (_lock)
            {
                if (verdict is not null && version != _stateVersion)
                {
                    continue;
                }

                return Admit(hash, copy, tx, verdict ?? RuntimeVerdict.Of(tx, copy.Length, validator));
            }
        }
    }

    private PoolEntry Admit(Hash32 hash, byte[] copy, SignedTransaction tx, RuntimeVerdict verdict)
    {
        if (_byHash.ContainsKey(hash))
        {
            throw new PoolException(PoolError.AlreadyImported, $"Transaction {hash} is already in the pool. Wait for it to be included instead of resubmitting it.");
        }

        var senderEntries = _bySender.GetValueOrDefault(tx.Signer);
        var existing = senderEntries?.GetValueOrDefault(tx.Nonce);
        if (existing is not null && tx.Tip <= existing.Transaction.Tip)
        {
            throw new PoolException(PoolError.TooLowPriority, $"{Ss58.Encode(tx.Signer)} already has a pooled transaction with nonce {tx.Nonce} and tip {existing.Transaction.Tip}. To replace it, resubmit with a tip above {existing.Transaction.Tip}.");
        }

        var (status, priority) = Classify(tx, verdict, senderEntries);

        var senderCount = (senderEntries?.Count ?? 0) - (existing is null ? 0 : 1);
        if (senderCount >= Options.MaxPerSender)
        {
            throw new PoolException(PoolError.SenderLimit, $"{Ss58.Encode(tx.Signer)} already has {senderCount} pooled transactions (the limit is {Options.MaxPerSender}). Wait for some to be included, then submit again.");
        }

        var victims = MakeRoom(copy.Length, status, priority, tx.Tip, existing);
        if (existing is not null)
        {
            Drop(existing);
        }

        foreach (var victim in victims)
        {
            Drop(victim);
        }

        var entry = new PoolEntry(hash, copy, tx, priority, ++_arrivals, status);
        Add(entry);
        if (status == PoolStatus.Ready)
        {
            PromoteAfter(entry);
        }
        else
        {
            DemoteAfter(tx.Signer, tx.Nonce);
        }

        return entry;
    }

    /// <summary>
    /// Ready transactions for the block builder, best first by (priority desc, tip desc, arrival asc), each sender's
    /// in nonce order: a merge of the senders' ready queues by the key of each queue's head.
    /// </summary>
    public IReadOnlyList<PoolEntry> ReadyInOrder(int max = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        lock (_lock)
        {
            return ReadyInOrderLocked(max);
        }
    }

    /// <summary>All pooled transactions: the ready ones as <see cref="ReadyInOrder"/> gives them, then the future ones by arrival.</summary>
    public IReadOnlyList<PoolEntry> Pending()
    {
        lock (_lock)
        {
            var result = new List<PoolEntry>(_byHash.Count);
            result.AddRange(ReadyInOrderLocked(int.MaxValue));
            result.AddRange(_byHash.Values.Where(e => e.Status == PoolStatus.Future).OrderBy(e => e.Arrival));
            return result;
        }
    }

    /// <summary>
    /// Drops the given transactions (those pooled), e.g. ones the block builder found invalid at inclusion, and
    /// returns a removal for each. Ready transactions of the same sender after a dropped one become future.
    /// </summary>
    public IReadOnlyList<PoolRemoval> Remove(IEnumerable<Hash32> hashes, PoolError error, InvalidTransaction? reason, string message)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            var removals = new List<PoolRemoval>();
            foreach (var hash in hashes)
            {
                if (_byHash.TryGetValue(hash, out var entry))
                {
                    Drop(entry);
                    DemoteAfter(entry.Transaction.Signer, entry.Transaction.Nonce);
                    removals.Add(new PoolRemoval(hash, error, reason, message));
                }
            }

            return removals;
        }
    }

    /// <summary>
    /// After a block: drops the <paramref name="included"/> transactions (not reported), then validates every other
    /// one against the new state in each sender's nonce order, updating priorities and statuses (futures whose turn
    /// came become ready) and dropping those now invalid. Returns the dropped ones with their reasons, senders in
    /// account order and each sender's in nonce order.
    /// </summary>
    /// <remarks>
    /// The runtime's checks run outside the pool's lock, on a snapshot of each sender's queue, so submissions keep
    /// being admitted meanwhile; the verdicts are then applied under the lock to every sender whose queue is still
    /// the snapshot's. A sender whose queue changed in between (a submission arrived) keeps the verdicts of the
    /// transactions the snapshot checked; only those that arrived or were replaced meanwhile are checked, under the lock.
    /// (Only the state decides a verdict, and it does not change between the two steps: blocks are imported one at a
    /// time and each re-validates the pool before the next.)
    /// </remarks>
    public IReadOnlyList<PoolRemoval> Revalidate(IReadOnlyCollection<Hash32> included, IPoolValidator validator)
    {
        ArgumentNullException.ThrowIfNull(included);
        ArgumentNullException.ThrowIfNull(validator);
        SenderSnapshot[] snapshot;
        lock (_lock)
        {
            _stateVersion++;
            foreach (var hash in included)
            {
                if (_byHash.TryGetValue(hash, out var entry))
                {
                    Drop(entry);
                }
            }

            snapshot = [.. _bySender.Keys.Order().Select(sender => new SenderSnapshot(sender, [.. _bySender[sender].Values]))];
        }

        foreach (var sender in snapshot)
        {
            sender.Check(validator);
        }

        lock (_lock)
        {
            var removals = new List<PoolRemoval>();
            foreach (var sender in snapshot)
            {
                if (!sender.IsCurrent(_bySender))
                {
                    if (!_bySender.TryGetValue(sender.Sender, out var entries))
                    {
                        continue;
                    }

                    sender.Recheck([.. entries.Values], validator);
                }

                ApplyVerdicts(sender, removals);
            }

            return removals;
        }
    }

    private void ApplyVerdicts(SenderSnapshot sender, List<PoolRemoval> removals)
    {
        PoolEntry? previousReady = null;
        for (var i = 0; i < sender.Entries.Length; i++)
        {
            var entry = sender.Entries[i];
            var tx = entry.Transaction;
            var (refusal, valid) = sender.Verdicts[i];
            if (refusal is null)
            {
                previousReady = Update(entry, PoolStatus.Ready, valid.Priority);
            }
            else if (refusal.Reason == InvalidTransaction.Future)
            {
                if (previousReady is not null && previousReady.Transaction.Nonce + 1 == tx.Nonce)
                {
                    previousReady = Update(entry, PoolStatus.Ready, previousReady.Priority);
                }
                else if (tx.Nonce > sender.NextNonce && tx.Nonce - sender.NextNonce > (ulong)Options.MaxFutureGap)
                {
                    Drop(entry);
                    removals.Add(new PoolRemoval(entry.Hash, PoolError.FutureTooFar, null, FutureTooFarMessage(tx.Nonce, sender.NextNonce)));
                    previousReady = null;
                }
                else
                {
                    Update(entry, PoolStatus.Future, entry.Status == PoolStatus.Future ? entry.Priority : 0);
                    previousReady = null;
                }
            }
            else
            {
                Drop(entry);
                removals.Add(new PoolRemoval(entry.Hash, PoolError.Invalid, refusal.Reason, InvalidMessage(refusal)));
                previousReady = null;
            }
        }
    }

    private (PoolStatus Status, ulong Priority) Classify(SignedTransaction tx, RuntimeVerdict verdict, SortedDictionary<ulong, PoolEntry>? senderEntries)
    {
        if (verdict.Valid is { } valid)
        {
            return (PoolStatus.Ready, valid.Priority);
        }

        var e = verdict.Error!;
        if (e.Reason != InvalidTransaction.Future)
        {
            throw new PoolException(PoolError.Invalid, InvalidMessage(e), e.Reason, e);
        }

        var next = verdict.NextNonce;
        if (tx.Nonce > next && tx.Nonce - next > (ulong)Options.MaxFutureGap)
        {
            throw new PoolException(PoolError.FutureTooFar, FutureTooFarMessage(tx.Nonce, next), InvalidTransaction.Future, e);
        }

        if (tx.Nonce > 0 && senderEntries is not null && senderEntries.TryGetValue(tx.Nonce - 1, out var previous) && previous.Status == PoolStatus.Ready)
        {
            return (PoolStatus.Ready, previous.Priority);
        }

        return (PoolStatus.Future, 0);
    }

    /// <summary>The future entries to evict so that a newcomer fits, or a PoolFull refusal (nothing is evicted then).</summary>
    private List<PoolEntry> MakeRoom(int length, PoolStatus status, ulong priority, ulong tip, PoolEntry? replaced)
    {
        var count = _byHash.Count + 1 - (replaced is null ? 0 : 1);
        var bytes = _bytes + length - (replaced?.Encoded.Length ?? 0);
        var victims = new List<PoolEntry>();
        if (count <= Options.MaxTransactions && bytes <= Options.MaxBytes)
        {
            return victims;
        }

        var candidates = _byHash.Values
            .Where(e => e.Status == PoolStatus.Future && !ReferenceEquals(e, replaced))
            .Where(e => status == PoolStatus.Ready || (e.Priority, e.Transaction.Tip).CompareTo((priority, tip)) < 0)
            .OrderBy(e => e.Priority).ThenBy(e => e.Transaction.Tip).ThenByDescending(e => e.Arrival);
        foreach (var candidate in candidates)
        {
            if (count <= Options.MaxTransactions && bytes <= Options.MaxBytes)
            {
                break;
            }

            victims.Add(candidate);
            count--;
            bytes -= candidate.Encoded.Length;
        }

        if (count > Options.MaxTransactions || bytes > Options.MaxBytes)
        {
            throw new PoolException(PoolError.PoolFull, $"The pool is full ({_byHash.Count} of {Options.MaxTransactions} transactions, {_bytes} of {Options.MaxBytes} bytes) and holds nothing worse than this transaction. Retry after the next block, or with a higher tip.");
        }

        return victims;
    }

    private List<PoolEntry> ReadyInOrderLocked(int max)
    {
        var result = new List<PoolEntry>(Math.Min(max, _ready));
        var heads = new PriorityQueue<(PoolEntry[] Queue, int Index), PoolEntry>(ReadyOrder.Instance);
        foreach (var entries in _bySender.Values)
        {
            var queue = entries.Values.Where(e => e.Status == PoolStatus.Ready).ToArray();
            if (queue.Length > 0)
            {
                heads.Enqueue((queue, 0), queue[0]);
            }
        }

        while (result.Count < max && heads.TryDequeue(out var head, out var entry))
        {
            result.Add(entry);
            var next = head.Index + 1;
            if (next < head.Queue.Length)
            {
                heads.Enqueue((head.Queue, next), head.Queue[next]);
            }
        }

        return result;
    }

    private void Add(PoolEntry entry)
    {
        _byHash.Add(entry.Hash, entry);
        var signer = entry.Transaction.Signer;
        if (!_bySender.TryGetValue(signer, out var entries))
        {
            entries = [];
            _bySender.Add(signer, entries);
        }

        entries.Add(entry.Transaction.Nonce, entry);
        _bytes += entry.Encoded.Length;
        if (entry.Status == PoolStatus.Ready)
        {
            _ready++;
        }
    }

    private void Drop(PoolEntry entry)
    {
        _byHash.Remove(entry.Hash);
        var signer = entry.Transaction.Signer;
        var entries = _bySender[signer];
        entries.Remove(entry.Transaction.Nonce);
        if (entries.Count == 0)
        {
            _bySender.Remove(signer);
        }

        _bytes -= entry.Encoded.Length;
        if (entry.Status == PoolStatus.Ready)
        {
            _ready--;
        }
    }

    private PoolEntry Update(PoolEntry entry, PoolStatus status, ulong priority)
    {
        if (entry.Status == status && entry.Priority == priority)
        {
            return entry;
        }

        var updated = entry with { Status = status, Priority = priority };
        _byHash[entry.Hash] = updated;
        _bySender[entry.Transaction.Signer][entry.Transaction.Nonce] = updated;
        if (entry.Status != status)
        {
            _ready += status == PoolStatus.Ready ? 1 : -1;
        }

        return updated;
    }

    /// <summary>Makes the sender's futures that directly follow a ready entry ready, with its priority.</summary>
    private void PromoteAfter(PoolEntry ready)
    {
        var entries = _bySender[ready.Transaction.Signer];
        var nonce = ready.Transaction.Nonce;
        while (nonce < ulong.MaxValue && entries.TryGetValue(nonce + 1, out var next) && next.Status == PoolStatus.Future)
        {
            Update(next, PoolStatus.Ready, ready.Priority);
            nonce++;
        }
    }

    /// <summary>Makes the sender's ready entries after <paramref name="nonce"/> future (their predecessor is gone or not ready).</summary>
    private void DemoteAfter(AccountId sender, ulong nonce)
    {
        if (!_bySender.TryGetValue(sender, out var entries))
        {
            return;
        }

        while (nonce < ulong.MaxValue && entries.TryGetValue(nonce + 1, out var next) && next.Status == PoolStatus.Ready)
        {
            Update(next, PoolStatus.Future, next.Priority);
            nonce++;
        }
    }

    private string FutureTooFarMessage(ulong nonce, ulong next) =>
        $"Nonce {nonce} is more than {Options.MaxFutureGap} ahead of the account's next nonce {next}. Submit the transactions with the missing nonces first.";

    private static string InvalidMessage(TransactionValidityException e)
    {
        var advice = e.Reason switch
        {
            InvalidTransaction.Stale => "Sign it again with the account's next nonce.",
            InvalidTransaction.BadProof => "Sign it again with the signer's key for this chain and runtime version.",
            InvalidTransaction.Payment => "Fund the account, or lower the tip.",
            InvalidTransaction.Expired or InvalidTransaction.AncientBirthBlock => "Sign it again with a current era.",
            InvalidTransaction.ExhaustsResources => "Submit it again later.",
            InvalidTransaction.UnsupportedSignature => "Sign it with Ed25519.",
            InvalidTransaction.Call => "Check the call's preconditions before submitting it again.",
            _ => "Fix the transaction and submit it again.",
        };
        return $"The runtime refused the transaction: {e.Message} {advice}";
    }

    /// <summary>One sender's queue as re-validation saw it, and the runtime's verdict on each entry.</summary>
    private sealed class SenderSnapshot(AccountId sender, PoolEntry[] entries)
    {
        // The verdict re-validation gives an immortal transaction whose nonce is ahead: only its reason is read.
        private static readonly TransactionValidityException FutureNonce = new(InvalidTransaction.Future, "the nonce is ahead of the account's next nonce.");

        public AccountId Sender { get; } = sender;

        public PoolEntry[] Entries { get; private set; } = entries;

        public (TransactionValidityException? Refusal, ValidTransaction Valid)[] Verdicts { get; private set; } = [];

        public ulong NextNonce { get; private set; }

        public void Check(IPoolValidator validator)
        {
            NextNonce = validator.NextNonce(Sender);
            var verdicts = new (TransactionValidityException?, ValidTransaction)[Entries.Length];
            for (var i = 0; i < Entries.Length; i++)
            {
                verdicts[i] = Verdict(Entries[i], validator);
            }

            Verdicts = verdicts;
        }

        /// <summary>
        /// Takes the sender's current queue (nonce order), keeping the verdict of every transaction the snapshot
        /// already checked (same hash at the same nonce) and checking only the others.
        /// </summary>
        public void Recheck(PoolEntry[] current, IPoolValidator validator)
        {
            var verdicts = new (TransactionValidityException?, ValidTransaction)[current.Length];
            var j = 0;
            for (var i = 0; i < current.Length; i++)
            {
                var nonce = current[i].Transaction.Nonce;
                while (j < Entries.Length && Entries[j].Transaction.Nonce < nonce)
                {
                    j++;
                }

                verdicts[i] = j < Entries.Length && Entries[j].Hash == current[i].Hash ? Verdicts[j] : Verdict(current[i], validator);
            }

            Entries = current;
            Verdicts = verdicts;
        }

        /// <summary>
        /// The runtime's verdict on a pooled transaction, except for an immortal one whose nonce is ahead of the
        /// account's: the runtime's checks before the nonce (scheme, era, signature) cannot fail for it any more — it
        /// passed them at admission, and an immortal era never expires — so its verdict is Future without asking. A
        /// queue of n transactions from one sender thus costs one runtime check after a block, not n.
        /// </summary>
        private (TransactionValidityException?, ValidTransaction) Verdict(PoolEntry entry, IPoolValidator validator)
        {
            var tx = entry.Transaction;
            if (tx.Nonce > NextNonce && tx.Era.IsImmortal)
            {
                return (FutureNonce, default!);
            }

            var refusal = RuntimeVerdict.Refusal(tx, entry.Encoded.Length, validator, pooled: true, out var valid);
            return (refusal, valid);
        }

        /// <summary>Whether the pool still holds exactly these entries for the sender (the same records, so the same statuses).</summary>
        public bool IsCurrent(Dictionary<AccountId, SortedDictionary<ulong, PoolEntry>> bySender)
        {
            if (!bySender.TryGetValue(Sender, out var current) || current.Count != Entries.Length)
            {
                return false;
            }

            var i = 0;
            foreach (var entry in current.Values)
            {
                if (!ReferenceEquals(entry, Entries[i++]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class ReadyOrder : IComparer<PoolEntry>
    {
        public static readonly ReadyOrder Instance = new();

        public int Compare(PoolEntry? x, PoolEntry? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var c = y.Priority.CompareTo(x.Priority);
            if (c != 0)
            {
                return c;
            }

            c = y.Transaction.Tip.CompareTo(x.Transaction.Tip);
            return c != 0 ? c : x.Arrival.CompareTo(y.Arrival);
        }
    }
}
