using System.Buffers.Binary;
using System.Text;
using Bittensor.Node.Storage;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Microsoft.Data.Sqlite;

namespace Bittensor.Node.Tests.Storage;

public sealed class ChainDatabaseTests
{
    [Fact(Timeout = 30_000)]
    public async Task RoundTripsBlocksHeadersHashesReceiptsAndTransactionIndex()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        using var db = ChainDatabase.Open(dir.File("chain.db"));
        Assert.Null(db.BestNumber);
        Assert.Null(db.GetBlockHash(0));

        var genesis = MakeBlock(Hash32.Zero, 0);
        db.CommitBlock(Commit(genesis, receipts: [1, 2, 3]));
        var block1 = MakeBlock(genesis.Hash(), 1, Tx("a"), Tx("b"), Tx("c"));
        db.CommitBlock(Commit(block1, receipts: [9]));

        Assert.Equal(1UL, db.BestNumber);
        Assert.Equal(genesis.Hash(), db.GetBlockHash(0));
        Assert.Equal(block1.Hash(), db.GetBlockHash(1));
        Assert.Null(db.GetBlockHash(2));
        Assert.Null(db.GetBlockHash(ulong.MaxValue));

        Assert.Equal(block1.Header, db.GetHeader(block1.Hash()));
        var stored = db.GetBlock(block1.Hash());
        Assert.NotNull(stored);
        Assert.Equal(block1.Header, stored.Header);
        Assert.Equal(block1.Transactions, stored.Transactions);
        Assert.Empty(db.GetBlock(genesis.Hash())!.Transactions);
        Assert.Equal([1, 2, 3], db.GetReceipts(genesis.Hash()));
        Assert.Equal([9], db.GetReceipts(block1.Hash()));

        var unknown = Hash32.Of("unknown"u8);
        Assert.Null(db.GetHeader(unknown));
        Assert.Null(db.GetBlock(unknown));
        Assert.Null(db.GetReceipts(unknown));
        Assert.Null(db.FindTransaction(unknown));

        Assert.Equal(new TransactionLocation(block1.Hash(), 1, 0), db.FindTransaction(Hash32.Of(Tx("a"))));
        Assert.Equal(new TransactionLocation(block1.Hash(), 1, 2), db.FindTransaction(Hash32.Of(Tx("c"))));

        Assert.Null(db.GetMeta("chain_id"));
        db.SetMeta("chain_id", "bittensor-dev");
        db.SetMeta("chain_id", "bittensor-local");
        Assert.Equal("bittensor-local", db.GetMeta("chain_id"));
        Assert.Equal("1", db.GetMeta("best"));
        Assert.Throws<ArgumentException>(() => db.SetMeta("best", "7"));
        Assert.Throws<ArgumentException>(() => db.SetMeta("schema_version", "2"));
    }

    [Fact(Timeout = 30_000)]
    public async Task ReopenedFileHoldsEverythingInWriteAheadLogMode()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        var path = dir.File("chain.db");
        var genesis = MakeBlock(Hash32.Zero, 0);
        var block1 = MakeBlock(genesis.Hash(), 1, Tx("x"));
        var node = Encoding.UTF8.GetBytes("node");
        using (var db = ChainDatabase.Open(path))
        {
            Assert.Equal(Path.GetFullPath(path), db.Path);
            db.SetMeta("genesis", genesis.Hash().ToHex());
            db.CommitBlock(Commit(genesis, state: [Set("k1", "v1"), Set("k2", "v2")]));
            db.CommitBlock(Commit(block1, receipts: [7], state: [Set("k1", "v1b"), Delete("k2")], nodes: [(Hash32.Of(node), node)]));
            Assert.True(File.Exists(path + "-wal"));
        }

        using (var db = ChainDatabase.Open(path))
        {
            Assert.Equal(1UL, db.BestNumber);
            Assert.Equal(genesis.Hash().ToHex(), db.GetMeta("genesis"));
            Assert.Equal(block1.Header, db.GetHeader(block1.Hash()));
            Assert.Equal(block1.Transactions, db.GetBlock(block1.Hash())!.Transactions);
            Assert.Equal([7], db.GetReceipts(block1.Hash()));
            Assert.Equal(new TransactionLocation(block1.Hash(), 1, 0), db.FindTransaction(Hash32.Of(Tx("x"))));
            Assert.Equal(Bytes("v1b"), db.State.Get(Bytes("k1")));
            Assert.Null(db.State.Get(Bytes("k2")));
            Assert.Equal(node, db.TrieNodes.Get(Hash32.Of(node)));

            // The reopened database goes on from its best block.
            var block2 = MakeBlock(block1.Hash(), 2);
            db.CommitBlock(Commit(block2));
            Assert.Equal(2UL, db.BestNumber);
        }

        using (var connection = RawConnection(path))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", command.ExecuteScalar() as string);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task AppliesStateChangesDeletionsAndTrieNodes()
    {
        await Task.Yield();
        using var db = ChainDatabase.OpenInMemory();
        Assert.Equal(":memory:", db.Path);
        var genesis = MakeBlock(Hash32.Zero, 0);
        var nodeA = Bytes("node-a");
        db.CommitBlock(Commit(genesis, state: [Set("a", "1"), Set("b", "2"), Set("c", "3"), new(Bytes("empty"), []), new([], Bytes("empty key"))], nodes: [(Hash32.Of(nodeA), nodeA)]));
        Assert.Equal(Bytes("1"), db.State.Get(Bytes("a")));
        Assert.Equal(Array.Empty<byte>(), db.State.Get(Bytes("empty")));
        Assert.Equal(Bytes("empty key"), db.State.Get([]));
        Assert.Null(db.State.Get(Bytes("d")));

        // Overwrite, delete, delete of an absent key, and a change list that sets then deletes the same key (in order).
        var block1 = MakeBlock(genesis.Hash(), 1);
        var nodeB = Bytes("node-b");
        var otherEncodingOfA = Bytes("ignored");
        db.CommitBlock(Commit(
            block1,
            state: [Set("a", "1b"), Delete("b"), Delete("never-there"), Set("d", "4"), Delete("d"), Set("e", "5")],
            nodes: [(Hash32.Of(nodeB), nodeB), (Hash32.Of(nodeA), otherEncodingOfA)]));

        Assert.Equal(Bytes("1b"), db.State.Get(Bytes("a")));
        Assert.Null(db.State.Get(Bytes("b")));
        Assert.Equal(Bytes("3"), db.State.Get(Bytes("c")));
        Assert.Null(db.State.Get(Bytes("d")));
        Assert.Equal(Bytes("5"), db.State.Get(Bytes("e")));
        Assert.Equal(nodeB, db.TrieNodes.Get(Hash32.Of(nodeB)));
        Assert.Equal(nodeA, db.TrieNodes.Get(Hash32.Of(nodeA))); // INSERT OR IGNORE keeps the first
        Assert.Null(db.TrieNodes.Get(Hash32.Of(Bytes("node-c"))));

        Assert.Equal(["", "a", "c", "e", "empty"], db.ScanAllState().Select(e => Encoding.UTF8.GetString(e.Key)));
    }

    [Fact(Timeout = 30_000)]
    public async Task StateAndTrieNodesChangeOnlyThroughCommitBlock()
    {
        await Task.Yield();
        using var db = ChainDatabase.OpenInMemory();
        var set = Assert.Throws<InvalidOperationException>(() => db.State.Set(Bytes("k"), Bytes("v")));
        Assert.Contains("CommitBlock", set.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => db.State.Remove(Bytes("k")));
        var put = Assert.Throws<InvalidOperationException>(() => db.TrieNodes.Put(Hash32.Zero, [1]));
        Assert.Contains("CommitBlock", put.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScanReturnsAscendingByteOrderWithinPrefixBounds()
    {
        await Task.Yield();
        using var db = ChainDatabase.OpenInMemory();
        byte[][] keys =
        [
            [0x00], [0x01], [0x01, 0x00], [0x01, 0xFF], [0x01, 0xFF, 0xFF], [0x02], [0x7F, 0xFF],
            [0xFE], [0xFE, 0xFF], [0xFF], [0xFF, 0x00], [0xFF, 0xFF], [0xFF, 0xFF, 0x00], [0xFF, 0xFF, 0xFF, 0x01],
        ];

        // Committed in a shuffled order: the order out comes from the keys, not from the writes.
        var shuffled = keys.Reverse().Where((_, i) => i % 2 == 0).Concat(keys.Reverse().Where((_, i) => i % 2 == 1));
        db.CommitBlock(Commit(MakeBlock(Hash32.Zero, 0), state: [.. shuffled.Select(k => new KeyValuePair<byte[], byte[]?>(k, [.. k, 0xAA]))]));

        Assert.Equal(Hex(keys), Hex(db.State.Scan([]).Select(e => e.Key)));
        Assert.Equal(Hex(keys), Hex(db.ScanAllState().Select(e => e.Key)));
        Assert.All(db.State.Scan([]), e => Assert.Equal([.. e.Key, 0xAA], e.Value));

        Assert.Equal(["01", "0100", "01ff", "01ffff"], Hex(db.State.Scan([0x01]).Select(e => e.Key)));
        Assert.Equal(["01ff", "01ffff"], Hex(db.State.Scan([0x01, 0xFF]).Select(e => e.Key)));
        Assert.Equal(["fe", "feff"], Hex(db.State.Scan([0xFE]).Select(e => e.Key)));
        Assert.Equal(["ff", "ff00", "ffff", "ffff00", "ffffff01"], Hex(db.State.Scan([0xFF]).Select(e => e.Key)));
        Assert.Equal(["ffff", "ffff00", "ffffff01"], Hex(db.State.Scan([0xFF, 0xFF]).Select(e => e.Key)));
        Assert.Equal(["ffffff01"], Hex(db.State.Scan([0xFF, 0xFF, 0xFF]).Select(e => e.Key)));
        Assert.Empty(db.State.Scan([0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal(["7fff"], Hex(db.State.Scan([0x7F]).Select(e => e.Key)));
        Assert.Empty(db.State.Scan([0x03]));
        Assert.Empty(db.State.Scan([0x01, 0x00, 0x00]));
    }

    [Fact(Timeout = 30_000)]
    public async Task ScanAllStateReadsEveryEntryAcrossPages()
    {
        await Task.Yield();
        using var db = ChainDatabase.OpenInMemory();
        const int count = 3000;
        var changes = Enumerable.Range(0, count)
            .Select(i => new KeyValuePair<byte[], byte[]?>(BigEndian((uint)(i * 7919 % count)), BigEndian((uint)i)))
            .ToList();
        db.CommitBlock(Commit(MakeBlock(Hash32.Zero, 0), state: changes));

        var all = db.ScanAllState().ToList();
        Assert.Equal(count, all.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(BigEndian((uint)i), all[i].Key);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task RefusesBlocksThatDoNotExtendTheBestBlock()
    {
        await Task.Yield();
        using var db = ChainDatabase.OpenInMemory();
        var notGenesis = Assert.Throws<InvalidOperationException>(() => db.CommitBlock(Commit(MakeBlock(Hash32.Zero, 1))));
        Assert.Contains("genesis", notGenesis.Message, StringComparison.Ordinal);

        // Genesis may name any parent.
        var genesis = MakeBlock(Hash32.Of("anything"u8), 0);
        db.CommitBlock(Commit(genesis));

        var again = Assert.Throws<InvalidOperationException>(() => db.CommitBlock(Commit(MakeBlock(Hash32.Zero, 0))));
        Assert.Contains("next block is number 1", again.Message, StringComparison.Ordinal);
        var gap = Assert.Throws<InvalidOperationException>(() => db.CommitBlock(Commit(MakeBlock(genesis.Hash(), 2))));
        Assert.Contains("next block is number 1", gap.Message, StringComparison.Ordinal);
        var fork = Assert.Throws<InvalidOperationException>(() => db.CommitBlock(Commit(MakeBlock(Hash32.Of("other"u8), 1))));
        Assert.Contains("parent", fork.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => db.CommitBlock(Commit(MakeBlock(genesis.Hash(), 1, Tx("a"))) with { TransactionHashes = [] }));
        Assert.Throws<ArgumentException>(() => db.CommitBlock(Commit(MakeBlock(genesis.Hash(), 1)) with { BlockHash = Hash32.Zero }));

        Assert.Equal(0UL, db.BestNumber);
        Assert.Null(db.GetBlockHash(1));
        db.CommitBlock(Commit(MakeBlock(genesis.Hash(), 1)));
        Assert.Equal(1UL, db.BestNumber);
    }

    [Fact(Timeout = 30_000)]
    public async Task CommitThatFailsMidwayLeavesTheDatabaseAsBefore()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        var path = dir.File("chain.db");
        var node = Bytes("node");
        var genesis = MakeBlock(Hash32.Zero, 0, Tx("transfer"));
        using (var db = ChainDatabase.Open(path))
        {
            db.CommitBlock(Commit(genesis, state: [Set("balance", "100"), Set("keep", "1")], nodes: [(Hash32.Of(node), node)]));
            var before = Snapshot(db);

            // A replayed transaction: its hash is already indexed, so the index refuses it after the block row is
            // written.
            var replay = MakeBlock(genesis.Hash(), 1, Tx("fresh"), Tx("transfer"));
            var newNode = Bytes("new-node");
            Assert.Throws<InvalidOperationException>(() => db.CommitBlock(Commit(
                replay,
                state: [Set("balance", "50"), Delete("keep")],
                nodes: [(Hash32.Of(newNode), newNode)])));
            AssertUnchanged(db, before, replay, newNode);

            // A change list whose trie nodes are broken: the block, its index and the state are written before the
            // bad node is reached.
            var broken = MakeBlock(genesis.Hash(), 1, Tx("fresh"));
            Assert.Throws<ArgumentException>(() => db.CommitBlock(Commit(
                broken,
                state: [Set("balance", "50"), Delete("keep"), Set("new", "x")],
                nodes: [(Hash32.Of(newNode), newNode), (Hash32.Of(Bytes("missing")), null!)])));
            AssertUnchanged(db, before, broken, newNode);
            Assert.Null(db.State.Get(Bytes("new")));
        }

        using (var db = ChainDatabase.Open(path))
        {
            Assert.Equal(0UL, db.BestNumber);
            Assert.Null(db.GetBlockHash(1));
            Assert.Null(db.FindTransaction(Hash32.Of(Tx("fresh"))));
            Assert.Equal(Bytes("100"), db.State.Get(Bytes("balance")));

            // The same block, now well formed, commits.
            var good = MakeBlock(genesis.Hash(), 1, Tx("fresh"));
            db.CommitBlock(Commit(good, state: [Set("balance", "50"), Delete("keep")]));
            Assert.Equal(1UL, db.BestNumber);
            Assert.Equal(Bytes("50"), db.State.Get(Bytes("balance")));
            Assert.Null(db.State.Get(Bytes("keep")));
            Assert.Equal(new TransactionLocation(good.Hash(), 1, 0), db.FindTransaction(Hash32.Of(Tx("fresh"))));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task ATransactionWhosePrefixWasTaken_IsFoundThroughTheCollisionsTable()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        using var db = ChainDatabase.Open(dir.File("chain.db"));
        var genesis = MakeBlock(Hash32.Zero, 0);
        db.CommitBlock(Commit(genesis));

        // Block 1 indexes its transaction under a hash that shares its first 8 bytes with the real hash of block 2's
        // transaction (a Blake2b prefix collision cannot be found on purpose, so the first hash is made up).
        var second = Tx("second");
        var secondHash = Hash32.Of(second);
        var lookalike = new Hash32([.. secondHash.Bytes[..8], .. new byte[24]]);
        var block1 = MakeBlock(genesis.Hash(), 1, Tx("first"));
        db.CommitBlock(Commit(block1) with { TransactionHashes = [lookalike] });
        var block2 = MakeBlock(block1.Hash(), 2, Tx("filler"), second);
        db.CommitBlock(Commit(block2));

        Assert.Equal(new TransactionLocation(block2.Hash(), 2, 1), db.FindTransaction(secondHash));
        Assert.Equal(new TransactionLocation(block2.Hash(), 2, 0), db.FindTransaction(Hash32.Of(Tx("filler"))));

        // The made-up hash leads to block 1, whose transaction does not have it: not found, as for any other hash
        // that shares a stored prefix.
        Assert.Null(db.FindTransaction(lookalike));
        Assert.Null(db.FindTransaction(new Hash32([.. Hash32.Of(Tx("filler")).Bytes[..8], .. new byte[24]])));
    }

    [Fact(Timeout = 30_000)]
    public async Task AVersion1FileIsMigrated_ItsTransactionIndexRebuilt_AndEverythingElseKept()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        var path = dir.File("chain.db");
        var genesis = MakeBlock(Hash32.Zero, 0, Tx("g"));
        var block1 = MakeBlock(genesis.Hash(), 1, Tx("a"), Tx("b"));
        using (var db = ChainDatabase.Open(path))
        {
            db.CommitBlock(Commit(genesis, state: [Set("k", "v")]));
            db.CommitBlock(Commit(block1, receipts: [5]));
        }

        // Turn the file into what version 1 wrote: the wide transactions table, keyed by the whole hash.
        using (var connection = RawConnection(path))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE transaction_index;
                DROP TABLE transaction_index_collisions;
                CREATE TABLE transactions (hash BLOB PRIMARY KEY, block_hash BLOB NOT NULL, number INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
                UPDATE meta SET value = '1' WHERE key = 'schema_version';
                """;
            command.ExecuteNonQuery();
            foreach (var (block, number) in new[] { (genesis, 0L), (block1, 1L) })
            {
                for (var i = 0; i < block.Transactions.Count; i++)
                {
                    using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO transactions VALUES ($h, $b, $n, $p)";
                    insert.Parameters.AddWithValue("$h", Hash32.Of(block.Transactions[i]).ToArray());
                    insert.Parameters.AddWithValue("$b", block.Hash().ToArray());
                    insert.Parameters.AddWithValue("$n", number);
                    insert.Parameters.AddWithValue("$p", i);
                    insert.ExecuteNonQuery();
                }
            }
        }

        using (var db = ChainDatabase.Open(path))
        {
            Assert.Equal(new TransactionLocation(genesis.Hash(), 0, 0), db.FindTransaction(Hash32.Of(Tx("g"))));
            Assert.Equal(new TransactionLocation(block1.Hash(), 1, 1), db.FindTransaction(Hash32.Of(Tx("b"))));
            Assert.Equal(1UL, db.BestNumber);
            Assert.Equal([5], db.GetReceipts(block1.Hash()));
            Assert.Equal("2", db.GetMeta("schema_version"));
            var block2 = MakeBlock(block1.Hash(), 2, Tx("c"));
            db.CommitBlock(Commit(block2));
            Assert.Equal(new TransactionLocation(block2.Hash(), 2, 0), db.FindTransaction(Hash32.Of(Tx("c"))));
        }

        using (var connection = RawConnection(path))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'transactions'";
            Assert.Equal(0L, command.ExecuteScalar());
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task UnknownSchemaVersionAndForeignFilesGiveClearErrors()
    {
        await Task.Yield();
        using var dir = new TempDirectory();
        var path = dir.File("chain.db");
        using (var db = ChainDatabase.Open(path))
        {
            db.CommitBlock(Commit(MakeBlock(Hash32.Zero, 0)));
        }

        using (var connection = RawConnection(path))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '99' WHERE key = 'schema_version'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var mismatch = Assert.Throws<InvalidDataException>(() => ChainDatabase.Open(path));
        Assert.Contains("schema version 99", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 2 only", mismatch.Message, StringComparison.Ordinal);

        var foreign = dir.File("other.db");
        using (var connection = RawConnection(foreign))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE things (id INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
        }

        var notChain = Assert.Throws<InvalidDataException>(() => ChainDatabase.Open(foreign));
        Assert.Contains("not a chain database", notChain.Message, StringComparison.Ordinal);

        var text = dir.File("notes.txt");
        await File.WriteAllTextAsync(text, new string('x', 4096));
        var notSqlite = Assert.Throws<InvalidDataException>(() => ChainDatabase.Open(text));
        Assert.Contains("not an SQLite database", notSqlite.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task ReadersOnOtherThreadsSeeOnlyWholeBlocksWhileOneThreadCommits()
    {
        using var dir = new TempDirectory();
        using var db = ChainDatabase.Open(dir.File("chain.db"));
        const ulong blocks = 150;
        using var done = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            try
            {
                var parent = Hash32.Zero;
                for (ulong n = 0; n < blocks; n++)
                {
                    // Block execution reads the committed state on the committing thread.
                    var height = db.State.Get(Bytes("height"));
                    Assert.Equal(n == 0 ? null : BigEndian((uint)(n - 1)), height);
                    var block = MakeBlock(parent, n, Tx($"tx-{n}"));
                    db.CommitBlock(Commit(block, receipts: BigEndian((uint)n), state: [new(Bytes("height"), BigEndian((uint)n)), new(BigEndian((uint)n), [1])]));
                    parent = block.Hash();
                }
            }
            finally
            {
                done.Cancel();
            }
        });

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var reads = 0;
            while (!done.IsCancellationRequested)
            {
                var best = db.BestNumber;
                if (best is not { } number)
                {
                    continue;
                }

                var hash = db.GetBlockHash(number);
                Assert.NotNull(hash);
                Assert.Equal(number, db.GetHeader(hash.Value)!.Number);
                Assert.Equal(BigEndian((uint)number), db.GetReceipts(hash.Value));
                Assert.Equal(new TransactionLocation(hash.Value, number, 0), db.FindTransaction(Hash32.Of(Tx($"tx-{number}"))));
                var height = BinaryPrimitives.ReadUInt32BigEndian(db.State.Get(Bytes("height")));
                Assert.True(height >= number);
                Assert.True(db.State.Scan([]).Count() >= (int)number + 2);
                reads++;
            }

            return reads;
        })).ToList();

        await writer;
        await Task.WhenAll(readers);
        Assert.Equal(blocks - 1, db.BestNumber);
        Assert.Equal((int)blocks + 1, db.ScanAllState().Count());
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("00", "01")]
    [InlineData("01ff", "02")]
    [InlineData("ff", null)]
    [InlineData("ffff", null)]
    [InlineData("12fe", "12ff")]
    [InlineData("12feff", "12ff")]
    public void PrefixSuccessorIsTheFirstKeyPastThePrefix(string prefix, string? expected)
    {
        var successor = ChainDatabase.PrefixSuccessor(Convert.FromHexString(prefix));
        Assert.Equal(expected, successor is null ? null : Convert.ToHexStringLower(successor));
    }

    private static Block MakeBlock(Hash32 parent, ulong number, params byte[][] transactions)
    {
        var header = new BlockHeader(
            parent,
            number,
            Hash32.Of(BigEndian((uint)number)),
            Block.ExtrinsicsRoot(transactions),
            number * 12_000,
            AccountId.Zero,
            default(Signature));
        return new Block(header, transactions);
    }

    private static BlockCommit Commit(
        Block block,
        byte[]? receipts = null,
        IReadOnlyList<KeyValuePair<byte[], byte[]?>>? state = null,
        IReadOnlyList<(Hash32 Hash, byte[] Node)>? nodes = null) =>
        new(block, block.Hash(), [.. block.Transactions.Select(t => Hash32.Of(t))], receipts ?? [], state ?? [], nodes ?? []);

    private static byte[] Tx(string name) => Bytes("tx:" + name);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static KeyValuePair<byte[], byte[]?> Set(string key, string value) => new(Bytes(key), Bytes(value));

    private static KeyValuePair<byte[], byte[]?> Delete(string key) => new(Bytes(key), null);

    private static string[] Hex(IEnumerable<byte[]> keys) => [.. keys.Select(Convert.ToHexStringLower)];

    private static (ulong? Best, string[] State) Snapshot(ChainDatabase db) =>
        (db.BestNumber, [.. db.ScanAllState().Select(e => Convert.ToHexStringLower(e.Key) + "=" + Convert.ToHexStringLower(e.Value))]);

    private static void AssertUnchanged(ChainDatabase db, (ulong? Best, string[] State) before, Block failed, byte[] newNode)
    {
        var after = Snapshot(db);
        Assert.Equal(before.Best, after.Best);
        Assert.Equal(before.State, after.State);
        Assert.Equal("0", db.GetMeta("best"));
        Assert.Null(db.GetBlockHash(1));
        Assert.Null(db.GetHeader(failed.Hash()));
        Assert.Null(db.GetReceipts(failed.Hash()));
        Assert.Null(db.FindTransaction(Hash32.Of(Tx("fresh"))));
        Assert.Equal(new TransactionLocation(db.GetBlockHash(0)!.Value, 0, 0), db.FindTransaction(Hash32.Of(Tx("transfer"))));
        Assert.Null(db.TrieNodes.Get(Hash32.Of(newNode)));
    }

    private static SqliteConnection RawConnection(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private sealed class TempDirectory : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("chain-db-tests-").FullName;

        public string File(string name) => System.IO.Path.Combine(_path, name);

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
