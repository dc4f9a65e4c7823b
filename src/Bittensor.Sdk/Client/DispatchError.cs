namespace Bittensor.Sdk.Client;

/// <summary>
/// Why an included transaction's call failed: the module and the error's name as the chain reports them (e.g.
/// <c>SubtensorModule</c>, <c>NotEnoughBalanceToStake</c>), and a sentence saying what it means. The fee was still
/// paid; nothing else the call did was kept.
/// </summary>
public sealed record DispatchError(string Module, string Name, string Message)
{
    /// <summary>The error as <c>Module.Name</c>.</summary>
    public string QualifiedName => $"{Module}.{Name}";

    /// <summary>
    /// The error named <paramref name="qualifiedName"/> (<c>Module.Name</c>) with its description; an error this
    /// version of the SDK does not know gets a generic one.
    /// </summary>
    public static DispatchError FromName(string qualifiedName)
    {
        ArgumentException.ThrowIfNullOrEmpty(qualifiedName);
        var dot = qualifiedName.IndexOf('.', StringComparison.Ordinal);
        var (module, name) = dot > 0 && dot < qualifiedName.Length - 1 ? (qualifiedName[..dot], qualifiedName[(dot + 1)..]) : ("", qualifiedName);
        var message = DispatchErrorMessages.TryGet(qualifiedName, out var known)
            ? known
            : $"The call failed with {qualifiedName}, an error this version of the SDK has no description for.";
        return new DispatchError(module, name, message);
    }

    public override string ToString() => $"{QualifiedName}: {Message}";
}
