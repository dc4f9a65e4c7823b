using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Subtensor;

/// <summary>The events of the subtensor module (chain spec §10), with the reference's indices.</summary>
public abstract record SubtensorEvent : RuntimeEvent
{
    public override byte ModuleIndex => Contracts.Calls.ModuleIndex.Subtensor;

    public sealed record NetworkAdded(ushort Netuid, ushort Modality) : SubtensorEvent
    {
        public override byte EventIndex => 0;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Modality);
        }
    }

    public sealed record NetworkRemoved(ushort Netuid) : SubtensorEvent
    {
        public override byte EventIndex => 1;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
        }
    }

    public sealed record StakeAdded(AccountId Hotkey, ulong Amount) : SubtensorEvent
    {
        public override byte EventIndex => 2;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
            writer.WriteU64(Amount);
        }
    }

    public sealed record StakeRemoved(AccountId Hotkey, ulong Amount) : SubtensorEvent
    {
        public override byte EventIndex => 3;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Hotkey.Write(writer);
            writer.WriteU64(Amount);
        }
    }

    public sealed record WeightsSet(ushort Netuid, ushort Uid) : SubtensorEvent
    {
        public override byte EventIndex => 4;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Uid);
        }
    }

    public sealed record NeuronRegistered(ushort Netuid, ushort Uid, AccountId Hotkey) : SubtensorEvent
    {
        public override byte EventIndex => 5;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Uid);
            Hotkey.Write(writer);
        }
    }

    public sealed record MaxAllowedUidsSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 8;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record MaxWeightLimitSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 9;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record DifficultySet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 10;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record AdjustmentIntervalSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 11;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record RegistrationPerIntervalSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 12;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record MaxRegistrationsPerBlockSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 13;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record ActivityCutoffSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 14;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record KappaSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 16;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record MinAllowedWeightSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 17;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record WeightsSetRateLimitSet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 20;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record ImmunityPeriodSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 21;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record BondsMovingAverageSet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 22;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record MaxAllowedValidatorsSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 23;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record AxonServed(ushort Netuid, AccountId Hotkey) : SubtensorEvent
    {
        public override byte EventIndex => 24;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            Hotkey.Write(writer);
        }
    }

    public sealed record PrometheusServed(ushort Netuid, AccountId Hotkey) : SubtensorEvent
    {
        public override byte EventIndex => 25;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            Hotkey.Write(writer);
        }
    }

    public sealed record DelegateAdded(AccountId Coldkey, AccountId Hotkey, ushort Take) : SubtensorEvent
    {
        public override byte EventIndex => 27;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Coldkey.Write(writer);
            Hotkey.Write(writer);
            writer.WriteU16(Take);
        }
    }

    public sealed record WeightsVersionKeySet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 29;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record MinDifficultySet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 30;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record MaxDifficultySet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 31;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record ServingRateLimitSet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 32;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record MaxBurnSet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 34;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record MinBurnSet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 35;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record TxRateLimitSet(ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 36;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record TxDelegateTakeRateLimitSet(ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 37;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record Sudid(bool Ok) : SubtensorEvent
    {
        public override byte EventIndex => 38;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteBool(Ok);
        }
    }

    public sealed record RegistrationAllowed(ushort Netuid, bool Value) : SubtensorEvent
    {
        public override byte EventIndex => 39;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteBool(Value);
        }
    }

    public sealed record PowRegistrationAllowed(ushort Netuid, bool Value) : SubtensorEvent
    {
        public override byte EventIndex => 40;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteBool(Value);
        }
    }

    public sealed record TempoSet(ushort Netuid, ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 41;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU16(Value);
        }
    }

    public sealed record RAORecycledForRegistrationSet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 42;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record WeightsMinStake(ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 43;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record AdjustmentAlphaSet(ushort Netuid, ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 45;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Netuid);
            writer.WriteU64(Value);
        }
    }

    public sealed record Faucet(AccountId Coldkey, ulong Amount) : SubtensorEvent
    {
        public override byte EventIndex => 46;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Coldkey.Write(writer);
            writer.WriteU64(Amount);
        }
    }

    public sealed record SubnetOwnerCutSet(ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 47;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Value);
        }
    }

    public sealed record NetworkRateLimitSet(ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 48;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record NetworkImmunityPeriodSet(ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 49;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record NetworkMinLockCostSet(ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 50;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record SubnetLimitSet(ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 51;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Value);
        }
    }

    public sealed record NetworkLockCostReductionIntervalSet(ulong Value) : SubtensorEvent
    {
        public override byte EventIndex => 52;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU64(Value);
        }
    }

    public sealed record TakeDecreased(AccountId Coldkey, AccountId Hotkey, ushort Take) : SubtensorEvent
    {
        public override byte EventIndex => 53;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Coldkey.Write(writer);
            Hotkey.Write(writer);
            writer.WriteU16(Take);
        }
    }

    public sealed record TakeIncreased(AccountId Coldkey, AccountId Hotkey, ushort Take) : SubtensorEvent
    {
        public override byte EventIndex => 54;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Coldkey.Write(writer);
            Hotkey.Write(writer);
            writer.WriteU16(Take);
        }
    }

    public sealed record HotkeySwapped(AccountId Coldkey, AccountId OldHotkey, AccountId NewHotkey) : SubtensorEvent
    {
        public override byte EventIndex => 55;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Coldkey.Write(writer);
            OldHotkey.Write(writer);
            NewHotkey.Write(writer);
        }
    }

    public sealed record MaxDelegateTakeSet(ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 56;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Value);
        }
    }

    public sealed record MinDelegateTakeSet(ushort Value) : SubtensorEvent
    {
        public override byte EventIndex => 57;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteU16(Value);
        }
    }
}
