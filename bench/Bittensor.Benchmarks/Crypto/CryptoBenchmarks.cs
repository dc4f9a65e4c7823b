using BenchmarkDotNet.Attributes;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Pow;

namespace Bittensor.Benchmarks.Crypto;

/// <summary>
/// The per-item costs a node and a registration solver pay: one PoW seal from a precomputed <c>pre</c> (the solver's
/// inner loop), one Keccak-256 of 32 bytes, one Ed25519 signature verification of a 128-byte message.
/// </summary>
[MemoryDiagnoser]
public class CryptoBenchmarks
{
    private readonly byte[] _seal = new byte[32];
    private readonly byte[] _message = new byte[128];
    private byte[] _pre = null!;
    private Ed25519KeyPair _pair = null!;
    private Signature _signature;
    private ulong _nonce;

    [GlobalSetup]
    public void Setup()
    {
        _pre = PowSeal.ComputePre(new byte[32], new AccountId(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        _pair = new Ed25519KeyPair(new byte[32]);
        _signature = _pair.Sign(_message);
        if (!Signatures.Verify(_pair.PublicKey, _message, _signature))
        {
            throw new InvalidOperationException("The benchmark signature does not verify; refusing to time it.");
        }
    }

    [Benchmark]
    public bool PowSealFromPre()
    {
        PowSeal.Create(_pre, _nonce++, _seal);
        return PowSeal.MeetsDifficulty(_seal, 10_000_000);
    }

    [Benchmark]
    public byte Keccak256Of32Bytes()
    {
        Hashes.Keccak256(_pre, _seal);
        return _seal[0];
    }

    [Benchmark]
    public bool Ed25519Verify() => Signatures.Verify(_pair.PublicKey, _message, _signature);
}
