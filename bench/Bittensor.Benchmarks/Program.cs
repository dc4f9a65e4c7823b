using BenchmarkDotNet.Running;
using Bittensor.Benchmarks.Node;
using Bittensor.Benchmarks.Registration;

if (args.Length > 0 && args[0] == "rpc-throughput")
{
    return await RpcThroughput.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "metagraph-sync")
{
    return await MetagraphSync.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "node-stages")
{
    return Bittensor.Benchmarks.Node.NodeStages.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "tokenizer-speed")
{
    return Bittensor.Benchmarks.Models.TokenizerSpeed.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "axon-rps")
{
    return await Bittensor.Benchmarks.Axon.AxonRps.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "axon-costs")
{
    return Bittensor.Benchmarks.Axon.AxonCosts.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "pow-hashrate")
{
    return await PowHashrate.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "gpt-train-speed")
{
    return Bittensor.Benchmarks.Models.GptTrainSpeed.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "gemm-gflops")
{
    return Bittensor.Benchmarks.Models.GemmGflops.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "ngram-speed")
{
    return Bittensor.Benchmarks.Models.NGramSpeed.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
