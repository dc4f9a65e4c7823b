using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;
using Bittensor.Runtime.Subtensor;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Runtime.Tests.Chain.EndToEnd;

/// <summary>
/// Emission from genesis to stake, through signed transactions only: Alice votes subnet 1 up on root, validators and
/// miners join subnet 1, validators weight the miners, and the root and subnet epochs turn block emission into stake
/// and the owner's cut.
/// </summary>
public sealed class EmissionEndToEndTests
{
    private const ulong Tao = 1_000_000_000;

    private static readonly Ed25519KeyPair Alice = DevAccounts.Alice;
    private static readonly Ed25519KeyPair AliceRoot = DevAccounts.Get("Alice//root");
    private static readonly Ed25519KeyPair BobValidator = DevAccounts.Get("Bob//validator");
    private static readonly Ed25519KeyPair CharlieValidator = DevAccounts.Get("Charlie//validator");
    private static readonly Ed25519KeyPair DaveMiner = DevAccounts.Get("Dave//miner");
    private static readonly Ed25519KeyPair EveMiner = DevAccounts.Get("Eve//miner");

    private static void AssertAllSucceeded(IReadOnlyList<ApplyResult> receipts)
    {
        foreach (var receipt in receipts)
        {
            Assert.True(receipt.Success, $"a transaction failed with {receipt.Error}");
        }
    }

    /// <summary>Sets up the story up to block 2: root validator, subnet-1 neurons, stakes, owner's settings.</summary>
    private static DevChain SetUpSubnet1()
    {
        var chain = new DevChain();

        // Block 1: Alice becomes a root validator; four hotkeys join subnet 1 by burning TAO.
        chain.Submit(Alice, new SubtensorCall.RootRegister(AliceRoot.PublicKey));
        chain.Submit(DevAccounts.Bob, new SubtensorCall.BurnedRegister(1, BobValidator.PublicKey));
        chain.Submit(DevAccounts.Charlie, new SubtensorCall.BurnedRegister(1, CharlieValidator.PublicKey));
        chain.Submit(DevAccounts.Dave, new SubtensorCall.BurnedRegister(1, DaveMiner.PublicKey));
        chain.Submit(DevAccounts.Eve, new SubtensorCall.BurnedRegister(1, EveMiner.PublicKey));
        AssertAllSucceeded(chain.ProduceBlock());

        // Block 2: stake behind the root validator and the two subnet validators; Alice, as subnet 1's owner, pins the
        // weight limits a small subnet needs (owner-origin setters through signed transactions).
        chain.Submit(Alice, new SubtensorCall.AddStake(AliceRoot.PublicKey, 1_000 * Tao));
        chain.Submit(DevAccounts.Bob, new SubtensorCall.AddStake(BobValidator.PublicKey, 20_000 * Tao));
        chain.Submit(DevAccounts.Charlie, new SubtensorCall.AddStake(CharlieValidator.PublicKey, 10_000 * Tao));
        chain.Submit(Alice, new AdminCall.SudoSetMaxWeightLimit(1, ushort.MaxValue));
        chain.Submit(Alice, new AdminCall.SudoSetMinAllowedWeights(1, 1));
        AssertAllSucceeded(chain.ProduceBlock());
        return chain;
    }

    private static ushort Uid(DevChain chain, Ed25519KeyPair hotkey) => chain.Runtime.Subtensor.S.Uids.Get(1, hotkey.PublicKey);

    [Fact]
    public void SetUp_RegistersNeuronsOnRootAndSubnet1_AndRootRegistrationJoinsTheSenate()
    {
        var chain = SetUpSubnet1();
        var s = chain.Runtime.Subtensor.S;

        Assert.Equal((ushort)1, s.SubnetworkN.Get(0));
        Assert.Equal((ushort)4, s.SubnetworkN.Get(1));
        Assert.Equal(Alice.PublicKey, s.Owner.Get(AliceRoot.PublicKey));
        Assert.Equal(DevAccounts.Dave.PublicKey, s.Owner.Get(DaveMiner.PublicKey));
        Assert.Equal(1_000 * Tao, chain.StakeOf(AliceRoot.PublicKey));
        Assert.Equal(20_000 * Tao, chain.StakeOf(BobValidator.PublicKey));
        Assert.Equal(0UL, chain.StakeOf(DaveMiner.PublicKey));
        Assert.Contains(AliceRoot.PublicKey, chain.Runtime.Governance.SenateMembers.Members);

        // Burned registration costs the subnet's burn (1 TAO) and no fee.
        Assert.Equal(ChainSpecPresets.DevBalance - Tao, chain.Free(DevAccounts.Dave.PublicKey));
        Assert.Equal(0UL, s.EmissionValues.Get(1));
    }

    [Fact]
    public void RootAndSubnetEpochs_TurnEmissionIntoStakeAndTheOwnersCut()
    {
        var chain = SetUpSubnet1();
        var s = chain.Runtime.Subtensor.S;

        // The first subnet-1 epoch (block 18; tempo 20) hands out validator permits by stake.
        chain.RunTo(18);
        Assert.Equal(18UL, s.LastMechanismStepBlock.Get(1));
        Assert.All(s.ValidatorPermit.Get(1), Assert.True);

        // Both validators weight both miners.
        var miners = new[] { Uid(chain, DaveMiner), Uid(chain, EveMiner) };
        chain.Submit(BobValidator, new SubtensorCall.SetWeights(1, miners, [40_000, 60_000], 0));
        chain.Submit(CharlieValidator, new SubtensorCall.SetWeights(1, miners, [50_000, 50_000], 0));
        AssertAllSucceeded(chain.ProduceBlock());

        // The root validator registered at block 1 and may set weights once the root rate limit (100 blocks) has
        // passed: too early it fails (free of fees), at block 101 it puts all its weight on subnet 1.
        chain.RunTo(99);
        var early = chain.Include(AliceRoot, new SubtensorCall.SetWeights(0, [1], [ushort.MaxValue], 0));
        Assert.Equal(SubtensorError.SettingWeightsTooFast.ToString(), early.Error?.Name);
        Assert.Equal(0UL, early.Fee);
        Assert.True(chain.Include(AliceRoot, new SubtensorCall.SetWeights(0, [1], [ushort.MaxValue], 0)).Success);
        Assert.Equal(101UL, chain.Block);

        // The root epoch of block 99 had no weights; the next one (block 200) gives subnet 1 its emission.
        chain.RunTo(199);
        Assert.Equal(0UL, s.EmissionValues.Get(1));
        Assert.Equal(0UL, s.PendingEmission.Get(1));
        chain.ProduceBlock();
        var perBlock = s.EmissionValues.Get(1);
        Assert.True(perBlock > 0, "the root epoch gave subnet 1 no emission");
        Assert.True(perBlock <= s.BlockEmission.Get());

        // From here on no transaction runs: every rao minted is stake or the owner's free balance.
        var aliceFree = chain.Free(Alice.PublicKey);
        var issuance = s.TotalIssuance.Get();
        var balancesIssuance = chain.Runtime.Balances.TotalIssuance.Get();
        var totalStake = s.TotalStake.Get();
        var stakes = new[] { BobValidator, CharlieValidator, DaveMiner, EveMiner }.ToDictionary(k => k.PublicKey, k => chain.StakeOf(k.PublicKey));
        var start = chain.Block;
        var pendingAtStart = s.PendingEmission.Get(1);
        ulong ownerCuts = 0;
        ulong minted = 0;
        var epochs = new List<ulong>();
        while (chain.Block < 300)
        {
            chain.ProduceBlock();
            var value = s.EmissionValues.Get(1);
            var (cut, rest) = SubtensorModule.OwnerCut(value, s.SubnetOwnerCut.Get());
            ownerCuts += cut;
            minted += rest;
            if (s.LastMechanismStepBlock.Get(1) == chain.Block)
            {
                epochs.Add(chain.Block);
            }
        }

        // Subnet 1 ran an epoch every 21 blocks.
        Assert.Equal([207UL, 228, 249, 270, 291], epochs);
        Assert.True(ownerCuts > 0);

        // The owner received exactly the per-block cuts, as free balance counted on both issuance counters.
        var ownerGain = chain.Free(Alice.PublicKey) - aliceFree;
        Assert.Equal(ownerCuts, ownerGain);
        Assert.Equal(balancesIssuance + ownerGain, chain.Runtime.Balances.TotalIssuance.Get());

        // Stake grew by exactly what the issuance grew, less the owner's cut.
        var stakeGain = s.TotalStake.Get() - totalStake;
        Assert.Equal(s.TotalIssuance.Get() - issuance, stakeGain + ownerGain);

        // What was paid as stake is what was set aside for the epochs (the pending emission at the start, plus
        // each block's rest), less what is still pending, less the epochs' rounding (a few rao per neuron).
        Assert.False(s.LoadedEmission.Contains(1));
        Assert.True(stakeGain > 0);
        var setAside = pendingAtStart + minted - s.PendingEmission.Get(1);
        Assert.InRange(setAside - stakeGain, 0UL, 5UL * 4 * 10);

        // Validators earned dividends, miners earned incentive; the root validator's stake is untouched.
        foreach (var (hotkey, before) in stakes)
        {
            Assert.True(chain.StakeOf(hotkey) > before, $"{hotkey} earned nothing");
        }

        Assert.Equal(1_000 * Tao, chain.StakeOf(AliceRoot.PublicKey));
        Assert.True(chain.StakeOf(EveMiner.PublicKey) > chain.StakeOf(DaveMiner.PublicKey), "the miner with more weight should earn more");
        Assert.Equal(start + 100, chain.Block);
    }
}
