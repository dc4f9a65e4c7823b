using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Calls;

/// <summary>The administrative hyperparameter setters (chain spec §3.15, AdminUtils), with the reference's call indices.</summary>
public abstract record AdminCall : RuntimeCall
{
    public override byte ModuleIndex => Calls.ModuleIndex.AdminUtils;

    /// <summary>Replaces the block-authoring keys (root only).</summary>
    public sealed record SwapAuthorities(IReadOnlyList<AccountId> Authorities) : AdminCall
    {
        public override byte CallIndex => 0;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteCompact((ulong)Authorities.Count);
            foreach (var a in Authorities)
            {
                a.Write(writer);
            }
        }
    }

    public sealed record SudoSetDefaultTake(ushort Value) : AdminCall
    {
        public override byte CallIndex => 1;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetTxRateLimit(ulong Value) : AdminCall
    {
        public override byte CallIndex => 2;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetServingRateLimit(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 3;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetMinDifficulty(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 4;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetMaxDifficulty(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 5;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetWeightsVersionKey(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 6;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetWeightsSetRateLimit(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 7;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetAdjustmentInterval(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 8;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetAdjustmentAlpha(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 9;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetMaxWeightLimit(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 12;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetImmunityPeriod(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 13;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetMinAllowedWeights(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 14;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetMaxAllowedUids(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 15;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetKappa(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 16;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetRho(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 17;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetActivityCutoff(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 18;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetNetworkRegistrationAllowed(ushort Netuid, bool Value) : AdminCall
    {
        public override byte CallIndex => 19;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteBool(Value);
        }
    }

    public sealed record SudoSetNetworkPowRegistrationAllowed(ushort Netuid, bool Value) : AdminCall
    {
        public override byte CallIndex => 20;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteBool(Value);
        }
    }

    public sealed record SudoSetTargetRegistrationsPerInterval(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 21;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetMinBurn(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 22;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetMaxBurn(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 23;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetDifficulty(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 24;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetMaxAllowedValidators(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 25;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetBondsMovingAverage(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 26;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetMaxRegistrationsPerBlock(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 27;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetSubnetOwnerCut(ushort Value) : AdminCall
    {
        public override byte CallIndex => 28;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetNetworkRateLimit(ulong Value) : AdminCall
    {
        public override byte CallIndex => 29;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetTempo(ushort Netuid, ushort Value) : AdminCall
    {
        public override byte CallIndex => 30;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetTotalIssuance(ulong Value) : AdminCall
    {
        public override byte CallIndex => 33;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetNetworkImmunityPeriod(ulong Value) : AdminCall
    {
        public override byte CallIndex => 35;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetNetworkMinLockCost(ulong Value) : AdminCall
    {
        public override byte CallIndex => 36;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetSubnetLimit(ushort Value) : AdminCall
    {
        public override byte CallIndex => 37;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Value);
        }
    }

    public sealed record SudoSetLockReductionInterval(ulong Value) : AdminCall
    {
        public override byte CallIndex => 38;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetRaoRecycled(ushort Netuid, ulong Value) : AdminCall
    {
        public override byte CallIndex => 39;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetWeightsMinStake(ulong Value) : AdminCall
    {
        public override byte CallIndex => 42;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetNominatorMinRequiredStake(ulong Value) : AdminCall
    {
        public override byte CallIndex => 43;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetTxDelegateTakeRateLimit(ulong Value) : AdminCall
    {
        public override byte CallIndex => 45;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SudoSetMinDelegateTake(ushort Value) : AdminCall
    {
        public override byte CallIndex => 46;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Value);
        }
    }

    /// <summary>Reads the arguments of call <paramref name="callIndex"/>; <paramref name="decodeInner"/> reads nested calls.</summary>
    public static AdminCall Decode(byte callIndex, ref ScaleReader r, CallDecoder decodeInner)
    {
        ArgumentNullException.ThrowIfNull(decodeInner);
        return callIndex switch
        {
            0 => new SwapAuthorities(ReadAuthorities(ref r)),
            1 => new SudoSetDefaultTake(r.ReadU16("value")),
            2 => new SudoSetTxRateLimit(r.ReadU64("value")),
            3 => new SudoSetServingRateLimit(r.ReadU16("netuid"), r.ReadU64("value")),
            4 => new SudoSetMinDifficulty(r.ReadU16("netuid"), r.ReadU64("value")),
            5 => new SudoSetMaxDifficulty(r.ReadU16("netuid"), r.ReadU64("value")),
            6 => new SudoSetWeightsVersionKey(r.ReadU16("netuid"), r.ReadU64("value")),
            7 => new SudoSetWeightsSetRateLimit(r.ReadU16("netuid"), r.ReadU64("value")),
            8 => new SudoSetAdjustmentInterval(r.ReadU16("netuid"), r.ReadU16("value")),
            9 => new SudoSetAdjustmentAlpha(r.ReadU16("netuid"), r.ReadU64("value")),
            12 => new SudoSetMaxWeightLimit(r.ReadU16("netuid"), r.ReadU16("value")),
            13 => new SudoSetImmunityPeriod(r.ReadU16("netuid"), r.ReadU16("value")),
            14 => new SudoSetMinAllowedWeights(r.ReadU16("netuid"), r.ReadU16("value")),
            15 => new SudoSetMaxAllowedUids(r.ReadU16("netuid"), r.ReadU16("value")),
            16 => new SudoSetKappa(r.ReadU16("netuid"), r.ReadU16("value")),
            17 => new SudoSetRho(r.ReadU16("netuid"), r.ReadU16("value")),
            18 => new SudoSetActivityCutoff(r.ReadU16("netuid"), r.ReadU16("value")),
            19 => new SudoSetNetworkRegistrationAllowed(r.ReadU16("netuid"), r.ReadBool("value")),
            20 => new SudoSetNetworkPowRegistrationAllowed(r.ReadU16("netuid"), r.ReadBool("value")),
            21 => new SudoSetTargetRegistrationsPerInterval(r.ReadU16("netuid"), r.ReadU16("value")),
            22 => new SudoSetMinBurn(r.ReadU16("netuid"), r.ReadU64("value")),
            23 => new SudoSetMaxBurn(r.ReadU16("netuid"), r.ReadU64("value")),
            24 => new SudoSetDifficulty(r.ReadU16("netuid"), r.ReadU64("value")),
            25 => new SudoSetMaxAllowedValidators(r.ReadU16("netuid"), r.ReadU16("value")),
            26 => new SudoSetBondsMovingAverage(r.ReadU16("netuid"), r.ReadU64("value")),
            27 => new SudoSetMaxRegistrationsPerBlock(r.ReadU16("netuid"), r.ReadU16("value")),
            28 => new SudoSetSubnetOwnerCut(r.ReadU16("value")),
            29 => new SudoSetNetworkRateLimit(r.ReadU64("value")),
            30 => new SudoSetTempo(r.ReadU16("netuid"), r.ReadU16("value")),
            33 => new SudoSetTotalIssuance(r.ReadU64("value")),
            35 => new SudoSetNetworkImmunityPeriod(r.ReadU64("value")),
            36 => new SudoSetNetworkMinLockCost(r.ReadU64("value")),
            37 => new SudoSetSubnetLimit(r.ReadU16("value")),
            38 => new SudoSetLockReductionInterval(r.ReadU64("value")),
            39 => new SudoSetRaoRecycled(r.ReadU16("netuid"), r.ReadU64("value")),
            42 => new SudoSetWeightsMinStake(r.ReadU64("value")),
            43 => new SudoSetNominatorMinRequiredStake(r.ReadU64("value")),
            45 => new SudoSetTxDelegateTakeRateLimit(r.ReadU64("value")),
            46 => new SudoSetMinDelegateTake(r.ReadU16("value")),
            _ => throw new ScaleFormatException($"AdminUtils: unknown call index {callIndex}."),
        };
    }

    private static AccountId[] ReadAuthorities(ref ScaleReader r)
    {
        var n = r.ReadLength(AccountId.Size, "authorities");
        var list = new AccountId[n];
        for (var i = 0; i < n; i++)
        {
            list[i] = AccountId.Read(ref r);
        }

        return list;
    }
}
