using Bittensor.Primitives.FixedPoint;

namespace Bittensor.Runtime.Subtensor;

/// <summary>
/// The per-interval adjustment of PoW difficulty and burn cost (chain spec §4.7): above the registration target the
/// kind of registration in demand gets dearer, at or below it cheaper, smoothed by the adjustment alpha.
/// </summary>
public static class RegistrationAdjustment
{
    /// <summary>Which branch of §4.7 an adjustment took.</summary>
    public enum Case
    {
        /// <summary>The interval has not elapsed; nothing changed.</summary>
        None,

        /// <summary>Over target, mostly PoW: difficulty up.</summary>
        A,

        /// <summary>Over target, mostly burn: burn up.</summary>
        B,

        /// <summary>At or under target, mostly PoW: burn down.</summary>
        C,

        /// <summary>At or under target, mostly burn: difficulty down.</summary>
        D,

        /// <summary>At or under target, balanced (including none at all): both down.</summary>
        E,

        /// <summary>Over target, balanced: both up.</summary>
        F,
    }

    /// <summary>One subnet's registration terms and counters as the block step reads and writes them.</summary>
    public record struct Terms(
        ulong LastAdjustmentBlock,
        ulong Burn,
        ulong Difficulty,
        ushort RegistrationsThisInterval,
        ushort PowRegistrationsThisInterval,
        ushort BurnRegistrationsThisInterval);

    /// <summary>The limits and settings of one subnet's adjustment.</summary>
    public readonly record struct Settings(
        ushort AdjustmentInterval,
        ushort TargetRegistrationsPerInterval,
        ulong AdjustmentAlpha,
        ulong MinDifficulty,
        ulong MaxDifficulty,
        ulong MinBurn,
        ulong MaxBurn);

    /// <summary>Runs §4.7 for one subnet at <paramref name="block"/>; returns the new terms and the branch taken.</summary>
    public static (Terms Terms, Case Case) Adjust(ulong block, Terms terms, Settings settings)
    {
        if (unchecked(block - terms.LastAdjustmentBlock) < settings.AdjustmentInterval)
        {
            return (terms, Case.None);
        }

        var pow = terms.PowRegistrationsThisInterval;
        var burn = terms.BurnRegistrationsThisInterval;
        var overTarget = terms.RegistrationsThisInterval > settings.TargetRegistrationsPerInterval;
        var result = overTarget
            ? pow > burn ? Case.A : pow < burn ? Case.B : Case.F
            : pow > burn ? Case.C : pow < burn ? Case.D : Case.E;
        var raiseOrLowerDifficulty = result is Case.A or Case.D or Case.E or Case.F;
        var raiseOrLowerBurn = result is Case.B or Case.C or Case.E or Case.F;
        var regs = terms.RegistrationsThisInterval;
        var target = settings.TargetRegistrationsPerInterval;
        var next = new Terms(
            LastAdjustmentBlock: block,
            Burn: raiseOrLowerBurn ? Upgraded(terms.Burn, regs, target, settings.AdjustmentAlpha, settings.MinBurn, settings.MaxBurn) : terms.Burn,
            Difficulty: raiseOrLowerDifficulty ? Upgraded(terms.Difficulty, regs, target, settings.AdjustmentAlpha, settings.MinDifficulty, settings.MaxDifficulty) : terms.Difficulty,
            RegistrationsThisInterval: 0,
            PowRegistrationsThisInterval: 0,
            BurnRegistrationsThisInterval: 0);
        return (next, result);
    }

    /// <summary>
    /// <c>upgraded_difficulty</c> / <c>upgraded_burn</c>: α·v + (1 − α)·v·(regs + target)/(2·target) in I110F18, clamped to
    /// [min, max]. A zero target has no meaning (the reference divides by zero) and is rejected.
    /// </summary>
    public static ulong Upgraded(ulong current, ushort registrations, ushort target, ulong alpha, ulong min, ulong max)
    {
        if (target == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), "The registration target must be positive.");
        }

        var value = I110F18.FromUInt(current);
        var updated = value * I110F18.FromInt(registrations + target) / I110F18.FromInt(target + target);
        var a = I110F18.FromUInt(alpha) / I110F18.FromUInt(ulong.MaxValue);
        var next = (a * value) + ((I110F18.One - a) * updated);
        if (next >= I110F18.FromUInt(max))
        {
            return max;
        }

        if (next <= I110F18.FromUInt(min))
        {
            return min;
        }

        return next.ToU64();
    }
}
