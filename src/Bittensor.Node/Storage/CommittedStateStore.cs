using Bittensor.Runtime.Storage;

namespace Bittensor.Node.Storage;

/// <summary>The committed state of a <see cref="ChainDatabase"/> as a read-only key-value store.</summary>
internal sealed class CommittedStateStore(ChainDatabase database) : IKeyValueStore
{
    public byte[]? Get(ReadOnlySpan<byte> key) => database.GetState(key);

    public void Set(byte[] key, byte[] value) => throw ReadOnly();

    public void Remove(byte[] key) => throw ReadOnly();

    public IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] prefix) => database.ScanState(prefix);

    private static InvalidOperationException ReadOnly() =>
        new("The committed state is read-only: state changes only through ChainDatabase.CommitBlock.");
}
