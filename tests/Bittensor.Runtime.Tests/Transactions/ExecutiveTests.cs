using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Balances;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Runtime.Tests.Transactions;

public sealed class ExecutiveTests
{
    private static readonly Hash32 Genesis = Hash32.Of("test genesis"u8);
    private static readonly ChainIdentity Chain = ChainIdentity.For(Genesis);

    private readonly InMemoryKeyValueStore _store = new();
    private readonly ChainRuntime _runtime;
    private readonly Executive _executive;
    private readonly Ed25519KeyPair _alice = Key(1);
    private readonly Ed25519KeyPair _bob = Key(2);

    public ExecutiveTests()
    {
        _runtime = new ChainRuntime(_store);
        _executive = new Executive(_runtime, Chain);
        Fund(_alice.PublicKey, 10_000_000_000);
        _executive.InitializeBlock(1, Genesis.ToArray(), 12_000);
    }

    private static Ed25519KeyPair Key(byte n)
    {
        var seed = new byte[32];
        seed[0] = n;
        return new Ed25519KeyPair(seed);
    }

    private void Fund(AccountId account, ulong amount)
    {
        _runtime.Balances.Endow(account, amount);
        _runtime.Subtensor.S.TotalIssuance.Set(_runtime.Subtensor.S.TotalIssuance.Get() + amount);
    }

    private string Snapshot() => string.Join(';', _store.All().Select(kv => Convert.ToHexString(kv.Key) + "=" + Convert.ToHexString(kv.Value)));

    private SignedTransaction Transfer(Ed25519KeyPair from, AccountId to, ulong amount, ulong nonce) =>
        SignedTransaction.SignImmortal(from, new BalancesCall.TransferKeepAlive(to, amount), nonce, Chain);

    private ApplyResult Apply(SignedTransaction tx)
    {
        var bytes = tx.Encode();
        return _executive.Apply(SignedTransaction.Decode(bytes), bytes.Length);
    }

    private void AssertInvalid(InvalidTransaction reason, SignedTransaction tx)
    {
        var before = Snapshot();
        var e = Assert.Throws<TransactionValidityException>(() => Apply(tx));
        Assert.Equal(reason, e.Reason);
        Assert.Equal(before, Snapshot());

        // The pool's non-throwing check reports the same refusal (or throws it, for the rarer ones) and changes nothing.
        TransactionValidityException? refusal;
        try
        {
            refusal = _executive.TryValidate(tx, tx.Encode().Length, forPool: false, out _);
        }
        catch (TransactionValidityException thrown)
        {
            refusal = thrown;
        }

        Assert.Equal(reason, refusal?.Reason);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void TryValidate_ReturnsTheCommonRefusalsWithoutThrowing_AndTheFeeOfAValidTransaction()
    {
        Assert.Equal(InvalidTransaction.Future, _executive.TryValidate(Transfer(_alice, _bob.PublicKey, 1, 3), 100, forPool: true, out _)?.Reason);
        var tx = Transfer(_alice, _bob.PublicKey, 1_000_000, 0);
        var length = tx.Encode().Length;
        Assert.Null(_executive.TryValidate(tx, length, forPool: true, out var valid));
        Assert.Equal(_executive.Validate(tx, length, forPool: true), valid);
    }

    [Fact]
    public void ASignatureTheCallerVerifiedIsNotCheckedAgain_ButEverythingElseIs()
    {
        // A transaction whose signature does not verify: refused normally, accepted when the caller vouches for the
        // signature (as the pool does for what it admitted), and still refused for its nonce either way.
        var tx = Transfer(_alice, _bob.PublicKey, 1_000_000, 0) with { Signature = Transfer(_alice, _bob.PublicKey, 2_000_000, 0).Signature };
        var length = tx.Encode().Length;
        Assert.Equal(InvalidTransaction.BadProof, _executive.TryValidate(tx, length, forPool: true, out _)?.Reason);
        Assert.Null(_executive.TryValidate(tx, length, forPool: true, signatureVerified: true, out var valid));
        Assert.Equal(FeeSchedule.Fee(length), valid.Fee);

        var future = Transfer(_alice, _bob.PublicKey, 1_000_000, 5);
        Assert.Equal(InvalidTransaction.Future, _executive.TryValidate(future, future.Encode().Length, forPool: true, signatureVerified: true, out _)?.Reason);
    }

    [Fact]
    public void ASignedTransferMovesFundsPaysTheFeeAndBumpsTheNonce()
    {
        var tx = Transfer(_alice, _bob.PublicKey, 1_000_000_000, 0);
        var length = tx.Encode().Length;
        var fee = FeeSchedule.Fee(length);

        var result = Apply(tx);

        Assert.True(result.Success);
        Assert.Equal(fee, result.Fee);
        Assert.Equal(10_000_000_000UL - 1_000_000_000 - fee, _runtime.Balances.Free(_alice.PublicKey));
        Assert.Equal(1_000_000_000UL, _runtime.Balances.Free(_bob.PublicKey));
        Assert.Equal(1UL, _runtime.System.Nonce(_alice.PublicKey));
        Assert.Equal(11_000_000_000UL - 1_000_000_000 - fee, _runtime.Balances.TotalIssuance.Get());
        Assert.Equal(10_000_000_000UL - fee, _runtime.Subtensor.S.TotalIssuance.Get());
        Assert.Contains(new BalancesEvent.Transfer(_alice.PublicKey, _bob.PublicKey, 1_000_000_000), result.Events);
        Assert.Contains(new BalancesEvent.FeePaid(_alice.PublicKey, fee), result.Events);
    }

    [Fact]
    public void AFailingCallKeepsOnlyItsFeeAndNonce()
    {
        var tx = Transfer(_alice, _bob.PublicKey, 20_000_000_000, 0);
        var result = Apply(tx);

        Assert.False(result.Success);
        Assert.Equal("Balances.InsufficientBalance", result.Error!.ToString());
        Assert.Equal(10_000_000_000UL - result.Fee, _runtime.Balances.Free(_alice.PublicKey));
        Assert.Equal(0UL, _runtime.Balances.Free(_bob.PublicKey));
        Assert.Equal(1UL, _runtime.System.Nonce(_alice.PublicKey));
        Assert.DoesNotContain(result.Events, e => e is BalancesEvent.Transfer);
    }

    [Fact]
    public void ATamperedSignatureIsBadProof()
    {
        var tx = Transfer(_alice, _bob.PublicKey, 1, 0);
        var bytes = tx.Signature.ToArray();
        bytes[5] ^= 1;
        AssertInvalid(InvalidTransaction.BadProof, tx with { Signature = new Signature(SignatureScheme.Ed25519, bytes) });
    }

    [Fact]
    public void ATransactionSignedForAnotherChainOrVersionIsBadProof()
    {
        var other = ChainIdentity.For(Hash32.Of("other chain"u8));
        AssertInvalid(InvalidTransaction.BadProof, SignedTransaction.SignImmortal(_alice, new BalancesCall.TransferKeepAlive(_bob.PublicKey, 1), 0, other));
        var newer = Chain with { SpecVersion = Chain.SpecVersion + 1 };
        AssertInvalid(InvalidTransaction.BadProof, SignedTransaction.SignImmortal(_alice, new BalancesCall.TransferKeepAlive(_bob.PublicKey, 1), 0, newer));
    }

    [Fact]
    public void AChangedCallOrSignerIsBadProof()
    {
        var tx = Transfer(_alice, _bob.PublicKey, 1_000_000, 0);
        AssertInvalid(InvalidTransaction.BadProof, tx with { Call = new BalancesCall.TransferKeepAlive(_bob.PublicKey, 2_000_000) });
        AssertInvalid(InvalidTransaction.BadProof, tx with { Tip = 1 });
        AssertInvalid(InvalidTransaction.BadProof, tx with { Signer = _bob.PublicKey });
    }

    [Fact]
    public void NoncesMustBeExactlyTheNextOne()
    {
        AssertInvalid(InvalidTransaction.Future, Transfer(_alice, _bob.PublicKey, 1_000_000, 1));
        Assert.True(Apply(Transfer(_alice, _bob.PublicKey, 1_000_000, 0)).Success);
        AssertInvalid(InvalidTransaction.Stale, Transfer(_alice, _bob.PublicKey, 1_000_000, 0));
    }

    [Fact]
    public void AnUnpayableFeeIsRefusedBeforeDispatch()
    {
        var poor = Key(9);
        Fund(poor.PublicKey, 100_500);
        AssertInvalid(InvalidTransaction.Payment, SignedTransaction.SignImmortal(poor, new BalancesCall.TransferAllowDeath(_bob.PublicKey, 1), 0, Chain));
    }

    [Fact]
    public void MortalTransactionsLiveExactlyTheirPeriod()
    {
        for (ulong b = 2; b <= 10; b++)
        {
            _executive.InitializeBlock(b, Hash32.Of(BitConverter.GetBytes(b - 1)).ToArray(), b * 12_000);
        }

        // Signed at block 10 against block 8's hash, valid for blocks 9 .. 15.
        var era = Era.Mortal(8, 8);
        var birthHash = _runtime.System.HashOf(8);
        var tx = SignedTransaction.Sign(_alice, new BalancesCall.TransferKeepAlive(_bob.PublicKey, 1_000_000), 0, Chain, era, birthHash);
        Assert.True(Apply(tx).Success);

        var late = SignedTransaction.Sign(_alice, new BalancesCall.TransferKeepAlive(_bob.PublicKey, 1_000_000), 1, Chain, era, birthHash);
        for (ulong b = 11; b <= 16; b++)
        {
            _executive.InitializeBlock(b, Hash32.Of(BitConverter.GetBytes(b - 1)).ToArray(), b * 12_000);
        }

        AssertInvalid(InvalidTransaction.Expired, late);
        var future = SignedTransaction.Sign(_alice, new BalancesCall.TransferKeepAlive(_bob.PublicKey, 1_000_000), 1, Chain, Era.Mortal(16, 8), new byte[32]);
        AssertInvalid(InvalidTransaction.AncientBirthBlock, future);
        var wrongHash = SignedTransaction.Sign(_alice, new BalancesCall.TransferKeepAlive(_bob.PublicKey, 1_000_000), 1, Chain, Era.Mortal(12, 8), birthHash);
        AssertInvalid(InvalidTransaction.BadProof, wrongHash);
    }

    [Fact]
    public void FreeCallsPayNoFeeEvenWhenTheyFail()
    {
        var hotkey = Key(5);
        var tx = SignedTransaction.SignImmortal(hotkey, new SubtensorCall.SetWeights(1, [0], [1], 0), 0, Chain);
        var result = Apply(tx);
        Assert.False(result.Success);
        Assert.Equal(0UL, result.Fee);
        Assert.Equal(1UL, _runtime.System.Nonce(hotkey.PublicKey));
    }

    [Fact]
    public void EveryTruncationOfATransactionIsMalformed()
    {
        var bytes = Transfer(_alice, _bob.PublicKey, 1, 0).Encode();
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var e = Assert.Throws<TransactionValidityException>(() => SignedTransaction.Decode(bytes.AsSpan(0, cut)));
            Assert.Equal(InvalidTransaction.Malformed, e.Reason);
        }

        var extra = bytes.Concat(new byte[] { 0 }).ToArray();
        Assert.Equal(InvalidTransaction.Malformed, Assert.Throws<TransactionValidityException>(() => SignedTransaction.Decode(extra)).Reason);
        Assert.Equal(Transfer(_alice, _bob.PublicKey, 1, 0), SignedTransaction.Decode(bytes));
    }

    [Fact]
    public void ABlockWithAnInvalidTransactionLeavesNoTrace()
    {
        var before = Snapshot();
        var good = Transfer(_alice, _bob.PublicKey, 1_000_000, 0).Encode();
        var bad = Transfer(_alice, _bob.PublicKey, 1_000_000, 5).Encode();
        Assert.Throws<TransactionValidityException>(() => _executive.ExecuteBlock(2, Genesis.ToArray(), 24_000, [good, bad]));
        Assert.Equal(before, Snapshot());

        var result = _executive.ExecuteBlock(2, Genesis.ToArray(), 24_000, [good]);
        Assert.Single(result.Receipts);
        Assert.Equal(2UL, _runtime.System.Number.Get());
    }

    [Fact]
    public void ABlockChecksEverySignatureAndRefusesABadOne()
    {
        var carol = Key(3);
        Fund(carol.PublicKey, 10_000_000_000);
        var txs = new List<byte[]>();
        for (ulong nonce = 0; nonce < 20; nonce++)
        {
            txs.Add(Transfer(nonce % 2 == 0 ? _alice : carol, _bob.PublicKey, 1_000_000, nonce / 2).Encode());
        }

        var tampered = Transfer(_alice, _bob.PublicKey, 1_000_000, 10);
        var sig = tampered.Signature.ToArray();
        sig[0] ^= 0x80;
        var before = Snapshot();
        var bad = tampered with { Signature = new Signature(SignatureScheme.Ed25519, sig) };
        var e = Assert.Throws<TransactionValidityException>(() => _executive.ExecuteBlock(2, Genesis.ToArray(), 24_000, [.. txs, bad.Encode()]));
        Assert.Equal(InvalidTransaction.BadProof, e.Reason);
        Assert.Equal(before, Snapshot());

        var result = _executive.ExecuteBlock(2, Genesis.ToArray(), 24_000, txs);
        Assert.Equal(20, result.Receipts.Count);
        Assert.All(result.Receipts, r => Assert.True(r.Success));
        Assert.Equal(20_000_000UL, _runtime.Balances.Free(_bob.PublicKey));
    }

    [Fact]
    public void ARefusedBlockAfterABusierBlock_ThrowsItsValidityError_AndLeavesNoEvents()
    {
        var transfer = Transfer(_alice, _bob.PublicKey, 1_000_000, 0).Encode();
        Assert.NotEmpty(Assert.Single(_executive.ExecuteBlock(2, Genesis.ToArray(), 24_000, [transfer]).Receipts).Events);
        var before = Snapshot();

        // The replay is refused before it deposits anything: the refused block has fewer events than the previous one.
        var e = Assert.Throws<TransactionValidityException>(() => _executive.ExecuteBlock(3, Genesis.ToArray(), 36_000, [transfer]));

        Assert.Equal(InvalidTransaction.Stale, e.Reason);
        Assert.Equal(before, Snapshot());
        Assert.Empty(_runtime.State.Events);
        Assert.Equal(0, _runtime.State.Depth);
    }

    [Fact]
    public void PoolRulesRefuseWeightsBelowTheMinimumStakeAndRegistrationsAboveTarget()
    {
        var hotkey = Key(7);
        var s = _runtime.Subtensor.S;
        s.WeightsMinStake.Set(1_000);
        var weights = SignedTransaction.SignImmortal(hotkey, new SubtensorCall.SetWeights(1, [0], [1], 0), 0, Chain);
        var e = Assert.Throws<TransactionValidityException>(() => _executive.Validate(weights, weights.Encode().Length, forPool: true));
        Assert.Equal(InvalidTransaction.Call, e.Reason);

        // Not re-checked when a block executes: the call itself then runs (and fails on its own checks).
        Assert.Equal(0UL, _executive.Validate(weights, weights.Encode().Length).Fee);

        s.NetworksAdded.Set(1, true);
        s.TargetRegistrationsPerInterval.Set(1, 2);
        s.RegistrationsThisInterval.Set(1, 2);
        var register = SignedTransaction.SignImmortal(_alice, new SubtensorCall.BurnedRegister(1, hotkey.PublicKey), 0, Chain);
        e = Assert.Throws<TransactionValidityException>(() => _executive.Validate(register, register.Encode().Length, forPool: true));
        Assert.Equal(InvalidTransaction.ExhaustsResources, e.Reason);
        s.RegistrationsThisInterval.Set(1, 1);
        Assert.Equal(ulong.MaxValue, _executive.Validate(register, register.Encode().Length, forPool: true).Priority);
    }

    [Fact]
    public void TipsArePaidOnTopOfTheFeeEvenByFreeCalls()
    {
        var call = new BalancesCall.TransferKeepAlive(_bob.PublicKey, 1_000_000);
        var tx = SignedTransaction.SignImmortal(_alice, call, 0, Chain, tip: 5_000);
        var result = Apply(tx);
        Assert.Equal(FeeSchedule.Fee(tx.Encode().Length) + 5_000, result.Fee);

        var free = SignedTransaction.SignImmortal(_alice, new SubtensorCall.SetWeights(1, [0], [1], 0), 1, Chain, tip: 7_000);
        Assert.Equal(7_000UL, Apply(free).Fee);
    }
}
