using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bittensor.Models.Kernels;

/// <summary>The register-blocked inner loops <see cref="ManagedGemm"/> can run on.</summary>
public enum ManagedGemmKernel
{
    /// <summary>The widest this processor runs well: <see cref="Vector512"/>, else <see cref="Vector256"/>, else scalar.</summary>
    Auto,

    /// <summary>8×32 tiles of <see cref="Vector512{T}"/> fused multiply-adds (AVX-512F).</summary>
    Vector512,

    /// <summary>6×16 tiles of <see cref="Vector256{T}"/> multiply-adds (AVX2/FMA).</summary>
    Vector256,

    /// <summary>4×4 tiles in plain floats; the fallback for any processor.</summary>
    Scalar,
}

/// <summary>
/// The managed single-precision GEMM: op(A) and op(B) are copied block by block into packed panels (alpha folded into
/// A), and a register-blocked micro-kernel multiplies an MR-row panel of A with an NR-column panel of B, keeping the
/// MR×NR tile of C in vector registers. B is blocked KC×NC to stay in the core's L2 cache while one MR×KC panel of A
/// sits in L1. Problems worth more than about a million multiply-adds are split across threads by columns (or rows,
/// when C is taller than wide), each thread with its own packing buffers.
/// </summary>
public sealed class ManagedGemm : IGemmBackend
{
    /// <summary>Multiply-adds below which a product runs on the calling thread only.</summary>
    private const long ParallelThreshold = 1L << 20;

    private readonly int _mr;
    private readonly int _nr;
    private readonly int _mc;
    private readonly int _kc;
    private readonly int _nc;

    [ThreadStatic]
    private static float[]? _packBuffer;

    /// <summary>The shared instance: the widest kernel, one thread per core.</summary>
    public static readonly ManagedGemm Instance = new();

    /// <param name="maxThreads">The most threads one product uses; 0 means one per core.</param>
    /// <param name="kernel">The micro-kernel; <see cref="ManagedGemmKernel.Auto"/> picks the widest supported.</param>
    public ManagedGemm(int maxThreads = 0, ManagedGemmKernel kernel = ManagedGemmKernel.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxThreads);
        MaxThreads = maxThreads == 0 ? Environment.ProcessorCount : maxThreads;
        Kernel = kernel == ManagedGemmKernel.Auto ? Widest : kernel;
        if (!IsSupported(Kernel))
        {
            throw new PlatformNotSupportedException(
                $"GEMM: the {Kernel} kernel needs instructions this processor (or this runtime's settings) does not offer; use {Widest} or Auto.");
        }

        (_mr, _nr, _mc, _kc, _nc) = Kernel switch
        {
            ManagedGemmKernel.Vector512 => (8, 32, 256, 256, 512),
            ManagedGemmKernel.Vector256 => (6, 16, 240, 256, 512),
            _ => (4, 4, 128, 256, 256),
        };
    }

    public string Name => "managed";

    public int MaxThreads { get; }

    public ManagedGemmKernel Kernel { get; }

    /// <summary>The widest kernel the hardware accelerates.</summary>
    public static ManagedGemmKernel Widest =>
        Vector512.IsHardwareAccelerated ? ManagedGemmKernel.Vector512
        : Vector256.IsHardwareAccelerated ? ManagedGemmKernel.Vector256
        : ManagedGemmKernel.Scalar;

    public static bool IsSupported(ManagedGemmKernel kernel) => kernel switch
    {
        ManagedGemmKernel.Auto or ManagedGemmKernel.Scalar => true,
        ManagedGemmKernel.Vector512 => Vector512.IsHardwareAccelerated,
        ManagedGemmKernel.Vector256 => Vector256.IsHardwareAccelerated,
        _ => false,
    };

    public override string ToString() => $"managed ({Kernel} {_mr}×{_nr} kernel, up to {MaxThreads} threads)";

    public unsafe void Sgemm(
        bool transposeA,
        bool transposeB,
        int m,
        int n,
        int k,
        float alpha,
        ReadOnlySpan<float> a,
        int lda,
        ReadOnlySpan<float> b,
        int ldb,
        float beta,
        Span<float> c,
        int ldc)
    {
        GemmArguments.Check(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var problem = new Problem(transposeA, transposeB, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            var threads = (int)Math.Clamp((long)m * n * k / ParallelThreshold, 1, MaxThreads);
            if (threads == 1 || k == 0 || alpha == 0)
            {
                Run(problem, 0, m, 0, n);
                return;
            }

            // Split the longer side of C into equal slices aligned to the micro-tile, one per thread.
            var byColumns = n >= m;
            var (length, unit) = byColumns ? (n, _nr) : (m, _mr);
            var units = (length + unit - 1) / unit;
            threads = Math.Min(threads, units);
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var start = Math.Min(length, (int)((long)units * t / threads) * unit);
                var end = Math.Min(length, (int)((long)units * (t + 1) / threads) * unit);
                if (byColumns)
                {
                    Run(problem, 0, m, start, end);
                }
                else
                {
                    Run(problem, start, end, 0, n);
                }
            });
        }
    }

    private readonly unsafe struct Problem(
        bool transposeA, bool transposeB, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        public readonly bool TransposeA = transposeA;
        public readonly bool TransposeB = transposeB;
        public readonly int K = k;
        public readonly float Alpha = alpha;
        public readonly float* A = a;
        public readonly nint Lda = lda;
        public readonly float* B = b;
        public readonly nint Ldb = ldb;
        public readonly float Beta = beta;
        public readonly float* C = c;
        public readonly nint Ldc = ldc;
    }

    /// <summary>C[i0..i1, j0..j1] on the current thread.</summary>
    private unsafe void Run(in Problem p, int i0, int i1, int j0, int j1)
    {
        if (p.K == 0 || p.Alpha == 0)
        {
            ScaleC(p, i0, i1, j0, j1);
            return;
        }

        var packASize = RoundUp(Math.Min(_mc, i1 - i0), _mr) * _kc;
        var packBSize = RoundUp(Math.Min(_nc, j1 - j0), _nr) * _kc;
        var buffer = PackBuffer(packASize + packBSize + 32 + (_mr * _nr));
        fixed (float* raw = buffer)
        {
            // Align the panels to a cache line: every vector load in the micro-kernel then stays within one line.
            var aligned = (float*)(((nint)raw + 63) & ~(nint)63);
            var packA = aligned;
            var packB = aligned + packASize;
            var edge = packB + packBSize;
            for (var jc = j0; jc < j1; jc += _nc)
            {
                var nc = Math.Min(_nc, j1 - jc);
                for (var pc = 0; pc < p.K; pc += _kc)
                {
                    var kc = Math.Min(_kc, p.K - pc);
                    PackB(p, pc, kc, jc, nc, packB);
                    var mode = pc > 0 || p.Beta == 1 ? StoreMode.Accumulate : p.Beta == 0 ? StoreMode.Overwrite : StoreMode.Scale;
                    for (var ic = i0; ic < i1; ic += _mc)
                    {
                        var mc = Math.Min(_mc, i1 - ic);
                        PackA(p, ic, mc, pc, kc, packA);
                        Macro(p, ic, mc, jc, nc, kc, packA, packB, edge, mode);
                    }
                }
            }
        }
    }

    private unsafe void Macro(
        in Problem p, int ic, int mc, int jc, int nc, int kc, float* packA, float* packB, float* edge, StoreMode mode)
    {
        for (var ir = 0; ir < mc; ir += _mr)
        {
            var rows = Math.Min(_mr, mc - ir);
            var panelA = packA + ((nint)ir * kc);
            for (var jr = 0; jr < nc; jr += _nr)
            {
                var cols = Math.Min(_nr, nc - jr);
                var panelB = packB + ((nint)jr * kc);
                var target = p.C + ((ic + ir) * p.Ldc) + jc + jr;
                if (rows == _mr && cols == _nr)
                {
                    MicroKernel(kc, panelA, panelB, target, p.Ldc, p.Beta, mode);
                }
                else
                {
                    MicroKernel(kc, panelA, panelB, edge, _nr, 0, StoreMode.Overwrite);
                    for (var r = 0; r < rows; r++)
                    {
                        var from = edge + (r * _nr);
                        var to = target + (r * p.Ldc);
                        for (var j = 0; j < cols; j++)
                        {
                            to[j] = mode switch
                            {
                                StoreMode.Accumulate => to[j] + from[j],
                                StoreMode.Overwrite => from[j],
                                _ => (p.Beta * to[j]) + from[j],
                            };
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void MicroKernel(int kc, float* a, float* b, float* c, nint ldc, float beta, StoreMode mode)
    {
        switch (Kernel)
        {
            case ManagedGemmKernel.Vector512:
                MicroKernels.Kernel8x32(kc, a, b, c, ldc, beta, mode);
                break;
            case ManagedGemmKernel.Vector256:
                MicroKernels.Kernel6x16(kc, a, b, c, ldc, beta, mode);
                break;
            default:
                MicroKernels.Kernel4x4(kc, a, b, c, ldc, beta, mode);
                break;
        }
    }

    /// <summary>
    /// Copies alpha · op(A)[ic..ic+mc, pc..pc+kc] into panels of MR rows: panel r holds, for each p, the MR values of
    /// column p, so the micro-kernel reads it front to back. Rows past the edge are zero.
    /// </summary>
    private unsafe void PackA(in Problem p, int ic, int mc, int pc, int kc, float* dst)
    {
        var mr = _mr;
        var alpha = p.Alpha;
        for (var ir = 0; ir < mc; ir += mr)
        {
            var rows = Math.Min(mr, mc - ir);
            var panel = dst + ((nint)ir * kc);
            if (p.TransposeA)
            {
                // A is stored k×m: the MR values of one column of op(A) are adjacent.
                var src = p.A + ((nint)pc * p.Lda) + ic + ir;
                if (rows == 8 && mr == 8 && Vector256.IsHardwareAccelerated)
                {
                    var scale = Vector256.Create(alpha);
                    for (var q = 0; q < kc; q++)
                    {
                        Vector256.Store(Vector256.Load(src + (q * p.Lda)) * scale, panel + (q * 8));
                    }
                }
                else
                {
                    for (var q = 0; q < kc; q++)
                    {
                        var row = src + (q * p.Lda);
                        var to = panel + (q * mr);
                        var r = 0;
                        for (; r < rows; r++)
                        {
                            to[r] = alpha * row[r];
                        }

                        for (; r < mr; r++)
                        {
                            to[r] = 0;
                        }
                    }
                }
            }
            else
            {
                // A is stored m×k: each row of the panel becomes a column of the packed panel, 8×8 blocks at a time
                // where the panel is 8 rows tall.
                var src = p.A + ((ic + ir) * p.Lda) + pc;
                var q0 = 0;
                if (rows == 8 && mr == 8 && Avx.IsSupported)
                {
                    for (; q0 + 8 <= kc; q0 += 8)
                    {
                        Transpose8x8(src + q0, p.Lda, panel + (q0 * 8), 8, alpha);
                    }
                }

                for (var r = 0; r < rows; r++)
                {
                    var row = src + (r * p.Lda);
                    var to = panel + r;
                    for (var q = q0; q < kc; q++)
                    {
                        to[q * mr] = alpha * row[q];
                    }
                }

                for (var r = rows; r < mr; r++)
                {
                    for (var q = 0; q < kc; q++)
                    {
                        panel[(q * mr) + r] = 0;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Copies op(B)[pc..pc+kc, jc..jc+nc] into panels of NR columns: panel j holds, for each p, the NR values of row
    /// p. Columns past the edge are zero.
    /// </summary>
    private unsafe void PackB(in Problem p, int pc, int kc, int jc, int nc, float* dst)
    {
        var nr = _nr;
        for (var jr = 0; jr < nc; jr += nr)
        {
            var cols = Math.Min(nr, nc - jr);
            var panel = dst + ((nint)jr * kc);
            if (!p.TransposeB)
            {
                // B is stored k×n: the NR values of one row of op(B) are adjacent.
                var src = p.B + ((nint)pc * p.Ldb) + jc + jr;
                if (cols == nr && (nr & 15) == 0 && Vector512.IsHardwareAccelerated)
                {
                    for (var q = 0; q < kc; q++)
                    {
                        var row = src + (q * p.Ldb);
                        var to = panel + (q * nr);
                        for (var j = 0; j < nr; j += 16)
                        {
                            Vector512.Store(Vector512.Load(row + j), to + j);
                        }
                    }
                }
                else if (cols == nr && (nr & 7) == 0 && Vector256.IsHardwareAccelerated)
                {
                    for (var q = 0; q < kc; q++)
                    {
                        var row = src + (q * p.Ldb);
                        var to = panel + (q * nr);
                        for (var j = 0; j < nr; j += 8)
                        {
                            Vector256.Store(Vector256.Load(row + j), to + j);
                        }
                    }
                }
                else
                {
                    for (var q = 0; q < kc; q++)
                    {
                        var row = src + (q * p.Ldb);
                        var to = panel + (q * nr);
                        var j = 0;
                        for (; j < cols; j++)
                        {
                            to[j] = row[j];
                        }

                        for (; j < nr; j++)
                        {
                            to[j] = 0;
                        }
                    }
                }
            }
            else
            {
                // B is stored n×k: each stored row is a column of op(B), moved 8×8 blocks at a time.
                var src = p.B + ((jc + jr) * p.Ldb) + pc;
                var q0 = 0;
                if (cols == nr && (nr & 7) == 0 && Avx.IsSupported)
                {
                    for (; q0 + 8 <= kc; q0 += 8)
                    {
                        for (var j = 0; j < nr; j += 8)
                        {
                            Transpose8x8(src + (j * p.Ldb) + q0, p.Ldb, panel + (q0 * nr) + j, nr, 1f);
                        }
                    }
                }

                for (var j = 0; j < cols; j++)
                {
                    var row = src + (j * p.Ldb);
                    var to = panel + j;
                    for (var q = q0; q < kc; q++)
                    {
                        to[q * nr] = row[q];
                    }
                }

                for (var j = cols; j < nr; j++)
                {
                    for (var q = 0; q < kc; q++)
                    {
                        panel[(q * nr) + j] = 0;
                    }
                }
            }
        }
    }

    /// <summary>
    /// dst[c·dstStride + r] = scale · src[r·srcStride + c] for an 8×8 block: the classic unpack, shuffle and
    /// lane-permute transpose.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose8x8(float* src, nint srcStride, float* dst, nint dstStride, float scale)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + srcStride);
        var r2 = Avx.LoadVector256(src + (2 * srcStride));
        var r3 = Avx.LoadVector256(src + (3 * srcStride));
        var r4 = Avx.LoadVector256(src + (4 * srcStride));
        var r5 = Avx.LoadVector256(src + (5 * srcStride));
        var r6 = Avx.LoadVector256(src + (6 * srcStride));
        var r7 = Avx.LoadVector256(src + (7 * srcStride));

        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);

        var s = Vector256.Create(scale);
        Avx.Store(dst, s * Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, s * Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + (2 * dstStride), s * Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + (3 * dstStride), s * Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + (4 * dstStride), s * Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + (5 * dstStride), s * Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + (6 * dstStride), s * Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + (7 * dstStride), s * Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>C = beta · C on a block, for products with nothing to add (k = 0 or alpha = 0).</summary>
    private static unsafe void ScaleC(in Problem p, int i0, int i1, int j0, int j1)
    {
        if (p.Beta == 1)
        {
            return;
        }

        for (var i = i0; i < i1; i++)
        {
            var row = new Span<float>(p.C + (i * p.Ldc) + j0, j1 - j0);
            if (p.Beta == 0)
            {
                row.Clear();
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, p.Beta, row);
            }
        }
    }

    private static float[] PackBuffer(int length)
    {
        var buffer = _packBuffer;
        if (buffer is null || buffer.Length < length)
        {
            buffer = GC.AllocateUninitializedArray<float>(length, pinned: true);
            _packBuffer = buffer;
        }

        return buffer;
    }

    private static int RoundUp(int value, int unit) => (value + unit - 1) / unit * unit;
}

/// <summary>How a micro-kernel writes its tile: C += AB, C = AB, or C = beta·C + AB.</summary>
internal enum StoreMode
{
    Accumulate,
    Overwrite,
    Scale,
}
