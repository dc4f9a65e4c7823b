using BenchmarkDotNet.Attributes;
using Bittensor.Runtime;
using Bittensor.Runtime.Epoch;
using Bittensor.Runtime.Simulation;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Subtensor.BlockStep;

namespace Bittensor.Benchmarks.Chain;

/// <summary>
/// One block step in which 32 subnets of 256 neurons (64 validators weighting every uid) all run their epoch:
/// reading stake, weights and bonds from storage, the epochs, writing every per-uid vector and bond row back, and
/// queueing the emission. Baseline: the 32 epochs alone on the same inputs already in memory, in the same run, so
/// the ratio is the cost of the storage round trip around the consensus arithmetic.
/// </summary>
[MemoryDiagnoser]
public class BlockStepBenchmarks
{
    private readonly YumaEpoch _epoch = new();
    private ChainRuntime _runtime = null!;
    private EpochInput[] _inputs = null!;
    private EpochOutput[] _outputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = new ChainRuntime(new InMemoryKeyValueStore());
        EpochHeavyChain.Populate(_runtime);
        _runtime.System.Number.Set(EpochHeavyChain.EpochBlock);
        _inputs = new EpochInput[32];
        _outputs = new EpochOutput[32];
        for (ushort netuid = 1; netuid <= 32; netuid++)
        {
            _inputs[netuid - 1] = SubnetEpochRunner.BuildInput(_runtime.Subtensor, netuid, 13_000_000).Input;
            _outputs[netuid - 1] = new EpochOutput(_inputs[netuid - 1].Count);
        }

        _runtime.System.Number.Set(EpochHeavyChain.EpochBlock - 1);
        _runtime.State.BeginTransaction();
        EpochHeavyChain.RunNextBlockStep(_runtime);
        if (_runtime.Subtensor.S.LoadedEmission.Get(32).Count != 256)
        {
            throw new InvalidOperationException("The benchmark block does not run every subnet's epoch.");
        }

        _runtime.State.Rollback();
        _runtime.State.ClearEvents();
    }

    [Benchmark(Baseline = true, Description = "32 epochs of 256 uids, inputs in memory")]
    public int EpochsOnly()
    {
        for (var i = 0; i < _inputs.Length; i++)
        {
            _epoch.Run(_inputs[i], _outputs[i]);
        }

        return _outputs.Length;
    }

    [Benchmark(Description = "block step: 32 subnets x 256 neurons run their epoch")]
    public int BlockStep()
    {
        EpochHeavyChain.RunEpochBlockAndRollBack(_runtime);
        _runtime.State.ClearEvents();
        return 32;
    }
}
