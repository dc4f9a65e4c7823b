using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Subtensor.Registration;

namespace Bittensor.Runtime.Tests.Chain.Registration;

/// <summary>The PoW seal and difficulty test against the vectors of chain spec §4.1–4.2.</summary>
public sealed class SealTests
{
    private static readonly byte[] ZeroHash = new byte[32];

    private static AccountId Key0102() => new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void PreHashOfZeroBlockHashAndCountingKey()
    {
        var joined = ZeroHash.Concat(Key0102().ToArray()).ToArray();
        Assert.Equal("a7e97cd5d4292ff21721d84d102847c4cc64634d0f8cb31348c56b62b7ea3668", Hex(Hashes.Keccak256(joined)));
    }

    [Theory]
    [InlineData(0UL, "ce14f02c22cb2d06f56f4dc0e0568ad3fe2353daf98d90b94bcbff172760bcf9")]
    [InlineData(1UL, "480c07bc31ab91b332b1f3c1f350fd2be0507d21ac3e2e2bf80485444bac48e8")]
    [InlineData(0x0102030405060708UL, "73281290bbe65ba5e0c527990bd48c1992de9efcd09cf6a47220fe34d6d5416c")]
    public void SealVectorsUseTheLittleEndianNonce(ulong nonce, string expected) =>
        Assert.Equal(expected, Hex(RegistrationSeal.Create(ZeroHash, nonce, Key0102())));

    [Fact]
    public void SealIsNotTheBigEndianVariant() =>
        Assert.NotEqual("964d8d540a269ed9ea0a0e8a8f47c7e1737ddb74acbd1e5244e462e4452651a4", Hex(RegistrationSeal.Create(ZeroHash, 1, Key0102())));

    [Fact]
    public void NonceOneSealMeetsDifficultyTwoButNotTenMillion()
    {
        var seal = RegistrationSeal.Create(ZeroHash, 1, Key0102());
        Assert.True(RegistrationSeal.MeetsDifficulty(seal, 2));
        Assert.False(RegistrationSeal.MeetsDifficulty(seal, 10_000_000));
    }

    [Fact]
    public void DifficultyBoundaryIsProductAtMostTwoTo256MinusOne()
    {
        var allOnes = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        Assert.True(RegistrationSeal.MeetsDifficulty(allOnes, 1));
        Assert.False(RegistrationSeal.MeetsDifficulty(allOnes, 2));

        // (2^256 − 1) / 3 = 0x5555…55: times 3 is exactly 2^256 − 1 (allowed), times 4 overflows.
        var third = Enumerable.Repeat((byte)0x55, 32).ToArray();
        Assert.True(RegistrationSeal.MeetsDifficulty(third, 3));
        Assert.False(RegistrationSeal.MeetsDifficulty(third, 4));

        // The first byte is the most significant: 2^248 × 255 fits, 2^248 × 256 does not.
        var top = new byte[32];
        top[0] = 1;
        Assert.True(RegistrationSeal.MeetsDifficulty(top, 255));
        Assert.False(RegistrationSeal.MeetsDifficulty(top, 256));

        // The last byte is the least significant.
        var bottom = new byte[32];
        bottom[31] = 1;
        Assert.True(RegistrationSeal.MeetsDifficulty(bottom, ulong.MaxValue));
        Assert.True(RegistrationSeal.MeetsDifficulty(new byte[32], ulong.MaxValue));
    }
}
