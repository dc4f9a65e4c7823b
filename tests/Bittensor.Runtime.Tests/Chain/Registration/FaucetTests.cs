using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Tests.Chain.Registration;

/// <summary>The test-network faucet, chain spec §3.13: disabled unless the chain spec enables it.</summary>
public sealed class FaucetTests
{
    // Found by search: the seal of this nonce for account 1 over the all-zero hash meets difficulty 1 000 000.
    private const ulong GoodNonce = 471_922;
    private static readonly Primitives.Accounts.AccountId Cold = TestChain.Account(1);

    private static RegistrationFixture Fixture(bool enabled)
    {
        var f = new RegistrationFixture();
        f.M.FaucetEnabled.Set(enabled);
        return f;
    }

    private static SubtensorCall.Faucet CallOnCurrentBlock(RegistrationFixture f, ulong nonce = GoodNonce) =>
        new(f.Block, nonce, RegistrationFixture.Seal(new byte[32], nonce, Cold));

    [Fact]
    public void KnownNonceMeetsTheFaucetDifficulty()
    {
        var seal = RegistrationFixture.Seal(new byte[32], GoodNonce, Cold);
        Assert.Equal("00000583221439525d353f3e8d54c6641c0c72e69a4e4b90171f55d4b7a99d4e", Convert.ToHexStringLower(seal));
        Assert.True(Runtime.Subtensor.Registration.RegistrationSeal.MeetsDifficulty(seal, SubtensorModule.FaucetDifficulty));
    }

    [Fact]
    public void DisabledByDefault()
    {
        var f = new RegistrationFixture();
        Assert.False(f.M.FaucetEnabled.Get());
        f.AssertSubtensorError(Origin.Signed(Cold), CallOnCurrentBlock(f), SubtensorError.FaucetDisabled);
        f.AssertSubtensorError(Origin.Root, CallOnCurrentBlock(f), SubtensorError.FaucetDisabled);
    }

    [Fact]
    public void MintsOneHundredTaoToTheSigner()
    {
        var f = Fixture(enabled: true);
        var call = CallOnCurrentBlock(f);
        Assert.Null(f.Chain.Signed(Cold, call));
        Assert.Equal(100_000_000_000UL, f.Chain.Runtime.Balances.Free(Cold));
        Assert.Equal(100_000_000_000UL, f.S.TotalIssuance.Get());
        Assert.Equal(f.Block, f.S.UsedWork.Get(call.Work));
        Assert.Equal([new SubtensorEvent.Faucet(Cold, 100_000_000_000)], f.SubtensorEvents());
    }

    [Fact]
    public void EnabledFaucetNeedsASignedOrigin() =>
        Fixture(enabled: true).AssertFailsUnchanged(Origin.Root, new SubtensorCall.Faucet(0, 0, new byte[32]), "System", "BadOrigin");

    [Fact]
    public void WorkBlockOutsideTheWindowIsRefused()
    {
        var f = Fixture(enabled: true);
        f.AssertSubtensorError(Origin.Signed(Cold), CallOnCurrentBlock(f) with { BlockNumber = f.Block + 1 }, SubtensorError.InvalidWorkBlock);
        f.AssertSubtensorError(Origin.Signed(Cold), CallOnCurrentBlock(f) with { BlockNumber = f.Block - 3 }, SubtensorError.InvalidWorkBlock);
    }

    [Fact]
    public void WorkBelowTheFixedDifficultyIsRefused()
    {
        var f = Fixture(enabled: true);
        f.AssertSubtensorError(Origin.Signed(Cold), CallOnCurrentBlock(f, nonce: 0), SubtensorError.InvalidDifficulty);
    }

    [Fact]
    public void SealOfAnotherAccountIsRefused()
    {
        var f = Fixture(enabled: true);
        f.AssertSubtensorError(Origin.Signed(TestChain.Account(2)), CallOnCurrentBlock(f), SubtensorError.InvalidSeal);
    }
}
