using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Balances;
using Bittensor.Runtime.Tests.Chain.Invariants;

namespace Bittensor.Runtime.Tests.Chain.Accounts;

/// <summary>Transfers and the existential deposit (chain spec §1.1, §1.3, §3.14).</summary>
public sealed class TransferTests
{
    private const ulong Ed = BalancesModule.ExistentialDeposit;

    private readonly TestChain _chain = new();
    private readonly Primitives.Accounts.AccountId _alice = TestChain.Account(1);
    private readonly Primitives.Accounts.AccountId _bob = TestChain.Account(2);

    public TransferTests() => _chain.Fund(_alice, 10_000);

    private ulong Free(Primitives.Accounts.AccountId a) => _chain.Runtime.Balances.Free(a);

    private void AssertFails(string error, Contracts.Calls.RuntimeCall call)
    {
        var before = ChainInvariants.Snapshot(_chain.Store);
        Assert.Equal(error, _chain.Signed(_alice, call)?.ToString());
        Assert.Equal(before, ChainInvariants.Snapshot(_chain.Store));
    }

    [Fact]
    public void TransferMovesFundsAndCreatesTheReceiver()
    {
        Assert.Null(_chain.Signed(_alice, new BalancesCall.TransferAllowDeath(_bob, 600)));
        Assert.Equal(9_400UL, Free(_alice));
        Assert.Equal(600UL, Free(_bob));
        Assert.Contains(new BalancesEvent.Endowed(_bob, 600), _chain.Events);
        Assert.Contains(new BalancesEvent.Transfer(_alice, _bob, 600), _chain.Events);
        ChainInvariants.Check(_chain.Runtime);
    }

    [Fact]
    public void ANewAccountNeedsTheExistentialDeposit()
    {
        AssertFails("Balances.ExistentialDeposit", new BalancesCall.TransferAllowDeath(_bob, Ed - 1));
        Assert.Null(_chain.Signed(_alice, new BalancesCall.TransferAllowDeath(_bob, Ed)));
        Assert.Null(_chain.Signed(_alice, new BalancesCall.TransferAllowDeath(_bob, 1)));
        Assert.Equal(Ed + 1, Free(_bob));
    }

    [Fact]
    public void KeepAliveRefusesToTakeTheSenderBelowTheDeposit()
    {
        AssertFails("Balances.Expendability", new BalancesCall.TransferKeepAlive(_bob, 10_000 - Ed + 1));
        AssertFails("Balances.InsufficientBalance", new BalancesCall.TransferKeepAlive(_bob, 10_001));
        Assert.Null(_chain.Signed(_alice, new BalancesCall.TransferKeepAlive(_bob, 10_000 - Ed)));
        Assert.Equal(Ed, Free(_alice));
    }

    [Fact]
    public void AllowDeathReapsTheSenderAndBurnsItsDust()
    {
        var issuance = _chain.Runtime.Subtensor.S.TotalIssuance.Get();
        Assert.Null(_chain.Signed(_alice, new BalancesCall.TransferAllowDeath(_bob, 10_000 - 100)));
        Assert.Equal(0UL, Free(_alice));
        Assert.Contains(new BalancesEvent.DustLost(_alice, 100), _chain.Events);
        Assert.Equal(issuance - 100, _chain.Runtime.Subtensor.S.TotalIssuance.Get());
        Assert.False(_chain.Runtime.System.Account.Contains(_alice));
        ChainInvariants.Check(_chain.Runtime);
    }

    [Fact]
    public void TransferAllEmptiesTheSenderOrKeepsItAlive()
    {
        Assert.Null(_chain.Signed(_alice, new BalancesCall.TransferAll(_bob, KeepAlive: true)));
        Assert.Equal(Ed, Free(_alice));
        Assert.Equal(10_000 - Ed, Free(_bob));
        Assert.Null(_chain.Signed(_alice, new BalancesCall.TransferAll(_bob, KeepAlive: false)));
        Assert.Equal(0UL, Free(_alice));
        Assert.Equal(10_000UL, Free(_bob));
        ChainInvariants.Check(_chain.Runtime);
    }

    [Fact]
    public void TransfersNeedASignedOrigin()
    {
        var before = ChainInvariants.Snapshot(_chain.Store);
        Assert.Equal("System.BadOrigin", _chain.Root(new BalancesCall.TransferAllowDeath(_bob, 600))?.ToString());
        Assert.Equal(before, ChainInvariants.Snapshot(_chain.Store));
    }

    [Fact]
    public void ANonceSurvivesReaping()
    {
        _chain.Runtime.System.IncrementNonce(_alice);
        Assert.Null(_chain.Signed(_alice, new BalancesCall.TransferAll(_bob, KeepAlive: false)));
        Assert.Equal(0UL, Free(_alice));
        Assert.Equal(1UL, _chain.Runtime.System.Nonce(_alice));
    }
}
