using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Calls;

/// <summary>Calls of the membership modules (triumvirate members, senate members); root only except change_key.</summary>
public abstract record MembershipCall : RuntimeCall
{
    protected MembershipCall(byte moduleIndex) => Module = moduleIndex;

    /// <summary>Which membership module: triumvirate members or senate members.</summary>
    public byte Module { get; }

    public override byte ModuleIndex => Module;

    public sealed record AddMember(byte Module, AccountId Who) : MembershipCall(Module)
    {
        public override byte CallIndex => 0;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Who.Write(writer);
        }
    }

    public sealed record RemoveMember(byte Module, AccountId Who) : MembershipCall(Module)
    {
        public override byte CallIndex => 1;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Who.Write(writer);
        }
    }

    public sealed record SwapMember(byte Module, AccountId Remove, AccountId Add) : MembershipCall(Module)
    {
        public override byte CallIndex => 2;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Remove.Write(writer);
            Add.Write(writer);
        }
    }

    public sealed record ResetMembers(byte Module, IReadOnlyList<AccountId> Members) : MembershipCall(Module)
    {
        public override byte CallIndex => 3;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            WriteAccounts(writer, Members);
        }
    }

    public sealed record ChangeKey(byte Module, AccountId NewKey) : MembershipCall(Module)
    {
        public override byte CallIndex => 4;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            NewKey.Write(writer);
        }
    }

    public sealed record SetPrime(byte Module, AccountId Who) : MembershipCall(Module)
    {
        public override byte CallIndex => 5;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            Who.Write(writer);
        }
    }

    public sealed record ClearPrime(byte Module) : MembershipCall(Module)
    {
        public override byte CallIndex => 6;

        public override Pays Pays => Pays.No;

        public override void EncodeArgs(ScaleWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
        }
    }

    /// <summary>Reads the arguments of call <paramref name="callIndex"/>; <paramref name="decodeInner"/> reads nested calls.</summary>
    public static MembershipCall Decode(byte moduleIndex, byte callIndex, ref ScaleReader r, CallDecoder decodeInner)
    {
        ArgumentNullException.ThrowIfNull(decodeInner);
        return callIndex switch
        {
            0 => new AddMember(moduleIndex, AccountId.Read(ref r)),
            1 => new RemoveMember(moduleIndex, AccountId.Read(ref r)),
            2 => new SwapMember(moduleIndex, AccountId.Read(ref r), AccountId.Read(ref r)),
            3 => new ResetMembers(moduleIndex, ReadAccounts(ref r, "members")),
            4 => new ChangeKey(moduleIndex, AccountId.Read(ref r)),
            5 => new SetPrime(moduleIndex, AccountId.Read(ref r)),
            6 => new ClearPrime(moduleIndex),
            _ => throw new ScaleFormatException($"Membership: unknown call index {callIndex}."),
        };
    }

    private static void WriteAccounts(ScaleWriter writer, IReadOnlyList<AccountId> values)
    {
        writer.WriteCompact((ulong)values.Count);
        foreach (var v in values)
        {
            v.Write(writer);
        }
    }

    private static AccountId[] ReadAccounts(ref ScaleReader r, string what)
    {
        var n = r.ReadLength(AccountId.Size, what);
        var values = new AccountId[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = AccountId.Read(ref r);
        }

        return values;
    }
}
