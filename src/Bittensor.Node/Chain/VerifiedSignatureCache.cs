using System.Collections.Concurrent;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Chain;

/// <summary>
/// Remembers signatures that verified, so a transaction checked when it entered the pool is not checked again when
/// its block is built (Ed25519 verification is the node's main cost per transaction). An entry is the Blake2b-256 of
/// signer, signature and message, so a hit means exactly this signature over exactly this message was valid. Only
/// successes are remembered; the cache forgets everything when it reaches its capacity.
/// </summary>
public sealed class VerifiedSignatureCache(ISignatureVerifier inner, int capacity = 65_536) : ISignatureVerifier
{
    private readonly ConcurrentDictionary<Hash32, byte> _verified = new();

    // ConcurrentDictionary.Count takes every lock of the table; a counter keeps the capacity check off that path.
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool Verify(AccountId signer, ReadOnlySpan<byte> message, Signature signature)
    {
        var key = KeyOf(signer, message, signature);
        if (_verified.ContainsKey(key))
        {
            return true;
        }

        if (!inner.Verify(signer, message, signature))
        {
            return false;
        }

        if (Volatile.Read(ref _count) >= capacity)
        {
            lock (_verified)
            {
                if (_count >= capacity)
                {
                    _verified.Clear();
                    Volatile.Write(ref _count, 0);
                }
            }
        }

        if (_verified.TryAdd(key, 0))
        {
            Interlocked.Increment(ref _count);
        }

        return true;
    }

    private static Hash32 KeyOf(AccountId signer, ReadOnlySpan<byte> message, Signature signature)
    {
        var buffer = new byte[AccountId.Size + Signature.EncodedSize + message.Length];
        signer.Bytes.CopyTo(buffer);
        buffer[AccountId.Size] = (byte)signature.Scheme;
        signature.Bytes.CopyTo(buffer.AsSpan(AccountId.Size + 1));
        message.CopyTo(buffer.AsSpan(AccountId.Size + Signature.EncodedSize));
        return Hash32.Of(buffer);
    }
}
