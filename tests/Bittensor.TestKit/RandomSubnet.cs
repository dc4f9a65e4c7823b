using Bittensor.Runtime.Epoch;

namespace Bittensor.TestKit;

/// <summary>
/// Seeded random epoch inputs that stress the edges: zero and tiny stakes, inactive and outdated neurons, rows stored
/// out of order, explicit zero weights, stale bonds on rows without permits, extreme kappa and EMA settings.
/// </summary>
public static class RandomSubnet
{
    public static EpochInput Generate(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(1, 48);
        var block = (ulong)random.Next(1, 20_000);
        var parameters = new EpochParameters(
            Kappa: Pick(random, (ushort)0, (ushort)32767, (ushort)65535, (ushort)random.Next(65536)),
            BondsMovingAverage: Pick(random, 0UL, 900_000UL, 1_000_000UL, (ulong)random.Next(1_000_001)),
            ActivityCutoff: (ushort)random.Next(0, 6000),
            MaxAllowedValidators: (ushort)random.Next(0, n + 3));
        var stake = new ulong[n];
        var lastUpdate = new ulong[n];
        var registration = new ulong[n];
        var permit = new bool[n];
        var weights = new List<(ushort, ushort)>[n];
        var bonds = new List<(ushort, ushort)>[n];
        for (var i = 0; i < n; i++)
        {
            stake[i] = random.Next(5) switch
            {
                0 => 0,
                1 => (ulong)random.Next(1, 10),
                2 => (ulong)random.NextInt64(1, 1_000_000_000_000_000),
                _ => (ulong)random.NextInt64(1, 100_000_000_000),
            };
            registration[i] = (ulong)random.NextInt64(0, (long)block + 1);
            lastUpdate[i] = (ulong)random.NextInt64(0, (long)block + 1);
            permit[i] = random.Next(3) != 0;
            weights[i] = RandomRow(random, n, denseChance: 60);
            bonds[i] = RandomRow(random, n, denseChance: 40);
        }

        return new EpochInput(
            block,
            (ulong)random.NextInt64(0, 10_000_000_000_000),
            parameters,
            stake,
            lastUpdate,
            registration,
            permit,
            SparseU16Matrix.FromRows(weights),
            SparseU16Matrix.FromRows(bonds));
    }

    private static List<(ushort, ushort)> RandomRow(Random random, int n, int denseChance)
    {
        var row = new List<(ushort, ushort)>();
        if (random.Next(4) == 0)
        {
            return row;
        }

        for (var j = 0; j < n; j++)
        {
            if (random.Next(100) < denseChance)
            {
                var value = random.Next(10) == 0 ? 0 : random.Next(1, 65536);
                row.Add(((ushort)j, (ushort)value));
            }
        }

        if (random.Next(2) == 0)
        {
            // Stored order need not be ascending.
            for (var k = row.Count - 1; k > 0; k--)
            {
                var swap = random.Next(k + 1);
                (row[k], row[swap]) = (row[swap], row[k]);
            }
        }

        return row;
    }

    private static T Pick<T>(Random random, params T[] options) => options[random.Next(options.Length)];
}
