using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Crypto;

/// <summary>
/// A 64-byte signature tagged with its scheme, as Substrate's <c>MultiSignature</c>: SCALE-encoded as one tag byte
/// (0 = Ed25519, 1 = Sr25519) followed by the 64 signature bytes. Immutable; compared by scheme and bytes.
/// </summary>
public readonly struct Signature : IEquatable<Signature>
{
    /// <summary>Length of the signature bytes.</summary>
    public const int Size = 64;

    /// <summary>Length of the SCALE encoding: tag byte plus signature.</summary>
    public const int EncodedSize = 1 + Size;

    private static readonly byte[] ZeroBytes = new byte[Size];

    private readonly byte[]? _bytes;

    public Signature(SignatureScheme scheme, ReadOnlySpan<byte> bytes)
    {
        if (scheme is not (SignatureScheme.Ed25519 or SignatureScheme.Sr25519))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Only Ed25519 (0) and Sr25519 (1) signatures exist here.");
        }

        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A signature is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }

        Scheme = scheme;
        _bytes = bytes.ToArray();
    }

    private Signature(SignatureScheme scheme, byte[] owned)
    {
        Scheme = scheme;
        _bytes = owned;
    }

    public SignatureScheme Scheme { get; }

    /// <summary>The 64 signature bytes (all zero for <c>default</c>).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? ZeroBytes;

    /// <summary>The backing array itself (never written to), for APIs that take arrays without copying.</summary>
    internal byte[] BackingArray => _bytes ?? ZeroBytes;

    /// <summary>Wraps an array this assembly has just filled and will not touch again.</summary>
    internal static Signature FromOwnedArray(SignatureScheme scheme, byte[] owned) => new(scheme, owned);

    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>Reads the tag byte and the 64 signature bytes; an unknown tag is a <see cref="ScaleFormatException"/>.</summary>
    public static Signature Read(ref ScaleReader reader)
    {
        var tag = reader.ReadU8("signature scheme");
        if (tag > (byte)SignatureScheme.Sr25519)
        {
            var detail = tag == 2 ? " (ECDSA in Substrate's MultiSignature, not supported here)" : string.Empty;
            throw new ScaleFormatException($"signature: unknown scheme tag {tag}{detail}; expected 0 (Ed25519) or 1 (Sr25519).");
        }

        return new Signature((SignatureScheme)tag, reader.ReadFixed(Size, "signature"));
    }

    public void Write(ScaleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteU8((byte)Scheme);
        writer.WriteFixed(Bytes);
    }

    /// <summary>The 65-byte SCALE encoding.</summary>
    public byte[] Encode()
    {
        var encoded = new byte[EncodedSize];
        encoded[0] = (byte)Scheme;
        Bytes.CopyTo(encoded.AsSpan(1));
        return encoded;
    }

    /// <summary>Decodes exactly one signature; trailing bytes are an error.</summary>
    public static Signature Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new ScaleReader(encoded);
        var signature = Read(ref reader);
        reader.EnsureEnd("signature");
        return signature;
    }

    public bool Equals(Signature other) => Scheme == other.Scheme && Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is Signature other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Scheme);
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    public static bool operator ==(Signature left, Signature right) => left.Equals(right);

    public static bool operator !=(Signature left, Signature right) => !left.Equals(right);

    /// <summary>The scheme and the bytes as <c>0x</c>-prefixed lowercase hex.</summary>
    public override string ToString() => $"{Scheme}:0x{Convert.ToHexStringLower(Bytes)}";
}
