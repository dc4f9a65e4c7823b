using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Calls;

/// <summary>Balance transfers.</summary>
public abstract record BalancesCall : RuntimeCall
{
    public override byte ModuleIndex => Calls.ModuleIndex.Balances;

    public sealed record TransferAllowDeath(AccountId Dest, ulong Value) : BalancesCall
    {
        public override byte CallIndex => 0;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Dest.Write(writer);
            writer.WriteCompact(Value);
        }
    }

    public sealed record TransferKeepAlive(AccountId Dest, ulong Value) : BalancesCall
    {
        public override byte CallIndex => 3;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Dest.Write(writer);
            writer.WriteCompact(Value);
        }
    }

    public sealed record TransferAll(AccountId Dest, bool KeepAlive) : BalancesCall
    {
        public override byte CallIndex => 4;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Dest.Write(writer);
            writer.WriteBool(KeepAlive);
        }
    }

    /// <summary>Reads the arguments of call <paramref name="callIndex"/>; <paramref name="decodeInner"/> reads nested calls.</summary>
    public static BalancesCall Decode(byte callIndex, ref ScaleReader r, CallDecoder decodeInner)
    {
        ArgumentNullException.ThrowIfNull(decodeInner);
        return callIndex switch
        {
            0 => new TransferAllowDeath(AccountId.Read(ref r), r.ReadCompact("value")),
            3 => new TransferKeepAlive(AccountId.Read(ref r), r.ReadCompact("value")),
            4 => new TransferAll(AccountId.Read(ref r), r.ReadBool("keepAlive")),
            _ => throw new ScaleFormatException($"Balances: unknown call index {callIndex}."),
        };
    }
}
