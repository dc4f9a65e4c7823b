namespace Bittensor.Runtime.Governance;

/// <summary>Errors of the sudo module.</summary>
public enum SudoError
{
    /// <summary>The signer is not the sudo key.</summary>
    RequireSudo = 0,
}
