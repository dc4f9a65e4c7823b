using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Subtensor;
using static Bittensor.Runtime.Tests.Chain.Staking.ChainSetup;

namespace Bittensor.Runtime.Tests.Chain.Weights;

/// <summary>
/// <c>set_weights</c> (chain spec §3.1): one test per check in the reference's order (each with a later check
/// failing as well, so the order is pinned), then max-upscaling, stored order, self-weights and root weights.
/// </summary>
public sealed class SetWeightsTests
{
    private const ushort Net = 1;

    private static AccountId Hot(int uid) => TestChain.Account(100 + uid);

    private static AccountId Cold(int uid) => TestChain.Account(200 + uid);

    /// <summary>Subnet 1 with three neurons registered at block 0 (LastUpdate 0); uid 0 holds a validator permit.</summary>
    private static TestChain Chain()
    {
        var chain = new TestChain();
        AddNetwork(chain, Net);
        for (var i = 0; i < 3; i++)
        {
            Register(chain, Net, Hot(i), Cold(i));
        }

        SubtensorModule.SetAt(chain.Runtime.Subtensor.S.ValidatorPermit, Net, 0, true);
        chain.SetBlock(1_000);
        return chain;
    }

    private static SubtensorModule M(TestChain chain) => chain.Runtime.Subtensor;

    private static (ushort Dest, ushort Weight)[] Row(params (ushort Dest, ushort Weight)[] entries) => entries;

    private static SubtensorCall.SetWeights Call(ushort netuid, ushort[] dests, ushort[] weights, ulong version = 0) =>
        new(netuid, dests, weights, version);

    [Fact]
    public void Check1_LengthsDiffer_WeightVecNotEqualSize_BeforeNetworkCheck()
    {
        var chain = Chain();
        AssertFails(chain, Hot(0), Call(7, [0, 1], [1]), SubtensorError.WeightVecNotEqualSize);
        AssertFails(chain, Hot(0), Call(Net, [0], [1, 2]), SubtensorError.WeightVecNotEqualSize);
    }

    [Fact]
    public void Check2_NoSuchNetwork_NetworkDoesNotExist_BeforeLength()
    {
        var chain = Chain();
        AssertFails(chain, Hot(0), Call(7, [0, 1], [1, 1]), SubtensorError.NetworkDoesNotExist);
    }

    [Fact]
    public void Check3_MoreDestsThanNeurons_TooManyUids_BeforeRegistration()
    {
        var chain = Chain();
        AssertFails(chain, TestChain.Account(99), Call(Net, [0, 1, 2, 3], [1, 1, 1, 1]), SubtensorError.TooManyUids);
    }

    [Fact]
    public void Check4_HotkeyNotOnSubnet_NotRegistered_BeforeStake()
    {
        var chain = Chain();
        M(chain).S.WeightsMinStake.Set(1);
        AssertFails(chain, TestChain.Account(99), Call(Net, [0], [1]), SubtensorError.NotRegistered);
    }

    [Fact]
    public void Check5_StakeBelowWeightsMinStake_NotEnoughStakeToSetWeights_BeforeVersionKey()
    {
        var chain = Chain();
        M(chain).IncreaseStake(Cold(0), Hot(0), 999);
        M(chain).S.WeightsMinStake.Set(1_000);
        M(chain).S.WeightsVersionKey.Set(Net, 5);
        AssertFails(chain, Hot(0), Call(Net, [1], [1], 4), SubtensorError.NotEnoughStakeToSetWeights);

        M(chain).IncreaseStake(Cold(0), Hot(0), 1);
        AssertFails(chain, Hot(0), Call(Net, [1], [1], 4), SubtensorError.IncorrectNetworkVersionKey);
    }

    [Fact]
    public void Check6_VersionKeyTooOld_IncorrectNetworkVersionKey_BeforeRateLimit()
    {
        var chain = Chain();
        M(chain).S.WeightsVersionKey.Set(Net, 5);
        SubtensorModule.SetAt(M(chain).S.LastUpdate, Net, 0, 990UL);
        AssertFails(chain, Hot(0), Call(Net, [1], [1], 4), SubtensorError.IncorrectNetworkVersionKey);
        AssertFails(chain, Hot(0), Call(Net, [1], [1], 5), SubtensorError.SettingWeightsTooFast);
    }

    [Fact]
    public void Check6_NewerVersionKeyPasses()
    {
        var chain = Chain();
        M(chain).S.WeightsVersionKey.Set(Net, 5);
        AssertOk(chain, Hot(0), Call(Net, [1], [1], 6));
    }

    [Fact]
    public void Check7_WithinRateLimit_SettingWeightsTooFast_BeforePermit()
    {
        var chain = Chain();
        chain.SetBlock(10);
        var uid = Register(chain, Net, Hot(3), Cold(3));

        // A freshly appended uid starts at its registration block and must wait the full limit (100).
        chain.SetBlock(109);
        AssertFails(chain, Hot(3), Call(Net, [0], [1]), SubtensorError.SettingWeightsTooFast);
        chain.SetBlock(110);
        AssertFails(chain, Hot(3), Call(Net, [0], [1]), SubtensorError.NoValidatorPermit);
        AssertOk(chain, Hot(3), Call(Net, [uid], [1]));
        Assert.Equal(110UL, M(chain).S.LastUpdate.Get(Net)[uid]);

        chain.SetBlock(209);
        AssertFails(chain, Hot(3), Call(Net, [uid], [1]), SubtensorError.SettingWeightsTooFast);
        chain.SetBlock(210);
        AssertOk(chain, Hot(3), Call(Net, [uid], [1]));
    }

    [Fact]
    public void Check7_LastUpdateZero_AlwaysPasses()
    {
        var chain = Chain();
        M(chain).S.WeightsSetRateLimit.Set(Net, ulong.MaxValue);
        AssertOk(chain, Hot(0), Call(Net, [1], [1]));
        AssertFails(chain, Hot(0), Call(Net, [1], [1]), SubtensorError.SettingWeightsTooFast);
    }

    [Fact]
    public void Check8_NoPermit_NoValidatorPermit_BeforeDuplicates()
    {
        var chain = Chain();
        AssertFails(chain, Hot(1), Call(Net, [0, 0], [1, 1]), SubtensorError.NoValidatorPermit);
    }

    [Fact]
    public void Check9_DuplicateDests_DuplicateUids_BeforeInvalidUid()
    {
        var chain = Chain();
        AssertFails(chain, Hot(0), Call(Net, [0, 0, 7], [1, 1, 1]), SubtensorError.DuplicateUids);
    }

    [Fact]
    public void Check10_UnoccupiedUid_InvalidUid_BeforeWeightCount()
    {
        var chain = Chain();
        M(chain).S.MinAllowedWeights.Set(Net, 3);
        AssertFails(chain, Hot(0), Call(Net, [0, 9], [1, 1]), SubtensorError.InvalidUid);
    }

    [Fact]
    public void Check11_TooFewWeights_NotSettingEnoughWeights_BeforeMaxWeight()
    {
        var chain = Chain();
        M(chain).S.MinAllowedWeights.Set(Net, 3);
        M(chain).S.MaxWeightsLimit.Set(Net, 1_000);
        AssertFails(chain, Hot(0), Call(Net, [0, 1], [1, 100]), SubtensorError.NotSettingEnoughWeights);
    }

    [Fact]
    public void Check11_MinimumIsCappedBySubnetSize()
    {
        var chain = Chain();
        M(chain).S.MinAllowedWeights.Set(Net, 1_024);
        AssertFails(chain, Hot(0), Call(Net, [0, 1], [1, 1]), SubtensorError.NotSettingEnoughWeights);
        AssertOk(chain, Hot(0), Call(Net, [0, 1, 2], [1, 1, 1]));
    }

    [Fact]
    public void Check13_LargestNormalisedWeightAboveLimit_MaxWeightExceeded()
    {
        var chain = Chain();
        M(chain).S.MaxWeightsLimit.Set(Net, 32_768);

        // [2, 1] → [65535, 32768]: 65535 / 98303 ≈ 0.667 > 32768 / 65535.
        AssertFails(chain, Hot(0), Call(Net, [0, 1], [2, 1]), SubtensorError.MaxWeightExceeded);

        // Equal weights normalise to 0.5 <= 0.50001.
        AssertOk(chain, Hot(0), Call(Net, [0, 1], [7, 7]));
    }

    [Fact]
    public void Check13_ExactlyAtTheLimitPasses()
    {
        var chain = Chain();
        chain.Runtime.Subtensor.S.MaxWeightsLimit.Set(Net, 21_845); // 1/3 exactly: 65535 = 3 × 21845
        AssertOk(chain, Hot(0), Call(Net, [0, 1, 2], [5, 5, 5]));
        SubtensorModule.SetAt(M(chain).S.LastUpdate, Net, 0, 0UL);
        AssertFails(chain, Hot(0), Call(Net, [0, 1, 2], [5, 5, 6]), SubtensorError.MaxWeightExceeded);
    }

    [Fact]
    public void Effects_MaxUpscaled_InSubmissionOrder_LastUpdate_Event()
    {
        var chain = Chain();
        chain.SetBlock(1_234);
        AssertOk(chain, Hot(0), Call(Net, [2, 0, 1], [1, 2, 3]));

        Assert.Equal(Row((2, 21_845), (0, 43_690), (1, 65_535)), M(chain).S.Weights.Get(Net, 0));
        Assert.Equal(new ulong[] { 1_234, 0, 0 }, M(chain).S.LastUpdate.Get(Net));
        Assert.Equal(new SubtensorEvent.WeightsSet(Net, 0), chain.Events[^1]);
    }

    [Fact]
    public void MaxUpscale_LargeMaximum_UsesTheTruncatedRatio()
    {
        var chain = Chain();

        // max 40000 > 32768: each w × trunc(65535 / 40000), rounded.
        AssertOk(chain, Hot(0), Call(Net, [1, 0], [100, 40_000]));
        Assert.Equal(Row((1, 164), (0, 65_535)), M(chain).S.Weights.Get(Net, 0));
    }

    [Fact]
    public void MaxUpscale_AllZero_StaysZero()
    {
        var chain = Chain();
        AssertOk(chain, Hot(0), Call(Net, [0, 1], [0, 0]));
        Assert.Equal(Row((0, 0), (1, 0)), M(chain).S.Weights.Get(Net, 0));
    }

    [Fact]
    public void MaxUpscale_RoundsHalfAwayFromZero()
    {
        var chain = Chain();

        // 5 × 65535 / 10 = 32767.5 → 32768.
        AssertOk(chain, Hot(0), Call(Net, [0, 1], [5, 10]));
        Assert.Equal(Row((0, 32_768), (1, 65_535)), M(chain).S.Weights.Get(Net, 0));
    }

    [Fact]
    public void SelfWeight_NeedsNoPermit_NoMinimumCount_AndNoMaxLimit()
    {
        var chain = Chain();
        M(chain).S.MinAllowedWeights.Set(Net, 3);
        M(chain).S.MaxWeightsLimit.Set(Net, 1);
        AssertOk(chain, Hot(2), Call(Net, [2], [9]));
        Assert.Equal(Row((2, 65_535)), M(chain).S.Weights.Get(Net, 2));
        Assert.Equal(new SubtensorEvent.WeightsSet(Net, 2), chain.Events[^1]);
    }

    [Fact]
    public void SingleWeightOnAnotherUid_IsNotASelfWeight()
    {
        var chain = Chain();
        AssertFails(chain, Hot(2), Call(Net, [1], [9]), SubtensorError.NoValidatorPermit);
        M(chain).S.MaxWeightsLimit.Set(Net, 1_000);
        AssertFails(chain, Hot(0), Call(Net, [1], [9]), SubtensorError.MaxWeightExceeded);
    }

    [Fact]
    public void EmptyWeights_PassWhenTheMinimumAllows()
    {
        var chain = Chain();
        M(chain).S.MaxWeightsLimit.Set(Net, 1_000);
        M(chain).S.MinAllowedWeights.Set(Net, 0);
        AssertOk(chain, Hot(0), Call(Net, [], []));
        Assert.Empty(M(chain).S.Weights.Get(Net, 0));
    }

    [Fact]
    public void SignerIsTheHotkey_RootOriginIsBad()
    {
        var chain = Chain();
        Assert.Equal(Framework.DispatchError.BadOrigin, chain.Root(Call(Net, [0], [1])));
        AssertFails(chain, Cold(0), Call(Net, [0], [1]), SubtensorError.NotRegistered);
    }

    // ---- root (netuid 0): targets are netuids ----

    private static TestChain RootChain(out ushort uid)
    {
        var chain = new TestChain();
        AddNetwork(chain, 0);
        AddNetwork(chain, 1);
        AddNetwork(chain, 3);
        uid = Register(chain, 0, Hot(0), Cold(0));
        chain.SetBlock(500);
        return chain;
    }

    [Fact]
    public void Root_Check3_DestThatIsNoNetwork_InvalidUid_BeforeRegistration()
    {
        var chain = RootChain(out _);
        AssertFails(chain, TestChain.Account(99), Call(0, [1, 2], [1, 1]), SubtensorError.InvalidUid);
        AssertFails(chain, TestChain.Account(99), Call(0, [1, 3], [1, 1]), SubtensorError.NotRegistered);
    }

    [Fact]
    public void Root_SetsWeightsOverNetuids_WithoutPermitOrSizeLimit()
    {
        var chain = RootChain(out var uid);

        // One root member, three targets (root itself counts as a network); no validator permit needed.
        AssertOk(chain, Hot(0), Call(0, [3, 0, 1], [10, 1, 5]));
        Assert.Equal(Row((3, 65_535), (0, 6_554), (1, 32_768)), M(chain).S.Weights.Get(0, uid));
        Assert.Equal(500UL, M(chain).S.LastUpdate.Get(0)[uid]);
        Assert.Equal(new SubtensorEvent.WeightsSet(0, uid), chain.Events[^1]);
    }

    [Fact]
    public void Root_DuplicateNetuids_DuplicateUids()
    {
        var chain = RootChain(out _);
        AssertFails(chain, Hot(0), Call(0, [1, 1], [1, 1]), SubtensorError.DuplicateUids);
    }

    [Fact]
    public void Root_MaxWeightsLimitApplies()
    {
        var chain = RootChain(out _);
        M(chain).S.MaxWeightsLimit.Set(0, 32_768);
        AssertFails(chain, Hot(0), Call(0, [1, 3], [1, 3]), SubtensorError.MaxWeightExceeded);
        AssertOk(chain, Hot(0), Call(0, [1, 3], [3, 3]));
    }

    [Fact]
    public void Root_MinAllowedWeights_IsCappedByRootSize()
    {
        var chain = RootChain(out _);
        M(chain).S.MinAllowedWeights.Set(0, 2);

        // min(n = 1, 2) = 1: a single weight is enough; on root it is never a self-weight exemption.
        AssertOk(chain, Hot(0), Call(0, [1], [1]));
        SubtensorModule.SetAt(M(chain).S.LastUpdate, 0, 0, 0UL);
        AssertFails(chain, Hot(0), Call(0, [], []), SubtensorError.NotSettingEnoughWeights);
    }
}
