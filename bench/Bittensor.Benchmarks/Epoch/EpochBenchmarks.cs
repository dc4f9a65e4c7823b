using BenchmarkDotNet.Attributes;
using Bittensor.Runtime.Epoch;

namespace Bittensor.Benchmarks.Epoch;

/// <summary>
/// The epoch on the reference's timing inputs (64 permitted validators weighting ~97 % of uids, bonds from two previous
/// epochs). Baseline: the upstream-shaped transcription, run in the same process, so the ratio column compares the two
/// on the same machine and moment. Both results are checked against the vector before timing.
/// </summary>
[MemoryDiagnoser]
public class EpochBenchmarks
{
    private readonly YumaEpoch _epoch = new();
    private EpochInput _input = null!;
    private EpochOutput _output = null!;

    [Params(256, 1024, 4096)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_input, var expected) = BenchInputs.Load(N);
        _output = new EpochOutput(_input.Count);
        _epoch.Run(_input, _output);
        BenchInputs.Verify(_output, expected, "The sparse epoch");
        BenchInputs.Verify(UpstreamShapedEpoch.Compute(_input), expected, "The upstream-shaped epoch");
    }

    [Benchmark(Baseline = true, Description = "upstream-shaped sparse epoch")]
    public EpochOutput UpstreamShaped() => UpstreamShapedEpoch.Compute(_input);

    [Benchmark(Description = "YumaEpoch (reused buffers)")]
    public EpochOutput Sparse()
    {
        _epoch.Run(_input, _output);
        return _output;
    }

    [Benchmark(Description = "YumaEpoch.Compute (new output)")]
    public EpochOutput SparseNewOutput() => YumaEpoch.Compute(_input);
}
