namespace Bittensor.Runtime.Epoch.Simulation;

/// <summary>
/// Builds a deterministic, realistic subnet for simulations and speed races, shaped like the reference's timing
/// inputs: up to 64 permitted validators with large stakes weighting about 97 % of all uids, other uids with small or
/// zero stake, a few miners weighting only themselves, and bonds and permits left by two previous epochs.
/// </summary>
public static class SyntheticSubnet
{
    private const ulong Block = 10_000;
    private const ulong RaoEmission = 1_000_000_000;

    public static EpochInput Generate(int n, ulong seed = 1, int validators = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, ushort.MaxValue + 1);
        var random = new SplitMix64(seed);
        validators = Math.Min(validators, n);
        var parameters = EpochParameters.Default with { MaxAllowedValidators = (ushort)Math.Min(validators, ushort.MaxValue) };

        var isValidator = new bool[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        for (var i = n - 1; i > 0; i--)
        {
            var k = (int)random.Next((ulong)i + 1);
            (order[i], order[k]) = (order[k], order[i]);
        }

        for (var v = 0; v < validators; v++)
        {
            isValidator[order[v]] = true;
        }

        var stake = new ulong[n];
        var lastUpdate = new ulong[n];
        var registration = new ulong[n];
        var weights = new List<(ushort, ushort)>[n];
        for (var i = 0; i < n; i++)
        {
            weights[i] = [];
            registration[i] = random.Next(Block - 1_000);
            if (isValidator[i])
            {
                stake[i] = 100_000_000_000_000 + random.Next(900_000_000_000_000);
                lastUpdate[i] = Block - random.Next(100);
                for (var j = 0; j < n; j++)
                {
                    if (j != i && random.Next(100) < 97)
                    {
                        weights[i].Add(((ushort)j, (ushort)(1 + random.Next(65_535))));
                    }
                }

                MaxUpscale(weights[i]);
            }
            else
            {
                stake[i] = random.Next(2) == 0 ? 0 : 1_000_000_000 + random.Next(100_000_000_000);
                lastUpdate[i] = registration[i] + random.Next(500);
                if (random.Next(100) == 0)
                {
                    weights[i].Add(((ushort)i, ushort.MaxValue));
                }
            }
        }

        var weightMatrix = SparseU16Matrix.FromRows(weights);
        var permits = new bool[n];
        var bonds = SparseU16Matrix.Empty(n);
        var epoch = new YumaEpoch();
        for (var previous = 0; previous < 2; previous++)
        {
            var input = new EpochInput(Block, RaoEmission, parameters, stake, lastUpdate, registration, permits, weightMatrix, bonds);
            var output = new EpochOutput(n);
            epoch.Run(input, output);
            permits = (bool[])output.ValidatorPermit.Clone();
            var rowStart = (int[])output.BondRowStart.Clone();
            var entries = rowStart[n];
            bonds = new SparseU16Matrix(n, rowStart, output.BondColumns[..entries], output.BondValues[..entries]);
        }

        return new EpochInput(Block, RaoEmission, parameters, stake, lastUpdate, registration, permits, weightMatrix, bonds);
    }

    /// <summary>Scales a weight row so its largest value is 65535, as <c>set_weights</c> stores it.</summary>
    private static void MaxUpscale(List<(ushort Column, ushort Value)> row)
    {
        ulong max = 0;
        foreach (var (_, value) in row)
        {
            max = Math.Max(max, value);
        }

        if (max == 0)
        {
            return;
        }

        for (var k = 0; k < row.Count; k++)
        {
            row[k] = (row[k].Column, (ushort)(row[k].Value * 65_535UL / max));
        }
    }

    /// <summary>A small deterministic generator (SplitMix64), so the same seed gives the same subnet everywhere.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, bound) (modulo bias is negligible for these bounds).</summary>
        public ulong Next(ulong bound) => Next() % bound;
    }
}
