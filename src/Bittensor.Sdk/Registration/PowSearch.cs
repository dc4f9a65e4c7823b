using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Bittensor.Primitives.Pow;

namespace Bittensor.Sdk.Registration;

/// <summary>How the nonces of a search are hashed.</summary>
public enum PowKernel
{
    /// <summary>The fastest kernel this processor supports (<see cref="PowSearch.Best"/>).</summary>
    Auto = 0,

    /// <summary>One nonce at a time on general-purpose registers; runs everywhere.</summary>
    Scalar = 1,

    /// <summary>Eight nonces at a time in 256-bit vectors (x86 AVX2).</summary>
    Avx2 = 2,

    /// <summary>Sixteen nonces at a time in 512-bit vectors (x86 AVX-512F and BW).</summary>
    Avx512 = 3,
}

/// <summary>What one <see cref="PowSearch.Search"/> call found.</summary>
/// <param name="Found">Whether a nonce whose seal meets the difficulty was found.</param>
/// <param name="Nonce">That nonce, when <paramref name="Found"/>.</param>
/// <param name="Tried">Nonces hashed: up to and including the one found, or until the range ended or the search was cancelled.</param>
public readonly record struct PowSearchResult(bool Found, ulong Nonce, long Tried);

/// <summary>
/// The solver's single-threaded inner loop: tries a range of nonces against one <c>pre</c> and difficulty, and
/// allocates nothing.
/// </summary>
/// <remarks>
/// <para>Each nonce costs one SHA-256 of 40 bytes and one Keccak-256 of 32 bytes (chain spec §4.1). The kernels
/// compute both on several nonces at once in vector registers (<see cref="PowKernel"/>), reuse every part of SHA-256
/// that does not depend on the nonce, and compute only the first 8 bytes of the seal: a seal meets difficulty
/// <c>d</c> only if its first 8 bytes, read big-endian, are at most <c>(2^64 − 1) / d</c> (the top limb of
/// <c>(2^256 − 1) / d</c>). The rare nonce that passes is hashed again in full with <see cref="PowSeal.Create(ReadOnlySpan{byte}, ulong, Span{byte})"/>
/// and checked with <see cref="PowSeal.MeetsDifficulty"/>, so a reported nonce is always one the chain accepts.</para>
/// <para>Nonces are tried in increasing order from the start (wrapping at 2^64) and the first that meets the
/// difficulty is returned. Cancellation is checked once per vector of nonces.</para>
/// </remarks>
public static class PowSearch
{
    /// <summary>The fastest kernel this processor supports.</summary>
    public static PowKernel Best { get; } =
        Avx512Lanes.IsSupported ? PowKernel.Avx512 : Avx2Lanes.IsSupported ? PowKernel.Avx2 : PowKernel.Scalar;

    /// <summary>Whether <paramref name="kernel"/> can run on this processor (<see cref="PowKernel.Auto"/> always can).</summary>
    public static bool IsSupported(PowKernel kernel) => kernel switch
    {
        PowKernel.Auto or PowKernel.Scalar => true,
        PowKernel.Avx2 => Avx2Lanes.IsSupported,
        PowKernel.Avx512 => Avx512Lanes.IsSupported,
        _ => false,
    };

    /// <summary>
    /// Tries the <paramref name="count"/> nonces from <paramref name="startNonce"/> on and returns the first whose
    /// seal meets <paramref name="difficulty"/>.
    /// </summary>
    /// <param name="pre"><c>Keccak-256(block_hash ‖ hotkey)</c>, from <see cref="PowSeal.ComputePre(ReadOnlySpan{byte}, Bittensor.Primitives.Accounts.AccountId)"/> (32 bytes).</param>
    /// <param name="difficulty">The subnet's difficulty; 0 and 1 are met by every seal.</param>
    /// <param name="startNonce">The first nonce tried.</param>
    /// <param name="count">How many nonces to try (0 or more).</param>
    /// <param name="cancellationToken">Stops the search within one vector of nonces; the result then says how many were tried.</param>
    /// <param name="kernel">The kernel to use; <see cref="PowKernel.Auto"/> picks <see cref="Best"/>.</param>
    public static PowSearchResult Search(ReadOnlySpan<byte> pre, ulong difficulty, ulong startNonce, long count, CancellationToken cancellationToken = default, PowKernel kernel = PowKernel.Auto)
    {
        if (pre.Length != PowSeal.HashSize)
        {
            throw new ArgumentException($"pre must be {PowSeal.HashSize} bytes (Keccak-256 of block hash and hotkey), got {pre.Length}.", nameof(pre));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var chosen = kernel == PowKernel.Auto ? Best : kernel;
        if (!IsSupported(chosen))
        {
            throw new PlatformNotSupportedException($"The {chosen} proof-of-work kernel needs instructions this processor lacks; use {nameof(PowKernel)}.{nameof(PowKernel.Auto)} or {Best}.");
        }

        var job = new Job(pre, difficulty);
        return chosen switch
        {
            PowKernel.Avx512 => SearchAvx512(ref job, startNonce, count, cancellationToken),
            PowKernel.Avx2 => SearchAvx2(ref job, startNonce, count, cancellationToken),
            _ => SearchScalar(ref job, startNonce, count, cancellationToken),
        };
    }

    /// <summary>
    /// The seal's first 8 bytes, read big-endian (the number the difficulty filter compares), for
    /// <paramref name="output"/>.Length nonces from <paramref name="startNonce"/> on, computed by <paramref name="kernel"/>.
    /// For checking the kernels against <see cref="PowSeal.Create(ReadOnlySpan{byte}, ulong, Span{byte})"/>.
    /// </summary>
    internal static void SealPrefixes(PowKernel kernel, ReadOnlySpan<byte> pre, ulong startNonce, Span<ulong> output)
    {
        var message = new PowMessage(pre);
        var chosen = kernel == PowKernel.Auto ? Best : kernel;
        var schedule256 = new Vector256<uint>[Sha256Pow.ScheduleLength];
        var schedule512 = new Vector512<uint>[Sha256Pow.ScheduleLength];
        var schedule = new uint[Sha256Pow.ScheduleLength];
        for (var i = 0; i < output.Length;)
        {
            var nonce = startNonce + (ulong)i;
            switch (chosen)
            {
                case PowKernel.Avx512:
                    {
                        Avx512Batch(in message, nonce, schedule512, out var first, out var second);
                        for (var k = 0; k < 8; k++)
                        {
                            Store(output, i + LaneNonce(k), first.GetElement(k));
                            Store(output, i + LaneNonce(k) + 2, second.GetElement(k));
                        }

                        i += Avx512Lanes.Width;
                        break;
                    }

                case PowKernel.Avx2:
                    {
                        Avx2Batch(in message, nonce, schedule256, out var first, out var second);
                        for (var k = 0; k < 4; k++)
                        {
                            Store(output, i + LaneNonce(k), first.GetElement(k));
                            Store(output, i + LaneNonce(k) + 2, second.GetElement(k));
                        }

                        i += Avx2Lanes.Width;
                        break;
                    }

                default:
                    output[i] = ScalarPrefix(in message, nonce, schedule);
                    i++;
                    break;
            }
        }

        static void Store(Span<ulong> output, int index, ulong value)
        {
            if (index < output.Length)
            {
                output[index] = value;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PowSearchResult SearchScalar(ref Job job, ulong startNonce, long count, CancellationToken cancellationToken)
    {
        const int CheckEvery = 16;
        var limit = job.Limit;
        Span<uint> schedule = stackalloc uint[Sha256Pow.ScheduleLength];
        for (long done = 0; done < count; done++)
        {
            if ((done & (CheckEvery - 1)) == 0 && cancellationToken.IsCancellationRequested)
            {
                return new PowSearchResult(false, 0, done);
            }

            var nonce = startNonce + (ulong)done;
            if (ScalarPrefix(in job.Message, nonce, schedule) <= limit && job.Verify(nonce))
            {
                return new PowSearchResult(true, nonce, done + 1);
            }
        }

        return new PowSearchResult(false, 0, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ScalarPrefix(in PowMessage message, ulong nonce, Span<uint> schedule)
    {
        Sha256Pow.Compress<uint, ScalarLanes>(
            BinaryPrimitives.ReverseEndianness((uint)nonce),
            BinaryPrimitives.ReverseEndianness((uint)(nonce >> 32)),
            in message,
            schedule,
            out var h0, out var h1, out var h2, out var h3, out var h4, out var h5, out var h6, out var h7);
        var lane0 = KeccakPow.FirstLane<ulong, ScalarLanes>(
            ScalarLanes.FirstLane(h0, h1), ScalarLanes.FirstLane(h2, h3), ScalarLanes.FirstLane(h4, h5), ScalarLanes.FirstLane(h6, h7));
        return BinaryPrimitives.ReverseEndianness(lane0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PowSearchResult SearchAvx2(ref Job job, ulong startNonce, long count, CancellationToken cancellationToken)
    {
        var limit = Vector256.Create(job.Limit);
        Span<Vector256<uint>> schedule = stackalloc Vector256<uint>[Sha256Pow.ScheduleLength];
        // Unsigned, so that the last step past a count near long.MaxValue cannot wrap.
        for (ulong done = 0; done < (ulong)count; done += Avx2Lanes.Width)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new PowSearchResult(false, 0, (long)done);
            }

            var nonce = startNonce + done;
            Avx2Batch(in job.Message, nonce, schedule, out var first, out var second);
            var candidates = Spread(
                Vector256.LessThanOrEqual(first, limit).ExtractMostSignificantBits(),
                Vector256.LessThanOrEqual(second, limit).ExtractMostSignificantBits());
            if (candidates != 0 && job.CheckCandidates(candidates, nonce, count - (long)done, out var found))
            {
                return new PowSearchResult(true, nonce + (ulong)found, (long)done + found + 1);
            }
        }

        return new PowSearchResult(false, 0, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Avx2Batch(in PowMessage message, ulong nonce, Span<Vector256<uint>> schedule, out Vector256<ulong> first, out Vector256<ulong> second)
    {
        var baseLow = Vector256.Create((uint)nonce);
        var low = baseLow + Vector256<uint>.Indices;
        var high = Vector256.Create((uint)(nonce >> 32)) - Vector256.LessThan(low, baseLow); // carry where the low word wrapped
        Sha256Pow.Compress<Vector256<uint>, Avx2Lanes>(
            Avx2Lanes.ByteSwapWords(low), Avx2Lanes.ByteSwapWords(high), in message, schedule,
            out var h0, out var h1, out var h2, out var h3, out var h4, out var h5, out var h6, out var h7);
        Avx2Lanes.Pair(Avx2Lanes.ByteSwapWords(h0), Avx2Lanes.ByteSwapWords(h1), out var a0, out var b0);
        Avx2Lanes.Pair(Avx2Lanes.ByteSwapWords(h2), Avx2Lanes.ByteSwapWords(h3), out var a1, out var b1);
        Avx2Lanes.Pair(Avx2Lanes.ByteSwapWords(h4), Avx2Lanes.ByteSwapWords(h5), out var a2, out var b2);
        Avx2Lanes.Pair(Avx2Lanes.ByteSwapWords(h6), Avx2Lanes.ByteSwapWords(h7), out var a3, out var b3);
        first = Avx2Lanes.ByteSwapLanes(KeccakPow.FirstLane<Vector256<ulong>, Avx2Lanes>(a0, a1, a2, a3));
        second = Avx2Lanes.ByteSwapLanes(KeccakPow.FirstLane<Vector256<ulong>, Avx2Lanes>(b0, b1, b2, b3));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PowSearchResult SearchAvx512(ref Job job, ulong startNonce, long count, CancellationToken cancellationToken)
    {
        var limit = Vector512.Create(job.Limit);
        Span<Vector512<uint>> schedule = stackalloc Vector512<uint>[Sha256Pow.ScheduleLength];
        // Unsigned, so that the last step past a count near long.MaxValue cannot wrap.
        for (ulong done = 0; done < (ulong)count; done += Avx512Lanes.Width)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new PowSearchResult(false, 0, (long)done);
            }

            var nonce = startNonce + done;
            Avx512Batch(in job.Message, nonce, schedule, out var first, out var second);
            var candidates = Spread(
                (uint)Vector512.LessThanOrEqual(first, limit).ExtractMostSignificantBits(),
                (uint)Vector512.LessThanOrEqual(second, limit).ExtractMostSignificantBits());
            if (candidates != 0 && job.CheckCandidates(candidates, nonce, count - (long)done, out var found))
            {
                return new PowSearchResult(true, nonce + (ulong)found, (long)done + found + 1);
            }
        }

        return new PowSearchResult(false, 0, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Avx512Batch(in PowMessage message, ulong nonce, Span<Vector512<uint>> schedule, out Vector512<ulong> first, out Vector512<ulong> second)
    {
        var baseLow = Vector512.Create((uint)nonce);
        var low = baseLow + Vector512<uint>.Indices;
        var high = Vector512.Create((uint)(nonce >> 32)) - Vector512.LessThan(low, baseLow); // carry where the low word wrapped
        Sha256Pow.Compress<Vector512<uint>, Avx512Lanes>(
            Avx512Lanes.ByteSwapWords(low), Avx512Lanes.ByteSwapWords(high), in message, schedule,
            out var h0, out var h1, out var h2, out var h3, out var h4, out var h5, out var h6, out var h7);
        Avx512Lanes.Pair(Avx512Lanes.ByteSwapWords(h0), Avx512Lanes.ByteSwapWords(h1), out var a0, out var b0);
        Avx512Lanes.Pair(Avx512Lanes.ByteSwapWords(h2), Avx512Lanes.ByteSwapWords(h3), out var a1, out var b1);
        Avx512Lanes.Pair(Avx512Lanes.ByteSwapWords(h4), Avx512Lanes.ByteSwapWords(h5), out var a2, out var b2);
        Avx512Lanes.Pair(Avx512Lanes.ByteSwapWords(h6), Avx512Lanes.ByteSwapWords(h7), out var a3, out var b3);
        first = Avx512Lanes.ByteSwapLanes(KeccakPow.FirstLane<Vector512<ulong>, Avx512Lanes>(a0, a1, a2, a3));
        second = Avx512Lanes.ByteSwapLanes(KeccakPow.FirstLane<Vector512<ulong>, Avx512Lanes>(b0, b1, b2, b3));
    }

    /// <summary>
    /// The nonce offset of element <paramref name="lane"/> of a kernel's first Keccak batch (the second batch's is 2
    /// more): the in-lane unpack of <see cref="Avx512Lanes.Pair"/> and <see cref="Avx2Lanes.Pair"/> takes nonces in
    /// pairs from each 128-bit group of four.
    /// </summary>
    private static int LaneNonce(int lane) => (lane & 1) | ((lane >> 1) << 2);

    /// <summary>Candidate bits of the two Keccak batches, rearranged so that bit i stands for nonce offset i.</summary>
    private static uint Spread(uint first, uint second)
    {
        uint spread = 0;
        for (; first != 0; first &= first - 1)
        {
            spread |= 1u << LaneNonce(BitOperations.TrailingZeroCount(first));
        }

        for (; second != 0; second &= second - 1)
        {
            spread |= 4u << LaneNonce(BitOperations.TrailingZeroCount(second));
        }

        return spread;
    }

    /// <summary>What a search needs about its <c>pre</c> and difficulty, on the stack.</summary>
    private ref struct Job
    {
        public readonly PowMessage Message;
        public readonly ulong Limit;
        private readonly ReadOnlySpan<byte> _pre;
        private readonly ulong _difficulty;

        public Job(ReadOnlySpan<byte> pre, ulong difficulty)
        {
            _pre = pre;
            _difficulty = difficulty;
            Message = new PowMessage(pre);

            // work × d ≤ 2^256 − 1 ⇔ work ≤ ⌊(2^256 − 1) / d⌋, whose top 64 bits are ⌊(2^64 − 1) / d⌋.
            Limit = difficulty == 0 ? ulong.MaxValue : ulong.MaxValue / difficulty;
        }

        /// <summary>The full check of one nonce whose seal prefix passed the filter.</summary>
        public readonly bool Verify(ulong nonce)
        {
            Span<byte> seal = stackalloc byte[PowSeal.HashSize];
            PowSeal.Create(_pre, nonce, seal);
            return PowSeal.MeetsDifficulty(seal, _difficulty);
        }

        /// <summary>The first candidate offset below <paramref name="remaining"/> whose seal meets the difficulty.</summary>
        public readonly bool CheckCandidates(uint candidates, ulong batchStart, long remaining, out int found)
        {
            for (; candidates != 0; candidates &= candidates - 1)
            {
                var offset = BitOperations.TrailingZeroCount(candidates);
                if (offset >= remaining)
                {
                    break;
                }

                if (Verify(batchStart + (ulong)offset))
                {
                    found = offset;
                    return true;
                }
            }

            found = -1;
            return false;
        }
    }
}
