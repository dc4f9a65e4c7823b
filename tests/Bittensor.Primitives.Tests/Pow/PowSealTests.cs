using System.Buffers.Binary;
using System.Numerics;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Pow;

namespace Bittensor.Primitives.Tests.Pow;

/// <summary>The registration seal and difficulty test, with the test vectors of the chain specification (§4.1–4.2).</summary>
public sealed class PowSealTests
{
    private static readonly byte[] ZeroBlockHash = new byte[32];

    private static readonly AccountId Hotkey = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static readonly BigInteger Max256 = (BigInteger.One << 256) - 1;

    [Fact]
    public void Pre_MatchesTheSpecificationVector()
    {
        Assert.Equal("a7e97cd5d4292ff21721d84d102847c4cc64634d0f8cb31348c56b62b7ea3668", Hex.Encode(PowSeal.ComputePre(ZeroBlockHash, Hotkey)));
    }

    [Theory]
    [InlineData(0UL, "ce14f02c22cb2d06f56f4dc0e0568ad3fe2353daf98d90b94bcbff172760bcf9")]
    [InlineData(1UL, "480c07bc31ab91b332b1f3c1f350fd2be0507d21ac3e2e2bf80485444bac48e8")]
    [InlineData(0x0102030405060708UL, "73281290bbe65ba5e0c527990bd48c1992de9efcd09cf6a47220fe34d6d5416c")]
    public void Seal_MatchesTheSpecificationVectors_WithALittleEndianNonce(ulong nonce, string expected)
    {
        Assert.Equal(expected, Hex.Encode(PowSeal.Create(ZeroBlockHash, nonce, Hotkey)));

        var pre = PowSeal.ComputePre(ZeroBlockHash, Hotkey);
        Span<byte> seal = stackalloc byte[32];
        PowSeal.Create(pre, nonce, seal);
        Assert.Equal(expected, Hex.Encode(seal));
    }

    [Fact]
    public void BigEndianNonce_GivesTheV100Seal_WhichCreateDoesNotProduce()
    {
        // The specification's v1.0.0 vector, rebuilt from the hash primitives with the nonce's big-endian bytes.
        var pre = PowSeal.ComputePre(ZeroBlockHash, Hotkey);
        var input = new byte[40];
        BinaryPrimitives.WriteUInt64BigEndian(input, 1);
        pre.CopyTo(input, 8);
        var bigEndianSeal = Hashes.Keccak256(Hashes.Sha256(input));
        Assert.Equal("964d8d540a269ed9ea0a0e8a8f47c7e1737ddb74acbd1e5244e462e4452651a4", Hex.Encode(bigEndianSeal));
        Assert.NotEqual(bigEndianSeal, PowSeal.Create(ZeroBlockHash, 1, Hotkey));
    }

    [Fact]
    public void NonceOneSeal_MeetsDifficulty2_ButNotTenMillion()
    {
        var seal = PowSeal.Create(ZeroBlockHash, 1, Hotkey);
        Assert.True(PowSeal.MeetsDifficulty(seal, 2));
        Assert.False(PowSeal.MeetsDifficulty(seal, 10_000_000));
    }

    [Fact]
    public void DifficultyZeroAndOne_AreMetByEveryWork()
    {
        var all = Enumerable.Repeat((byte)0xff, 32).ToArray();
        foreach (var work in new[] { new byte[32], all, PowSeal.Create(ZeroBlockHash, 5, Hotkey) })
        {
            Assert.True(PowSeal.MeetsDifficulty(work, 0));
            Assert.True(PowSeal.MeetsDifficulty(work, 1));
        }
    }

    [Fact]
    public void AllOnesWork_FailsEveryDifficultyAboveOne()
    {
        var all = Enumerable.Repeat((byte)0xff, 32).ToArray();
        Assert.False(PowSeal.MeetsDifficulty(all, 2));
        Assert.False(PowSeal.MeetsDifficulty(all, ulong.MaxValue));
    }

    [Fact]
    public void ZeroWork_MeetsEveryDifficulty()
    {
        Assert.True(PowSeal.MeetsDifficulty(new byte[32], ulong.MaxValue));
    }

    [Theory]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(10_000_000UL)]
    [InlineData(1UL << 32)]
    [InlineData(ulong.MaxValue)]
    public void ExactBoundary_LargestMeetingWorkIsFloorOfMaxOverDifficulty(ulong difficulty)
    {
        var largest = Max256 / difficulty;
        Assert.True(PowSeal.MeetsDifficulty(ToWork(largest), difficulty));
        Assert.False(PowSeal.MeetsDifficulty(ToWork(largest + 1), difficulty));
    }

    [Fact]
    public void MeetsDifficulty_AgreesWithBigIntegerArithmetic()
    {
        var random = new Random(31);
        var work = new byte[32];
        for (var k = 0; k < 20_000; k++)
        {
            random.NextBytes(work);

            // Leading zero bytes make meeting the difficulty likely enough to test both outcomes.
            work.AsSpan(0, random.Next(0, 9)).Clear();
            var difficulty = (ulong)random.NextInt64() >> random.Next(0, 63);
            var expected = new BigInteger(work, isUnsigned: true, isBigEndian: true) * difficulty <= Max256;
            Assert.Equal(expected, PowSeal.MeetsDifficulty(work, difficulty));
        }
    }

    [Fact]
    public void Arguments_AreLengthChecked()
    {
        Assert.Throws<ArgumentException>(() => PowSeal.ComputePre(new byte[31], Hotkey));
        Assert.Throws<ArgumentException>(() => PowSeal.Create(new byte[33], 0, Hotkey));
        Assert.Throws<ArgumentException>(() => PowSeal.Create(new byte[32], 0, new byte[31]));
        Assert.Throws<ArgumentException>(() => PowSeal.Create(new byte[31], 0, new byte[32]));
        Assert.Throws<ArgumentException>(() => PowSeal.MeetsDifficulty(new byte[31], 1));
    }

    [Fact]
    public void CreateFromPre_DoesNotAllocate()
    {
        var pre = PowSeal.ComputePre(ZeroBlockHash, Hotkey);
        var seal = new byte[32];
        PowSeal.Create(pre, 0, seal);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (ulong nonce = 0; nonce < 10_000; nonce++)
        {
            PowSeal.Create(pre, nonce, seal);
            PowSeal.MeetsDifficulty(seal, 1_000_000);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static byte[] ToWork(BigInteger value)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var work = new byte[32];
        raw.CopyTo(work, 32 - raw.Length);
        return work;
    }
}
