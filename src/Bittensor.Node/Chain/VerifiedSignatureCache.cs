using System.Collections.Concurrent;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Node.Chain;

/// <summary>
/// Remembers signatures that verified, so a transaction checked when it entered the pool is not checked again when
/// its block is built or when the pool is re-validated (Ed25519 verification is the node's main cost per
/// transaction). An entry is the Blake2b-256 of signer, signature and message, so a hit means exactly this signature
/// over exactly this message was valid. Only successes are remembered.
/// <para>
/// The memory is two generations of up to <c>capacity</c> entries each: new entries go into the current one; when it
/// is full it becomes the previous one and the older generation is forgotten. So the last <c>capacity</c>
/// verifications are always remembered — a pool that holds fewer transactions than that never has a signature of a
/// pooled transaction checked twice, however many transactions passed through before.
/// </para>
/// </summary>
public sealed class VerifiedSignatureCache(ISignatureVerifier inner, int capacity = 65_536) : ISignatureVerifier
{
    private readonly Lock _rotate = new();
    private volatile Generation _current = new();
    private volatile Generation _previous = new();

    /// <summary>Signatures remembered (both generations).</summary>
    public int Count => _current.Count + _previous.Count;

    public bool Verify(AccountId signer, ReadOnlySpan<byte> message, Signature signature)
    {
        var key = KeyOf(signer, message, signature);
        var current = _current;
        if (current.Entries.ContainsKey(key) || _previous.Entries.ContainsKey(key))
        {
            return true;
        }

        if (!inner.Verify(signer, message, signature))
        {
            return false;
        }

        if (current.Count >= capacity)
        {
            lock (_rotate)
            {
                if (_current.Count >= capacity)
                {
                    _previous = _current;
                    _current = new Generation();
                }

                current = _current;
            }
        }

        current.Add(key);
        return true;
    }

    private static Hash32 KeyOf(AccountId signer, ReadOnlySpan<byte> message, Signature signature)
    {
        var length = AccountId.Size + Signature.EncodedSize + message.Length;
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[length] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        signer.Bytes.CopyTo(buffer);
        buffer[AccountId.Size] = (byte)signature.Scheme;
        signature.Bytes.CopyTo(buffer[(AccountId.Size + 1)..]);
        message.CopyTo(buffer[(AccountId.Size + Signature.EncodedSize)..]);
        var key = Hash32.Of(buffer);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return key;
    }

    private sealed class Generation
    {
        // ConcurrentDictionary.Count takes every lock of the table; a counter keeps the capacity check off that path.
        private int _count;

        public ConcurrentDictionary<Hash32, byte> Entries { get; } = new();

        public int Count => Volatile.Read(ref _count);

        public void Add(Hash32 key)
        {
            if (Entries.TryAdd(key, 0))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
