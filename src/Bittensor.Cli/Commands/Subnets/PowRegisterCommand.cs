using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Bittensor.Cli.Commands.Chain;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Registration;

namespace Bittensor.Cli.Commands.Subnets;

/// <summary>
/// <c>btcli subnets pow-register</c>: solves the registration proof of work for the hotkey on the subnet's current
/// difficulty (a progress line on standard error: block, difficulty, hash rate, elapsed time), then submits
/// <c>register</c> signed by the hotkey. A seal whose block went stale, or that the chain refuses as too old, is given
/// up and solved again on the newest block, at most <c>--max-attempts</c> times.
/// </summary>
internal static class PowRegisterCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new ChainOptions();
        var netuidOption = SubnetOptions.Netuid();
        var processes = new Option<int?>("--processes", "-n", "--num-processes", "--pow_register.num_processes", "--pow-register.num-processes")
        {
            Description = "Solver threads. Default: one per processor.",
        };
        var updateInterval = new Option<long?>("--update-interval", "-u", "--pow_register.update_interval", "--pow-register.update-interval")
        {
            Description = "Nonces each thread tries between looks at the chain for a new block. Default 50,000.",
        };
        var attempts = new Option<int>("--max-attempts", "--max_attempts")
        {
            Description = "How many times to solve again after a stale seal before giving up. Default 3.",
            DefaultValueFactory = _ => 3,
        };
        var command = new Command("pow-register", "Register the hotkey on a subnet by solving the proof of work.")
        {
            netuidOption, processes, updateInterval, attempts,
        };
        options.AddTo(command);
        command.SetAction((parseResult, ct) => ChainCommand.RunAsync(console, async () =>
        {
            var netuid = SubnetOptions.Require(parseResult, netuidOption);
            var threads = parseResult.GetValue(processes) ?? Environment.ProcessorCount;
            if (threads is < 1 or > 4096)
            {
                throw new CliUsageException($"--processes {threads}: give a number of threads from 1 to 4096.");
            }

            var interval = parseResult.GetValue(updateInterval) ?? 50_000;
            if (interval < 1)
            {
                throw new CliUsageException($"--update-interval {interval}: give a number of nonces of at least 1 (the default is 50,000).");
            }

            var maxAttempts = parseResult.GetValue(attempts);
            if (maxAttempts is < 1 or > 100)
            {
                throw new CliUsageException($"--max-attempts {maxAttempts}: give a number from 1 to 100.");
            }

            await using var context = new ChainContext(console, parseResult, options);
            var client = await context.ConnectAsync(ct);
            await SubnetOptions.SubnetAsync(client, netuid, ct);
            var hyper = await client.GetSubnetHyperparamsAsync(netuid, ct);
            var hotkey = context.LoadHotkey();
            var coldkey = context.ColdkeyAccount();
            if (await SubnetsCommand.UidOfAsync(client, netuid, hotkey.PublicKey, ct) is { } existing)
            {
                throw new ChainCommandException($"hotkey {hotkey.Ss58Address} is already registered on subnet {netuid} as uid {existing}.", "Nothing to do; choose another hotkey with --wallet.hotkey to register a second neuron.");
            }

            context.Confirm($"Register hotkey {hotkey.Ss58Address} on subnet {netuid} by proof of work (difficulty {hyper?.Difficulty.ToString("N0", CultureInfo.InvariantCulture)})?");
            var solverOptions = new PowSolverOptions { Threads = threads, UpdateInterval = interval };
            var source = new ChainPowBlockSource(client, netuid);
            var progress = new ProgressLine(context);
            for (var attempt = 1; attempt <= maxAttempts; attempt++)
            {
                var solved = await PowSolver.SolveAsync(source, hotkey.PublicKey, solverOptions, progress, ct);
                progress.End(solved);
                if (solved.Outcome == PowOutcome.Cancelled)
                {
                    throw new ChainCommandException("cancelled; nothing was submitted.");
                }

                var s = solved.Solution!;
                if (solved.Outcome == PowOutcome.Stale)
                {
                    context.Progress($"The seal on block #{s.BlockNumber} went stale (the chain is at #{solved.HeadBlockNumber}); solving again on the newest block ({attempt} of {maxAttempts} attempts used).");
                    continue;
                }

                context.Progress($"Solved on block #{s.BlockNumber}: nonce {s.Nonce}, seal {s.Seal.ToHex()}.");
                var call = new SubtensorCall.Register(netuid, s.BlockNumber, s.Nonce, s.Seal.ToArray(), hotkey.PublicKey, coldkey);
                try
                {
                    var result = await context.SubmitAsync(hotkey, call, "PoW register", ct);
                    var uid = await SubnetsCommand.UidOfAsync(client, netuid, hotkey.PublicKey, ct);
                    return context.Report(
                        result,
                        "PoW register",
                        $"Registered {hotkey.Ss58Address} on subnet {netuid} as uid {uid?.ToString(CultureInfo.InvariantCulture) ?? "?"} (coldkey {Ss58.Encode(coldkey)}).",
                        new JsonObject
                        {
                            ["netuid"] = netuid,
                            ["uid"] = uid,
                            ["hotkey"] = hotkey.Ss58Address,
                            ["attempts"] = attempt,
                            ["hashes"] = solved.HashesTried,
                            ["hash_rate"] = Math.Round(solved.HashRate),
                            ["seconds"] = Math.Round(solved.Elapsed.TotalSeconds, 3),
                        });
                }
                catch (ChainCommandException e) when (attempt < maxAttempts && (e.Message.Contains("InvalidWorkBlock", StringComparison.Ordinal) || e.Message.Contains("InvalidDifficulty", StringComparison.Ordinal)))
                {
                    context.Progress($"The chain refused the seal ({e.Message}); solving again on the newest block ({attempt} of {maxAttempts} attempts used).");
                }
            }

            throw new ChainCommandException(
                $"no usable seal after {maxAttempts} attempts: each went stale before it could be submitted.",
                "Lower --update-interval so the solver notices new blocks sooner, raise --max-attempts, or register by burn with `btcli subnets register`.");
        }));
        return command;
    }

    /// <summary>Rewrites one progress line on standard error each time the solver reports.</summary>
    private sealed class ProgressLine(ChainContext context) : IProgress<PowProgress>
    {
        private readonly Lock _gate = new();
        private int _width;

        public void Report(PowProgress value) => Write(string.Create(
            CultureInfo.InvariantCulture,
            $"Solving: block #{value.BlockNumber}, difficulty {value.Difficulty:N0}, {Rate(value.HashRate)} (average {Rate(value.AverageHashRate)}), {value.HashesTried:N0} hashes, elapsed {value.Elapsed.TotalSeconds:0.0} s"));

        public void End(PowResult result)
        {
            Write(string.Create(
                CultureInfo.InvariantCulture,
                $"Solver stopped ({result.Outcome}): {result.HashesTried:N0} hashes in {result.Elapsed.TotalSeconds:0.0} s, {Rate(result.HashRate)}"));
            lock (_gate)
            {
                context.Console.Error.WriteLine();
                _width = 0;
            }
        }

        private void Write(string line)
        {
            lock (_gate)
            {
                context.Console.Error.Write("\r" + line.PadRight(_width));
                _width = line.Length;
            }
        }

        private static string Rate(double hashesPerSecond) => hashesPerSecond switch
        {
            >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{hashesPerSecond / 1e6:0.00} MH/s"),
            >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{hashesPerSecond / 1e3:0.00} kH/s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{hashesPerSecond:0} H/s"),
        };
    }
}
