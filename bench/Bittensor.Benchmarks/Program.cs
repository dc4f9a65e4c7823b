using BenchmarkDotNet.Running;
using Bittensor.Benchmarks.Node;

if (args.Length > 0 && args[0] == "rpc-throughput")
{
    return await RpcThroughput.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
