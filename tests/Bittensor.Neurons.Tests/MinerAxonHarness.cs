using Bittensor.Neurons.Miners;
using Bittensor.Primitives.Accounts;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Tests;

/// <summary>A backend behind a real axon on loopback, and a registered caller's real dendrite.</summary>
internal sealed class MinerAxonHarness : IAsyncDisposable
{
    private MinerAxonHarness(AxonServer axon, Keypair axonKey, MinerBackend backend)
    {
        Axon = axon;
        Backend = backend;
        Target = new AxonTarget("127.0.0.1", axon.Port, axonKey.PublicKey);
        Dendrite = new DendriteClient(Caller);
    }

    public AxonServer Axon { get; }

    public MinerBackend Backend { get; }

    public AxonTarget Target { get; }

    public Keypair Caller { get; } = Keypair.Generate();

    public DendriteClient Dendrite { get; }

    public static async Task<MinerAxonHarness> StartAsync(MinerBackend backend)
    {
        var axonKey = Keypair.Generate();
        var harness = (MinerAxonHarness?)null;
        var callers = new DeferredCallers(() => harness!.Caller.PublicKey);
        var axon = new AxonServer(axonKey, callers, backend.ConfigureAxon(new AxonOptions { Port = 0 }));
        backend.Attach(axon);
        await axon.StartAsync();
        harness = new MinerAxonHarness(axon, axonKey, backend);
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        Dendrite.Dispose();
        await Axon.DisposeAsync();
        await Backend.DisposeAsync();
    }

    /// <summary>Knows one caller, with 10 TAO.</summary>
    private sealed class DeferredCallers(Func<AccountId> caller) : ICallerDirectory
    {
        public bool TryGetCaller(AccountId hotkey, out CallerStanding standing)
        {
            standing = new CallerStanding(0, 10_000_000_000, true);
            return hotkey == caller();
        }
    }
}
