namespace Bittensor.Runtime.Framework;

/// <summary>Why a call failed: a module's named error (module index, error index, name), or a bad origin.</summary>
public sealed record DispatchError(byte ModuleIndex, byte ErrorIndex, string Module, string Name)
{
    public static DispatchError BadOrigin { get; } = new(0, 0, "System", "BadOrigin");

    public override string ToString() => $"{Module}.{Name}";
}
