using System.Diagnostics;
using System.Globalization;
using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Node.Chain;
using Bittensor.Node.Consensus;
using Bittensor.Node.Hosting;
using Bittensor.Node.Pool;
using Bittensor.Node.Storage;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;

namespace Bittensor.Benchmarks.Node;

/// <summary>
/// Where a transfer's time goes inside the node, one thread, no RPC: submitting it to the pool (decode, runtime
/// validation with its Ed25519 verification), building and committing the block that includes it (execution, state
/// trie, receipts, SQLite), and re-validating the pool afterwards — each per transaction, against one bare Ed25519
/// verification measured in the same round.
/// <code>dotnet run --project bench/Bittensor.Benchmarks -c Release -- node-stages [transactionsPerBlock] [rounds]</code>
/// </summary>
public static class NodeStages
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var keys = Enumerable.Range(0, count).Select(i => KeyDerivation.Ed25519FromUri("//stages//" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var dev = ChainSpecPresets.Dev();
        var spec = dev with
        {
            Id = "stages",
            Genesis = dev.Genesis with { Balances = [.. dev.Genesis.Balances, .. keys.Select(k => new GenesisBalance(Ss58.Encode(k.PublicKey), 1_000_000_000_000))] },
        };
        var dir = Directory.CreateTempSubdirectory("bittensor-node-stages-").FullName;
        try
        {
            using var db = ChainDatabase.Open(Path.Combine(dir, "chain.db"));
            var chain = NodeChain.Open(db, spec, new DevConsensus());
            var validator = new ChainPoolValidator(chain);
            var dest = DevAccounts.Get("Bob").PublicKey;
            var payload = new byte[120];
            var signature = keys[0].Sign(payload);
            Console.WriteLine($"{count} transfers per block from {count} senders, {rounds} rounds (the first ones warm up); µs per transaction");
            Console.WriteLine("round  submit  produce  revalidate  | one verify  | (submit+produce)/verify  | bytes allocated: submit  produce");
            for (var round = 0; round < rounds; round++)
            {
                var pool = new TransactionPool(new PoolOptions(MaxTransactions: count * 2, MaxPerSender: 64));
                var transactions = keys.Select(k => SignedTransaction.SignImmortal(k, new BalancesCall.TransferKeepAlive(dest, 1_000_000), (ulong)round, chain.Identity).Encode()).ToArray();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                foreach (var tx in transactions)
                {
                    pool.Submit(tx, validator);
                }

                var submit = clock.Elapsed.TotalMicroseconds / count;
                var submitBytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / count;
                allocated = GC.GetAllocatedBytesForCurrentThread();
                clock.Restart();
                var produced = chain.Produce((ulong)(round + 1) * 12_000, pool.ReadyInOrder(), DevAccounts.Alice);
                var produce = clock.Elapsed.TotalMicroseconds / count;
                var produceBytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / count;
                if (produced.Block.TransactionHashes.Count != count)
                {
                    Console.Error.WriteLine($"round {round}: only {produced.Block.TransactionHashes.Count} of {count} transactions were included");
                    return 1;
                }

                clock.Restart();
                pool.Revalidate(produced.Block.TransactionHashes, validator);
                var revalidate = clock.Elapsed.TotalMicroseconds / count;
                clock.Restart();
                for (var i = 0; i < count; i++)
                {
                    Signatures.Verify(keys[0].PublicKey, payload, signature);
                }

                var verify = clock.Elapsed.TotalMicroseconds / count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,5}  {submit,6:F1}  {produce,7:F1}  {revalidate,10:F1}  | {verify,10:F1}  | {(submit + produce) / verify,5:F2}                    | {submitBytes,22}  {produceBytes,7}"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
