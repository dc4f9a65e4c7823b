using Bittensor.Cli;

return Btcli.Run(args, Console.In, Console.Out, Console.Error);
