using System.Text.Json.Nodes;
using Bittensor.Node.Chain;
using Bittensor.Runtime;
using Bittensor.Runtime.Subtensor.Info;

namespace Bittensor.Node.Rpc.Modules;

/// <summary>
/// The runtime queries of chain spec §8 under the reference's method names, answered from the best block's state
/// as SCALE bytes in 0x-hex (empty bytes, "0x", when the object does not exist), plus the compact metagraph and
/// stake info. Each answer is read from one consistent state (the best block's when the call starts).
/// </summary>
public static class SubtensorRpcModule
{
    public static void Register(RpcMethods methods, IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(state);
        ValueTask<JsonNode?> Bytes(Func<SubtensorInfo, byte[]> query) =>
            ValueTask.FromResult<JsonNode?>(JsonValue.Create(RpcAccounts.Hex(state.Read(r => query(new SubtensorInfo(r.Subtensor))))));
        ValueTask<JsonNode?> Value<T>(Func<ChainRuntime, T> query) => ValueTask.FromResult<JsonNode?>(JsonValue.Create(state.Read(query)));

        methods.Add("delegateInfo_getDelegates", (_, _) => Bytes(i => i.GetDelegatesBytes()));
        methods.Add("delegateInfo_getDelegate", (p, _) => Bytes(i => i.GetDelegateBytes(RpcAccounts.Required(p, 0, "delegate").Bytes)));
        methods.Add("delegateInfo_getDelegated", (p, _) => Bytes(i => i.GetDelegatedBytes(RpcAccounts.Required(p, 0, "delegatee").Bytes)));
        methods.Add("neuronInfo_getNeurons", (p, _) => Bytes(i => i.GetNeuronsBytes(Netuid(p))));
        methods.Add("neuronInfo_getNeuronsLite", (p, _) => Bytes(i => i.GetNeuronsLiteBytes(Netuid(p))));
        methods.Add("neuronInfo_getNeuron", (p, _) => Bytes(i => i.GetNeuronBytes(Netuid(p), Uid(p))));
        methods.Add("neuronInfo_getNeuronLite", (p, _) => Bytes(i => i.GetNeuronLiteBytes(Netuid(p), Uid(p))));
        methods.Add("subnetInfo_getSubnetInfo", (p, _) => Bytes(i => i.GetSubnetInfoBytes(Netuid(p))));
        methods.Add("subnetInfo_getSubnetsInfo", (_, _) => Bytes(i => i.GetSubnetsInfoBytes()));
        methods.Add("subnetInfo_getSubnetHyperparams", (p, _) => Bytes(i => i.GetSubnetHyperparamsBytes(Netuid(p))));
        methods.Add("subnetInfo_getLockCost", (_, _) => Value(r => new SubtensorInfo(r.Subtensor).NetworkLockCost()));
        methods.Add("subnetInfo_getMetagraph", (p, _) => Bytes(i => i.GetMetagraphBytes(Netuid(p), p.OptionalBool(1, "withWeightsAndBonds", false))));
        methods.Add("stakeInfo_getStakeInfoForColdkey", (p, _) => Bytes(i => i.GetStakeInfoForColdkeyBytes(RpcAccounts.Required(p, 0, "coldkey").Bytes)));
        methods.Add("balances_getFree", (p, _) =>
        {
            var account = RpcAccounts.Required(p, 0, "account");
            return Value(r => r.Balances.Free(account));
        });
        methods.Add("subtensor_getTotalIssuance", (_, _) => Value(r => r.Subtensor.S.TotalIssuance.Get()));
    }

    private static ushort Netuid(RpcParams p) =>
        p.RequiredUInt64(0, "netuid") is var v && v <= ushort.MaxValue ? (ushort)v : throw p.Invalid("netuid", "must fit in 16 bits");

    private static ushort Uid(RpcParams p) =>
        p.RequiredUInt64(1, "uid") is var v && v <= ushort.MaxValue ? (ushort)v : throw p.Invalid("uid", "must fit in 16 bits");
}
