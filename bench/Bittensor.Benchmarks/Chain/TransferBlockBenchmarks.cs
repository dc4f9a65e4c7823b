using BenchmarkDotNet.Attributes;
using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Benchmarks.Chain;

/// <summary>
/// One block of 1,000 signed transfers between 1,000 funded accounts, executed by the executive (decode, era,
/// Ed25519 signature, nonce, fee, dispatch) on a fresh in-memory state. Baseline: 1,000 bare Ed25519
/// verifications of the same payloads, in the same run, so the ratio says what the runtime adds around them.
/// </summary>
[MemoryDiagnoser]
public class TransferBlockBenchmarks
{
    private const int Count = 1_000;
    private static readonly Hash32 Genesis = Hash32.Of("bench"u8);
    private readonly ChainIdentity _chain = ChainIdentity.For(Genesis);
    private Ed25519KeyPair[] _keys = null!;
    private byte[][] _transactions = null!;
    private byte[][] _payloads = null!;
    private SignedTransaction[] _decoded = null!;
    private Executive _executive = null!;

    [GlobalSetup]
    public void Setup()
    {
        _keys = new Ed25519KeyPair[Count];
        _transactions = new byte[Count][];
        _payloads = new byte[Count][];
        _decoded = new SignedTransaction[Count];
        for (var i = 0; i < Count; i++)
        {
            var seed = new byte[32];
            BitConverter.TryWriteBytes(seed, i + 1);
            _keys[i] = new Ed25519KeyPair(seed);
        }

        for (var i = 0; i < Count; i++)
        {
            var call = new BalancesCall.TransferKeepAlive(_keys[(i + 1) % Count].PublicKey, 1_000_000);
            var tx = SignedTransaction.SignImmortal(_keys[i], call, 0, _chain);
            _transactions[i] = tx.Encode();
            _decoded[i] = tx;
            _payloads[i] = SignedTransaction.SigningPayload(call, Era.Immortal, 0, 0, _chain, Genesis.Bytes);
        }

        IterationSetup();
        var result = _executive.ExecuteBlock(1, Genesis.ToArray(), 12_000, _transactions);
        if (result.Receipts.Count != Count || result.Receipts.Any(r => !r.Success))
        {
            throw new InvalidOperationException("The benchmark block does not execute cleanly.");
        }
    }

    [IterationSetup(Target = nameof(ExecuteBlock))]
    public void IterationSetup()
    {
        var runtime = new ChainRuntime(new InMemoryKeyValueStore());
        foreach (var key in _keys)
        {
            runtime.Balances.Endow(key.PublicKey, 1_000_000_000_000);
        }

        _executive = new Executive(runtime, _chain);
    }

    [Benchmark(Baseline = true, Description = "1,000 Ed25519 verifications")]
    public int Verify()
    {
        var ok = 0;
        for (var i = 0; i < Count; i++)
        {
            if (Signatures.Verify(_decoded[i].Signer, _payloads[i], _decoded[i].Signature))
            {
                ok++;
            }
        }

        return ok;
    }

    [Benchmark(Description = "block of 1,000 signed transfers")]
    public int ExecuteBlock() => _executive.ExecuteBlock(1, Genesis.ToArray(), 12_000, _transactions).Receipts.Count;
}
