using System.Net;
using Bittensor.Models.NGram;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary>
/// A minimal miner for the validator's tests: a real axon on 127.0.0.2 that answers TextCausalLMNext from a language
/// model, blacklisting by the metagraph, served on chain.
/// </summary>
internal sealed class ValidatorTestMiner : IAsyncDisposable
{
    private ValidatorTestMiner(Keypair hotkey, AxonServer axon)
    {
        Hotkey = hotkey;
        Axon = axon;
    }

    public Keypair Hotkey { get; }

    public AxonServer Axon { get; }

    public static async Task<ValidatorTestMiner> StartAsync(ChainClient client, Keypair hotkey, Metagraph metagraph, KneserNeyModel model)
    {
        var address = IPAddress.Parse("127.0.0.2");
        var axon = new AxonServer(hotkey, metagraph, new AxonOptions { BindAddress = address, Port = 0 });
        axon.Attach<TextCausalLMNext>((synapse, _) =>
        {
            var tokens = synapse.TokenIds!.ToInt64();
            var batch = (int)synapse.TokenIds.Shape[0];
            var length = (int)synapse.TokenIds.Shape[1];
            var k = synapse.Topk;
            var ids = new long[batch * k];
            var probabilities = new float[batch * k];
            var floors = new float[batch];
            for (var b = 0; b < batch; b++)
            {
                var context = tokens.AsSpan(b * length, length).ToArray().Select(t => (int)t).ToArray();
                var next = model.NextTokenTopK(context, k);
                for (var j = 0; j < k; j++)
                {
                    ids[(b * k) + j] = next.TokenIds[j];
                    probabilities[(b * k) + j] = next.Probabilities[j];
                }

                floors[b] = next.Remainder / (model.VocabularySize - k);
            }

            synapse.TopkTokenIds = SynapseTensor.FromInt64(ids, batch, k);
            synapse.TopkProbabilities = SynapseTensor.FromFloat32(probabilities, batch, k);
            synapse.FloorProbabilities = SynapseTensor.FromFloat32(floors, batch);
            return ValueTask.FromResult(synapse);
        });
        var served = await client.ServeAxonAsync(axon, hotkey, metagraph.Netuid, address);
        Assert.True(served.Success, $"serve_axon failed: {served.Error}");
        return new ValidatorTestMiner(hotkey, axon);
    }

    public ValueTask DisposeAsync() => Axon.DisposeAsync();
}
