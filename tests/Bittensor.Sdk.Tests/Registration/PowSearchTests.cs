using System.Buffers.Binary;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Pow;
using Bittensor.Sdk.Registration;

namespace Bittensor.Sdk.Tests.Registration;

public sealed class PowSearchTests
{
    /// <summary>Every kernel this processor can run (the scalar one always).</summary>
    public static TheoryData<PowKernel> Kernels()
    {
        var data = new TheoryData<PowKernel>();
        foreach (var kernel in new[] { PowKernel.Scalar, PowKernel.Avx2, PowKernel.Avx512 })
        {
            if (PowSearch.IsSupported(kernel))
            {
                data.Add(kernel);
            }
        }

        return data;
    }

    // Chain spec §4.1 vector: block hash = 32 zero bytes, hotkey = 0x01..0x20.
    private static readonly AccountId SpecHotkey = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static byte[] SpecPre() => PowSeal.ComputePre(new byte[32], SpecHotkey);

    private static byte[] RandomPre(int seed)
    {
        var random = new Random(seed);
        var blockHash = new byte[32];
        var hotkey = new byte[32];
        random.NextBytes(blockHash);
        random.NextBytes(hotkey);
        return PowSeal.ComputePre(blockHash, new AccountId(hotkey));
    }

    private static ulong ReferencePrefix(byte[] pre, ulong nonce)
    {
        var seal = new byte[32];
        PowSeal.Create(pre, nonce, seal);
        return BinaryPrimitives.ReadUInt64BigEndian(seal);
    }

    /// <summary>The first nonce from <paramref name="start"/> on whose seal meets the difficulty, by the definition.</summary>
    private static ulong? ReferenceFirst(byte[] pre, ulong difficulty, ulong start, long count)
    {
        var seal = new byte[32];
        for (long i = 0; i < count; i++)
        {
            PowSeal.Create(pre, start + (ulong)i, seal);
            if (PowSeal.MeetsDifficulty(seal, difficulty))
            {
                return start + (ulong)i;
            }
        }

        return null;
    }

    [Fact]
    public void The_best_kernel_is_supported_and_auto_always_is()
    {
        Assert.True(PowSearch.IsSupported(PowSearch.Best));
        Assert.True(PowSearch.IsSupported(PowKernel.Auto));
        Assert.True(PowSearch.IsSupported(PowKernel.Scalar));
        Assert.NotEqual(PowKernel.Auto, PowSearch.Best);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_seal_prefixes_equal_the_seal_definition_on_many_nonces(PowKernel kernel)
    {
        // Starts that put the low 32-bit word across its wrap inside a vector, and the whole nonce across 2^64.
        ulong[] starts = [0, 1, 0x0102030405060708, 0xFFFF_FFFF - 5, 0x1_FFFF_FFF9, ulong.MaxValue - 9];
        var pres = new[] { SpecPre(), RandomPre(1), RandomPre(2) };
        var prefixes = new ulong[1003];
        foreach (var pre in pres)
        {
            foreach (var start in starts)
            {
                PowSearch.SealPrefixes(kernel, pre, start, prefixes);
                for (var i = 0; i < prefixes.Length; i++)
                {
                    var nonce = start + (ulong)i;
                    Assert.True(ReferencePrefix(pre, nonce) == prefixes[i], $"{kernel}: nonce {nonce:x16} from start {start:x16} gave {prefixes[i]:x16}, expected {ReferencePrefix(pre, nonce):x16}.");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_finds_exactly_the_solutions_the_definition_finds(PowKernel kernel)
    {
        // Difficulty 37: about one nonce in 37 meets it. Walk a range solution by solution, from starts that are not
        // multiples of the vector width and across the 32-bit wrap, with range ends inside a vector.
        foreach (var (seed, start) in new[] { (3, 5UL), (4, 0xFFFF_FFF0UL), (5, ulong.MaxValue - 700) })
        {
            var pre = RandomPre(seed);
            var next = start;
            long left = 2_001;
            var solutions = 0;
            while (left > 0)
            {
                var expected = ReferenceFirst(pre, 37, next, left);
                var result = PowSearch.Search(pre, 37, next, left, kernel: kernel);
                if (expected is null)
                {
                    Assert.False(result.Found, $"{kernel} found {result.Nonce:x16}, which the definition rejects.");
                    Assert.Equal(left, result.Tried);
                    break;
                }

                Assert.True(result.Found, $"{kernel} missed {expected:x16}.");
                Assert.Equal(expected.Value, result.Nonce);
                Assert.Equal((long)(result.Nonce - next) + 1, result.Tried);
                solutions++;
                left -= result.Tried;
                next = result.Nonce + 1;
            }

            Assert.InRange(solutions, 20, 120);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Spec_vector_nonce_one_meets_difficulty_two(PowKernel kernel)
    {
        // §4.1: the nonce-1 seal meets difficulty 2 but not 10,000,000; nonce 0's seal (ce14…) starts with a set top bit.
        var result = PowSearch.Search(SpecPre(), 2, 0, 10, kernel: kernel);
        Assert.True(result.Found);
        Assert.Equal(1UL, result.Nonce);
        Assert.Equal(2, result.Tried);
        Assert.False(PowSearch.Search(SpecPre(), 10_000_000, 1, 1, kernel: kernel).Found);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Difficulty_zero_and_one_are_met_by_the_first_nonce(PowKernel kernel)
    {
        Assert.Equal(new PowSearchResult(true, 42, 1), PowSearch.Search(RandomPre(6), 0, 42, 100, kernel: kernel));
        Assert.Equal(new PowSearchResult(true, 42, 1), PowSearch.Search(RandomPre(6), 1, 42, 100, kernel: kernel));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void An_empty_range_and_a_cancelled_token_try_nothing(PowKernel kernel)
    {
        Assert.Equal(new PowSearchResult(false, 0, 0), PowSearch.Search(RandomPre(7), 0, 0, 0, kernel: kernel));
        Assert.Equal(new PowSearchResult(false, 0, 0), PowSearch.Search(RandomPre(7), 0, 0, 1_000, new CancellationToken(true), kernel));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void The_inner_loop_allocates_nothing(PowKernel kernel)
    {
        var pre = RandomPre(8);
        // Warm up: first calls may allocate while the runtime loads and compiles the kernel.
        PowSearch.Search(pre, ulong.MaxValue, 0, 1_000, kernel: kernel);
        PowSearch.Search(pre, 3, 0, 1_000, kernel: kernel);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var miss = PowSearch.Search(pre, ulong.MaxValue, 1_000, 20_000, kernel: kernel);
        var hits = 0;
        var next = 0UL;
        for (var i = 0; i < 200; i++)
        {
            // Difficulty 3 sends about a third of the nonces through the full check.
            var hit = PowSearch.Search(pre, 3, next, 100, kernel: kernel);
            hits += hit.Found ? 1 : 0;
            next = hit.Nonce + 1;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.False(miss.Found);
        Assert.Equal(20_000, miss.Tried);
        Assert.Equal(200, hits);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_the_reason()
    {
        var tooShort = Assert.Throws<ArgumentException>(() => PowSearch.Search(new byte[31], 1, 0, 1));
        Assert.Contains("32 bytes", tooShort.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => PowSearch.Search(new byte[32], 1, 0, -1));
    }
}
