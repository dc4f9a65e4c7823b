namespace Bittensor.Runtime.Governance;

/// <summary>Errors of the membership modules (triumvirate members, senate members).</summary>
public enum MembershipError
{
    AlreadyMember = 0,
    NotMember = 1,
    TooManyMembers = 2,
}
