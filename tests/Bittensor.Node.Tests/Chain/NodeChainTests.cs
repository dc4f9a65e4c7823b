using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Chain;
using Bittensor.Node.Consensus;
using Bittensor.Node.Hosting;
using Bittensor.Node.Pool;
using Bittensor.Node.Storage;
using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Primitives.Trie;
using Bittensor.Runtime.Genesis;

namespace Bittensor.Node.Tests.Chain;

public sealed class NodeChainTests : IDisposable
{
    private const ulong Tao = 1_000_000_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("nodechain-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ChainDatabase OpenDb(string name = "a") => ChainDatabase.Open(Path.Combine(_dir, name + ".db"));

    private static byte[] Transfer(NodeChain chain, Ed25519KeyPair from, Ed25519KeyPair to, ulong amount, ulong nonce, ulong tip = 0) =>
        SignedTransaction.SignImmortal(from, new BalancesCall.TransferKeepAlive(to.PublicKey, amount), nonce, chain.Identity, tip).Encode();

    [Fact(Timeout = 60_000)]
    public async Task Genesis_is_written_once_and_found_again_on_reopen()
    {
        await Task.Yield();
        Hash32 genesis;
        using (var db = OpenDb())
        {
            var chain = NodeChain.Open(db, ChainSpecPresets.Dev(), new DevConsensus());
            genesis = chain.GenesisHash;
            Assert.Equal(0UL, chain.BestNumber);
            Assert.Equal(genesis, chain.BestHash);
            Assert.Equal(chain.BestHeader.StateRoot, chain.RecomputeStateRoot());
            Assert.Equal(NodeChain.GenesisParent("dev"), chain.BestHeader.ParentHash);
        }

        using (var db = OpenDb())
        {
            var chain = NodeChain.Open(db, ChainSpecPresets.Dev(), new DevConsensus());
            Assert.Equal(genesis, chain.GenesisHash);
            Assert.Equal(genesis, chain.Identity.GenesisHash);
        }

        // The local chain has the same genesis state apart from its authorities and its id: another chain entirely.
        using (var db = OpenDb())
        {
            var e = Assert.Throws<InvalidOperationException>(() => NodeChain.Open(db, ChainSpecPresets.Local(), new DevConsensus()));
            Assert.Contains("genesis", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Produced_blocks_move_balances_keep_receipts_and_an_incremental_state_root_equal_to_a_fresh_one()
    {
        await Task.Yield();
        using var db = OpenDb();
        var chain = NodeChain.Open(db, ChainSpecPresets.Dev(), new DevConsensus());
        var alice = DevAccounts.Alice;
        var bob = DevAccounts.Get("Bob");
        var bobBefore = chain.Read(r => r.Balances.Free(bob.PublicKey));
        var announced = new List<ulong>();
        chain.BlockImported += b => announced.Add(b.Number);

        var first = chain.Produce(1_000, [Transfer(chain, alice, bob, 5 * Tao, 0), Transfer(chain, alice, bob, 1 * Tao, 1)], alice);
        Assert.Empty(first.Rejected);
        Assert.Equal(2, first.Block.TransactionHashes.Count);
        var receipts = chain.GetReceipts(first.Block.Hash)!;
        Assert.All(receipts.Transactions, r => Assert.True(r.Success));
        Assert.Contains(receipts.Transactions[0].Events, e => e.Name == "Balances.Transfer");

        // A stale nonce and garbage are left out with their reasons; the block is made anyway.
        var second = chain.Produce(2_000, [Transfer(chain, alice, bob, 1 * Tao, 0), [1, 2, 3], Transfer(chain, alice, bob, 2 * Tao, 2)], alice);
        Assert.Equal([InvalidTransaction.Stale, InvalidTransaction.Malformed], second.Rejected.Select(r => r.Reason));
        Assert.Single(second.Block.TransactionHashes);

        Assert.Equal(2UL, chain.BestNumber);
        Assert.Equal([1UL, 2UL], announced);
        Assert.Equal(bobBefore + (8 * Tao), chain.Read(r => r.Balances.Free(bob.PublicKey)));
        Assert.Equal(chain.BestHeader.StateRoot, chain.RecomputeStateRoot());
        Assert.True(chain.BestHeader.HasValidSignature());
        Assert.Equal(first.Block.Hash, chain.BestHeader.ParentHash);
        var location = chain.FindTransaction(second.Block.TransactionHashes[0]);
        Assert.Equal(new TransactionLocation(second.Block.Hash, 2, 0), location);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_second_node_importing_the_blocks_reaches_the_same_state_and_refuses_tampered_blocks()
    {
        await Task.Yield();
        using var dbA = OpenDb("a");
        using var dbB = OpenDb("b");
        var a = NodeChain.Open(dbA, ChainSpecPresets.Dev(), new DevConsensus());
        var b = NodeChain.Open(dbB, ChainSpecPresets.Dev(), new DevConsensus());
        var alice = DevAccounts.Alice;
        var bob = DevAccounts.Get("Bob");
        var blocks = new List<Block>();
        for (ulong i = 0; i < 3; i++)
        {
            blocks.Add(a.Produce(1_000 * (i + 1), [Transfer(a, bob, alice, Tao, i)], alice).Block.Block);
        }

        var next = blocks[0];
        void Refused(Block block, BlockImportError expected)
        {
            var e = Assert.Throws<BlockImportException>(() => b.Import(block));
            Assert.Equal(expected, e.Error);
            Assert.Equal(0UL, b.BestNumber);
        }

        Refused(next with { Header = next.Header with { TimestampMs = next.Header.TimestampMs + 1 } }, BlockImportError.BadSignature);
        var wrongRoot = (next.Header with { StateRoot = Hash32.Of([1]) }).SignedBy(alice);
        Refused(next with { Header = wrongRoot }, BlockImportError.BadStateRoot);
        Refused(next with { Transactions = [] }, BlockImportError.BadExtrinsicsRoot);
        Refused(blocks[1], BlockImportError.NotOnBest);
        var bobBlock = next.Header with { Author = bob.PublicKey };
        Refused(next with { Header = bobBlock.SignedBy(bob) }, BlockImportError.UnauthorizedAuthor);
        var replay = new[] { next.Transactions[0], next.Transactions[0] };
        var invalidHeader = next.Header with { ExtrinsicsRoot = Block.ExtrinsicsRoot(replay) };
        Refused(new Block(invalidHeader.SignedBy(alice), replay), BlockImportError.InvalidTransaction);

        foreach (var block in blocks)
        {
            var imported = b.Import(block);
            Assert.Equal(block.Hash(), imported.Hash);
        }

        Assert.Equal(a.BestHash, b.BestHash);
        Assert.Equal(a.RecomputeStateRoot(), b.RecomputeStateRoot());
        Assert.Equal(a.GetReceipts(a.BestHash)!.Encode(), b.GetReceipts(b.BestHash)!.Encode());
    }

    [Fact(Timeout = 60_000)]
    public async Task Read_proofs_of_present_and_absent_keys_verify_against_the_header_of_their_block()
    {
        await Task.Yield();
        using var db = OpenDb();
        var chain = NodeChain.Open(db, ChainSpecPresets.Dev(), new DevConsensus());
        var alice = DevAccounts.Alice;
        var bob = DevAccounts.Get("Bob");
        var bobKey = chain.Read(r => r.System.Account.KeyOf(bob.PublicKey));
        var nobodyKey = chain.Read(r => r.System.Account.KeyOf(new Primitives.Accounts.AccountId(new byte[32])));
        var before = chain.BestHash;
        var valueBefore = chain.GetStorage(bobKey);
        chain.Produce(1_000, [Transfer(chain, alice, bob, 3 * Tao, 0)], alice);
        var after = chain.BestHash;

        Assert.NotEqual(valueBefore, chain.GetStorage(bobKey));
        Assert.Equal(valueBefore, chain.GetStorage(bobKey, before));

        foreach (var at in new[] { before, after })
        {
            var header = chain.GetHeader(at)!;
            var proof = ReadProof.Decode(chain.Prove([bobKey, nobodyKey], at).Encode());
            var (ok, value) = ReadProofVerifier.Verify(header.StateRoot.Bytes, proof, bobKey);
            Assert.True(ok);
            Assert.Equal(chain.GetStorage(bobKey, at), value);
            var (okAbsent, absent) = ReadProofVerifier.Verify(header.StateRoot.Bytes, proof, nobodyKey);
            Assert.True(okAbsent);
            Assert.Null(absent);
        }

        // A proof for the old state does not pass for the new root.
        var old = chain.Prove([bobKey], before);
        Assert.False(ReadProofVerifier.Verify(chain.BestHeader.StateRoot.Bytes, old, bobKey).Ok);
    }
    [Fact(Timeout = 60_000)]
    public async Task A_pooled_transactions_signature_is_verified_once_at_admission_not_again_when_its_block_is_built_or_the_pool_revalidated()
    {
        await Task.Yield();
        using var db = OpenDb();
        var verifier = new CountingVerifier();
        var chain = NodeChain.Open(db, ChainSpecPresets.Dev(), new DevConsensus(), verifier);
        var validator = new ChainPoolValidator(chain);
        var pool = new TransactionPool();
        var alice = DevAccounts.Alice;
        var bob = DevAccounts.Get("Bob");
        for (ulong n = 0; n < 5; n++)
        {
            pool.Submit(Transfer(chain, alice, bob, Tao, n), validator);
        }

        Assert.Equal(5, verifier.Calls);
        var firstTwo = pool.ReadyInOrder(2);
        var produced = chain.Produce(1_000, firstTwo, alice);
        Assert.Empty(produced.Rejected);
        Assert.Empty(pool.Revalidate([.. produced.Block.TransactionHashes], validator));
        Assert.Equal((3, 3), (pool.Count, pool.ReadyCount));
        Assert.Equal(5, verifier.Calls);

        // Raw bytes (a block author's own list, not pool entries) are verified as always: a forged signature is refused.
        var forged = SignedTransaction.Decode(Transfer(chain, alice, bob, Tao, 2)) with { Signature = new Signature(SignatureScheme.Ed25519, new byte[64]) };
        var refused = chain.Produce(2_000, [forged.Encode()], alice);
        Assert.Equal(InvalidTransaction.BadProof, Assert.Single(refused.Rejected).Reason);
        Assert.Equal(6, verifier.Calls);
    }

    /// <summary>The node's own verifier, counting the signatures it is asked to check (no cache in front of it).</summary>
    private sealed class CountingVerifier : ISignatureVerifier
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public bool Verify(Primitives.Accounts.AccountId signer, ReadOnlySpan<byte> message, Signature signature)
        {
            Interlocked.Increment(ref _calls);
            return DefaultSignatureVerifier.Instance.Verify(signer, message, signature);
        }
    }
}
