using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Balances;

/// <summary>Events of the balances module.</summary>
public abstract record BalancesEvent : RuntimeEvent
{
    public override byte ModuleIndex => Contracts.Calls.ModuleIndex.Balances;

    /// <summary>An account was created with <paramref name="Amount"/>.</summary>
    public sealed record Endowed(AccountId Account, ulong Amount) : BalancesEvent
    {
        public override byte EventIndex => 0;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Account.Write(writer);
            writer.WriteU64(Amount);
        }
    }

    /// <summary>An account fell below the existential deposit and its remaining <paramref name="Amount"/> was destroyed.</summary>
    public sealed record DustLost(AccountId Account, ulong Amount) : BalancesEvent
    {
        public override byte EventIndex => 1;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Account.Write(writer);
            writer.WriteU64(Amount);
        }
    }

    public sealed record Transfer(AccountId From, AccountId To, ulong Amount) : BalancesEvent
    {
        public override byte EventIndex => 2;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            From.Write(writer);
            To.Write(writer);
            writer.WriteU64(Amount);
        }
    }

    /// <summary>A transaction fee of <paramref name="Amount"/> was taken from <paramref name="Account"/> and burnt.</summary>
    public sealed record FeePaid(AccountId Account, ulong Amount) : BalancesEvent
    {
        public override byte EventIndex => 8;

        public override void EncodeFields(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Account.Write(writer);
            writer.WriteU64(Amount);
        }
    }
}
