using System.Text.Json;
using System.Text.Json.Nodes;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;
using Bittensor.Sdk.Subtensor;

namespace Bittensor.Sdk.Client;

/// <summary>The subtensor runtime queries (chain spec §8), answered from the node's best block.</summary>
public sealed partial class ChainClient
{
    /// <summary>Every neuron of subnet <paramref name="netuid"/> in uid order, with weights and bonds; empty when the subnet does not exist.</summary>
    public Task<IReadOnlyList<NeuronInfo>> GetNeuronsAsync(ushort netuid, CancellationToken cancellationToken = default) =>
        ScaleAsync<IReadOnlyList<NeuronInfo>>("neuronInfo_getNeurons", [netuid], b => InfoReader.Whole(b, "neurons", (ref ScaleReader r) => InfoReader.Vector(ref r, 64, "neurons", NeuronInfo.Read)), cancellationToken);

    /// <summary>Every neuron of subnet <paramref name="netuid"/> in uid order, without weights and bonds; empty when the subnet does not exist.</summary>
    public Task<IReadOnlyList<NeuronInfoLite>> GetNeuronsLiteAsync(ushort netuid, CancellationToken cancellationToken = default) =>
        ScaleAsync<IReadOnlyList<NeuronInfoLite>>("neuronInfo_getNeuronsLite", [netuid], b => InfoReader.Whole(b, "neurons", (ref ScaleReader r) => InfoReader.Vector(ref r, 64, "neurons", NeuronInfoLite.Read)), cancellationToken);

    /// <summary>The neuron with <paramref name="uid"/> on subnet <paramref name="netuid"/>, or null when there is none.</summary>
    public Task<NeuronInfo?> GetNeuronAsync(ushort netuid, ushort uid, CancellationToken cancellationToken = default) =>
        ScaleAsync("neuronInfo_getNeuron", [netuid, uid], b => InfoReader.Optional(b, "neuron", NeuronInfo.Read), cancellationToken);

    /// <summary>The neuron with <paramref name="uid"/> on subnet <paramref name="netuid"/> without weights and bonds, or null when there is none.</summary>
    public Task<NeuronInfoLite?> GetNeuronLiteAsync(ushort netuid, ushort uid, CancellationToken cancellationToken = default) =>
        ScaleAsync("neuronInfo_getNeuronLite", [netuid, uid], b => InfoReader.Optional(b, "neuron", NeuronInfoLite.Read), cancellationToken);

    /// <summary>Subnet <paramref name="netuid"/>, or null when it does not exist.</summary>
    public Task<SubnetInfo?> GetSubnetInfoAsync(ushort netuid, CancellationToken cancellationToken = default) =>
        ScaleAsync("subnetInfo_getSubnetInfo", [netuid], b => InfoReader.Optional(b, "subnet", SubnetInfo.Read), cancellationToken);

    /// <summary>Every existing subnet (the root network, netuid 0, included) in ascending netuid order.</summary>
    public Task<IReadOnlyList<SubnetInfo>> GetSubnetsInfoAsync(CancellationToken cancellationToken = default) =>
        ScaleAsync<IReadOnlyList<SubnetInfo>>(
            "subnetInfo_getSubnetsInfo",
            [],
            b => InfoReader.Whole(b, "subnets", (ref ScaleReader r) => InfoReader.Vector(ref r, 1, "subnets", (ref ScaleReader x) => x.ReadOptionTag("subnet") ? SubnetInfo.Read(ref x) : null))
                .OfType<SubnetInfo>().ToList(),
            cancellationToken);

    /// <summary>The hyperparameters of subnet <paramref name="netuid"/>, or null when it does not exist.</summary>
    public Task<SubnetHyperparams?> GetSubnetHyperparamsAsync(ushort netuid, CancellationToken cancellationToken = default) =>
        ScaleAsync("subnetInfo_getSubnetHyperparams", [netuid], b => InfoReader.Optional(b, "hyperparameters", SubnetHyperparams.Read), cancellationToken);

    /// <summary>The rao that creating a subnet now locks (<c>subnetInfo_getLockCost</c>).</summary>
    public Task<ulong> GetLockCostAsync(CancellationToken cancellationToken = default) =>
        CallAsync("subnetInfo_getLockCost", null, e => NodeJson.UInt64(e, "lock cost"), cancellationToken);

    /// <summary>
    /// The compact metagraph of subnet <paramref name="netuid"/> — every per-uid column in one answer, with the weight
    /// and bond rows when <paramref name="withWeightsAndBonds"/> — or null when the subnet does not exist.
    /// </summary>
    public Task<MetagraphInfo?> GetMetagraphAsync(ushort netuid, bool withWeightsAndBonds = false, CancellationToken cancellationToken = default) =>
        ScaleAsync("subnetInfo_getMetagraph", [netuid, withWeightsAndBonds], b => InfoReader.Optional(b, "metagraph", MetagraphInfo.Read), cancellationToken);

    /// <summary>Every delegate.</summary>
    public Task<IReadOnlyList<DelegateInfo>> GetDelegatesAsync(CancellationToken cancellationToken = default) =>
        ScaleAsync<IReadOnlyList<DelegateInfo>>("delegateInfo_getDelegates", [], b => InfoReader.Whole(b, "delegates", (ref ScaleReader r) => InfoReader.Vector(ref r, 32, "delegates", DelegateInfo.Read)), cancellationToken);

    /// <summary>The delegate with hotkey <paramref name="hotkey"/>, or null when the hotkey is not a delegate.</summary>
    public Task<DelegateInfo?> GetDelegateAsync(AccountId hotkey, CancellationToken cancellationToken = default) =>
        ScaleAsync("delegateInfo_getDelegate", [NodeJson.Hex(hotkey)], b => InfoReader.Optional(b, "delegate", DelegateInfo.Read), cancellationToken);

    /// <summary>Every delegate <paramref name="coldkey"/> has stake on, with that stake.</summary>
    public Task<IReadOnlyList<DelegatedStake>> GetDelegatedAsync(AccountId coldkey, CancellationToken cancellationToken = default) =>
        ScaleAsync<IReadOnlyList<DelegatedStake>>(
            "delegateInfo_getDelegated",
            [NodeJson.Hex(coldkey)],
            b => InfoReader.Whole(b, "delegated", (ref ScaleReader r) => InfoReader.Vector(ref r, 33, "delegated", (ref ScaleReader x) =>
            {
                var info = DelegateInfo.Read(ref x);
                return new DelegatedStake(info, x.ReadCompact("stake"));
            })),
            cancellationToken);

    /// <summary>Every stake <paramref name="coldkey"/> holds, one entry per hotkey.</summary>
    public Task<IReadOnlyList<StakeInfo>> GetStakeInfoForColdkeyAsync(AccountId coldkey, CancellationToken cancellationToken = default) =>
        ScaleAsync<IReadOnlyList<StakeInfo>>("stakeInfo_getStakeInfoForColdkey", [NodeJson.Hex(coldkey)], b => InfoReader.Whole(b, "stake info", (ref ScaleReader r) => InfoReader.Vector(ref r, 65, "stake info", StakeInfo.Read)), cancellationToken);

    /// <summary>The account's free balance in rao (<c>balances_getFree</c>). <see cref="GetAccountAsync"/> reads it with a proof.</summary>
    public Task<ulong> GetBalanceAsync(AccountId account, CancellationToken cancellationToken = default) =>
        CallAsync("balances_getFree", [NodeJson.Hex(account)], e => NodeJson.UInt64(e, "balance"), cancellationToken);

    /// <summary>The subtensor module's total issuance in rao (what the emission schedule reads).</summary>
    public Task<ulong> GetTotalIssuanceAsync(CancellationToken cancellationToken = default) =>
        CallAsync("subtensor_getTotalIssuance", null, e => NodeJson.UInt64(e, "total issuance"), cancellationToken);

    private Task<T> ScaleAsync<T>(string method, JsonNode?[] parameters, Func<byte[], T> decode, CancellationToken cancellationToken) =>
        CallAsync(method, parameters, (JsonElement e) => decode(NodeJson.Bytes(e, "SCALE answer")), cancellationToken);
}
