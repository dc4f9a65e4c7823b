using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Pool;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Tests.Pool;

public sealed class TransactionPoolTests
{
    private static readonly Ed25519KeyPair Alice = DevAccounts.Alice;
    private static readonly Ed25519KeyPair Bob = DevAccounts.Bob;
    private static readonly Ed25519KeyPair Charlie = DevAccounts.Charlie;
    private static readonly Ed25519KeyPair Ferdie = DevAccounts.Ferdie;

    private readonly DevChainValidator _chain = new();

    private static PoolException Refused(PoolError error, Action submit)
    {
        var e = Assert.Throws<PoolException>(submit);
        Assert.Equal(error, e.Error);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        return e;
    }

    private static string Order(IEnumerable<PoolEntry> entries) =>
        string.Join(' ', entries.Select(e => $"{DevAccounts.Names.First(n => DevAccounts.Get(n).PublicKey == e.Transaction.Signer)}{e.Transaction.Nonce}"));

    private PoolEntry Submit(TransactionPool pool, Ed25519KeyPair key, ulong nonce, ulong tip = 0) =>
        pool.Submit(_chain.Transfer(key, Ferdie.PublicKey, nonce, tip), _chain);

    [Fact]
    public void TheAccountNonceIsReady_AGapIsFuture_AndFillingTheGapPromotesIt()
    {
        var pool = new TransactionPool();
        var first = Submit(pool, Alice, 0);
        var third = Submit(pool, Alice, 2);
        Assert.Equal(PoolStatus.Ready, first.Status);
        Assert.Equal(ulong.MaxValue, first.Priority);
        Assert.Equal(PoolStatus.Future, third.Status);
        Assert.Equal((2, 1), (pool.Count, pool.ReadyCount));
        Assert.Equal("Alice0", Order(pool.ReadyInOrder()));

        var second = Submit(pool, Alice, 1);
        Assert.Equal(PoolStatus.Ready, second.Status);
        Assert.Equal(first.Priority, second.Priority);
        Assert.Equal((3, 3), (pool.Count, pool.ReadyCount));
        Assert.Equal("Alice0 Alice1 Alice2", Order(pool.ReadyInOrder()));
        Assert.True(first.Arrival < third.Arrival && third.Arrival < second.Arrival);
        Assert.Equal(first.Encoded.Length + second.Encoded.Length + third.Encoded.Length, pool.Bytes);
    }

    [Fact]
    public void AFutureTransactionBecomesReadyWhenABlockUsesTheNonceBeforeIt()
    {
        var pool = new TransactionPool();
        var later = Submit(pool, Alice, 1);
        Assert.Equal(PoolStatus.Future, later.Status);
        Assert.Equal(0UL, later.Priority);
        Assert.Equal(0, pool.ReadyCount);

        _chain.ExecuteBlock([_chain.Transfer(Alice, Bob.PublicKey, 0)]);
        Assert.Empty(pool.Revalidate([], _chain));

        var entry = Assert.Single(pool.Pending());
        Assert.Equal(PoolStatus.Ready, entry.Status);
        Assert.Equal(ulong.MaxValue, entry.Priority);
        Assert.Equal(later.Arrival, entry.Arrival);
        Assert.Equal(1, pool.ReadyCount);
    }

    [Fact]
    public void AVerdictTakenBeforeABlockAndItsRevalidationIsTakenAgain()
    {
        // Alice1 is checked while Alice0 is pooled and unexecuted (so the runtime calls it future); before it is
        // admitted, a block executes Alice0 and the pool revalidates without it. Admitted on the old verdict it would
        // stay future with nothing in the pool to promote it (an instant-sealing node would never author it).
        var pool = new TransactionPool();
        var first = Submit(pool, Alice, 0);
        var overtaken = new OvertakingValidator(_chain, () =>
        {
            _chain.ExecuteBlock([first.Encoded]);
            Assert.Empty(pool.Revalidate([first.Hash], _chain));
        });

        var second = pool.Submit(_chain.Transfer(Alice, Ferdie.PublicKey, 1), overtaken);

        Assert.Equal(PoolStatus.Ready, second.Status);
        Assert.Equal(2, overtaken.Calls);
        Assert.Equal((1, 1), (pool.Count, pool.ReadyCount));
        Assert.Equal("Alice1", Order(pool.ReadyInOrder()));
    }

    [Fact]
    public void ReadyInOrderMergesSendersByTipButKeepsEachSendersNonceOrder_AndTheBlockExecutes()
    {
        var pool = new TransactionPool();
        Submit(pool, Alice, 0, tip: 0);
        Submit(pool, Alice, 1, tip: 100);
        Submit(pool, Bob, 0, tip: 50);
        Submit(pool, Bob, 1, tip: 0);
        Submit(pool, Charlie, 0, tip: 10);
        Submit(pool, Charlie, 2, tip: 1_000);

        // Bob0 (50) leads; then Charlie0 (10); then Alice0 and Bob1 tie on tip 0 and Alice0 came first; Alice1 (100)
        // was waiting behind Alice0; Charlie2 is future (Charlie1 is missing) however high its tip.
        Assert.Equal("Bob0 Charlie0 Alice0 Alice1 Bob1", Order(pool.ReadyInOrder()));
        Assert.Equal("Bob0 Charlie0 Alice0", Order(pool.ReadyInOrder(3)));
        Assert.Empty(pool.ReadyInOrder(0));
        Assert.Equal("Bob0 Charlie0 Alice0 Alice1 Bob1 Charlie2", Order(pool.Pending()));

        var block = pool.ReadyInOrder();
        var result = _chain.ExecuteBlock([.. block.Select(e => e.Encoded)]);
        Assert.All(result.Receipts, r => Assert.True(r.Success));
        Assert.Equal(block.Select(e => e.Hash), result.Receipts.Select(r => r.TransactionHash));

        Assert.Empty(pool.Revalidate([.. block.Select(e => e.Hash)], _chain));
        var left = Assert.Single(pool.Pending());
        Assert.Equal(PoolStatus.Future, left.Status);
        Assert.Equal((1, 0), (pool.Count, pool.ReadyCount));
    }

    [Fact]
    public void ASubmittedTransactionIsRefusedTheSecondTime()
    {
        var pool = new TransactionPool();
        var bytes = _chain.Transfer(Alice, Bob.PublicKey, 0);
        var entry = pool.Submit(bytes, _chain);
        Assert.True(pool.Contains(entry.Hash));
        Assert.Equal(Hash32.Of(bytes), entry.Hash);
        Assert.Equal(SignedTransaction.Decode(bytes).Hash(), entry.Hash);
        Refused(PoolError.AlreadyImported, () => pool.Submit(bytes, _chain));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void TheSameNonceReplacesOnlyWithAStrictlyHigherTip()
    {
        var pool = new TransactionPool();
        var low = Submit(pool, Alice, 0, tip: 10);
        var next = Submit(pool, Alice, 1);

        var e = Refused(PoolError.TooLowPriority, () => pool.Submit(_chain.Transfer(Alice, Charlie.PublicKey, 0, tip: 10), _chain));
        Assert.Contains("tip above 10", e.Message, StringComparison.Ordinal);
        Refused(PoolError.TooLowPriority, () => Submit(pool, Alice, 0, tip: 5));

        var high = Submit(pool, Alice, 0, tip: 11);
        Assert.False(pool.Contains(low.Hash));
        Assert.True(pool.Contains(high.Hash));
        Assert.Equal((2, 2), (pool.Count, pool.ReadyCount));
        Assert.Equal(high.Encoded.Length + next.Encoded.Length, pool.Bytes);
        Assert.Equal([high.Hash, next.Hash], pool.ReadyInOrder().Select(x => x.Hash));
    }

    [Fact]
    public void AnOversizedEncodingIsRefusedBeforeDecoding()
    {
        var pool = new TransactionPool(new PoolOptions(MaxTransactionBytes: 64));
        var e = Refused(PoolError.TooLarge, () => pool.Submit(new byte[65], _chain));
        Assert.Contains("64", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _chain.Validations);
    }

    [Fact]
    public void ASenderMayPoolOnlyItsLimit()
    {
        var pool = new TransactionPool(new PoolOptions(MaxPerSender: 2));
        Submit(pool, Alice, 0);
        Submit(pool, Alice, 1);
        Refused(PoolError.SenderLimit, () => Submit(pool, Alice, 2));
        Refused(PoolError.SenderLimit, () => Submit(pool, Alice, 5));

        // A replacement does not count twice, and other senders are not affected.
        Submit(pool, Alice, 1, tip: 1);
        Submit(pool, Bob, 0);
        Assert.Equal(3, pool.Count);
    }

    [Fact]
    public void AFullPoolRefusesWhenNoFutureTransactionIsWorse()
    {
        var pool = new TransactionPool(new PoolOptions(MaxTransactions: 2));
        Submit(pool, Alice, 0);
        Submit(pool, Bob, 0);
        var e = Refused(PoolError.PoolFull, () => Submit(pool, Charlie, 0, tip: 1_000));
        Assert.Contains("higher tip", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void AFullPoolEvictsTheLowestFutureTransactionForABetterOne()
    {
        var pool = new TransactionPool(new PoolOptions(MaxTransactions: 3));
        Submit(pool, Alice, 0);
        var cheap = Submit(pool, Bob, 3, tip: 1);
        var dear = Submit(pool, Charlie, 3, tip: 5);

        // A future newcomer must beat the worst future one: a tip of 1 does not, a tip of 2 does.
        Refused(PoolError.PoolFull, () => Submit(pool, Alice, 4, tip: 1));
        var better = Submit(pool, Alice, 4, tip: 2);
        Assert.False(pool.Contains(cheap.Hash));
        Assert.True(pool.Contains(dear.Hash));

        // A ready newcomer beats any future one; the lowest goes first.
        var ready = Submit(pool, Bob, 0);
        Assert.Equal(PoolStatus.Ready, ready.Status);
        Assert.False(pool.Contains(better.Hash));
        Assert.True(pool.Contains(dear.Hash));
        Assert.Equal((3, 2), (pool.Count, pool.ReadyCount));
    }

    [Fact]
    public void ThePoolByteLimitCountsEncodedBytes()
    {
        var length = _chain.Transfer(Alice, Ferdie.PublicKey, 0).Length;
        var pool = new TransactionPool(new PoolOptions(MaxBytes: (2 * length) + 1));
        Submit(pool, Alice, 0);
        Submit(pool, Bob, 0);
        Assert.Equal(2L * length, pool.Bytes);
        Refused(PoolError.PoolFull, () => Submit(pool, Charlie, 0));
        Assert.Equal(2L * length, pool.Bytes);
    }

    [Fact]
    public void ANonceTooFarAheadIsRefused()
    {
        var pool = new TransactionPool(new PoolOptions(MaxFutureGap: 2));
        Assert.Equal(PoolStatus.Future, Submit(pool, Alice, 2).Status);
        var e = Refused(PoolError.FutureTooFar, () => Submit(pool, Alice, 3));
        Assert.Equal(InvalidTransaction.Future, e.Reason);
        Assert.Contains("next nonce 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadSignatureIsInvalidEvenWithAFutureNonce()
    {
        var pool = new TransactionPool();
        foreach (var nonce in new ulong[] { 0, 5 })
        {
            var tx = _chain.Sign(Alice, new BalancesCall.TransferKeepAlive(Bob.PublicKey, 1_000), nonce);
            var forged = tx with { Tip = 1 };
            var e = Refused(PoolError.Invalid, () => pool.Submit(forged.Encode(), _chain));
            Assert.Equal(InvalidTransaction.BadProof, e.Reason);
            Assert.Contains("Sign it again", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void AnAlreadyUsedNonceIsStale()
    {
        var pool = new TransactionPool();
        _chain.ExecuteBlock([_chain.Transfer(Alice, Bob.PublicKey, 0)]);
        var e = Refused(PoolError.Invalid, () => Submit(pool, Alice, 0, tip: 3));
        Assert.Equal(InvalidTransaction.Stale, e.Reason);
        Assert.Contains("next nonce", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesThatAreNotATransactionAreMalformed()
    {
        var pool = new TransactionPool();
        var good = _chain.Transfer(Alice, Bob.PublicKey, 0);
        Refused(PoolError.Malformed, () => pool.Submit([], _chain));
        Refused(PoolError.Malformed, () => pool.Submit(good[..^1], _chain));
        Refused(PoolError.Malformed, () => pool.Submit([.. good, 0], _chain));
        var wrongVersion = (byte[])good.Clone();
        wrongVersion[0] = 9;
        Refused(PoolError.Malformed, () => pool.Submit(wrongVersion, _chain));
        Assert.Equal(0, _chain.Validations);
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void RevalidationDropsATransactionWhoseSenderCanNoLongerPay()
    {
        var pool = new TransactionPool();
        var drain = pool.Submit(_chain.Sign(Ferdie, new BalancesCall.TransferAll(Bob.PublicKey, KeepAlive: true), 0).Encode(), _chain);
        var after = pool.Submit(_chain.Transfer(Ferdie, Bob.PublicKey, 1), _chain);
        var other = Submit(pool, Alice, 0);
        Assert.Equal(3, pool.ReadyCount);

        _chain.ExecuteBlock([drain.Encoded]);
        var removal = Assert.Single(pool.Revalidate([drain.Hash], _chain));

        Assert.Equal(after.Hash, removal.Hash);
        Assert.Equal(PoolError.Invalid, removal.Error);
        Assert.Equal(InvalidTransaction.Payment, removal.Reason);
        Assert.Contains("Fund the account", removal.Message, StringComparison.Ordinal);
        Assert.Equal([other.Hash], pool.Pending().Select(e => e.Hash));
        Assert.Equal((1, 1), (pool.Count, pool.ReadyCount));
        Assert.Equal(other.Encoded.Length, pool.Bytes);
    }

    [Fact]
    public void RevalidationDropsATransactionMadeStaleByAnotherOneWithItsNonce()
    {
        var pool = new TransactionPool();
        var pooled = Submit(pool, Alice, 0);
        _chain.ExecuteBlock([_chain.Transfer(Alice, Charlie.PublicKey, 0)]);
        var removal = Assert.Single(pool.Revalidate([], _chain));
        Assert.Equal((pooled.Hash, InvalidTransaction.Stale), (removal.Hash, removal.Reason));
        Assert.Equal(0, pool.Count);
        Assert.Equal(0L, pool.Bytes);
    }

    [Fact]
    public void RemovingATransactionMakesTheSendersLaterOnesFuture()
    {
        var pool = new TransactionPool();
        var first = Submit(pool, Alice, 0);
        Submit(pool, Alice, 1);
        Submit(pool, Alice, 2);
        Submit(pool, Bob, 0);

        var removals = pool.Remove([first.Hash, Hash32.Of("unknown"u8)], PoolError.Invalid, InvalidTransaction.Payment, "cannot pay");
        var removal = Assert.Single(removals);
        Assert.Equal(new PoolRemoval(first.Hash, PoolError.Invalid, InvalidTransaction.Payment, "cannot pay"), removal);
        Assert.Equal((3, 1), (pool.Count, pool.ReadyCount));
        Assert.Equal("Bob0", Order(pool.ReadyInOrder()));

        // Resubmitting the missing nonce makes the chain ready again.
        Submit(pool, Alice, 0, tip: 1);
        Assert.Equal("Alice0 Alice1 Alice2 Bob0", Order(pool.ReadyInOrder()));
    }

    [Fact(Timeout = 60_000)]
    public async Task ParallelSubmitsFromSeveralSendersLeaveConsistentCounts()
    {
        const int perSender = 20;
        var pool = new TransactionPool();
        var senders = DevAccounts.All;
        var encoded = senders.Select(k => Enumerable.Range(0, perSender).Select(n => _chain.Transfer(k, Ferdie.PublicKey, (ulong)n)).ToArray()).ToArray();

        // Half of the senders submit their nonces in order; the other half backwards, so their transactions wait as
        // future ones until nonce 0 arrives. Readers query the pool meanwhile.
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                var ready = pool.ReadyInOrder();
                Assert.True(ready.Count <= pool.Count);
                Assert.All(ready, e => Assert.Equal(PoolStatus.Ready, e.Status));
            }
        });
        var writers = encoded.Select((txs, i) => Task.Run(() =>
        {
            foreach (var tx in i % 2 == 0 ? txs : txs.Reverse())
            {
                pool.Submit(tx, _chain);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await done.CancelAsync();
        await reader;

        Assert.Equal(senders.Count * perSender, pool.Count);
        Assert.Equal(senders.Count * perSender, pool.ReadyCount);
        Assert.Equal(encoded.Sum(txs => txs.Sum(t => (long)t.Length)), pool.Bytes);
        var order = pool.ReadyInOrder();
        foreach (var sender in senders)
        {
            Assert.Equal(Enumerable.Range(0, perSender).Select(n => (ulong)n), order.Where(e => e.Transaction.Signer == sender.PublicKey).Select(e => e.Transaction.Nonce));
        }

        Assert.Equal(order.Count, order.Select(e => e.Arrival).Distinct().Count());
        var result = _chain.ExecuteBlock([.. order.Select(e => e.Encoded)]);
        Assert.Equal(order.Count, result.Receipts.Count);
        Assert.Empty(pool.Revalidate([.. order.Select(e => e.Hash)], _chain));
        Assert.Equal((0, 0, 0L), (pool.Count, pool.ReadyCount, pool.Bytes));
    }

    [Fact]
    public void AfterABlock_OnlyTheTransactionAtTheAccountsNonceIsCheckedAgain_TheImmortalOnesBehindItStayReadyUnchecked()
    {
        var pool = new TransactionPool();
        var entries = Enumerable.Range(0, 5).Select(n => Submit(pool, Alice, (ulong)n)).ToArray();
        Submit(pool, Bob, 0);
        _chain.ExecuteBlock([entries[0].Encoded, entries[1].Encoded]);
        var revalidator = new RevalidationCounter(_chain, () => { });

        Assert.Empty(pool.Revalidate([entries[0].Hash, entries[1].Hash], revalidator));

        // Alice2 (her next nonce) and Bob0: two runtime checks for five pooled transactions.
        Assert.Equal(2, revalidator.Rechecks);
        Assert.Equal("Alice2 Alice3 Alice4 Bob0", Order(pool.ReadyInOrder().OrderBy(e => e.Transaction.Signer == Bob.PublicKey)));
        Assert.Equal((4, 4), (pool.Count, pool.ReadyCount));

        // A block from elsewhere uses Alice2 and Alice3: they are stale now and dropped; Alice4 is next and ready.
        _chain.ExecuteBlock([entries[2].Encoded, entries[3].Encoded]);
        var removed = pool.Revalidate([], revalidator);
        Assert.Equal([entries[2].Hash, entries[3].Hash], removed.Select(r => r.Hash));
        Assert.All(removed, r => Assert.Equal(InvalidTransaction.Stale, r.Reason));
        Assert.Equal("Alice4 Bob0", Order(pool.ReadyInOrder().OrderBy(e => e.Transaction.Signer == Bob.PublicKey)));
    }

    [Fact]
    public void ASubmissionDuringRevalidation_GetsOnlyItsOwnCheckUnderTheLock_AndTheSendersQueueStaysReady()
    {
        // Alice0..4 pooled, mortal (so each is checked after a block); a block executes Alice0 and Alice1. While the
        // revalidation checks the rest outside the lock, Alice5 arrives. The second step finds Alice's queue changed:
        // it keeps the verdicts already taken for Alice2..4 and checks only Alice5 (before, it checked all four again
        // under the lock).
        _chain.ExecuteBlock([]);
        var pool = new TransactionPool();
        var entries = Enumerable.Range(0, 5).Select(n => pool.Submit(MortalTransfer(Alice, (ulong)n), _chain)).ToArray();
        _chain.ExecuteBlock([entries[0].Encoded, entries[1].Encoded]);
        var revalidator = new RevalidationCounter(_chain, () => pool.Submit(MortalTransfer(Alice, 5), _chain));

        Assert.Empty(pool.Revalidate([entries[0].Hash, entries[1].Hash], revalidator));

        Assert.Equal(3 + 1, revalidator.Rechecks);
        Assert.Equal((4, 4), (pool.Count, pool.ReadyCount));
        Assert.Equal("Alice2 Alice3 Alice4 Alice5", Order(pool.ReadyInOrder()));
        Assert.All(pool.ReadyInOrder(), e => Assert.Equal(ulong.MaxValue, e.Priority));
        var result = _chain.ExecuteBlock([.. pool.ReadyInOrder().Select(e => e.Encoded)]);
        Assert.All(result.Receipts, r => Assert.True(r.Success));
    }

    /// <summary>A transfer from <paramref name="key"/> valid from genesis for 64 blocks.</summary>
    private byte[] MortalTransfer(Ed25519KeyPair key, ulong nonce) =>
        SignedTransaction.Sign(key, new BalancesCall.TransferKeepAlive(Ferdie.PublicKey, 1_000_000), nonce, _chain.Identity, Era.Mortal(0, 64), _chain.Identity.GenesisHash.Bytes).Encode();

    /// <summary>
    /// The development chain's validator for re-validation (<see cref="IPoolValidator.TryRevalidate"/>), counting its
    /// calls and running <paramref name="meanwhile"/> once, during the first of them.
    /// </summary>
    private sealed class RevalidationCounter(DevChainValidator inner, Action meanwhile) : IPoolValidator
    {
        private bool _ran;

        public int Rechecks { get; private set; }

        public ValidTransaction Validate(SignedTransaction tx, int encodedLength) => inner.Validate(tx, encodedLength);

        public TransactionValidityException? TryRevalidate(SignedTransaction tx, int encodedLength, out ValidTransaction valid)
        {
            Rechecks++;
            if (!_ran)
            {
                _ran = true;
                meanwhile();
            }

            try
            {
                valid = inner.Validate(tx, encodedLength);
                return null;
            }
            catch (TransactionValidityException e)
            {
                valid = default!;
                return e;
            }
        }

        public ulong NextNonce(AccountId account) => inner.NextNonce(account);
    }

    /// <summary>
    /// The development chain's validator, except that its first verdict is returned only after
    /// <paramref name="overtake"/> has run: a block imported while a submission was being checked.
    /// </summary>
    private sealed class OvertakingValidator(DevChainValidator inner, Action overtake) : IPoolValidator
    {
        public int Calls { get; private set; }

        public ValidTransaction Validate(SignedTransaction tx, int encodedLength)
        {
            Calls++;
            TransactionValidityException? refusal = null;
            ValidTransaction valid = default!;
            try
            {
                valid = inner.Validate(tx, encodedLength);
            }
            catch (TransactionValidityException e)
            {
                refusal = e;
            }

            if (Calls == 1)
            {
                overtake();
            }

            return refusal is null ? valid : throw refusal;
        }

        public ulong NextNonce(AccountId account) => inner.NextNonce(account);
    }
}
