using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Governance;
using Bittensor.Runtime.Tests.Chain.Root;
using static Bittensor.Runtime.Tests.Chain.TestChain;

namespace Bittensor.Runtime.Tests.Chain.Governance;

/// <summary>
/// A chain with a sudo key (account 250), a triumvirate (accounts 200–202) and three senators (hotkeys 1–3 owned by
/// coldkeys 101–103).
/// </summary>
public static class GovernanceFixture
{
    public static AccountId SudoKey => Account(250);

    public static AccountId Triumvir => Account(200);

    public static AccountId Senator(int i) => Account(i);

    public static AccountId SenatorColdkey(int i) => Account(100 + i);

    public static TestChain NewGovernedChain(IReadOnlyList<AccountId>? triumvirate = null)
    {
        var chain = RootFixture.NewChain();
        for (var i = 1; i <= 3; i++)
        {
            chain.Runtime.Subtensor.CreateAccountIfNonExistent(SenatorColdkey(i), Senator(i));
        }

        chain.Runtime.Governance.InitializeGenesis(SudoKey, triumvirate ?? [Account(200), Account(201), Account(202)], [Senator(1), Senator(2), Senator(3)]);
        return chain;
    }

    /// <summary>A proposal that adds <paramref name="who"/> to the senate through subtensor sudo.</summary>
    public static RuntimeCall AddSenatorMotion(AccountId who) =>
        new SubtensorCall.Sudo(new MembershipCall.AddMember(ModuleIndex.SenateMembers, who));

    public static Hash32 Propose(TestChain chain, RuntimeCall proposal, ulong duration = 3600)
    {
        Assert.Null(chain.Signed(Triumvir, new TriumvirateCall.Propose(proposal, 1000, duration)));
        return Hash32.Of(proposal.ToBytes());
    }

    public static DispatchError? Vote(TestChain chain, int senator, Hash32 hash, uint index, bool approve) =>
        chain.Signed(SenatorColdkey(senator), new SubtensorCall.Vote(Senator(senator), hash, index, approve));

    public static DispatchError? Close(TestChain chain, Hash32 hash, uint index, uint lengthBound = 1000) =>
        chain.Signed(Account(77), new TriumvirateCall.Close(hash, index, 0, lengthBound));

    public static GovernanceModule Gov(TestChain chain) => chain.Runtime.Governance;
}
