namespace Bittensor.Models.Tokenization;

/// <summary>
/// Hashes a pair of token ids packed as <c>left &lt;&lt; 32 | right</c>. The default hash of a long XORs its halves,
/// which sends every pair with the same <c>left ^ right</c> to one bucket; a multiplicative hash spreads them.
/// </summary>
internal sealed class PairKeyComparer : IEqualityComparer<long>
{
    public static readonly PairKeyComparer Instance = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long obj) => (int)(((ulong)obj * 0x9E3779B97F4A7C15UL) >> 32);
}
