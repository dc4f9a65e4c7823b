using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bittensor.Models.Kernels;

/// <summary>
/// The register-blocked inner loops of <see cref="ManagedGemm"/>. Each multiplies a packed MR×kc panel of A (MR values
/// per step of k) with a packed kc×NR panel of B (NR values per step) and writes the MR×NR tile to C with row stride
/// <c>ldc</c>, keeping the whole tile in registers: 16 accumulators of 16 floats for the AVX-512 kernel, 12 of 8 for
/// the AVX2 kernel. They are written out in full because the JIT keeps unrolled locals in registers, not arrays.
/// </summary>
internal static class MicroKernels
{
    /// <summary>C[8×32] (+)= A panel (8 values per step) · B panel (32 values per step), over kc steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Kernel8x32(int kc, float* a, float* b, float* c, nint ldc, float beta, StoreMode mode)
    {
        // The tile of C is touched only after the loop: ask for its 16 cache lines now, so they arrive during it.
        if (Sse.IsSupported)
        {
            for (var r = 0; r < 8; r++)
            {
                Sse.Prefetch0(c + (r * ldc));
                Sse.Prefetch0(c + (r * ldc) + 16);
            }
        }

        var c00 = Vector512<float>.Zero; var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero; var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero; var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero; var c31 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero; var c41 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero; var c51 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero; var c61 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero; var c71 = Vector512<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
            b += 32;
        }

        switch (mode)
        {
            case StoreMode.Accumulate:
                {
                    Vector512.Store(Vector512.Load(c) + c00, c);
                    Vector512.Store(Vector512.Load(c + 16) + c01, c + 16);
                    Vector512.Store(Vector512.Load(c + ldc) + c10, c + ldc);
                    Vector512.Store(Vector512.Load(c + ldc + 16) + c11, c + ldc + 16);
                    Vector512.Store(Vector512.Load(c + (2 * ldc)) + c20, c + (2 * ldc));
                    Vector512.Store(Vector512.Load(c + (2 * ldc) + 16) + c21, c + (2 * ldc) + 16);
                    Vector512.Store(Vector512.Load(c + (3 * ldc)) + c30, c + (3 * ldc));
                    Vector512.Store(Vector512.Load(c + (3 * ldc) + 16) + c31, c + (3 * ldc) + 16);
                    Vector512.Store(Vector512.Load(c + (4 * ldc)) + c40, c + (4 * ldc));
                    Vector512.Store(Vector512.Load(c + (4 * ldc) + 16) + c41, c + (4 * ldc) + 16);
                    Vector512.Store(Vector512.Load(c + (5 * ldc)) + c50, c + (5 * ldc));
                    Vector512.Store(Vector512.Load(c + (5 * ldc) + 16) + c51, c + (5 * ldc) + 16);
                    Vector512.Store(Vector512.Load(c + (6 * ldc)) + c60, c + (6 * ldc));
                    Vector512.Store(Vector512.Load(c + (6 * ldc) + 16) + c61, c + (6 * ldc) + 16);
                    Vector512.Store(Vector512.Load(c + (7 * ldc)) + c70, c + (7 * ldc));
                    Vector512.Store(Vector512.Load(c + (7 * ldc) + 16) + c71, c + (7 * ldc) + 16);
                    break;
                }

            case StoreMode.Overwrite:
                {
                    Vector512.Store(c00, c);
                    Vector512.Store(c01, c + 16);
                    Vector512.Store(c10, c + ldc);
                    Vector512.Store(c11, c + ldc + 16);
                    Vector512.Store(c20, c + (2 * ldc));
                    Vector512.Store(c21, c + (2 * ldc) + 16);
                    Vector512.Store(c30, c + (3 * ldc));
                    Vector512.Store(c31, c + (3 * ldc) + 16);
                    Vector512.Store(c40, c + (4 * ldc));
                    Vector512.Store(c41, c + (4 * ldc) + 16);
                    Vector512.Store(c50, c + (5 * ldc));
                    Vector512.Store(c51, c + (5 * ldc) + 16);
                    Vector512.Store(c60, c + (6 * ldc));
                    Vector512.Store(c61, c + (6 * ldc) + 16);
                    Vector512.Store(c70, c + (7 * ldc));
                    Vector512.Store(c71, c + (7 * ldc) + 16);
                    break;
                }

            case StoreMode.Scale:
                {
                    var scale = Vector512.Create(beta);
                    Vector512.Store((scale * Vector512.Load(c)) + c00, c);
                    Vector512.Store((scale * Vector512.Load(c + 16)) + c01, c + 16);
                    Vector512.Store((scale * Vector512.Load(c + ldc)) + c10, c + ldc);
                    Vector512.Store((scale * Vector512.Load(c + ldc + 16)) + c11, c + ldc + 16);
                    Vector512.Store((scale * Vector512.Load(c + (2 * ldc))) + c20, c + (2 * ldc));
                    Vector512.Store((scale * Vector512.Load(c + (2 * ldc) + 16)) + c21, c + (2 * ldc) + 16);
                    Vector512.Store((scale * Vector512.Load(c + (3 * ldc))) + c30, c + (3 * ldc));
                    Vector512.Store((scale * Vector512.Load(c + (3 * ldc) + 16)) + c31, c + (3 * ldc) + 16);
                    Vector512.Store((scale * Vector512.Load(c + (4 * ldc))) + c40, c + (4 * ldc));
                    Vector512.Store((scale * Vector512.Load(c + (4 * ldc) + 16)) + c41, c + (4 * ldc) + 16);
                    Vector512.Store((scale * Vector512.Load(c + (5 * ldc))) + c50, c + (5 * ldc));
                    Vector512.Store((scale * Vector512.Load(c + (5 * ldc) + 16)) + c51, c + (5 * ldc) + 16);
                    Vector512.Store((scale * Vector512.Load(c + (6 * ldc))) + c60, c + (6 * ldc));
                    Vector512.Store((scale * Vector512.Load(c + (6 * ldc) + 16)) + c61, c + (6 * ldc) + 16);
                    Vector512.Store((scale * Vector512.Load(c + (7 * ldc))) + c70, c + (7 * ldc));
                    Vector512.Store((scale * Vector512.Load(c + (7 * ldc) + 16)) + c71, c + (7 * ldc) + 16);
                    break;
                }
        }
    }

    /// <summary>C[6×16] (+)= A panel (6 values per step) · B panel (16 values per step), over kc steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Kernel6x16(int kc, float* a, float* b, float* c, nint ldc, float beta, StoreMode mode)
    {
        var c00 = Vector256<float>.Zero; var c01 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero; var c11 = Vector256<float>.Zero;
        var c20 = Vector256<float>.Zero; var c21 = Vector256<float>.Zero;
        var c30 = Vector256<float>.Zero; var c31 = Vector256<float>.Zero;
        var c40 = Vector256<float>.Zero; var c41 = Vector256<float>.Zero;
        var c50 = Vector256<float>.Zero; var c51 = Vector256<float>.Zero;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma256(a0, b0, c00);
            c01 = Fma256(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma256(a1, b0, c10);
            c11 = Fma256(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma256(a2, b0, c20);
            c21 = Fma256(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma256(a3, b0, c30);
            c31 = Fma256(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma256(a4, b0, c40);
            c41 = Fma256(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma256(a5, b0, c50);
            c51 = Fma256(a5, b1, c51);
            a += 6;
            b += 16;
        }

        switch (mode)
        {
            case StoreMode.Accumulate:
                {
                    Vector256.Store(Vector256.Load(c) + c00, c);
                    Vector256.Store(Vector256.Load(c + 8) + c01, c + 8);
                    Vector256.Store(Vector256.Load(c + ldc) + c10, c + ldc);
                    Vector256.Store(Vector256.Load(c + ldc + 8) + c11, c + ldc + 8);
                    Vector256.Store(Vector256.Load(c + (2 * ldc)) + c20, c + (2 * ldc));
                    Vector256.Store(Vector256.Load(c + (2 * ldc) + 8) + c21, c + (2 * ldc) + 8);
                    Vector256.Store(Vector256.Load(c + (3 * ldc)) + c30, c + (3 * ldc));
                    Vector256.Store(Vector256.Load(c + (3 * ldc) + 8) + c31, c + (3 * ldc) + 8);
                    Vector256.Store(Vector256.Load(c + (4 * ldc)) + c40, c + (4 * ldc));
                    Vector256.Store(Vector256.Load(c + (4 * ldc) + 8) + c41, c + (4 * ldc) + 8);
                    Vector256.Store(Vector256.Load(c + (5 * ldc)) + c50, c + (5 * ldc));
                    Vector256.Store(Vector256.Load(c + (5 * ldc) + 8) + c51, c + (5 * ldc) + 8);
                    break;
                }

            case StoreMode.Overwrite:
                {
                    Vector256.Store(c00, c);
                    Vector256.Store(c01, c + 8);
                    Vector256.Store(c10, c + ldc);
                    Vector256.Store(c11, c + ldc + 8);
                    Vector256.Store(c20, c + (2 * ldc));
                    Vector256.Store(c21, c + (2 * ldc) + 8);
                    Vector256.Store(c30, c + (3 * ldc));
                    Vector256.Store(c31, c + (3 * ldc) + 8);
                    Vector256.Store(c40, c + (4 * ldc));
                    Vector256.Store(c41, c + (4 * ldc) + 8);
                    Vector256.Store(c50, c + (5 * ldc));
                    Vector256.Store(c51, c + (5 * ldc) + 8);
                    break;
                }

            case StoreMode.Scale:
                {
                    var scale = Vector256.Create(beta);
                    Vector256.Store((scale * Vector256.Load(c)) + c00, c);
                    Vector256.Store((scale * Vector256.Load(c + 8)) + c01, c + 8);
                    Vector256.Store((scale * Vector256.Load(c + ldc)) + c10, c + ldc);
                    Vector256.Store((scale * Vector256.Load(c + ldc + 8)) + c11, c + ldc + 8);
                    Vector256.Store((scale * Vector256.Load(c + (2 * ldc))) + c20, c + (2 * ldc));
                    Vector256.Store((scale * Vector256.Load(c + (2 * ldc) + 8)) + c21, c + (2 * ldc) + 8);
                    Vector256.Store((scale * Vector256.Load(c + (3 * ldc))) + c30, c + (3 * ldc));
                    Vector256.Store((scale * Vector256.Load(c + (3 * ldc) + 8)) + c31, c + (3 * ldc) + 8);
                    Vector256.Store((scale * Vector256.Load(c + (4 * ldc))) + c40, c + (4 * ldc));
                    Vector256.Store((scale * Vector256.Load(c + (4 * ldc) + 8)) + c41, c + (4 * ldc) + 8);
                    Vector256.Store((scale * Vector256.Load(c + (5 * ldc))) + c50, c + (5 * ldc));
                    Vector256.Store((scale * Vector256.Load(c + (5 * ldc) + 8)) + c51, c + (5 * ldc) + 8);
                    break;
                }
        }
    }

    /// <summary>C[4×4] (+)= A panel · B panel in plain floats.</summary>
    public static unsafe void Kernel4x4(int kc, float* a, float* b, float* c, nint ldc, float beta, StoreMode mode)
    {
        var acc = stackalloc float[16];
        for (var i = 0; i < 16; i++)
        {
            acc[i] = 0;
        }

        for (var p = 0; p < kc; p++)
        {
            for (var r = 0; r < 4; r++)
            {
                var x = a[r];
                acc[(r * 4) + 0] += x * b[0];
                acc[(r * 4) + 1] += x * b[1];
                acc[(r * 4) + 2] += x * b[2];
                acc[(r * 4) + 3] += x * b[3];
            }

            a += 4;
            b += 4;
        }

        for (var r = 0; r < 4; r++)
        {
            var row = c + (r * ldc);
            for (var j = 0; j < 4; j++)
            {
                var value = acc[(r * 4) + j];
                row[j] = mode switch
                {
                    StoreMode.Accumulate => row[j] + value,
                    StoreMode.Overwrite => value,
                    _ => (beta * row[j]) + value,
                };
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma256(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : c + (a * b);
}
