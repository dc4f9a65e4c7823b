using System.Diagnostics;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Pow;
using Bittensor.Sdk.Registration;

namespace Bittensor.Sdk.Tests.Registration;

public sealed class PowSolverTests
{
    private static readonly AccountId Hotkey = new(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    /// <summary>No seal meets this in practice: it needs the seal's top 64 bits to be 0 (one nonce in 2^64).</summary>
    private const ulong Unreachable = ulong.MaxValue;

    private static Hash32 HashOf(ulong number) => Hash32.Of(BitConverter.GetBytes(number));

    private static PowBlock Block(ulong number, ulong difficulty) => new(number, HashOf(number), difficulty);

    /// <summary>A chain whose answer depends on how many times it has been read.</summary>
    private sealed class ScriptedChain(Func<int, PowBlock> answer) : IPowBlockSource
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public ValueTask<PowBlock> GetCurrentAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = Interlocked.Increment(ref _reads) - 1;
            return ValueTask.FromResult(answer(read));
        }
    }

    private sealed class Reports : IProgress<PowProgress>
    {
        private readonly List<PowProgress> _items = [];

        public void Report(PowProgress value)
        {
            lock (_items)
            {
                _items.Add(value);
            }
        }

        public PowProgress[] ToArray()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    private static void AssertValid(PowSolution? solution, PowBlock block)
    {
        Assert.NotNull(solution);
        Assert.Equal(block.Number, solution.BlockNumber);
        Assert.Equal(block.Hash, solution.BlockHash);
        Assert.Equal(block.Difficulty, solution.Difficulty);
        Assert.Equal(PowSeal.Create(block.Hash.Bytes, solution.Nonce, Hotkey), solution.Seal.ToArray());
        Assert.True(PowSeal.MeetsDifficulty(solution.Seal.Bytes, block.Difficulty));
        Assert.True(solution.Verify(Hotkey, block.Difficulty));
    }

    [Fact(Timeout = 60_000)]
    public async Task Finds_a_seal_at_low_difficulty_that_the_chain_check_accepts()
    {
        var block = Block(1_234, 20_000);
        var result = await PowSolver.SolveAsync(PowBlockSource.Fixed(block), Hotkey, new PowSolverOptions { Threads = 2 });

        Assert.Equal(PowOutcome.Solved, result.Outcome);
        AssertValid(result.Solution, block);
        Assert.Equal(1_234UL, result.HeadBlockNumber);
        Assert.True(result.HashesTried >= 1);
        Assert.False(result.Solution!.Verify(new AccountId(new byte[32]), block.Difficulty), "the seal is bound to the hotkey");
    }

    public static TheoryData<int, PowKernel> ThreadsAndKernels()
    {
        var data = new TheoryData<int, PowKernel>();
        foreach (var threads in new SortedSet<int> { 1, 2, 3, 4, 8, Environment.ProcessorCount })
        {
            data.Add(threads, PowKernel.Auto);
        }

        foreach (var kernel in new[] { PowKernel.Scalar, PowKernel.Avx2, PowKernel.Avx512 })
        {
            if (PowSearch.IsSupported(kernel))
            {
                data.Add(3, kernel);
            }
        }

        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(ThreadsAndKernels))]
    public async Task Every_thread_count_and_kernel_gives_a_valid_seal(int threads, PowKernel kernel)
    {
        var block = Block(77, 3_000);
        var result = await PowSolver.SolveAsync(PowBlockSource.Fixed(block), Hotkey, new PowSolverOptions { Threads = threads, Kernel = kernel, UpdateInterval = 500 });

        Assert.Equal(PowOutcome.Solved, result.Outcome);
        AssertValid(result.Solution, block);
    }

    [Fact(Timeout = 60_000)]
    public async Task One_thread_from_a_given_start_finds_the_first_solution_after_it()
    {
        var block = Block(5, 500);
        const ulong Start = 1_000_000;
        var pre = PowSeal.ComputePre(block.Hash.Bytes, Hotkey);
        var seal = new byte[32];
        var expected = Start;
        while (true)
        {
            PowSeal.Create(pre, expected, seal);
            if (PowSeal.MeetsDifficulty(seal, block.Difficulty))
            {
                break;
            }

            expected++;
        }

        var result = await PowSolver.SolveAsync(PowBlockSource.Fixed(block), Hotkey, new PowSolverOptions { Threads = 1, StartNonce = Start, UpdateInterval = 1_000_000 });

        Assert.Equal(PowOutcome.Solved, result.Outcome);
        Assert.Equal(expected, result.Solution!.Nonce);
        Assert.Equal((long)(expected - Start) + 1, result.HashesTried);
    }

    [Fact(Timeout = 60_000)]
    public async Task Gives_up_with_a_stale_result_when_the_chain_moved_past_the_window()
    {
        // Every read finds the chain five blocks further on; difficulty 1 is met by the first nonce, so the seal is
        // on the block of the first read and the check after it sees the chain five blocks later.
        var chain = new ScriptedChain(read => Block(100 + (5 * (ulong)read), 1));
        var result = await PowSolver.SolveAsync(chain, Hotkey, new PowSolverOptions { Threads = 2 });

        Assert.Equal(PowOutcome.Stale, result.Outcome);
        AssertValid(result.Solution, Block(100, 1));
        Assert.Equal(105UL, result.HeadBlockNumber);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(4, PowOutcome.Stale)]
    [InlineData(5, PowOutcome.Solved)]
    public async Task The_window_is_the_allowed_age_in_blocks(int maxBlockAge, PowOutcome outcome)
    {
        var chain = new ScriptedChain(read => Block(100 + (5 * (ulong)read), 1));
        var result = await PowSolver.SolveAsync(chain, Hotkey, new PowSolverOptions { Threads = 1, MaxBlockAge = maxBlockAge });

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(100UL, result.Solution!.BlockNumber);
    }

    [Fact(Timeout = 60_000)]
    public async Task Moves_to_a_new_block_and_difficulty_when_the_chain_does()
    {
        // Unsolvable on block 10; from the fourth read on the chain is at block 11 with an easy difficulty.
        var chain = new ScriptedChain(read => read < 3 ? Block(10, Unreachable) : Block(11, 200));
        var options = new PowSolverOptions { Threads = 2, MinUpdatePeriod = TimeSpan.FromMilliseconds(10), MaxUpdatePeriod = TimeSpan.FromMilliseconds(50) };
        var result = await PowSolver.SolveAsync(chain, Hotkey, options);

        Assert.Equal(PowOutcome.Solved, result.Outcome);
        AssertValid(result.Solution, Block(11, 200));
        Assert.True(chain.Reads >= 4);
    }

    [Fact(Timeout = 60_000)]
    public async Task Re_reads_the_chain_after_its_quota_of_nonces_and_at_least_every_max_period()
    {
        // A small nonce quota and no minimum period: re-reads follow the hashing, not the 10-second bound.
        var byNonces = new ScriptedChain(_ => Block(1, Unreachable));
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(600)))
        {
            await PowSolver.SolveAsync(byNonces, Hotkey, new PowSolverOptions { Threads = 1, UpdateInterval = 2_000, MinUpdatePeriod = TimeSpan.Zero, MaxUpdatePeriod = TimeSpan.FromSeconds(10) }, cancellationToken: cancel.Token);
        }

        // A quota that is never reached: re-reads come from the time bound.
        var byTime = new ScriptedChain(_ => Block(1, Unreachable));
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(600)))
        {
            await PowSolver.SolveAsync(byTime, Hotkey, new PowSolverOptions { Threads = 1, UpdateInterval = long.MaxValue / 4, MaxUpdatePeriod = TimeSpan.FromMilliseconds(50), MinUpdatePeriod = TimeSpan.Zero }, cancellationToken: cancel.Token);
        }

        Assert.True(byNonces.Reads >= 4, $"{byNonces.Reads} reads by nonce quota");
        Assert.True(byTime.Reads >= 4, $"{byTime.Reads} reads by time bound");
        Assert.True(byTime.Reads <= 1 + (600 / 50) + 2, $"{byTime.Reads} reads by time bound");
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancellation_stops_every_thread_promptly()
    {
        var chain = new ScriptedChain(_ => Block(3, Unreachable));
        using var cancel = new CancellationTokenSource();
        var solving = PowSolver.SolveAsync(chain, Hotkey, new PowSolverOptions { Threads = Environment.ProcessorCount * 2 }, cancellationToken: cancel.Token);
        await Task.Delay(300);
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var result = await solving;
        clock.Stop();

        Assert.Equal(PowOutcome.Cancelled, result.Outcome);
        Assert.Null(result.Solution);
        Assert.True(result.HashesTried > 0);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"stopping took {clock.Elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_cancelled_token_returns_at_once_without_reading_the_chain()
    {
        var chain = new ScriptedChain(_ => Block(3, 1));
        var result = await PowSolver.SolveAsync(chain, Hotkey, cancellationToken: new CancellationToken(true));

        Assert.Equal(PowOutcome.Cancelled, result.Outcome);
        Assert.Equal(0, chain.Reads);
        Assert.Equal(0, result.HashesTried);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancellation_during_a_chain_read_is_a_cancelled_result()
    {
        var hanging = PowBlockSource.FromDelegate(async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return Block(1, 1);
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var result = await PowSolver.SolveAsync(hanging, Hotkey, cancellationToken: cancel.Token);

        Assert.Equal(PowOutcome.Cancelled, result.Outcome);
    }

    [Fact(Timeout = 60_000)]
    public async Task Progress_reports_hashes_rate_time_block_and_difficulty()
    {
        var chain = new ScriptedChain(_ => Block(7, Unreachable));
        var reports = new Reports();
        var options = new PowSolverOptions { Threads = 2, MinUpdatePeriod = TimeSpan.FromMilliseconds(20), MaxUpdatePeriod = TimeSpan.FromMilliseconds(100) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
        var result = await PowSolver.SolveAsync(chain, Hotkey, options, reports, cancel.Token);

        var seen = reports.ToArray();
        Assert.Equal(PowOutcome.Cancelled, result.Outcome);
        Assert.True(seen.Length >= 2, $"{seen.Length} reports");
        Assert.All(seen, p =>
        {
            Assert.Equal(7UL, p.BlockNumber);
            Assert.Equal(Unreachable, p.Difficulty);
            Assert.True(p.Elapsed > TimeSpan.Zero);
        });
        Assert.Contains(seen, p => p.HashRate > 0);
        Assert.True(seen[^1].HashesTried > 0 && seen[^1].AverageHashRate > 0);
        for (var i = 1; i < seen.Length; i++)
        {
            Assert.True(seen[i].HashesTried >= seen[i - 1].HashesTried);
            Assert.True(seen[i].Elapsed > seen[i - 1].Elapsed);
        }

        Assert.True(result.HashesTried >= seen[^1].HashesTried);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_error_from_the_chain_stops_the_solver_and_is_rethrown()
    {
        var down = new InvalidOperationException("node unreachable");
        var chain = new ScriptedChain(read => read < 2 ? Block(9, Unreachable) : throw down);
        var options = new PowSolverOptions { Threads = 2, MinUpdatePeriod = TimeSpan.FromMilliseconds(10), MaxUpdatePeriod = TimeSpan.FromMilliseconds(30) };

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => PowSolver.SolveAsync(chain, Hotkey, options));
        Assert.Same(down, thrown);
    }

    [Fact(Timeout = 60_000)]
    public async Task Bad_options_are_refused_with_the_option_named()
    {
        var source = PowBlockSource.Fixed(Block(1, 1));
        async Task<string?> Refused(PowSolverOptions options) =>
            (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PowSolver.SolveAsync(source, Hotkey, options))).ParamName;

        Assert.Equal("Threads", await Refused(new PowSolverOptions { Threads = 0 }));
        Assert.Equal("UpdateInterval", await Refused(new PowSolverOptions { UpdateInterval = 0 }));
        Assert.Equal("MaxUpdatePeriod", await Refused(new PowSolverOptions { MinUpdatePeriod = TimeSpan.FromSeconds(3), MaxUpdatePeriod = TimeSpan.FromSeconds(1) }));
        Assert.Equal("MaxBlockAge", await Refused(new PowSolverOptions { MaxBlockAge = -1 }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => PowSolver.SolveAsync(null!, Hotkey));
    }
}
