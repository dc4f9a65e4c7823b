using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Runtime.Subtensor;

/// <summary>The root epoch (chain spec §7.4): the root validators' weights split the block emission between networks.</summary>
public sealed partial class SubtensorModule
{
    /// <summary>True when the root epoch runs in block <paramref name="block"/> (every Tempo[0] + 1 blocks).</summary>
    public bool IsRootEpochDue(ulong block) => EpochSchedule.BlocksUntilNextEpoch(RootNetuid, S.Tempo.Get(RootNetuid), block) == 0;

    /// <summary>
    /// Recomputes <c>EmissionValues</c> of every existing network (chain spec §7.4); the caller decides when it is
    /// due (<see cref="IsRootEpochDue"/>). Returns false, leaving the previous values in force, when there are no root
    /// validators, no networks, no stake on root, or when the exponential overflows (the reference halts there).
    /// Writes <c>BlockEmission</c> when it changed, before the stake checks, as the reference does.
    /// </summary>
    public bool RunRootEpoch()
    {
        var n = S.SubnetworkN.Get(RootNetuid);
        if (n == 0)
        {
            return false;
        }

        var netuids = ExistingNetuids();
        var k = netuids.Count;
        if (k == 0)
        {
            return false;
        }

        var blockEmissionRao = EmissionSchedule.BlockEmissionForIssuance(S.TotalIssuance.Get());
        if (blockEmissionRao != S.BlockEmission.Get())
        {
            S.BlockEmission.Set(blockEmissionRao);
        }

        var blockEmission = I64F64.FromUInt(blockEmissionRao);
        var column = new Dictionary<ushort, int>(k);
        for (var m = 0; m < k; m++)
        {
            column[netuids[m]] = m;
        }

        // Stake of each root uid, normalised.
        var stake = new I64F64[n];
        for (ushort uid = 0; uid < n; uid++)
        {
            stake[uid] = S.Keys.TryGet(RootNetuid, uid, out var hotkey) ? I64F64.FromUInt(S.TotalHotkeyStake.Get(hotkey)) : I64F64.Zero;
        }

        Normalize(stake);

        // Raw (max-upscaled) weights by column; entries for netuids that no longer exist are ignored.
        var weights = new I64F64[n, k];
        for (ushort uid = 0; uid < n; uid++)
        {
            foreach (var (target, value) in S.Weights.Get(RootNetuid, uid))
            {
                if (column.TryGetValue(target, out var m))
                {
                    weights[uid, m] = I64F64.FromUInt(value);
                }
            }
        }

        var rank = new I64F64[k];
        var trust = new I64F64[k];
        var total = I64F64.Zero;
        for (var i = 0; i < n; i++)
        {
            total += stake[i];
            for (var m = 0; m < k; m++)
            {
                rank[m] += stake[i] * weights[i, m];
                if (weights[i, m] > I64F64.Zero)
                {
                    trust[m] += stake[i];
                }
            }
        }

        if (total == I64F64.Zero)
        {
            return false;
        }

        for (var m = 0; m < k; m++)
        {
            trust[m] /= total;
        }

        var kappa = I64F64.From(I32F32.FromU16Proportion(S.Kappa.Get(RootNetuid)));
        var rho = I64F64.FromUInt(S.Rho.Get(RootNetuid));
        var one = I64F64.One;
        var emission = new I64F64[k];
        for (var m = 0; m < k; m++)
        {
            var temperatured = (trust[m] - kappa) * rho;
            if (!FixedTranscendental.TryExp(-temperatured, out var exponentiated))
            {
                return false;
            }

            var consensus = one / (one + exponentiated);
            emission[m] = consensus * rank[m];
        }

        Normalize(emission);
        for (var m = 0; m < k; m++)
        {
            S.EmissionValues.Set(netuids[m], (emission[m] * blockEmission).ToU64());
        }

        return true;
    }

    /// <summary><c>inplace_normalize_64</c>: divide by the sum, unless it is zero.</summary>
    private static void Normalize(I64F64[] values)
    {
        var sum = I64F64.Zero;
        foreach (var v in values)
        {
            sum += v;
        }

        if (sum == I64F64.Zero)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] /= sum;
        }
    }
}
