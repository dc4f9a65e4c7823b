using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Transactions;

/// <summary>
/// A transaction's lifetime. Immortal, or mortal: valid from block <see cref="Birth"/> (exclusive: a block after it
/// must include it) for <see cref="Period"/> blocks. The hash of the birth block is part of what is signed, so a
/// mortal transaction is tied to one chain history and cannot be replayed after it expires.
/// Encoding: <c>0x00</c> for immortal; <c>0x01 ‖ compact birth ‖ compact period</c> for mortal.
/// </summary>
public readonly record struct Era(ulong Birth, ulong Period)
{
    /// <summary>The shortest allowed period.</summary>
    public const ulong MinPeriod = 4;

    public static Era Immortal { get; } = new(0, 0);

    public bool IsImmortal => Period == 0;

    /// <summary>A mortal era starting at <paramref name="birth"/> (a block whose hash the signer knows).</summary>
    public static Era Mortal(ulong birth, ulong period) =>
        period < MinPeriod ? throw new ArgumentOutOfRangeException(nameof(period), $"A mortal era lasts at least {MinPeriod} blocks.") : new(birth, period);

    /// <summary>The first block at which the transaction is no longer valid.</summary>
    public ulong Death => IsImmortal ? ulong.MaxValue : Birth + Period;

    public void Write(ScaleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsImmortal)
        {
            writer.WriteU8(0);
            return;
        }

        writer.WriteU8(1);
        writer.WriteCompact(Birth);
        writer.WriteCompact(Period);
    }

    public static Era Read(ref ScaleReader reader)
    {
        var tag = reader.ReadU8("era");
        switch (tag)
        {
            case 0:
                return Immortal;
            case 1:
                {
                    var birth = reader.ReadCompact("era birth");
                    var period = reader.ReadCompact("era period");
                    if (period < MinPeriod || birth > ulong.MaxValue - period)
                    {
                        throw new ScaleFormatException($"era: period {period} must be at least {MinPeriod} and birth + period must fit in 64 bits.");
                    }

                    return new(birth, period);
                }

            default:
                throw new ScaleFormatException($"era: tag must be 0 (immortal) or 1 (mortal), got {tag}.");
        }
    }
}
