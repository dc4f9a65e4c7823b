using System.Text.Json.Nodes;
using Bittensor.Runtime;
using Bittensor.Runtime.Subtensor.Info;

namespace Bittensor.Node.Rpc.Modules;

/// <summary>
/// The runtime queries of chain spec §8 under the reference's method names, answered from the best block's state
/// as SCALE bytes in 0x-hex (empty bytes, "0x", when the object does not exist), plus the compact metagraph and
/// stake info. The state function gives a read-only runtime over the best block's state.
/// </summary>
public static class SubtensorRpcModule
{
    public static void Register(RpcMethods methods, Func<ChainRuntime> bestState)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(bestState);
        SubtensorInfo Info() => new(bestState().Subtensor);
        static ValueTask<JsonNode?> Bytes(byte[] bytes) => ValueTask.FromResult<JsonNode?>(JsonValue.Create(RpcAccounts.Hex(bytes)));

        methods.Add("delegateInfo_getDelegates", (_, _) => Bytes(Info().GetDelegatesBytes()));
        methods.Add("delegateInfo_getDelegate", (p, _) => Bytes(Info().GetDelegateBytes(RpcAccounts.Required(p, 0, "delegate").Bytes)));
        methods.Add("delegateInfo_getDelegated", (p, _) => Bytes(Info().GetDelegatedBytes(RpcAccounts.Required(p, 0, "delegatee").Bytes)));
        methods.Add("neuronInfo_getNeurons", (p, _) => Bytes(Info().GetNeuronsBytes(Netuid(p))));
        methods.Add("neuronInfo_getNeuronsLite", (p, _) => Bytes(Info().GetNeuronsLiteBytes(Netuid(p))));
        methods.Add("neuronInfo_getNeuron", (p, _) => Bytes(Info().GetNeuronBytes(Netuid(p), Uid(p))));
        methods.Add("neuronInfo_getNeuronLite", (p, _) => Bytes(Info().GetNeuronLiteBytes(Netuid(p), Uid(p))));
        methods.Add("subnetInfo_getSubnetInfo", (p, _) => Bytes(Info().GetSubnetInfoBytes(Netuid(p))));
        methods.Add("subnetInfo_getSubnetsInfo", (_, _) => Bytes(Info().GetSubnetsInfoBytes()));
        methods.Add("subnetInfo_getSubnetHyperparams", (p, _) => Bytes(Info().GetSubnetHyperparamsBytes(Netuid(p))));
        methods.Add("subnetInfo_getLockCost", (_, _) => ValueTask.FromResult<JsonNode?>(JsonValue.Create(Info().NetworkLockCost())));
        methods.Add("subnetInfo_getMetagraph", (p, _) => Bytes(Info().GetMetagraphBytes(Netuid(p), p.OptionalBool(1, "withWeightsAndBonds", false))));
        methods.Add("stakeInfo_getStakeInfoForColdkey", (p, _) => Bytes(Info().GetStakeInfoForColdkeyBytes(RpcAccounts.Required(p, 0, "coldkey").Bytes)));
        methods.Add("balances_getFree", (p, _) =>
            ValueTask.FromResult<JsonNode?>(JsonValue.Create(bestState().Balances.Free(RpcAccounts.Required(p, 0, "account")))));
        methods.Add("subtensor_getTotalIssuance", (_, _) =>
            ValueTask.FromResult<JsonNode?>(JsonValue.Create(bestState().Subtensor.S.TotalIssuance.Get())));
    }

    private static ushort Netuid(RpcParams p) =>
        p.RequiredUInt64(0, "netuid") is var v && v <= ushort.MaxValue ? (ushort)v : throw p.Invalid("netuid", "must fit in 16 bits");

    private static ushort Uid(RpcParams p) =>
        p.RequiredUInt64(1, "uid") is var v && v <= ushort.MaxValue ? (ushort)v : throw p.Invalid("uid", "must fit in 16 bits");
}
