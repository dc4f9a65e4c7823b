namespace Bittensor.Node.Tests.State;

/// <summary>Orders byte arrays bytewise (a shorter prefix first), for the sorted dictionaries that model a trie.</summary>
internal sealed class ByteArrayComparer : IComparer<byte[]>
{
    public static ByteArrayComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
