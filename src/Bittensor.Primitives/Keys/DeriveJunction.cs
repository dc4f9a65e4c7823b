using System.Globalization;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Keys;

/// <summary>
/// One step of a Substrate derivation path: hard (<c>//name</c>) or soft (<c>/name</c>), with a 32-byte chain code.
/// The chain code is the SCALE encoding of the junction's value (a <c>u64</c> for a decimal number, otherwise the
/// string: compact length then UTF-8), zero-padded to 32 bytes, or its Blake2b-256 when the encoding is longer
/// than 32 bytes.
/// </summary>
public readonly struct DeriveJunction : IEquatable<DeriveJunction>
{
    public const int ChainCodeSize = 32;

    private static readonly byte[] ZeroChainCode = new byte[ChainCodeSize];

    private readonly byte[]? _chainCode;

    private DeriveJunction(byte[] chainCode, bool isHard)
    {
        _chainCode = chainCode;
        IsHard = isHard;
    }

    /// <summary>True for a hard junction (<c>//</c>), false for a soft one (<c>/</c>).</summary>
    public bool IsHard { get; }

    public bool IsSoft => !IsHard;

    public ReadOnlySpan<byte> ChainCode => _chainCode ?? ZeroChainCode;

    /// <summary>A junction whose chain code comes from already SCALE-encoded bytes (padded or hashed to 32 bytes).</summary>
    public static DeriveJunction FromEncoded(ReadOnlySpan<byte> encoded, bool isHard)
    {
        var chainCode = encoded.Length > ChainCodeSize ? Hashes.Blake2b256(encoded) : PadTo32(encoded);
        return new DeriveJunction(chainCode, isHard);
    }

    /// <summary>A junction from a number (its 8 little-endian bytes, as SCALE encodes a <c>u64</c>).</summary>
    public static DeriveJunction FromIndex(ulong index, bool isHard)
    {
        var writer = new ScaleWriter(8);
        writer.WriteU64(index);
        return FromEncoded(writer.WrittenSpan, isHard);
    }

    /// <summary>A junction from a name (SCALE string: compact length, then UTF-8).</summary>
    public static DeriveJunction FromName(string name, bool isHard)
    {
        ArgumentNullException.ThrowIfNull(name);
        var writer = new ScaleWriter(name.Length + 5);
        writer.WriteString(name);
        return FromEncoded(writer.WrittenSpan, isHard);
    }

    /// <summary>
    /// A junction from one path component as it appears between the slashes of a secret URI: a leading
    /// <c>/</c> makes it hard (so <c>"/Alice"</c> is the <c>//Alice</c> of the URI); a decimal number that fits a
    /// <c>u64</c> (an optional leading <c>+</c>, leading zeros allowed) is an index, anything else a name.
    /// </summary>
    public static DeriveJunction FromPathComponent(string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var isHard = component.StartsWith('/');
        var code = isHard ? component[1..] : component;
        return TryParseIndex(code, out var index) ? FromIndex(index, isHard) : FromName(code, isHard);
    }

    /// <summary>The same chain code as a hard junction.</summary>
    public DeriveJunction Harden() => new(_chainCode ?? ZeroChainCode, true);

    /// <summary>The same chain code as a soft junction.</summary>
    public DeriveJunction Soften() => new(_chainCode ?? ZeroChainCode, false);

    public bool Equals(DeriveJunction other) => IsHard == other.IsHard && ChainCode.SequenceEqual(other.ChainCode);

    public override bool Equals(object? obj) => obj is DeriveJunction other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(IsHard);
        hash.AddBytes(ChainCode);
        return hash.ToHashCode();
    }

    public static bool operator ==(DeriveJunction left, DeriveJunction right) => left.Equals(right);

    public static bool operator !=(DeriveJunction left, DeriveJunction right) => !left.Equals(right);

    /// <summary>The kind and the chain code in hex (junction names can be part of a secret, so this is all it shows).</summary>
    public override string ToString() => (IsHard ? "hard 0x" : "soft 0x") + Convert.ToHexStringLower(ChainCode);

    private static bool TryParseIndex(string code, out ulong index)
    {
        var digits = code.StartsWith('+') ? code.AsSpan(1) : code.AsSpan();
        index = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return digits.Length > 0 && ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static byte[] PadTo32(ReadOnlySpan<byte> encoded)
    {
        var chainCode = new byte[ChainCodeSize];
        encoded.CopyTo(chainCode);
        return chainCode;
    }
}
