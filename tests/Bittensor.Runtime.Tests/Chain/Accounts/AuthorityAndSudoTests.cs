using Bittensor.Contracts.Calls;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Subtensor;
using Bittensor.Runtime.Tests.Chain.Invariants;

namespace Bittensor.Runtime.Tests.Chain.Accounts;

/// <summary>Authorities (swap_authorities, admin call 0) and the unchecked-weight sudo variants.</summary>
public sealed class AuthorityAndSudoTests
{
    private readonly TestChain _chain = new();

    [Fact]
    public void OnlyRootSwapsAuthorities_AndTheListMustBeANonEmptySetOfAtMost32()
    {
        var keys = new[] { TestChain.Account(1), TestChain.Account(2) };
        var before = ChainInvariants.Snapshot(_chain.Store);
        Assert.Equal("System.BadOrigin", _chain.Signed(keys[0], new AdminCall.SwapAuthorities(keys))?.ToString());
        Assert.Equal("AdminUtils.StorageValueOutOfRange", _chain.Root(new AdminCall.SwapAuthorities([]))?.ToString());
        Assert.Equal("AdminUtils.StorageValueOutOfRange", _chain.Root(new AdminCall.SwapAuthorities([keys[0], keys[0]]))?.ToString());
        var tooMany = Enumerable.Range(1, 33).Select(TestChain.Account).ToArray();
        Assert.Equal("AdminUtils.StorageValueOutOfRange", _chain.Root(new AdminCall.SwapAuthorities(tooMany))?.ToString());
        Assert.Equal(before, ChainInvariants.Snapshot(_chain.Store));

        Assert.Null(_chain.Root(new AdminCall.SwapAuthorities(keys)));
        Assert.Equal(keys, _chain.Runtime.System.Authorities.Get());
    }

    [Fact]
    public void SubtensorSudoUncheckedWeight_RunsItsCallAsRootForAnApprovedMotion()
    {
        _chain.Runtime.Subtensor.InitRootNetwork();
        var call = new SubtensorCall.SudoUncheckedWeight(new AdminCall.SudoSetTxRateLimit(7), 1_000_000);
        Assert.Equal("System.BadOrigin", _chain.Signed(TestChain.Account(1), call)?.ToString());
        Assert.Equal("System.BadOrigin", _chain.Dispatch(new CollectiveOrigin(1, 2), call)?.ToString());
        Assert.Null(_chain.Dispatch(new CollectiveOrigin(2, 3), call));
        Assert.Equal(7UL, _chain.Runtime.Subtensor.S.TxRateLimit.Get());
        Assert.Contains(_chain.Events, e => e is SubtensorEvent.Sudid { Ok: true });
    }

    [Fact]
    public void SudoKeyUncheckedWeight_RunsItsCallAsRoot()
    {
        var key = TestChain.Account(9);
        _chain.Runtime.Governance.InitializeGenesis(key, [], []);
        var call = new SudoCall.SudoUncheckedWeight(new AdminCall.SudoSetTxRateLimit(11), 5);
        Assert.Equal("RequireSudo", _chain.Signed(TestChain.Account(1), call)?.Name);
        Assert.Null(_chain.Signed(key, call));
        Assert.Equal(11UL, _chain.Runtime.Subtensor.S.TxRateLimit.Get());
    }

    [Fact]
    public void TheNewCallsRoundTripThroughTheirEncoding()
    {
        RuntimeCall[] calls =
        [
            new AdminCall.SwapAuthorities([TestChain.Account(1), TestChain.Account(2)]),
            new SubtensorCall.SudoUncheckedWeight(new AdminCall.SudoSetTxRateLimit(7), 42),
            new SudoCall.SudoUncheckedWeight(new BalancesCall.TransferAll(TestChain.Account(3), true), 43),
        ];
        foreach (var call in calls)
        {
            var bytes = call.ToBytes();
            Assert.Equal(bytes, RuntimeCall.Decode(bytes).ToBytes());
        }
    }
}
