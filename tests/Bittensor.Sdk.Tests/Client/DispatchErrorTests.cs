using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Balances;
using Bittensor.Runtime.Governance;
using Bittensor.Runtime.Subtensor;
using Bittensor.Runtime.Subtensor.Admin;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Rpc;
using NodePoolError = Bittensor.Node.Pool.PoolError;
using RuntimeDispatchError = Bittensor.Runtime.Framework.DispatchError;

namespace Bittensor.Sdk.Tests.Client;

/// <summary>The SDK's names for the chain's errors stay in step with the runtime's and the node's.</summary>
public sealed class DispatchErrorTests
{
    private static IEnumerable<string> Qualified<TError>(string module)
        where TError : struct, Enum => Enum.GetNames<TError>().Select(n => $"{module}.{n}");

    [Fact]
    public void Every_error_the_runtime_can_raise_has_a_description_and_no_other_does()
    {
        var runtime = new HashSet<string>(StringComparer.Ordinal) { RuntimeDispatchError.BadOrigin.ToString() };
        runtime.UnionWith(Qualified<SubtensorError>(SubtensorModule.Module));
        runtime.UnionWith(Qualified<AdminUtilsError>(SubtensorModule.AdminModule));
        runtime.UnionWith(Qualified<BalancesError>(BalancesModule.Module));
        runtime.UnionWith(Qualified<SudoError>(GovernanceModule.SudoModule));
        runtime.UnionWith(Qualified<CollectiveError>(GovernanceModule.CollectiveModule));
        runtime.UnionWith(Qualified<MembershipError>("TriumvirateMembers"));
        runtime.UnionWith(Qualified<MembershipError>("SenateMembers"));

        Assert.Equal(runtime.Order(StringComparer.Ordinal), DispatchErrorMessages.Names.Order(StringComparer.Ordinal));
        Assert.All(runtime, name => Assert.DoesNotContain("no description", DispatchError.FromName(name).Message, StringComparison.Ordinal));
        Assert.Equal(runtime.Count, runtime.Select(n => DispatchError.FromName(n).Message).Count(m => m.EndsWith('.')));
    }

    [Fact]
    public void A_qualified_name_splits_into_module_and_error_and_unknown_ones_still_read()
    {
        var known = DispatchError.FromName("SubtensorModule.NotEnoughBalanceToStake");
        Assert.Equal(("SubtensorModule", "NotEnoughBalanceToStake"), (known.Module, known.Name));
        Assert.Equal("SubtensorModule.NotEnoughBalanceToStake: " + known.Message, known.ToString());

        var unknown = DispatchError.FromName("Future.Thing");
        Assert.Equal(("Future", "Thing"), (unknown.Module, unknown.Name));
        Assert.Contains("Future.Thing", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(("", "Bare"), (DispatchError.FromName("Bare").Module, DispatchError.FromName("Bare").Name));
    }

    [Fact]
    public void The_pool_errors_are_the_nodes_by_name()
    {
        Assert.Equal([.. Enum.GetNames<NodePoolError>(), "Unknown"], Enum.GetNames<PoolError>());
    }

    [Fact]
    public void Submission_errors_map_to_rejections_with_their_named_reason()
    {
        var endpoint = new Uri("ws://127.0.0.1:9944/");
        var hash = Hash32.Of([1]);

        var stale = TransactionRejectedException.From(new RpcException("author_submitExtrinsic", endpoint, 1010, "Invalid transaction (Stale): nonce 0 was already used", "Stale"), hash)!;
        Assert.Equal((PoolError.Invalid, InvalidTransaction.Stale, hash), (stale.Error, stale.Reason, stale.TransactionHash));
        Assert.Contains("nonce 0 was already used", stale.Message, StringComparison.Ordinal);
        Assert.IsType<RpcException>(stale.InnerException);

        var malformed = TransactionRejectedException.From(new RpcException("m", endpoint, 1010, "bad bytes", "Malformed"), hash)!;
        Assert.Equal((PoolError.Malformed, InvalidTransaction.Malformed), (malformed.Error, malformed.Reason));

        var full = TransactionRejectedException.From(new RpcException("m", endpoint, 1012, "full", "PoolFull"), hash)!;
        Assert.Equal((PoolError.PoolFull, (InvalidTransaction?)null), (full.Error, full.Reason));
        Assert.Equal(PoolError.Unknown, TransactionRejectedException.From(new RpcException("m", endpoint, 1012, "?", "SomethingNew"), hash)!.Error);
        Assert.Null(TransactionRejectedException.From(new RpcException("m", endpoint, -32602, "bad params"), hash));
    }
}
