using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;

namespace Bittensor.Primitives.Blocks;

/// <summary>
/// A block header. SCALE, in this order: parent hash (32 bytes), number (compact), state root (32), extrinsics root
/// (32), timestamp in milliseconds (u64), author (32) and the author's signature (scheme byte and 64 bytes). The
/// author signs <see cref="SigningPayload"/>, the encoding of every field but the signature behind a domain tag, and
/// the block hash is the Blake2b-256 of the whole encoding, signature included.
/// </summary>
public sealed record BlockHeader(
    Hash32 ParentHash,
    ulong Number,
    Hash32 StateRoot,
    Hash32 ExtrinsicsRoot,
    ulong TimestampMs,
    AccountId Author,
    Signature AuthorSignature)
{
    private static readonly byte[] SigningTag = "bittensor-header"u8.ToArray();

    /// <summary>The block hash.</summary>
    public Hash32 Hash() => Hash32.Of(Encode());

    /// <summary>What the author signs.</summary>
    public byte[] SigningPayload()
    {
        var w = new ScaleWriter(160);
        w.WriteFixed(SigningTag);
        WriteUnsigned(w);
        return w.ToArray();
    }

    /// <summary>The same header signed by <paramref name="author"/> (whose public key must be <see cref="Author"/>).</summary>
    public BlockHeader SignedBy(Ed25519KeyPair author)
    {
        ArgumentNullException.ThrowIfNull(author);
        if (author.PublicKey != Author)
        {
            throw new ArgumentException($"The header names {Author} as its author, not {author.PublicKey}.", nameof(author));
        }

        return this with { AuthorSignature = author.Sign(SigningPayload()) };
    }

    /// <summary>Whether <see cref="AuthorSignature"/> is <see cref="Author"/>'s signature over this header.</summary>
    public bool HasValidSignature() => Signatures.Verify(Author, SigningPayload(), AuthorSignature);

    public void Write(ScaleWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteUnsigned(writer);
        AuthorSignature.Write(writer);
    }

    public byte[] Encode()
    {
        var w = new ScaleWriter(176);
        Write(w);
        return w.ToArray();
    }

    public static BlockHeader Read(ref ScaleReader reader)
    {
        var parent = Hash32.Read(ref reader);
        var number = reader.ReadCompact("block number");
        var stateRoot = Hash32.Read(ref reader);
        var extrinsicsRoot = Hash32.Read(ref reader);
        var timestamp = reader.ReadU64("timestamp");
        var author = AccountId.Read(ref reader);
        var signature = Signature.Read(ref reader);
        return new BlockHeader(parent, number, stateRoot, extrinsicsRoot, timestamp, author, signature);
    }

    /// <summary>Decodes exactly one header (<see cref="ScaleFormatException"/> on anything else).</summary>
    public static BlockHeader Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new ScaleReader(encoded);
        var header = Read(ref reader);
        reader.EnsureEnd("block header");
        return header;
    }

    private void WriteUnsigned(ScaleWriter w)
    {
        ParentHash.Write(w);
        w.WriteCompact(Number);
        StateRoot.Write(w);
        ExtrinsicsRoot.Write(w);
        w.WriteU64(TimestampMs);
        Author.Write(w);
    }
}
