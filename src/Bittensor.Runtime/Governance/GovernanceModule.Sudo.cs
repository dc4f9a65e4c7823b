using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Runtime.Framework;
using Bittensor.Runtime.Storage;

namespace Bittensor.Runtime.Governance;

public sealed partial class GovernanceModule
{
    public const string SudoModule = "Sudo";

    /// <summary>The sudo key; absent when none.</summary>
    public StorageValue<AccountId> SudoKeyItem { get; }

    public AccountId? SudoKey => SudoKeyItem.Exists ? SudoKeyItem.Get() : null;

    private void EnsureSudo(Origin origin)
    {
        var who = origin.EnsureSigned();
        if (SudoKey != who)
        {
            throw Fail.With(ModuleIndex.Sudo, SudoModule, SudoError.RequireSudo);
        }
    }
}
