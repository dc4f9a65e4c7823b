using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Pool;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime;
using Bittensor.Runtime.Genesis;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Transactions;

namespace Bittensor.Node.Tests.Pool;

/// <summary>
/// A development chain in memory with a pool validator over its executive (pool rules on), signing helpers, and
/// block execution to move the state on.
/// </summary>
internal sealed class DevChainValidator : IPoolValidator
{
    public DevChainValidator()
    {
        Runtime = new ChainRuntime(new InMemoryKeyValueStore());
        var genesis = GenesisBuilder.Build(Runtime, ChainSpecPresets.Dev());
        Identity = ChainIdentity.For(genesis);
        Executive = new Executive(Runtime, Identity);
        LastHash = genesis;
    }

    public ChainRuntime Runtime { get; }

    public ChainIdentity Identity { get; }

    public Executive Executive { get; }

    public Hash32 LastHash { get; private set; }

    public int Validations { get; private set; }

    public ValidTransaction Validate(SignedTransaction tx, int encodedLength)
    {
        Validations++;
        return Executive.Validate(tx, encodedLength, forPool: true);
    }

    public ulong NextNonce(AccountId account) => Runtime.System.Nonce(account);

    public SignedTransaction Sign(Ed25519KeyPair key, RuntimeCall call, ulong nonce, ulong tip = 0) =>
        SignedTransaction.SignImmortal(key, call, nonce, Identity, tip);

    /// <summary>A signed keep-alive transfer of <paramref name="amount"/> rao to <paramref name="to"/>, encoded.</summary>
    public byte[] Transfer(Ed25519KeyPair from, AccountId to, ulong nonce, ulong tip = 0, ulong amount = 1_000_000) =>
        Sign(from, new BalancesCall.TransferKeepAlive(to, amount), nonce, tip).Encode();

    /// <summary>Executes the next block with <paramref name="transactions"/> (throws if any is invalid).</summary>
    public BlockResult ExecuteBlock(IReadOnlyList<byte[]> transactions)
    {
        var number = Runtime.System.Number.Get() + 1;
        var result = Executive.ExecuteBlock(number, LastHash.ToArray(), number * 12_000, transactions);
        LastHash = Hash32.Of([.. LastHash.Bytes, .. BitConverter.GetBytes(number)]);
        return result;
    }
}
