using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Accounts;

/// <summary>
/// A 32-byte account id (the public key of a coldkey or hotkey). Ordered and compared by its raw bytes, which is
/// also the order of storage keys built from it.
/// </summary>
public readonly struct AccountId : IEquatable<AccountId>, IComparable<AccountId>
{
    public const int Size = 32;

    private readonly byte[]? _bytes;

    public AccountId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"An account id is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The all-zero account (the default of unset owner fields).</summary>
    public static AccountId Zero { get; } = new(new byte[Size]);

    public ReadOnlySpan<byte> Bytes => _bytes ?? Zero._bytes!;

    /// <summary>The backing array itself (never written to), for APIs that take arrays without copying.</summary>
    internal byte[] BackingArray => _bytes ?? Zero._bytes!;

    public byte[] ToArray() => Bytes.ToArray();

    public bool IsZero => Bytes.IndexOfAnyExcept((byte)0) < 0;

    public static AccountId Read(ref ScaleReader reader) => new(reader.ReadFixed(Size, "account id"));

    public void Write(ScaleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteFixed(Bytes);
    }

    public static AccountId FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var s = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        return new AccountId(Convert.FromHexString(s));
    }

    public string ToHex() => "0x" + Convert.ToHexStringLower(Bytes);

    public bool Equals(AccountId other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is AccountId other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    public int CompareTo(AccountId other) => Bytes.SequenceCompareTo(other.Bytes);

    public static bool operator ==(AccountId left, AccountId right) => left.Equals(right);

    public static bool operator !=(AccountId left, AccountId right) => !left.Equals(right);

    public static bool operator <(AccountId left, AccountId right) => left.CompareTo(right) < 0;

    public static bool operator >(AccountId left, AccountId right) => left.CompareTo(right) > 0;

    public static bool operator <=(AccountId left, AccountId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(AccountId left, AccountId right) => left.CompareTo(right) >= 0;

    public override string ToString() => ToHex();
}
