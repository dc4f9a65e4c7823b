using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Transactions;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Tests.Support;

namespace Bittensor.Sdk.Tests.Client;

/// <summary>Signing, submitting and watching transactions through <see cref="ChainClient"/> against a real node.</summary>
public sealed class TransactionTests : IAsyncLifetime
{
    private const ulong Tao = 1_000_000_000;
    private DevNode _node = null!;
    private ChainClient _client = null!;

    public async Task InitializeAsync()
    {
        _node = await DevNode.StartAsync();
        _client = await _node.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _node.DisposeAsync();
    }

    private ulong Free(AccountId account) => _node.Host.Chain.Read(r => r.Balances.Free(account));

    private static Ed25519KeyPair Fresh(byte seed) => new(Enumerable.Repeat(seed, 32).ToArray());

    [Fact(Timeout = 60_000)]
    public async Task A_transfer_is_signed_submitted_and_included_with_its_fee_and_events()
    {
        _node.StartInstantSealing();
        var alice = DevAccounts.Alice;
        var dest = Fresh(7).PublicKey;
        var aliceBefore = Free(alice.PublicKey);

        var result = await _client.SignAndSubmitAsync(alice, new BalancesCall.TransferKeepAlive(dest, 5 * Tao));

        Assert.True(result.Success);
        Assert.Null(result.Error);
        Assert.Equal(1UL, result.BlockNumber);
        Assert.Equal(_node.Host.Chain.GetBlockHash(1), result.BlockHash);
        Assert.Equal(5 * Tao, Free(dest));
        Assert.True(result.Fee > 0);
        Assert.Equal(aliceBefore - (5 * Tao) - result.Fee, Free(alice.PublicKey));

        var block = _node.Host.Chain.GetBlock(result.BlockHash)!;
        var included = Assert.Single(block.Transactions);
        Assert.Equal(Hash32.Of(included), result.TransactionHash);
        Assert.Equal(FeeSchedule.Fee(included.Length), result.Fee);

        Assert.Equal(["Balances.FeePaid", "Balances.Endowed", "Balances.Transfer"], result.Events.Select(e => e.Name));
        var transfer = result.Events.Single(e => e.Name == "Balances.Transfer");
        var r = new ScaleReader(transfer.Data);
        Assert.Equal((alice.PublicKey, dest, 5 * Tao), (AccountId.Read(ref r), AccountId.Read(ref r), r.ReadU64()));
        var feePaid = new ScaleReader(result.Events.Single(e => e.Name == "Balances.FeePaid").Data);
        Assert.Equal((alice.PublicKey, result.Fee), (AccountId.Read(ref feePaid), feePaid.ReadU64()));

        var second = await _client.SignAndSubmitAsync(alice, new BalancesCall.TransferKeepAlive(dest, Tao), new TransactionOptions { WaitFor = TransactionWait.Finalized });
        Assert.True(second.IsFinalized);
        Assert.Equal(2UL, second.BlockNumber);
        Assert.Equal(6 * Tao, Free(dest));
        Assert.Equal(2UL, await _client.GetNextNonceAsync(alice.PublicKey));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failing_call_is_included_and_reports_its_decoded_error_and_the_fee_it_paid()
    {
        _node.StartInstantSealing();
        var bob = DevAccounts.Bob;
        var before = Free(bob.PublicKey);

        var result = await _client.SignAndSubmitAsync(bob, new BalancesCall.TransferKeepAlive(Fresh(9).PublicKey, before));

        Assert.False(result.Success);
        Assert.Equal("Balances", result.Error!.Module);
        Assert.Equal("InsufficientBalance", result.Error.Name);
        Assert.Equal("Balances.InsufficientBalance", result.Error.QualifiedName);
        Assert.Contains("free balance", result.Error.Message, StringComparison.Ordinal);
        Assert.True(result.Fee > 0);
        Assert.Equal(before - result.Fee, Free(bob.PublicKey));
        Assert.Equal(["Balances.FeePaid"], result.Events.Select(e => e.Name));

        var free = await _client.SignAndSubmitAsync(bob, new SubtensorCall.AddStake(Fresh(10).PublicKey, Tao));
        Assert.False(free.Success);
        Assert.Equal(("SubtensorModule", "NotRegistered"), (free.Error!.Module, free.Error.Name));
        Assert.Equal(0UL, free.Fee);
        Assert.Equal(2UL, await _client.GetNextNonceAsync(bob.PublicKey));
    }

    [Fact(Timeout = 60_000)]
    public async Task Transactions_the_node_refuses_raise_the_pools_named_error()
    {
        var charlie = DevAccounts.Charlie;
        var call = new BalancesCall.TransferKeepAlive(DevAccounts.Dave.PublicKey, Tao);
        _node.StartInstantSealing();
        await _client.SignAndSubmitAsync(charlie, call);

        var stale = await Assert.ThrowsAsync<TransactionRejectedException>(() => _client.SignAndSubmitAsync(charlie, call, new TransactionOptions { Nonce = 0 }));
        Assert.Equal(PoolError.Invalid, stale.Error);
        Assert.Equal(InvalidTransaction.Stale, stale.Reason);
        Assert.Contains("nonce", stale.Message, StringComparison.Ordinal);

        var farAhead = await Assert.ThrowsAsync<TransactionRejectedException>(() => _client.SignAndSubmitAsync(charlie, call, new TransactionOptions { Nonce = 1_000 }));
        Assert.Equal(PoolError.FutureTooFar, farAhead.Error);
        Assert.Null(farAhead.Reason);

        var signed = await _client.SignAsync(charlie, call);
        var forged = signed with { Signature = new Signature(SignatureScheme.Ed25519, charlie.Sign("something else"u8).Bytes) };
        var badProof = await Assert.ThrowsAsync<TransactionRejectedException>(() => _client.SubmitAsync(forged));
        Assert.Equal(InvalidTransaction.BadProof, badProof.Reason);
        Assert.Equal(forged.Hash(), badProof.TransactionHash);

        var otherChain = SignedTransaction.SignImmortal(charlie, call, 1, ChainIdentity.For(Hash32.Of("another chain"u8)));
        Assert.Equal(InvalidTransaction.BadProof, (await Assert.ThrowsAsync<TransactionRejectedException>(() => _client.SubmitAndWaitAsync(otherChain))).Reason);

        var unpaid = await Assert.ThrowsAsync<TransactionRejectedException>(() => _client.SignAndSubmitAsync(Fresh(3), call));
        Assert.Equal(InvalidTransaction.Payment, unpaid.Reason);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_transaction_the_pool_accepted_but_a_block_could_not_take_ends_its_wait_with_the_runtimes_reason()
    {
        var spender = Fresh(11);
        var fund = await _client.SignAsync(DevAccounts.Alice, new BalancesCall.TransferKeepAlive(spender.PublicKey, 10 * Tao));
        await _client.SubmitAsync(fund);
        _node.Host.SealNow();

        // Both are valid alone; once the first has emptied the account, the second cannot pay its fee.
        var emptyIt = await _client.SignAsync(spender, new BalancesCall.TransferAll(DevAccounts.Bob.PublicKey, KeepAlive: false), new TransactionOptions { Nonce = 0 });
        var thenPay = await _client.SignAsync(spender, new BalancesCall.TransferKeepAlive(DevAccounts.Bob.PublicKey, Tao), new TransactionOptions { Nonce = 1 });
        var waiting = _client.SubmitAndWaitAsync(thenPay);
        while (!_node.Host.Pool.Contains(thenPay.Hash()))
        {
            await Task.Delay(5);
        }

        await _client.SubmitAsync(emptyIt);
        var sealedBlock = _node.Host.SealNow();
        Assert.Single(sealedBlock.Rejected);

        var e = await Assert.ThrowsAsync<TransactionRejectedException>(() => waiting);
        Assert.Equal(PoolError.Invalid, e.Error);
        Assert.Equal(InvalidTransaction.Payment, e.Reason);
        Assert.Equal(thenPay.Hash(), e.TransactionHash);
        Assert.Equal(0UL, Free(spender.PublicKey));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_transaction_submitted_twice_is_refused_as_already_imported()
    {
        var tx = await _client.SignAsync(DevAccounts.Eve, new BalancesCall.TransferKeepAlive(DevAccounts.Dave.PublicKey, Tao));
        Assert.Equal(tx.Hash(), await _client.SubmitAsync(tx));
        var again = await Assert.ThrowsAsync<TransactionRejectedException>(() => _client.SubmitAsync(tx));
        Assert.Equal(PoolError.AlreadyImported, again.Error);
        Assert.Equal(tx.Encode(), Assert.Single(await _client.GetPendingTransactionsAsync()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Waiting_ends_with_a_timeout_naming_the_transaction_when_no_block_includes_it()
    {
        var options = new TransactionOptions { Timeout = TimeSpan.FromMilliseconds(300) };
        var e = await Assert.ThrowsAsync<TransactionTimeoutException>(() =>
            _client.SignAndSubmitAsync(DevAccounts.Ferdie, new BalancesCall.TransferKeepAlive(DevAccounts.Dave.PublicKey, Tao), options));

        Assert.Equal(TransactionStage.Ready, e.LastStage);
        Assert.Equal(TimeSpan.FromMilliseconds(300), e.Timeout);
        Assert.Contains(e.TransactionHash.ToHex(), e.Message, StringComparison.Ordinal);
        Assert.Equal(e.TransactionHash, Hash32.Of(Assert.Single(await _client.GetPendingTransactionsAsync())));
        Assert.Equal(0, _node.Host.Watchers.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Parallel_submissions_from_one_signer_get_consecutive_nonces()
    {
        _node.StartInstantSealing();
        var dave = DevAccounts.Dave;
        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            _client.SignAndSubmitAsync(dave, new BalancesCall.TransferKeepAlive(Fresh((byte)(20 + i)).PublicKey, (ulong)i * Tao))));

        Assert.All(results, r => Assert.True(r.Success));
        Assert.Equal(6UL, _node.Host.Chain.Read(r => r.System.Nonce(dave.PublicKey)));
        var nonces = results.Select(r => SignedTransaction.Decode(_node.Host.Chain.GetBlock(r.BlockHash)!.Transactions.Single(t => Hash32.Of(t) == r.TransactionHash)).Nonce);
        Assert.Equal([0UL, 1, 2, 3, 4, 5], nonces.Order().ToArray());
    }

    [Fact(Timeout = 60_000)]
    public async Task Transactions_are_mortal_from_the_best_blocks_parent_unless_asked_to_be_immortal()
    {
        var call = new BalancesCall.TransferKeepAlive(DevAccounts.Bob.PublicKey, Tao);
        var atGenesis = await _client.SignAsync(DevAccounts.Alice, call);
        Assert.True(atGenesis.Era.IsImmortal);

        _node.Host.SealNow();
        _node.Host.SealNow();
        _node.Host.SealNow();
        var mortal = await _client.SignAsync(DevAccounts.Alice, call, new TransactionOptions { MortalPeriod = 16, Tip = 5 });
        Assert.Equal(Era.Mortal(2, 16), mortal.Era);
        Assert.Equal(5UL, mortal.Tip);
        Assert.Equal(0UL, mortal.Nonce);
        var immortal = await _client.SignAsync(DevAccounts.Alice, call, new TransactionOptions { MortalPeriod = null });
        Assert.True(immortal.Era.IsImmortal);

        _node.StartInstantSealing();
        var result = await _client.SubmitAndWaitAsync(mortal);
        Assert.True(result.Success);
        Assert.Equal(4UL, result.BlockNumber);

        Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionOptions { MortalPeriod = 2 }.Validate());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.SignAsync(DevAccounts.Alice, call, new TransactionOptions { MortalPeriod = 3 }));
    }

    [Fact(Timeout = 60_000)]
    public async Task Over_http_transactions_can_be_submitted_but_not_watched()
    {
        await using var http = await _node.ConnectAsync("http");
        var call = new BalancesCall.TransferKeepAlive(DevAccounts.Bob.PublicKey, Tao);
        var tx = await http.SignAsync(DevAccounts.Eve, call);
        Assert.Equal(tx.Hash(), await http.SubmitAsync(tx));
        var created = await http.CreateBlockAsync();
        Assert.Equal((1UL, 1, 0), (created.Number, created.Transactions, created.Rejected));
        Assert.True((await http.GetTransactionAsync(tx.Hash()))!.Receipt.Success);

        var watch = await Assert.ThrowsAsync<NotSupportedException>(() => http.SignAndSubmitAsync(DevAccounts.Eve, call));
        Assert.Contains("ws://", watch.Message, StringComparison.Ordinal);
    }
}
