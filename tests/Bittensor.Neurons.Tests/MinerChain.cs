using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary>What the miner tests share on a dev chain: a registered, staked caller and token batches.</summary>
internal static class MinerChain
{
    private const ulong Tao = 1_000_000_000;

    /// <summary>A new hotkey registered on <paramref name="netuid"/> by burn and staked 3 TAO, both paid by //Bob.</summary>
    public static async Task<Keypair> RegisterStakedValidatorAsync(ChainClient client, ushort netuid)
    {
        var validator = Keypair.Generate();
        foreach (var call in new RuntimeCall[] { new SubtensorCall.BurnedRegister(netuid, validator.PublicKey), new SubtensorCall.AddStake(validator.PublicKey, 3 * Tao) })
        {
            var result = await client.SignAndSubmitAsync(DevAccounts.Bob, call);
            Assert.True(result.Success, $"{call} failed: {result.Error}");
        }

        return validator;
    }

    /// <summary>Equal-length token rows as a [rows, length] int64 tensor.</summary>
    public static SynapseTensor Tokens(long[][] rows) => SynapseTensor.FromInt64([.. rows.SelectMany(r => r)], rows.Length, rows[0].Length);
}
