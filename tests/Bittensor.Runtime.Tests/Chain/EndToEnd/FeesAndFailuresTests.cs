using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Balances;
using Bittensor.Runtime.Genesis;
using Bittensor.Runtime.Subtensor;
using Bittensor.Runtime.Tests.Chain.Invariants;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Runtime.Tests.Chain.EndToEnd;

/// <summary>What users pay and what a block refuses: failing calls, invalid transactions, and senate motions.</summary>
public sealed class FeesAndFailuresTests
{
    private const ulong Tao = 1_000_000_000;

    private static readonly Ed25519KeyPair Alice = DevAccounts.Alice;
    private static readonly Ed25519KeyPair Bob = DevAccounts.Bob;
    private static readonly Ed25519KeyPair Charlie = DevAccounts.Charlie;

    private static ulong FeeOf(SignedTransaction tx) => FeeSchedule.Fee(tx.Encode().Length);

    [Fact]
    public void AFailingTransferInABlock_KeepsItsFeeAndNonce_ButNotItsEffects()
    {
        var chain = new DevChain();
        var tooMuch = chain.Submit(Bob, new BalancesCall.TransferKeepAlive(Charlie.PublicKey, 2 * ChainSpecPresets.DevBalance));
        var fine = chain.Submit(Bob, new BalancesCall.TransferKeepAlive(Charlie.PublicKey, 5 * Tao));
        Assert.Equal(2UL, chain.NextNonce(Bob.PublicKey));

        var receipts = chain.ProduceBlock();

        Assert.Equal(2, receipts.Count);
        Assert.False(receipts[0].Success);
        Assert.Equal(FeeOf(tooMuch), receipts[0].Fee);
        Assert.Contains(new BalancesEvent.FeePaid(Bob.PublicKey, FeeOf(tooMuch)), receipts[0].Events);
        Assert.DoesNotContain(receipts[0].Events, e => e is BalancesEvent.Transfer);
        Assert.True(receipts[1].Success);
        Assert.Contains(new BalancesEvent.Transfer(Bob.PublicKey, Charlie.PublicKey, 5 * Tao), receipts[1].Events);

        var fees = FeeOf(tooMuch) + FeeOf(fine);
        Assert.Equal(2UL, chain.Runtime.System.Nonce(Bob.PublicKey));
        Assert.Equal(ChainSpecPresets.DevBalance - (5 * Tao) - fees, chain.Free(Bob.PublicKey));
        Assert.Equal(ChainSpecPresets.DevBalance + (5 * Tao), chain.Free(Charlie.PublicKey));

        // Fees are burnt: both issuance counters fall by exactly the fees (a documented deviation keeps them together).
        var genesisIssuance = ChainSpecPresets.DevBalance * 6;
        Assert.Equal(genesisIssuance - fees, chain.Runtime.Balances.TotalIssuance.Get());
        Assert.Equal(genesisIssuance - fees, chain.Runtime.Subtensor.S.TotalIssuance.Get());
    }

    [Fact]
    public void AFailingFreeCall_CostsNothingButItsNonce()
    {
        var chain = new DevChain();
        var receipt = chain.Include(Bob, new SubtensorCall.AddStake(DevAccounts.Get("Bob//nobody").PublicKey, Tao));

        Assert.Equal(SubtensorError.NotRegistered.ToString(), receipt.Error?.Name);
        Assert.Equal(0UL, receipt.Fee);
        Assert.Empty(receipt.Events);
        Assert.Equal(1UL, chain.Runtime.System.Nonce(Bob.PublicKey));
        Assert.Equal(ChainSpecPresets.DevBalance, chain.Free(Bob.PublicKey));
        Assert.Equal(0UL, chain.Runtime.Subtensor.S.TotalStake.Get());
    }

    [Fact]
    public void ABlockWithABadSignature_IsRefusedWhole_AndTheStoreIsUnchanged()
    {
        var chain = new DevChain();
        chain.RunBlocks(3);
        var before = ChainInvariants.Snapshot(chain.Store);
        var parent = chain.LastBlockHash;

        chain.Submit(Alice, new BalancesCall.TransferKeepAlive(Bob.PublicKey, 7 * Tao));
        var bobs = SignedTransaction.SignImmortal(Bob, new BalancesCall.TransferKeepAlive(Charlie.PublicKey, 7 * Tao), 0, chain.Identity);
        var forged = bobs.Encode();
        forged[40] ^= 0x01; // inside the signature: version (1), signer (32) and scheme tag (1) come first
        chain.SubmitEncoded(forged);

        var e = Assert.Throws<TransactionValidityException>(() => chain.ProduceBlock());
        Assert.Equal(InvalidTransaction.BadProof, e.Reason);
        Assert.Equal(before, ChainInvariants.Snapshot(chain.Store));
        Assert.Equal(3UL, chain.Block);
        Assert.Equal(parent, chain.LastBlockHash);
        Assert.Equal(0, chain.PendingCount);

        // The chain goes on: the same good transfer makes it into the next block.
        var receipt = chain.Include(Alice, new BalancesCall.TransferKeepAlive(Bob.PublicKey, 7 * Tao));
        Assert.True(receipt.Success);
        Assert.Equal(4UL, chain.Block);
        Assert.Equal(1UL, chain.Runtime.System.Nonce(Alice.PublicKey));
    }

    [Fact]
    public void ReplayingAnIncludedTransaction_IsStale_AndRefusesTheBlockWithoutAChange()
    {
        var chain = new DevChain();
        var transfer = chain.Submit(Alice, new BalancesCall.TransferKeepAlive(Bob.PublicKey, 3 * Tao));
        Assert.True(Assert.Single(chain.ProduceBlock()).Success);
        var before = ChainInvariants.Snapshot(chain.Store);

        chain.Submit(Charlie, new BalancesCall.TransferKeepAlive(Bob.PublicKey, Tao));
        chain.SubmitEncoded(transfer.Encode());
        var e = Assert.Throws<TransactionValidityException>(() => chain.ProduceBlock());

        Assert.Equal(InvalidTransaction.Stale, e.Reason);
        Assert.Equal(before, ChainInvariants.Snapshot(chain.Store));
        Assert.Equal(1UL, chain.Block);
        Assert.Equal(0UL, chain.NextNonce(Charlie.PublicKey));

        // A nonce ahead of the account's is refused too (Future), also without a trace.
        chain.SubmitEncoded(SignedTransaction.SignImmortal(Charlie, new BalancesCall.TransferKeepAlive(Bob.PublicKey, Tao), 1, chain.Identity).Encode());
        Assert.Equal(InvalidTransaction.Future, Assert.Throws<TransactionValidityException>(() => chain.ProduceBlock()).Reason);
        Assert.Equal(before, ChainInvariants.Snapshot(chain.Store));
    }

    [Fact]
    public void ATransactionForAnotherChain_IsABadProof()
    {
        var chain = new DevChain();
        var local = new DevChain(ChainSpecPresets.Local());
        chain.SubmitEncoded(SignedTransaction.SignImmortal(Alice, new BalancesCall.TransferKeepAlive(Bob.PublicKey, Tao), 0, local.Identity).Encode());

        Assert.Equal(InvalidTransaction.BadProof, Assert.Throws<TransactionValidityException>(() => chain.ProduceBlock()).Reason);
        Assert.Equal(0UL, chain.Block);
    }

    [Fact]
    public void ASenateMotion_ProposedByTheTriumvirate_VotedAndClosed_ChangesTheTempo()
    {
        var chain = new DevChain();
        var s = chain.Runtime.Subtensor.S;
        var governance = chain.Runtime.Governance;
        var dave = DevAccounts.Dave;
        var eve = DevAccounts.Eve;

        // The dev senators are bare hotkeys: to vote, each claims its own key by registering it on subnet 1.
        chain.Submit(dave, new SubtensorCall.BurnedRegister(1, dave.PublicKey));
        chain.Submit(eve, new SubtensorCall.BurnedRegister(1, eve.PublicKey));
        Assert.All(chain.ProduceBlock(), r => Assert.True(r.Success));

        // Alice (triumvirate) proposes a tempo of 30 for subnet 1; proposing pays the normal fee.
        RuntimeCall motion = new SubtensorCall.Sudo(new AdminCall.SudoSetTempo(1, 30));
        var hash = Hash32.Of(motion.ToBytes());
        var propose = chain.Submit(Alice, new TriumvirateCall.Propose(motion, 1_000, MotionDuration));
        var proposed = Assert.Single(chain.ProduceBlock());
        Assert.True(proposed.Success);
        Assert.Equal(FeeOf(propose), proposed.Fee);
        Assert.Equal([hash], governance.Proposals.Get());
        Assert.Equal(2U, governance.Voting.Get(hash).Threshold);

        // A senator's first vote on the motion is free, whichever way it goes.
        var daveFree = chain.Free(dave.PublicKey);
        var eveFree = chain.Free(eve.PublicKey);
        chain.Submit(dave, new SubtensorCall.Vote(dave.PublicKey, hash, 0, true));
        chain.Submit(eve, new SubtensorCall.Vote(eve.PublicKey, hash, 0, false));
        var votes = chain.ProduceBlock();
        Assert.All(votes, r => Assert.True(r.Success));
        Assert.All(votes, r => Assert.Equal(0UL, r.Fee));
        Assert.Equal(daveFree, chain.Free(dave.PublicKey));
        Assert.Equal(eveFree, chain.Free(eve.PublicKey));

        // Closing now is too early: one aye of the two needed, and a nay could still be outvoted.
        var early = chain.Include(Bob, new TriumvirateCall.Close(hash, 0, 0, 1_000));
        Assert.Equal("TooEarly", early.Error?.Name);
        Assert.Equal((ushort)20, s.Tempo.Get(1));

        // Eve changes her mind: a second vote on the same motion pays.
        var change = chain.Submit(eve, new SubtensorCall.Vote(eve.PublicKey, hash, 0, true));
        var changed = Assert.Single(chain.ProduceBlock());
        Assert.True(changed.Success);
        Assert.Equal(FeeOf(change), changed.Fee);
        Assert.Equal(eveFree - FeeOf(change), chain.Free(eve.PublicKey));

        // Two ayes of three seats: Bob (triumvirate) closes, the motion runs as root and the tempo changes.
        var closed = chain.Include(Bob, new TriumvirateCall.Close(hash, 0, 0, 1_000));
        Assert.True(closed.Success);
        Assert.Equal((ushort)30, s.Tempo.Get(1));
        Assert.Contains(closed.Events, e => e is SubtensorEvent.TempoSet);
        Assert.Empty(governance.Proposals.Get());
        Assert.False(governance.Voting.Contains(hash));

        // The motion is gone: voting on it again fails (and, no longer a first vote, pays).
        var late = chain.Include(dave, new SubtensorCall.Vote(dave.PublicKey, hash, 0, false));
        Assert.Equal("ProposalMissing", late.Error?.Name);
        Assert.True(late.Fee > 0);
    }

    [Fact]
    public void AVoteWithASenatorsHotkeyByAnotherColdkey_Fails_AndPaysItsFee()
    {
        var chain = new DevChain();
        RuntimeCall motion = new SubtensorCall.Sudo(new AdminCall.SudoSetTempo(1, 30));
        var hash = Hash32.Of(motion.ToBytes());
        Assert.True(chain.Include(Alice, new TriumvirateCall.Propose(motion, 1_000, MotionDuration)).Success);

        // Genesis senators own their own hotkeys; Alice does not own Dave's, so her vote with it fails and is not free.
        var tx = chain.Submit(Alice, new SubtensorCall.Vote(DevAccounts.Dave.PublicKey, hash, 0, true));
        var vote = Assert.Single(chain.ProduceBlock());
        Assert.Equal(SubtensorError.NonAssociatedColdKey.ToString(), vote.Error?.Name);
        Assert.Equal(FeeOf(tx), vote.Fee);
        Assert.Empty(chain.Runtime.Governance.Voting.Get(hash).Ayes);

        // Dave himself can vote at once, for free.
        var own = chain.Include(DevAccounts.Dave, new SubtensorCall.Vote(DevAccounts.Dave.PublicKey, hash, 0, true));
        Assert.True(own.Success);
        Assert.Equal(0UL, own.Fee);
    }

    [Fact]
    public void ClosingADisapprovedMotion_IsFree_AndClosingAnApprovedOnePays()
    {
        var chain = new DevChain();
        RuntimeCall motion = new SubtensorCall.Sudo(new AdminCall.SudoSetTempo(1, 30));
        var hash = Hash32.Of(motion.ToBytes());
        Assert.True(chain.Include(Alice, new TriumvirateCall.Propose(motion, 1_000, MotionDuration)).Success);
        Assert.True(chain.Include(DevAccounts.Dave, new SubtensorCall.Vote(DevAccounts.Dave.PublicKey, hash, 0, false)).Success);
        Assert.True(chain.Include(DevAccounts.Eve, new SubtensorCall.Vote(DevAccounts.Eve.PublicKey, hash, 0, false)).Success);

        var bobFree = chain.Free(Bob.PublicKey);
        var closed = chain.Include(Bob, new TriumvirateCall.Close(hash, 0, 0, 1_000));
        Assert.True(closed.Success);
        Assert.Contains(closed.Events, e => e is Runtime.Governance.CollectiveEvent.Disapproved);
        Assert.Equal(0UL, closed.Fee);
        Assert.Equal(bobFree, chain.Free(Bob.PublicKey));
        Assert.Equal((ushort)20, chain.Runtime.Subtensor.S.Tempo.Get(1));

        RuntimeCall second = new SubtensorCall.Sudo(new AdminCall.SudoSetTempo(1, 31));
        var secondHash = Hash32.Of(second.ToBytes());
        Assert.True(chain.Include(Alice, new TriumvirateCall.Propose(second, 1_000, MotionDuration)).Success);
        Assert.True(chain.Include(DevAccounts.Dave, new SubtensorCall.Vote(DevAccounts.Dave.PublicKey, secondHash, 1, true)).Success);
        Assert.True(chain.Include(DevAccounts.Eve, new SubtensorCall.Vote(DevAccounts.Eve.PublicKey, secondHash, 1, true)).Success);
        var approved = chain.Include(Bob, new TriumvirateCall.Close(secondHash, 1, 0, 1_000));
        Assert.True(approved.Success);
        Assert.True(approved.Fee > 0);
        Assert.Equal((ushort)31, chain.Runtime.Subtensor.S.Tempo.Get(1));
    }

    private const ulong MotionDuration = Runtime.Governance.GovernanceModule.MotionDuration;
}
