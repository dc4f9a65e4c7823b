using Bittensor.Node.State;
using Bittensor.Primitives.Scale;
using Bittensor.Primitives.Trie;

namespace Bittensor.Node.Tests.State;

/// <summary>
/// Read proofs built by the node's trie and checked by the stateless verifier: present and absent keys, the SCALE
/// round trip, and tampered proofs, which must be refused (never answered with a wrong value).
/// </summary>
public sealed class StateTrieProofTests
{
    [Fact(Timeout = 60_000)]
    public async Task ProofOfPresentAndAbsentKeys_Verifies() => await Task.Run(() =>
    {
        var (trie, model, gen, _) = Build(11, 400);
        var present = model.Keys.Where((_, i) => i % 17 == 0).ToList();
        var absent = Enumerable.Range(0, 40).Select(_ => gen.NextKey()).Where(k => !model.ContainsKey(k)).ToList();
        absent.Add([0xAB, 0xCD, 0xEE, 0xEE, 0xEE]);
        Assert.NotEmpty(absent);

        var proof = trie.Prove([.. present, .. absent]);
        foreach (var key in present)
        {
            var (ok, value) = ReadProofVerifier.Verify(trie.Root.Bytes, proof, key);
            Assert.True(ok);
            Assert.Equal(model[key], value);

            // A proof of the one key alone also works, and is no larger than the combined one.
            var alone = trie.Prove([key]);
            Assert.True(alone.Nodes.Count <= proof.Nodes.Count);
            AssertResult(true, model[key], ReadProofVerifier.Verify(trie.Root.Bytes, alone, key));
        }

        foreach (var key in absent)
        {
            AssertResult(true, null, ReadProofVerifier.Verify(trie.Root.Bytes, proof, key));
        }

        // The proof holds only nodes of the trie: every node decodes, and its hash is in the store.
        foreach (var node in proof.Nodes)
        {
            TrieNodeCodec.Decode(node);
        }
    });

    [Fact(Timeout = 10_000)]
    public async Task EmptyTrie_ProvesAbsence() => await Task.Run(() =>
    {
        var trie = new StateTrie(new InMemoryTrieNodeStore(), StateTrie.EmptyRoot);
        var proof = trie.Prove([[1, 2, 3]]);
        AssertResult(true, null, ReadProofVerifier.Verify(StateTrie.EmptyRoot.Bytes, proof, [1, 2, 3]));
        AssertResult(true, null, ReadProofVerifier.Verify(StateTrie.EmptyRoot.Bytes, trie.Prove([]), []));
        AssertResult(false, null, ReadProofVerifier.Verify(StateTrie.EmptyRoot.Bytes, new ReadProof([]), [1]));
    });

    [Fact(Timeout = 60_000)]
    public async Task Proof_EncodeDecode_RoundTrips_AndIsCanonical() => await Task.Run(() =>
    {
        var (trie, model, _, _) = Build(12, 200);
        var keys = model.Keys.Take(10).ToList();
        var proof = trie.Prove(keys);
        var encoded = proof.Encode();
        var decoded = ReadProof.Decode(encoded);
        Assert.Equal(proof.Nodes, decoded.Nodes);
        Assert.Equal(encoded, decoded.Encode());

        // The same keys in another order, or repeated, give the same bytes.
        Assert.Equal(encoded, trie.Prove([.. Enumerable.Reverse(keys), .. keys]).Encode());

        // Sorted, without duplicates.
        for (var i = 1; i < proof.Nodes.Count; i++)
        {
            Assert.True(proof.Nodes[i - 1].AsSpan().SequenceCompareTo(proof.Nodes[i]) < 0);
        }

        Assert.Throws<ScaleFormatException>(() => ReadProof.Decode([.. encoded, 0x00]));
        Assert.Throws<ScaleFormatException>(() => ReadProof.Decode(encoded.AsSpan(0, encoded.Length - 1)));
        Assert.Throws<ScaleFormatException>(() => ReadProof.Decode([0xFC]));
    });

    [Fact(Timeout = 120_000)]
    public async Task TamperedProofs_AreRefused_OrNeverGiveAWrongValue() => await Task.Run(() =>
    {
        var (trie, model, gen, _) = Build(13, 300);
        var random = gen.Random;
        var keys = model.Keys.Where((_, i) => i % 29 == 0).Append(gen.NextKey()).ToList();
        var root = trie.Root.Bytes.ToArray();

        foreach (var key in keys)
        {
            var expected = model.GetValueOrDefault(key);
            var proof = trie.Prove([key]);
            AssertResult(true, expected, ReadProofVerifier.Verify(root, proof, key));

            // Flip one bit of each byte position, in each node (sampled positions in long nodes).
            for (var n = 0; n < proof.Nodes.Count; n++)
            {
                var node = proof.Nodes[n];
                var positions = node.Length <= 64 ? Enumerable.Range(0, node.Length) : Enumerable.Range(0, 64).Select(_ => random.Next(node.Length));
                foreach (var position in positions)
                {
                    var tampered = proof.Nodes.Select(x => (byte[])x.Clone()).ToArray();
                    tampered[n][position] ^= (byte)(1 << random.Next(8));
                    var (ok, value) = ReadProofVerifier.Verify(root, new ReadProof(tampered), key);
                    Assert.False(ok);
                    Assert.Null(value);
                }

                // Drop the node.
                var dropped = new ReadProof(proof.Nodes.Where((_, i) => i != n));
                AssertResult(false, null, ReadProofVerifier.Verify(root, dropped, key));

                // Truncate it, or append a byte.
                var cut = proof.Nodes.Select((x, i) => i == n ? x[..^1] : x);
                AssertResult(false, null, ReadProofVerifier.Verify(root, new ReadProof(cut), key));
                var longer = proof.Nodes.Select((x, i) => i == n ? [.. x, 0] : x);
                AssertResult(false, null, ReadProofVerifier.Verify(root, new ReadProof(longer), key));
            }

            // A wrong root, or a root of the wrong length.
            var wrong = (byte[])root.Clone();
            wrong[random.Next(32)] ^= 0x40;
            AssertResult(false, null, ReadProofVerifier.Verify(wrong, proof, key));
            AssertResult(false, null, ReadProofVerifier.Verify(root.AsSpan(0, 31), proof, key));
            AssertResult(false, null, ReadProofVerifier.Verify(new byte[32], proof, key));
        }

        // Another key's proof: refused, or (where the paths overlap enough) the true value.
        foreach (var key in keys)
        {
            foreach (var other in keys.Where(k => !k.AsSpan().SequenceEqual(key)))
            {
                var (ok, value) = ReadProofVerifier.Verify(root, trie.Prove([other]), key);
                if (ok)
                {
                    Assert.Equal(model.GetValueOrDefault(key), value);
                }
                else
                {
                    Assert.Null(value);
                }
            }
        }
    });

    [Fact(Timeout = 60_000)]
    public async Task ProofUnderOneRoot_IsNotAcceptedUnderAnother() => await Task.Run(() =>
    {
        var (trie, model, gen, store) = Build(14, 300);
        var rootA = trie.Root;
        var key = model.Keys.ElementAt(123);
        var proofA = trie.Prove([key]);

        // Root B: the same key with another value.
        var rootB = trie.Apply([new(key, [.. model[key], 1])]);
        Assert.NotEqual(rootA, rootB);
        AssertResult(false, null, ReadProofVerifier.Verify(rootB.Bytes, proofA, key));
        var proofB = trie.Prove([key]);
        AssertResult(false, null, ReadProofVerifier.Verify(rootA.Bytes, proofB, key));
        AssertResult(true, [.. model[key], 1], ReadProofVerifier.Verify(rootB.Bytes, proofB, key));

        // Root C: only an unrelated key changed; the old proof does not verify under it, though the proven value
        // would be the same.
        byte[] unrelated = [0xAB, 0xCD, 0xEE, 0xEE, 0xEE, 0x01];
        var rootC = trie.Apply([new(unrelated, [7, 7, 7])]);
        AssertResult(false, null, ReadProofVerifier.Verify(rootC.Bytes, proofB, key));

        // Proofs of both roots together still answer each root truthfully.
        var both = new ReadProof([.. proofA.Nodes, .. proofB.Nodes]);
        AssertResult(true, model[key], ReadProofVerifier.Verify(rootA.Bytes, both, key));
        AssertResult(true, [.. model[key], 1], ReadProofVerifier.Verify(rootB.Bytes, both, key));

        // The older root is still provable from the store.
        var old = new StateTrie(store, rootA);
        AssertResult(true, model[key], ReadProofVerifier.Verify(rootA.Bytes, old.Prove([key]), key));
    });

    private static void AssertResult(bool ok, byte[]? value, (bool Ok, byte[]? Value) actual)
    {
        Assert.Equal(ok, actual.Ok);
        Assert.Equal(value, actual.Value);
    }

    private static (StateTrie Trie, SortedDictionary<byte[], byte[]> Model, TrieKeyGenerator Gen, InMemoryTrieNodeStore Store) Build(int seed, int count)
    {
        var gen = new TrieKeyGenerator(seed);
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        for (var i = 0; i < count; i++)
        {
            model[gen.NextKey()] = gen.NextValue();
        }

        var store = new InMemoryTrieNodeStore();
        var trie = new StateTrie(store, StateTrie.EmptyRoot);
        trie.Apply(model.Select(e => new KeyValuePair<byte[], byte[]?>(e.Key, e.Value)));
        Assert.Equal(StateTrie.ComputeRoot(model), trie.Root);
        return (trie, model, gen, store);
    }
}
