using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Calls;

/// <summary>The calls of the subtensor module (chain spec §3), with the reference's call indices.</summary>
public abstract record SubtensorCall : RuntimeCall
{
    public override byte ModuleIndex => Calls.ModuleIndex.Subtensor;

    public sealed record SetWeights(ushort Netuid, IReadOnlyList<ushort> Dests, IReadOnlyList<ushort> Weights, ulong VersionKey) : SubtensorCall
    {
        public override byte CallIndex => 0;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            WriteU16s(writer, Dests);
            WriteU16s(writer, Weights);
            writer.WriteU64(VersionKey);
        }
    }

    public sealed record BecomeDelegate(AccountId Hotkey) : SubtensorCall
    {
        public override byte CallIndex => 1;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
        }
    }

    public sealed record AddStake(AccountId Hotkey, ulong AmountStaked) : SubtensorCall
    {
        public override byte CallIndex => 2;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
            writer.WriteU64(AmountStaked);
        }
    }

    public sealed record RemoveStake(AccountId Hotkey, ulong AmountUnstaked) : SubtensorCall
    {
        public override byte CallIndex => 3;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
            writer.WriteU64(AmountUnstaked);
        }
    }

    public sealed record ServeAxon(ushort Netuid, uint Version, UInt128 Ip, ushort Port, byte IpType, byte Protocol, byte Placeholder1, byte Placeholder2) : SubtensorCall
    {
        public override byte CallIndex => 4;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU32(Version);
            writer.WriteU128(Ip);
            writer.WriteU16(Port);
            writer.WriteU8(IpType);
            writer.WriteU8(Protocol);
            writer.WriteU8(Placeholder1);
            writer.WriteU8(Placeholder2);
        }
    }

    public sealed record ServePrometheus(ushort Netuid, uint Version, UInt128 Ip, ushort Port, byte IpType) : SubtensorCall
    {
        public override byte CallIndex => 5;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU32(Version);
            writer.WriteU128(Ip);
            writer.WriteU16(Port);
            writer.WriteU8(IpType);
        }
    }

    public sealed record Register(ushort Netuid, ulong BlockNumber, ulong Nonce, byte[] Work, AccountId Hotkey, AccountId Coldkey) : SubtensorCall
    {
        public override byte CallIndex => 6;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(BlockNumber);
            writer.WriteU64(Nonce);
            writer.WriteBytes(Work);
            Hotkey.Write(writer);
            Coldkey.Write(writer);
        }
    }

    public sealed record BurnedRegister(ushort Netuid, AccountId Hotkey) : SubtensorCall
    {
        public override byte CallIndex => 7;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            Hotkey.Write(writer);
        }
    }

    public sealed record Sudo(RuntimeCall Call) : SubtensorCall
    {
        public override byte CallIndex => 51;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Call.Encode(writer);
        }
    }

    /// <summary>As <see cref="Sudo"/>; the declared weight is ignored (the runtime does not meter weights).</summary>
    public sealed record SudoUncheckedWeight(RuntimeCall Call, ulong Weight) : SubtensorCall
    {
        public override byte CallIndex => 52;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Call.Encode(writer);
            writer.WriteU64(Weight);
        }
    }

    public sealed record Vote(AccountId Hotkey, Hash32 Proposal, uint Index, bool Approve) : SubtensorCall
    {
        public override byte CallIndex => 55;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
            Proposal.Write(writer);
            writer.WriteCompact((ulong)Index);
            writer.WriteBool(Approve);
        }
    }

    public sealed record RegisterNetwork() : SubtensorCall
    {
        public override byte CallIndex => 59;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
        }
    }

    public sealed record Faucet(ulong BlockNumber, ulong Nonce, byte[] Work) : SubtensorCall
    {
        public override byte CallIndex => 60;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(BlockNumber);
            writer.WriteU64(Nonce);
            writer.WriteBytes(Work);
        }
    }

    public sealed record DissolveNetwork(ushort Netuid) : SubtensorCall
    {
        public override byte CallIndex => 61;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
        }
    }

    public sealed record RootRegister(AccountId Hotkey) : SubtensorCall
    {
        public override byte CallIndex => 62;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
        }
    }

    public sealed record DecreaseTake(AccountId Hotkey, ushort Take) : SubtensorCall
    {
        public override byte CallIndex => 65;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
            writer.WriteU16(Take);
        }
    }

    public sealed record IncreaseTake(AccountId Hotkey, ushort Take) : SubtensorCall
    {
        public override byte CallIndex => 66;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
            writer.WriteU16(Take);
        }
    }

    public sealed record SwapHotkey(AccountId Hotkey, AccountId NewHotkey) : SubtensorCall
    {
        public override byte CallIndex => 70;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
            NewHotkey.Write(writer);
        }
    }

    /// <summary>Reads the arguments of call <paramref name="callIndex"/>; <paramref name="decodeInner"/> reads nested calls.</summary>
    public static SubtensorCall Decode(byte callIndex, ref ScaleReader r, CallDecoder decodeInner)
    {
        ArgumentNullException.ThrowIfNull(decodeInner);
        return callIndex switch
        {
            0 => new SetWeights(r.ReadU16("netuid"), ReadU16s(ref r, "dests"), ReadU16s(ref r, "weights"), r.ReadU64("versionKey")),
            1 => new BecomeDelegate(AccountId.Read(ref r)),
            2 => new AddStake(AccountId.Read(ref r), r.ReadU64("amountStaked")),
            3 => new RemoveStake(AccountId.Read(ref r), r.ReadU64("amountUnstaked")),
            4 => new ServeAxon(r.ReadU16("netuid"), r.ReadU32("version"), r.ReadU128("ip"), r.ReadU16("port"), r.ReadU8("ipType"), r.ReadU8("protocol"), r.ReadU8("placeholder1"), r.ReadU8("placeholder2")),
            5 => new ServePrometheus(r.ReadU16("netuid"), r.ReadU32("version"), r.ReadU128("ip"), r.ReadU16("port"), r.ReadU8("ipType")),
            6 => new Register(r.ReadU16("netuid"), r.ReadU64("blockNumber"), r.ReadU64("nonce"), r.ReadBytes(1024, "work"), AccountId.Read(ref r), AccountId.Read(ref r)),
            7 => new BurnedRegister(r.ReadU16("netuid"), AccountId.Read(ref r)),
            51 => new Sudo(decodeInner(ref r)),
            52 => new SudoUncheckedWeight(decodeInner(ref r), r.ReadU64("weight")),
            55 => new Vote(AccountId.Read(ref r), Hash32.Read(ref r), CompactU32(ref r, "index"), r.ReadBool("approve")),
            59 => new RegisterNetwork(),
            60 => new Faucet(r.ReadU64("blockNumber"), r.ReadU64("nonce"), r.ReadBytes(1024, "work")),
            61 => new DissolveNetwork(r.ReadU16("netuid")),
            62 => new RootRegister(AccountId.Read(ref r)),
            65 => new DecreaseTake(AccountId.Read(ref r), r.ReadU16("take")),
            66 => new IncreaseTake(AccountId.Read(ref r), r.ReadU16("take")),
            70 => new SwapHotkey(AccountId.Read(ref r), AccountId.Read(ref r)),
            _ => throw new ScaleFormatException($"Subtensor: unknown call index {callIndex}."),
        };
    }

    private static uint CompactU32(ref ScaleReader r, string what)
    {
        var v = r.ReadCompact(what);
        return v <= uint.MaxValue ? (uint)v : throw new ScaleFormatException($"{what}: {v} does not fit in 32 bits.");
    }

    private static void WriteU16s(ScaleWriter writer, IReadOnlyList<ushort> values)
    {
        writer.WriteCompact((ulong)values.Count);
        foreach (var v in values)
        {
            writer.WriteU16(v);
        }
    }

    private static ushort[] ReadU16s(ref ScaleReader r, string what)
    {
        var n = r.ReadLength(2, what);
        var values = new ushort[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = r.ReadU16(what);
        }

        return values;
    }
}
