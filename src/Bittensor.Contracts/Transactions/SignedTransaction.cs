using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Scale;

namespace Bittensor.Contracts.Transactions;

/// <summary>
/// A signed transaction: <c>version(0x01) ‖ signer(32) ‖ signature(tag ‖ 64) ‖ era ‖ compact nonce ‖ compact tip ‖ call</c>.
/// The signature covers <see cref="SigningPayload"/>: the call, era, nonce and tip, then the spec and transaction
/// versions, the genesis hash and the era's birth-block hash (the genesis hash for immortal transactions), so a
/// transaction is bound to one chain and one runtime version; payloads over 256 bytes are signed by their
/// Blake2b-256 hash.
/// </summary>
public sealed record SignedTransaction(AccountId Signer, Signature Signature, Era Era, ulong Nonce, ulong Tip, RuntimeCall Call)
{
    public const byte Version = 1;

    /// <summary>The most bytes one transaction may take.</summary>
    public const int MaxEncodedSize = 64 * 1024;

    public byte[] Encode()
    {
        var w = new ScaleWriter(160);
        w.WriteU8(Version);
        Signer.Write(w);
        Signature.Write(w);
        Era.Write(w);
        w.WriteCompact(Nonce);
        w.WriteCompact(Tip);
        Call.Encode(w);
        return w.ToArray();
    }

    /// <summary>Reads a whole transaction; throws <see cref="TransactionValidityException"/> (Malformed) on bad bytes.</summary>
    public static SignedTransaction Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedSize)
        {
            throw new TransactionValidityException(InvalidTransaction.Malformed, $"{bytes.Length} bytes exceed the limit of {MaxEncodedSize}.");
        }

        try
        {
            var r = new ScaleReader(bytes);
            var version = r.ReadU8("transaction version");
            if (version != Version)
            {
                throw new ScaleFormatException($"transaction version {version} is not supported (expected {Version}).");
            }

            var signer = AccountId.Read(ref r);
            var signature = Signature.Read(ref r);
            var era = Era.Read(ref r);
            var nonce = r.ReadCompact("nonce");
            var tip = r.ReadCompact("tip");
            var call = RuntimeCall.Decode(ref r);
            r.EnsureEnd("transaction");
            return new SignedTransaction(signer, signature, era, nonce, tip, call);
        }
        catch (ScaleFormatException e)
        {
            throw new TransactionValidityException(InvalidTransaction.Malformed, e.Message);
        }
    }

    /// <summary>The bytes the signer signs (hashed with Blake2b-256 when longer than 256 bytes).</summary>
    public static byte[] SigningPayload(
        RuntimeCall call, Era era, ulong nonce, ulong tip, ChainIdentity chain, ReadOnlySpan<byte> birthHash)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(chain);
        var w = new ScaleWriter(256);
        call.Encode(w);
        era.Write(w);
        w.WriteCompact(nonce);
        w.WriteCompact(tip);
        w.WriteU32(chain.SpecVersion);
        w.WriteU32(chain.TransactionVersion);
        w.WriteFixed(chain.GenesisHash.Bytes);
        w.WriteFixed(birthHash);
        return w.Length > 256 ? Hashes.Blake2b256(w.WrittenSpan) : w.ToArray();
    }

    /// <summary>Builds and signs a transaction with an Ed25519 key.</summary>
    public static SignedTransaction Sign(
        Ed25519KeyPair key, RuntimeCall call, ulong nonce, ChainIdentity chain, Era era, ReadOnlySpan<byte> birthHash, ulong tip = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        var payload = SigningPayload(call, era, nonce, tip, chain, birthHash);
        return new SignedTransaction(key.PublicKey, key.Sign(payload), era, nonce, tip, call);
    }

    /// <summary>Builds and signs an immortal transaction.</summary>
    public static SignedTransaction SignImmortal(Ed25519KeyPair key, RuntimeCall call, ulong nonce, ChainIdentity chain, ulong tip = 0)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return Sign(key, call, nonce, chain, Era.Immortal, chain.GenesisHash.Bytes, tip);
    }

    /// <summary>The transaction's hash (Blake2b-256 of its encoding).</summary>
    public Hash32 Hash() => Hash32.Of(Encode());
}
