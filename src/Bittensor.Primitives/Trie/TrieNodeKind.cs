namespace Bittensor.Primitives.Trie;

/// <summary>The three shapes a state-trie node takes.</summary>
public enum TrieNodeKind
{
    /// <summary>The node of the empty trie; it only ever appears as the root.</summary>
    Empty,

    /// <summary>A partial key and a value, no children.</summary>
    Leaf,

    /// <summary>A partial key, an optional value and between one and sixteen children.</summary>
    Branch,
}
