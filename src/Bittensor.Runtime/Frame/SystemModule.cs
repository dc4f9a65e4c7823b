using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Frame;

/// <summary>
/// Accounts (nonce and free balance), the current block number and the recent block hashes (the PoW seal reads
/// them). An account record is kept while it holds a balance or has sent a transaction, so a nonce never resets
/// and a signed transaction can never be replayed.
/// </summary>
public sealed class SystemModule
{
    public const string Module = "System";

    /// <summary>How many recent block hashes are kept (the reference's BlockHashCount).</summary>
    public const ulong BlockHashCount = 2_400;

    /// <summary>The most block-authoring keys a chain may have (the reference's Aura limit).</summary>
    public const int MaxAuthorities = 32;

    public SystemModule(StateAccess state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Account = new(state, Module, "Account", Codecs.Account, AccountInfo.Codec, default);
        Number = new(state, Module, "Number", Codecs.U64, 0);
        BlockHash = new(state, Module, "BlockHash", Codecs.U64, Codecs.Hash32, new byte[32]);
        Timestamp = new(state, Module, "Timestamp", Codecs.U64, 0);
        Authorities = new(state, Module, "Authorities", Codecs.AccountList, Array.Empty<AccountId>());
    }

    /// <summary>The keys allowed to author blocks, in order (set at genesis, changed by the root-only swap_authorities).</summary>
    public StorageValue<IReadOnlyList<AccountId>> Authorities { get; }

    public StorageMap<AccountId, AccountInfo> Account { get; }

    /// <summary>The number of the block being executed.</summary>
    public StorageValue<ulong> Number { get; }

    /// <summary>block number → hash, for the last <see cref="BlockHashCount"/> blocks (block 0 is the genesis hash).</summary>
    public StorageMap<ulong, byte[]> BlockHash { get; }

    /// <summary>The block's timestamp in milliseconds since the Unix epoch, as set by its author.</summary>
    public StorageValue<ulong> Timestamp { get; }

    public ulong Nonce(AccountId account) => Account.Get(account).Nonce;

    public void IncrementNonce(AccountId account) => Account.Mutate(account, a => a with { Nonce = a.Nonce + 1 });

    /// <summary>
    /// The hash of block <paramref name="number"/> as the runtime sees it while executing the current block: the
    /// current block's own hash is not known yet and reads as zeros, as do blocks older than the kept window.
    /// </summary>
    public byte[] HashOf(ulong number) => BlockHash.Get(number);

    /// <summary>Starts block <paramref name="number"/> whose parent has <paramref name="parentHash"/>.</summary>
    public void Initialize(ulong number, byte[] parentHash, ulong timestampMs)
    {
        ArgumentNullException.ThrowIfNull(parentHash);
        Number.Set(number);
        Timestamp.Set(timestampMs);
        if (number > 0)
        {
            BlockHash.Set(number - 1, parentHash);
        }

        if (number > BlockHashCount)
        {
            BlockHash.Remove(number - 1 - BlockHashCount);
        }
    }
}
