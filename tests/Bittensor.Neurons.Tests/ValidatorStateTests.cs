using Bittensor.Neurons.Validators;

namespace Bittensor.Neurons.Tests;

/// <summary>The validator's saved state: round trip, uids that changed hands, damaged files, the epoch log.</summary>
public sealed class ValidatorStateTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("neurons-state-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void SaveAndLoad_RoundTripAndReconcileDropsUidsWhoseHotkeyChanged()
    {
        var state = new ValidatorState { Netuid = 3, Hotkey = "5Validator", Seed = 9, Step = 17, Epoch = 2, Block = 140 };
        state.Miners[0] = new MinerStats { Hotkey = "5A", LossNxt = 2.5, ShapleyScore = 4, Updates = 7 };
        state.Miners[1] = new MinerStats { Hotkey = "5B", LossNxt = 3.5, ShapleyScore = 1, Updates = 6, LogitsExcessNxt = null };
        state.Miners[4] = new MinerStats { Hotkey = "5E", ShapleyScore = 0.5 };
        state.Weights[0] = 0.8;
        state.Weights[1] = 0.2;
        state.Save(_root);
        Assert.False(File.Exists(Path.Combine(_root, ValidatorState.FileName + ".tmp")));

        var loaded = ValidatorState.Load(_root)!;
        Assert.Equal(17, loaded.Step);
        Assert.Equal(2.5, loaded.Miners[0].LossNxt);
        Assert.Equal(7, loaded.Miners[0].Updates);
        Assert.Equal(0.8, loaded.Weights[0]);

        // uid 1 now belongs to another hotkey; uid 4 no longer exists.
        Assert.Equal([1, 4], loaded.Reconcile(["5A", "5Other", "5C"]));
        Assert.Equal([0], loaded.Miners.Keys);
        Assert.Equal([0], loaded.Weights.Keys);
    }

    [Fact]
    public void Load_ReturnsNullWithoutAStateAndNamesADamagedFile()
    {
        Assert.Null(ValidatorState.Load(_root));
        File.WriteAllText(Path.Combine(_root, ValidatorState.FileName), "{\"format\": 9}");
        var e = Assert.Throws<InvalidDataException>(() => ValidatorState.Load(_root));
        Assert.Contains(ValidatorState.FileName, e.Message, StringComparison.Ordinal);
        Assert.Contains("format 9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EpochLog_AppendsAndSkipsATornLastLine()
    {
        ValidatorState.AppendEpoch(_root, new EpochRecord(1, 10, 1, true, "in block 11", [new EpochMiner(2, "5M", 3.1, 0.4, 1, 5)]));
        ValidatorState.AppendEpoch(_root, new EpochRecord(1, 20, 2, false, "refused", []));
        File.AppendAllText(Path.Combine(_root, ValidatorState.EpochsFileName), "{\"netuid\": 1, \"blo");

        var records = ValidatorState.ReadEpochs(_root);
        Assert.Equal([1L, 2L], records.Select(r => r.Epoch));
        Assert.Equal(3.1, records[0].Miners[0].Loss);
        Assert.False(records[1].Set);
    }
}
