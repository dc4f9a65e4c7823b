using System.Globalization;
using Bittensor.Node.State;
using Bittensor.Primitives.Blocks;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bittensor.Node.Storage;

/// <summary>
/// The node's persistent storage: one SQLite database file per chain holding the blocks (by number and by hash),
/// their receipts, the transaction index, the committed state and the state trie nodes. Everything a block changes
/// is written by <see cref="CommitBlock"/> in a single SQLite transaction, so the file always holds a prefix of the
/// chain together with exactly the state after its last block.
/// </summary>
/// <remarks>
/// <para>
/// The file runs in write-ahead-log mode with <c>synchronous=NORMAL</c>: a committed block survives a crash of the
/// process (the log is written before the commit returns), while a power loss or operating-system crash may lose
/// the last few commits, never the consistency of the file. A node that loses blocks that way re-imports them.
/// </para>
/// <para>
/// Concurrency: one connection, guarded by a lock. Every read and every commit takes the lock, so readers on other
/// threads (RPC) never see a half-written block: they wait for the commit in progress and then see all of it.
/// Reads return copies and no reader stays open outside the lock.
/// </para>
/// </remarks>
public sealed class ChainDatabase : IDisposable
{
    /// <summary>The schema version this code writes and reads.</summary>
    internal const int SchemaVersion = 2;

    internal const string SchemaVersionKey = "schema_version";
    internal const string BestKey = "best";

    private const int ScanPageSize = 1024;

    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private readonly SqliteCommand _getMeta;
    private readonly SqliteCommand _setMeta;
    private readonly SqliteCommand _getBlockHash;
    private readonly SqliteCommand _getHeader;
    private readonly SqliteCommand _getBlock;
    private readonly SqliteCommand _getReceipts;
    private readonly SqliteCommand _findTransaction;
    private readonly SqliteCommand _scanFrom;
    private readonly SqliteCommand _scanRange;
    private readonly SqliteCommand _scanPageFirst;
    private readonly SqliteCommand _scanPageAfter;
    private readonly SqliteCommand _getTrieNode;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _insertBlock;
    private readonly SqliteCommand _setBest;
    private readonly SqliteCommand[] _commands;
    private readonly sqlite3_stmt _getStateStatement;
    private readonly sqlite3_stmt _insertIndexStatement;
    private readonly sqlite3_stmt _insertCollisionStatement;
    private readonly SqliteCommand _findCollision;
    private readonly sqlite3_stmt _upsertStateStatement;
    private readonly sqlite3_stmt _deleteStateStatement;
    private readonly sqlite3_stmt _insertTrieNodeStatement;

    // The best block, or -1 for an empty chain; changed only under the lock after a successful commit.
    private long _bestNumber;
    private Hash32 _bestHash;
    private bool _disposed;

    private ChainDatabase(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;

        _getMeta = Prepare("SELECT value FROM meta WHERE key = $key", ("$key", SqliteType.Text));
        _setMeta = Prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ($key, $value)", ("$key", SqliteType.Text), ("$value", SqliteType.Text));
        _getBlockHash = Prepare("SELECT hash FROM blocks WHERE number = $number", ("$number", SqliteType.Integer));
        _getHeader = Prepare("SELECT header FROM blocks WHERE hash = $hash", ("$hash", SqliteType.Blob));
        _getBlock = Prepare("SELECT body FROM blocks WHERE hash = $hash", ("$hash", SqliteType.Blob));
        _getReceipts = Prepare("SELECT receipts FROM blocks WHERE hash = $hash", ("$hash", SqliteType.Blob));
        _findTransaction = Prepare("SELECT location FROM transaction_index WHERE prefix = $prefix", ("$prefix", SqliteType.Integer));
        _findCollision = Prepare("SELECT location FROM transaction_index_collisions WHERE hash = $hash", ("$hash", SqliteType.Blob));
        _getStateStatement = PrepareRaw("SELECT value FROM state WHERE key = ?1");
        _insertIndexStatement = PrepareRaw("INSERT OR IGNORE INTO transaction_index (prefix, location) VALUES (?1, ?2)");
        _insertCollisionStatement = PrepareRaw("INSERT INTO transaction_index_collisions (hash, location) VALUES (?1, ?2)");
        _upsertStateStatement = PrepareRaw("INSERT OR REPLACE INTO state (key, value) VALUES (?1, ?2)");
        _deleteStateStatement = PrepareRaw("DELETE FROM state WHERE key = ?1");
        _insertTrieNodeStatement = PrepareRaw("INSERT OR IGNORE INTO trie_nodes (hash, node) VALUES (?1, ?2)");
        _scanFrom = Prepare("SELECT key, value FROM state WHERE key >= $from ORDER BY key", ("$from", SqliteType.Blob));
        _scanRange = Prepare("SELECT key, value FROM state WHERE key >= $from AND key < $to ORDER BY key", ("$from", SqliteType.Blob), ("$to", SqliteType.Blob));
        _scanPageFirst = Prepare($"SELECT key, value FROM state ORDER BY key LIMIT {ScanPageSize}");
        _scanPageAfter = Prepare($"SELECT key, value FROM state WHERE key > $after ORDER BY key LIMIT {ScanPageSize}", ("$after", SqliteType.Blob));
        _getTrieNode = Prepare("SELECT node FROM trie_nodes WHERE hash = $hash", ("$hash", SqliteType.Blob));
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _insertBlock = Prepare(
            "INSERT INTO blocks (number, hash, header, body, receipts) VALUES ($number, $hash, $header, $body, $receipts)",
            ("$number", SqliteType.Integer),
            ("$hash", SqliteType.Blob),
            ("$header", SqliteType.Blob),
            ("$body", SqliteType.Blob),
            ("$receipts", SqliteType.Blob));
        _setBest = Prepare($"INSERT OR REPLACE INTO meta (key, value) VALUES ('{BestKey}', $value)", ("$value", SqliteType.Text));
        _commands =
        [
            _getMeta, _setMeta, _getBlockHash, _getHeader, _getBlock, _getReceipts, _findTransaction, _findCollision, _scanFrom,
            _scanRange, _scanPageFirst, _scanPageAfter, _getTrieNode, _begin, _commit, _rollback, _insertBlock, _setBest,
        ];

        State = new CommittedStateStore(this);
        TrieNodes = new CommittedTrieNodeStore(this);
        LoadBest();
    }

    /// <summary>The full path of the database file, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>The committed state: reads only; <see cref="IKeyValueStore.Set"/> and <see cref="IKeyValueStore.Remove"/> throw.</summary>
    public IKeyValueStore State { get; }

    /// <summary>The committed state trie nodes: reads only; <see cref="ITrieNodeStore.Put"/> throws.</summary>
    public ITrieNodeStore TrieNodes { get; }

    /// <summary>The number of the highest committed block, or null while the chain holds no block (not even genesis).</summary>
    public ulong? BestNumber
    {
        get
        {
            lock (_lock)
            {
                return _bestNumber < 0 ? null : (ulong)_bestNumber;
            }
        }
    }

    /// <summary>
    /// Opens the chain database at <paramref name="path"/>, creating the file and its schema when it does not exist.
    /// An existing file must carry this code's schema version (<see cref="InvalidDataException"/> otherwise).
    /// </summary>
    public static ChainDatabase Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        return OpenConnection(connectionString, fullPath, inMemory: false);
    }

    /// <summary>A fresh, empty database in memory (one private connection), for tests.</summary>
    public static ChainDatabase OpenInMemory()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString();
        return OpenConnection(connectionString, ":memory:", inMemory: true);
    }

    /// <summary>The text stored under <paramref name="key"/> in the meta table, or null.</summary>
    public string? GetMeta(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            ThrowIfDisposed();
            _getMeta.Parameters[0].Value = key;
            return _getMeta.ExecuteScalar() as string;
        }
    }

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> in the meta table (one statement, its own
    /// transaction). The keys the database keeps itself (schema version, best block) are refused.
    /// </summary>
    public void SetMeta(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key is SchemaVersionKey or BestKey)
        {
            throw new ArgumentException($"The meta key '{key}' is maintained by the database itself.", nameof(key));
        }

        lock (_lock)
        {
            ThrowIfDisposed();
            _setMeta.Parameters[0].Value = key;
            _setMeta.Parameters[1].Value = value;
            _setMeta.ExecuteNonQuery();
        }
    }

    /// <summary>The hash of the committed block with this number, or null.</summary>
    public Hash32? GetBlockHash(ulong number)
    {
        if (number > long.MaxValue)
        {
            return null;
        }

        lock (_lock)
        {
            ThrowIfDisposed();
            _getBlockHash.Parameters[0].Value = (long)number;
            return _getBlockHash.ExecuteScalar() is byte[] hash ? new Hash32(hash) : null;
        }
    }

    /// <summary>The header of the committed block with this hash, or null.</summary>
    public BlockHeader? GetHeader(Hash32 blockHash)
    {
        var encoded = ReadBlob(_getHeader, blockHash);
        return encoded is null ? null : BlockHeader.Decode(encoded);
    }

    /// <summary>The committed block with this hash, or null.</summary>
    public Block? GetBlock(Hash32 blockHash)
    {
        var encoded = ReadBlob(_getBlock, blockHash);
        return encoded is null ? null : Block.Decode(encoded);
    }

    /// <summary>The receipts blob stored with the block with this hash, or null when there is no such block.</summary>
    public byte[]? GetReceipts(Hash32 blockHash) => ReadBlob(_getReceipts, blockHash);

    /// <summary>Where the committed transaction with this hash is, or null.</summary>
    /// <remarks>
    /// The index keys each transaction by the first 8 bytes of its hash (see <see cref="CreateSchema"/>), so a hit is
    /// confirmed against the block: the transaction at the indexed position must have this hash. A transaction whose
    /// 8-byte prefix an earlier one already took is in the collisions table, keyed by its whole hash.
    /// </remarks>
    public TransactionLocation? FindTransaction(Hash32 txHash)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            _findTransaction.Parameters[0].Value = IndexPrefix(txHash);
            if (_findTransaction.ExecuteScalar() is not long location)
            {
                return null;
            }

            if (Locate(location) is { } found && found.Block.Transactions.Count > found.Location.Index
                && Hash32.Of(found.Block.Transactions[found.Location.Index]) == txHash)
            {
                return found.Location;
            }

            _findCollision.Parameters[0].Value = txHash.ToArray();
            return _findCollision.ExecuteScalar() is long other && Locate(other) is { } collided ? collided.Location : null;
        }
    }

    /// <summary>The index key of a transaction hash: its first 8 bytes as a little-endian signed integer.</summary>
    internal static long IndexPrefix(Hash32 txHash) => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(txHash.Bytes);

    /// <summary>A transaction's position packed for the index: block number × 2^20 + index in the block.</summary>
    internal static long PackLocation(ulong number, int index) =>
        index is < 0 or >= 1 << LocationIndexBits || number >= 1UL << (63 - LocationIndexBits)
            ? throw new ArgumentOutOfRangeException(nameof(index), $"Transaction {index} of block {number} is outside what the index can locate.")
            : (long)(number << LocationIndexBits) | (long)index;

    private const int LocationIndexBits = 20;

    private (Block Block, TransactionLocation Location)? Locate(long packed)
    {
        var number = (ulong)packed >> LocationIndexBits;
        var index = (int)(packed & ((1L << LocationIndexBits) - 1));
        if (GetBlockHash(number) is not { } blockHash || GetBlock(blockHash) is not { } block)
        {
            return null;
        }

        return (block, new TransactionLocation(blockHash, number, index));
    }

    /// <summary>
    /// Commits one block and everything it changes in one SQLite transaction: the block (by number and hash, its
    /// encoded header and body), its receipts, the transaction index, the state changes (a null value deletes), the
    /// new trie nodes (already known ones are kept) and the best block. The block must extend the best block:
    /// number <see cref="BestNumber"/> + 1 (0 on an empty chain) with the best block's hash as its parent (any parent
    /// for the first block), and <see cref="BlockCommit.BlockHash"/> must be its header's hash. On any failure the
    /// transaction is rolled back, the exception propagates and the database is as it was.
    /// </summary>
    public void CommitBlock(BlockCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(commit.Block);
        ArgumentNullException.ThrowIfNull(commit.TransactionHashes);
        ArgumentNullException.ThrowIfNull(commit.Receipts);
        ArgumentNullException.ThrowIfNull(commit.StateChanges);
        ArgumentNullException.ThrowIfNull(commit.TrieNodes);
        var header = commit.Block.Header;
        if (commit.TransactionHashes.Count != commit.Block.Transactions.Count)
        {
            throw new ArgumentException(
                $"Block {header.Number} has {commit.Block.Transactions.Count} transactions but {commit.TransactionHashes.Count} transaction hashes.",
                nameof(commit));
        }

        // A wrong hash would file the block under a key nothing can find it by; one header hash is cheap.
        if (header.Hash() != commit.BlockHash)
        {
            throw new ArgumentException($"Block {header.Number} hashes to {header.Hash()}, not to the given {commit.BlockHash}.", nameof(commit));
        }

        lock (_lock)
        {
            ThrowIfDisposed();
            CheckExtendsBest(header);

            _begin.ExecuteNonQuery();
            try
            {
                WriteBlock(commit);
                _commit.ExecuteNonQuery();
            }
            catch
            {
                // SQLite may already have rolled back by itself (some I/O errors do); roll back only what is open.
                if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
                {
                    _rollback.ExecuteNonQuery();
                }

                throw;
            }

            _bestNumber = (long)header.Number;
            _bestHash = commit.BlockHash;
        }
    }

    /// <summary>
    /// Every state entry in ascending key order, for recomputing the state root from scratch. Read in pages of
    /// committed entries, so call it while no block is being committed (a commit between two pages would be seen
    /// in part).
    /// </summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> ScanAllState()
    {
        List<KeyValuePair<byte[], byte[]>> page;
        lock (_lock)
        {
            ThrowIfDisposed();
            page = ReadPairs(_scanPageFirst);
        }

        while (page.Count > 0)
        {
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < ScanPageSize)
            {
                yield break;
            }

            lock (_lock)
            {
                ThrowIfDisposed();
                _scanPageAfter.Parameters[0].Value = page[^1].Key;
                page = ReadPairs(_scanPageAfter);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _getStateStatement.Dispose();
            _insertIndexStatement.Dispose();
            _insertCollisionStatement.Dispose();
            _upsertStateStatement.Dispose();
            _deleteStateStatement.Dispose();
            _insertTrieNodeStatement.Dispose();
            foreach (var command in _commands)
            {
                command.Dispose();
            }

            _connection.Dispose();
        }
    }

    /// <summary>
    /// The hot read (every storage read of the runtime): one statement prepared once on the shared connection and
    /// driven directly (bind the key span, step, copy the value, reset), which skips the per-call reader and
    /// parameter machinery of a command and the copy of the key.
    /// </summary>
    internal byte[]? GetState(ReadOnlySpan<byte> key)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            var statement = _getStateStatement;
            try
            {
                // An empty span would bind as NULL, which matches nothing; the empty key is a zero-length blob.
                var rc = key.IsEmpty ? raw.sqlite3_bind_zeroblob(statement, 1, 0) : raw.sqlite3_bind_blob(statement, 1, key);
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
                rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE)
                {
                    return null;
                }

                if (rc != raw.SQLITE_ROW)
                {
                    SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
                }

                return raw.sqlite3_column_blob(statement, 0).ToArray();
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }
    }

    internal List<KeyValuePair<byte[], byte[]>> ScanState(byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var end = PrefixSuccessor(prefix);
        lock (_lock)
        {
            ThrowIfDisposed();
            if (end is null)
            {
                _scanFrom.Parameters[0].Value = prefix;
                return ReadPairs(_scanFrom);
            }

            _scanRange.Parameters[0].Value = prefix;
            _scanRange.Parameters[1].Value = end;
            return ReadPairs(_scanRange);
        }
    }

    internal byte[]? GetTrieNode(Hash32 hash) => ReadBlob(_getTrieNode, hash);

    /// <summary>The smallest key greater than every key starting with <paramref name="prefix"/>, or null when none exists (empty or all 0xFF).</summary>
    internal static byte[]? PrefixSuccessor(ReadOnlySpan<byte> prefix)
    {
        var last = prefix.Length - 1;
        while (last >= 0 && prefix[last] == 0xFF)
        {
            last--;
        }

        if (last < 0)
        {
            return null;
        }

        var successor = prefix[..(last + 1)].ToArray();
        successor[last]++;
        return successor;
    }

    private static ChainDatabase OpenConnection(string connectionString, string path, bool inMemory)
    {
        _ = Initialized.Value;
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            if (!inMemory)
            {
                var mode = ExecuteText(connection, "PRAGMA journal_mode=WAL");
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"The chain database '{path}' could not be switched to write-ahead logging (journal mode '{mode}').");
                }

                ExecuteText(connection, "PRAGMA synchronous=NORMAL");
            }

            ExecuteText(connection, "PRAGMA cache_size=-65536");
            EnsureSchema(connection, path);
            return new ChainDatabase(connection, path);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_NOTADB)
        {
            connection.Dispose();
            throw new InvalidDataException($"'{path}' is not an SQLite database, so not a chain database.", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void EnsureSchema(SqliteConnection connection, string path)
    {
        var tables = Convert.ToInt64(ExecuteScalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), CultureInfo.InvariantCulture);
        if (tables == 0)
        {
            CreateSchema(connection);
            return;
        }

        var hasMeta = Convert.ToInt64(ExecuteScalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"), CultureInfo.InvariantCulture);
        if (hasMeta == 0)
        {
            throw new InvalidDataException($"'{path}' is an SQLite database but not a chain database (it has no meta table).");
        }

        var version = ExecuteScalar(connection, $"SELECT value FROM meta WHERE key = '{SchemaVersionKey}'") as string;
        if (version is null)
        {
            throw new InvalidDataException($"The chain database '{path}' records no schema version; this node reads schema version {SchemaVersion}.");
        }

        if (version == "1")
        {
            MigrateFromVersion1(connection);
            return;
        }

        if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException(
                $"The chain database '{path}' has schema version {version}; this node reads schema version {SchemaVersion} only. " +
                "Use a node version that matches the file, or start from a fresh database.");
        }
    }

    /// <summary>
    /// The transaction index (schema version 2). Transaction hashes are random, so every insert into a B-tree keyed by
    /// them lands on a random leaf page, and a block of thousands of transactions dirtied thousands of pages of the
    /// version 1 index (32-byte hash, block hash, number, position: about 50 rows a page), which SQLite wrote to its
    /// log and again to the file — most of what the node wrote per transaction. Here a row is an 8-byte prefix of the
    /// hash as the table's integer key and the packed location (about 230 rows a page), so a block dirties a fifth as
    /// many pages. Lookups confirm the prefix against the block; the rare transaction whose prefix was taken goes to
    /// the collisions table under its whole hash.
    /// </summary>
    private const string TransactionIndexSchema = """
        CREATE TABLE transaction_index (prefix INTEGER PRIMARY KEY, location INTEGER NOT NULL);
        CREATE TABLE transaction_index_collisions (hash BLOB PRIMARY KEY, location INTEGER NOT NULL) WITHOUT ROWID;
        """;

    /// <summary>
    /// Moves a version 1 file to version 2 in one transaction: the transaction index is rebuilt in its compact form
    /// from the old one (nothing else changed), the old table is dropped and the version recorded. A crash during it
    /// leaves the file at version 1, to be migrated again on the next start.
    /// </summary>
    private static void MigrateFromVersion1(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = TransactionIndexSchema;
            create.ExecuteNonQuery();
        }

        using (var select = connection.CreateCommand())
        using (var insert = connection.CreateCommand())
        using (var collide = connection.CreateCommand())
        {
            select.Transaction = insert.Transaction = collide.Transaction = transaction;
            select.CommandText = "SELECT hash, number, position FROM transactions ORDER BY number, position";
            insert.CommandText = "INSERT OR IGNORE INTO transaction_index (prefix, location) VALUES ($prefix, $location)";
            var prefix = insert.Parameters.Add("$prefix", SqliteType.Integer);
            var location = insert.Parameters.Add("$location", SqliteType.Integer);
            collide.CommandText = "INSERT INTO transaction_index_collisions (hash, location) VALUES ($hash, $location)";
            var hash = collide.Parameters.Add("$hash", SqliteType.Blob);
            var collidedAt = collide.Parameters.Add("$location", SqliteType.Integer);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var txHash = new Hash32(reader.GetFieldValue<byte[]>(0));
                var packed = PackLocation((ulong)reader.GetInt64(1), reader.GetInt32(2));
                prefix.Value = IndexPrefix(txHash);
                location.Value = packed;
                if (insert.ExecuteNonQuery() == 0)
                {
                    hash.Value = txHash.ToArray();
                    collidedAt.Value = packed;
                    collide.ExecuteNonQuery();
                }
            }
        }

        using (var finish = connection.CreateCommand())
        {
            finish.Transaction = transaction;
            finish.CommandText = $"DROP TABLE transactions; UPDATE meta SET value = '{SchemaVersion}' WHERE key = '{SchemaVersionKey}';";
            finish.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void CreateSchema(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE blocks (
                number INTEGER PRIMARY KEY,
                hash BLOB NOT NULL UNIQUE,
                header BLOB NOT NULL,
                body BLOB NOT NULL,
                receipts BLOB NOT NULL);
            {TransactionIndexSchema}
            CREATE TABLE state (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE trie_nodes (hash BLOB PRIMARY KEY, node BLOB NOT NULL) WITHOUT ROWID;
            INSERT INTO meta (key, value) VALUES ('{SchemaVersionKey}', '{SchemaVersion}');
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private static object? ExecuteScalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string? ExecuteText(SqliteConnection connection, string sql) =>
        Convert.ToString(ExecuteScalar(connection, sql), CultureInfo.InvariantCulture);

    private static List<KeyValuePair<byte[], byte[]>> ReadPairs(SqliteCommand command)
    {
        var pairs = new List<KeyValuePair<byte[], byte[]>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pairs.Add(new(reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1)));
        }

        return pairs;
    }

    private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }

    private byte[]? ReadBlob(SqliteCommand command, Hash32 hash)
    {
        var key = hash.ToArray();
        lock (_lock)
        {
            ThrowIfDisposed();
            command.Parameters[0].Value = key;
            return command.ExecuteScalar() as byte[];
        }
    }

    private void LoadBest()
    {
        var best = GetMeta(BestKey);
        if (best is null)
        {
            _bestNumber = -1;
            return;
        }

        if (!long.TryParse(best, NumberStyles.None, CultureInfo.InvariantCulture, out _bestNumber))
        {
            throw new InvalidDataException($"The chain database '{Path}' records an unreadable best block number '{best}'.");
        }

        _bestHash = GetBlockHash((ulong)_bestNumber)
            ?? throw new InvalidDataException($"The chain database '{Path}' names block {best} as its best block but does not hold it.");
    }

    private void CheckExtendsBest(BlockHeader header)
    {
        if (_bestNumber < 0)
        {
            if (header.Number != 0)
            {
                throw new InvalidOperationException($"The chain database holds no block yet, so the next block is genesis (number 0), not block {header.Number}.");
            }

            return;
        }

        var expected = (ulong)_bestNumber + 1;
        if (header.Number != expected)
        {
            throw new InvalidOperationException($"Block {header.Number} does not extend the best block {_bestNumber}: the next block is number {expected}.");
        }

        if (header.ParentHash != _bestHash)
        {
            throw new InvalidOperationException(
                $"Block {header.Number} has parent {header.ParentHash}, but the best block {_bestNumber} is {_bestHash}.");
        }
    }

    private void WriteBlock(BlockCommit commit)
    {
        var block = commit.Block;
        var number = (long)block.Header.Number;
        var blockHash = commit.BlockHash.ToArray();

        _insertBlock.Parameters[0].Value = number;
        _insertBlock.Parameters[1].Value = blockHash;
        _insertBlock.Parameters[2].Value = block.Header.Encode();
        _insertBlock.Parameters[3].Value = block.Encode();
        _insertBlock.Parameters[4].Value = commit.Receipts;
        _insertBlock.ExecuteNonQuery();

        // The per-transaction, per-change and per-node rows go through statements driven directly (bind spans, step,
        // reset): a block writes thousands of them, and a command's parameter and reader machinery per row cost more
        // than SQLite's own work.
        for (var i = 0; i < commit.TransactionHashes.Count; i++)
        {
            var hash = commit.TransactionHashes[i];
            var location = PackLocation((ulong)number, i);
            Bind(_insertIndexStatement, raw.sqlite3_bind_int64(_insertIndexStatement, 1, IndexPrefix(hash)));
            Bind(_insertIndexStatement, raw.sqlite3_bind_int64(_insertIndexStatement, 2, location));
            Step(_insertIndexStatement);
            if (raw.sqlite3_changes(_connection.Handle) == 0)
            {
                // The prefix is taken: by this very transaction (a replay, which the runtime's nonces rule out, so a
                // broken caller) or, rarely, by another one, which goes to the collisions table.
                if (FindTransaction(hash) is { } earlier)
                {
                    throw new InvalidOperationException($"Transaction {hash} of block {number} is already stored, in block {earlier.Number} at {earlier.Index}; a transaction is included once.");
                }

                BindBlob(_insertCollisionStatement, 1, hash.Bytes);
                Bind(_insertCollisionStatement, raw.sqlite3_bind_int64(_insertCollisionStatement, 2, location));
                Step(_insertCollisionStatement);
            }
        }

        foreach (var (key, value) in commit.StateChanges)
        {
            if (key is null)
            {
                throw new ArgumentException($"Block {number} carries a state change with a null key.", nameof(commit));
            }

            if (value is null)
            {
                BindBlob(_deleteStateStatement, 1, key);
                Step(_deleteStateStatement);
            }
            else
            {
                BindBlob(_upsertStateStatement, 1, key);
                BindBlob(_upsertStateStatement, 2, value);
                Step(_upsertStateStatement);
            }
        }

        foreach (var (hash, node) in commit.TrieNodes)
        {
            if (node is null)
            {
                throw new ArgumentException($"Block {number} carries trie node {hash} without its encoding.", nameof(commit));
            }

            BindBlob(_insertTrieNodeStatement, 1, hash.Bytes);
            BindBlob(_insertTrieNodeStatement, 2, node);
            Step(_insertTrieNodeStatement);
        }

        _setBest.Parameters[0].Value = number.ToString(CultureInfo.InvariantCulture);
        _setBest.ExecuteNonQuery();
    }

    private sqlite3_stmt PrepareRaw(string sql)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_connection.Handle, sql, out var statement), _connection.Handle);
        return statement;
    }

    /// <summary>Binds a blob (an empty one as a zero-length blob, not NULL).</summary>
    private void BindBlob(sqlite3_stmt statement, int index, ReadOnlySpan<byte> value) =>
        Bind(statement, value.IsEmpty ? raw.sqlite3_bind_zeroblob(statement, index, 0) : raw.sqlite3_bind_blob(statement, index, value));

    private void Bind(sqlite3_stmt statement, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            raw.sqlite3_reset(statement);
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    /// <summary>Runs a statement that returns no rows and resets it for its next use (also when it fails).</summary>
    private void Step(sqlite3_stmt statement)
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
