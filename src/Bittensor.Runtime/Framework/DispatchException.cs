namespace Bittensor.Runtime.Framework;

/// <summary>Thrown by a call to abort with a named error; the dispatcher rolls back the call's writes and events.</summary>
public sealed class DispatchException(DispatchError error)
    : Exception($"{error?.Module}.{error?.Name}")
{
    public DispatchError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));
}
