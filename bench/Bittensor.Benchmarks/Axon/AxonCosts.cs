using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Benchmarks.Axon;

/// <summary>
/// <c>axon-costs [iterations]</c>: single-threaded cost per call of each piece of a signed Ping's work (client and
/// axon sides), to set against the bare endpoint's whole per-request cost that <c>axon-rps</c> measures.
/// </summary>
internal static class AxonCosts
{
    public static int Run(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var caller = Keypair.Generate();
        var axon = Keypair.Generate();
        var ping = new Ping();
        var hash = ping.ComputeBodyHash();
        var message = SynapseSignature.Message(DateTime.UtcNow.Ticks * 100, caller.Ss58Address, axon.Ss58Address, Guid.NewGuid() + "-1f", hash);
        var messageBytes = Encoding.UTF8.GetBytes(message);
        var signature = caller.Sign(messageBytes).Bytes.ToArray();
        var signatureHex = SynapseSignature.Sign(caller, message);
        ping.Dendrite = new TerminalInfo { Nonce = 1, Uuid = "u", Hotkey = caller.Ss58Address, Signature = signatureHex, Version = SdkVersion.Value };
        ping.Axon = new TerminalInfo { Ip = "127.0.0.1", Port = 8091, Hotkey = axon.Ss58Address };
        var body = SynapseJson.Serialize(ping);

        Console.WriteLine($"# axon-costs: {iterations} iterations each, one thread, {message.Length}-byte signed message, {body.Length}-byte Ping body");
        Time("Ed25519 sign (libsodium)", iterations, () => caller.Sign(messageBytes));
        Time("Ed25519 verify (libsodium)", iterations, () => Signatures.VerifyEd25519(caller.PublicKey.Bytes, messageBytes, signature));
        Time("SynapseSignature.Sign (hex)", iterations, () => SynapseSignature.Sign(caller, message));
        Time("SynapseSignature.Verify (hex)", iterations, () => SynapseSignature.Verify(caller.PublicKey, message, signatureHex));
        Time("SS58 encode", iterations, () => Ss58.Encode(caller.PublicKey));
        Time("SS58 decode", iterations, () => Ss58.Decode(caller.Ss58Address));
        Time("body hash (SHA3-256, no fields)", iterations, () => ping.ComputeBodyHash());
        Time("JSON serialize Ping", iterations, () => SynapseJson.Serialize(ping));
        Time("JSON deserialize Ping", iterations, () => SynapseJson.Deserialize<Ping>(body));
        Time("SynapseHeaders.ToHeaders", iterations, () => SynapseHeaders.ToHeaders(ping));
        Time("signed message text", iterations, () => SynapseSignature.Message(1_700_000_000_000_000_000, caller.Ss58Address, axon.Ss58Address, "uuid-1", hash));
        return 0;
    }

    private static void Time(string name, int iterations, Func<object> work)
    {
        for (var i = 0; i < Math.Min(iterations, 2_000); i++)
        {
            work();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            work();
        }

        var micro = Stopwatch.GetElapsedTime(started).TotalMicroseconds / iterations;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {micro,8:0.00} µs   {bytes,7:0} B allocated"));
    }
}
