using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Bittensor.Models.Corpus;
using Bittensor.Models.Tokenization;

namespace Bittensor.Models.Tests.Corpus;

public sealed class TextCorpusTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("corpus-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact(Timeout = 10_000)]
    public async Task Split_holds_out_one_in_twenty_by_the_sha256_of_the_key()
    {
        await Task.Yield();
        var heldOut = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var key = $"doc-{i}";
            var part = TextCorpus.PartOf(key);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(hash) % 20 == 0, part == CorpusPart.HeldOut);
            heldOut += part == CorpusPart.HeldOut ? 1 : 0;
        }

        Assert.InRange(heldOut, 850, 1150); // 1000 expected
    }

    [Fact(Timeout = 30_000)]
    public async Task A_folder_gives_paragraphs_of_txt_and_lines_of_jsonl()
    {
        await Task.Yield();
        File.WriteAllText(Path.Combine(_folder.FullName, "b.txt"), "First paragraph,\nsecond line.  \n\n\n  \nSecond paragraph.\r\n");
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "sub"));
        File.WriteAllText(Path.Combine(_folder.FullName, "sub", "a.jsonl"), "{\"text\": \"one\"}\n\n{\"text\": \"two\", \"id\": 7}\n{\"text\": \"\"}\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "ignored.md"), "not corpus text");

        var corpus = TextCorpus.FromFolder(_folder.FullName);
        Assert.Equal(["b.txt", "a.jsonl"], corpus.Files.Select(Path.GetFileName));
        var documents = corpus.Documents.ToList();
        Assert.Equal(["b.txt#0", "b.txt#1", "sub/a.jsonl:1", "sub/a.jsonl:3"], documents.Select(d => d.Key));
        Assert.Equal(["First paragraph,\nsecond line.", "Second paragraph.", "one", "two"], documents.Select(d => d.Text));
        Assert.All(documents, d => Assert.Equal(TextCorpus.PartOf(d.Key), d.Part));

        var description = corpus.Describe();
        Assert.Equal(2, description.Files);
        Assert.Equal(4, description.Documents);
        Assert.Equal(documents.Sum(d => Encoding.UTF8.GetByteCount(d.Text)), description.Bytes);
        Assert.Equal(description.Bytes, description.TrainBytes + description.HeldOutBytes);

        // One file works as a corpus too.
        Assert.Equal(2, TextCorpus.FromFolder(Path.Combine(_folder.FullName, "b.txt")).Documents.Count());
    }

    [Fact(Timeout = 30_000)]
    public async Task Token_streams_separate_documents_and_are_cached_by_content()
    {
        await Task.Yield();
        var texts = Enumerable.Range(0, 200).Select(i => $"Document number {i} says hello.").ToList();
        File.WriteAllLines(Path.Combine(_folder.FullName, "docs.jsonl"), texts.Select(t => $"{{\"text\": \"{t}\"}}"));
        var corpus = TextCorpus.FromFolder(_folder.FullName);
        var tokenizer = Gpt2Tokenizer.Standard;
        var train = corpus.Train.ToList();
        Assert.InRange(train.Count, 170, 199);

        var cache = Path.Combine(_folder.FullName, "cache");
        var stream = corpus.Tokenize(CorpusPart.Train, tokenizer, cache);
        var expected = new List<int>();
        foreach (var text in train)
        {
            if (expected.Count > 0)
            {
                expected.Add(Gpt2Tokenizer.Gpt2EndOfText);
            }

            expected.AddRange(tokenizer.Encode(text));
        }

        Assert.Equal(expected, stream);
        var cached = Assert.Single(Directory.GetFiles(cache));

        // Read back from the cache; a damaged cache file is ignored and rewritten.
        Assert.Equal(stream, corpus.Tokenize(CorpusPart.Train, tokenizer, cache));
        File.WriteAllBytes(cached, [1, 2, 3]);
        Assert.Equal(stream, corpus.Tokenize(CorpusPart.Train, tokenizer, cache));
        Assert.True(new FileInfo(cached).Length > 3);

        // Other content or another part is another cache entry.
        var heldOut = corpus.Tokenize(CorpusPart.HeldOut, tokenizer, cache);
        Assert.Equal(texts.Count - train.Count, heldOut.Count(t => t == Gpt2Tokenizer.Gpt2EndOfText) + 1);
        Assert.Equal(2, Directory.GetFiles(cache).Length);
    }

    [Fact(Timeout = 10_000)]
    public async Task Bad_corpora_are_refused_with_what_to_do()
    {
        await Task.Yield();
        var missing = Assert.Throws<DirectoryNotFoundException>(() => TextCorpus.FromFolder(Path.Combine(_folder.FullName, "nope")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<ArgumentException>(() => TextCorpus.FromFolder(_folder.FullName));
        Assert.Contains("holds no .txt or .jsonl files", empty.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_folder.FullName, "bad.jsonl"), "{\"text\": \"fine\"}\n{\"body\": \"no text field\"}\n");
        var noText = Assert.Throws<FormatException>(() => TextCorpus.FromFolder(_folder.FullName).Documents.ToList());
        Assert.Contains("bad.jsonl line 2 has no string \"text\" field", noText.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_folder.FullName, "bad.jsonl"), "not json\n");
        var notJson = Assert.Throws<FormatException>(() => TextCorpus.FromFolder(_folder.FullName).Documents.ToList());
        Assert.Contains("bad.jsonl line 1 is not valid JSON", notJson.Message, StringComparison.Ordinal);

        var noPacks = Assert.Throws<DirectoryNotFoundException>(() => TextCorpus.DotNetDocs(_folder.FullName));
        Assert.Contains("Install the .NET SDK, set DOTNET_ROOT", noPacks.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Dotnet_docs_come_from_the_newest_pack_version_and_framework()
    {
        await Task.Yield();
        var root = _folder.FullName;
        WriteDoc(root, "Microsoft.NETCore.App.Ref/9.0.1/ref/net9.0/A.xml", "M:N.Old", "old version");
        WriteDoc(root, "Microsoft.NETCore.App.Ref/10.0.2/ref/net9.0/A.xml", "M:N.OldTfm", "old framework");
        WriteDoc(root, "Microsoft.NETCore.App.Ref/10.0.2/ref/net10.0/A.xml", "M:N.New", "newest <see cref=\"T:N.List`1\"/> and <paramref name=\"x\"/>.");
        WriteDoc(root, "Other.App.Ref/1.0.0/ref/net10.0/A.xml", "M:N.Duplicate", "same file name, skipped");
        WriteDoc(root, "Other.App.Ref/1.0.0/ref/net10.0/B.xml", "M:N.New", "same member, skipped");
        WriteDoc(root, "Other.App.Ref/1.0.0/ref/net10.0/C.xml", "M:N.Other", "from another pack");
        WriteDoc(root, "Not.A.Pack/1.0.0/ref/net10.0/D.xml", "M:N.NotRef", "not a reference pack");

        var corpus = TextCorpus.DotNetDocs(root);
        Assert.Equal(
            ["Microsoft.NETCore.App.Ref/10.0.2/ref/net10.0/A.xml", "Other.App.Ref/1.0.0/ref/net10.0/B.xml", "Other.App.Ref/1.0.0/ref/net10.0/C.xml"],
            corpus.Files.Select(f => Path.GetRelativePath(Path.Combine(root, "packs"), f).Replace('\\', '/')));
        var documents = corpus.Documents.ToList();
        Assert.Equal(["M:N.New", "M:N.Other"], documents.Select(d => d.Key));
        Assert.Equal("newest List<T> and x.", documents[0].Text);
    }

    [Fact(Timeout = 10_000)]
    public async Task Member_docs_become_readable_text()
    {
        await Task.Yield();
        var member = XElement.Parse("""
            <member name="M:System.Linq.Enumerable.Zip``2(System.Collections.Generic.IEnumerable{``0})">
              <summary>Merges <paramref name="first" /> with a
                 <see cref="T:System.Collections.Generic.IEnumerable`2" />, or <see langword="null" />; see
                 <see cref="M:System.String.#ctor(System.Char[])" />, <see cref="M:System.Linq.Enumerable.Select``2(System.Object)" />
                 and <see cref="P:System.Array.Length">the length</see>.</summary>
              <remarks><para>First   paragraph.</para><para>Second <c>code</c> and
                 <code data-dev-comment-type="langword">true</code>.</para><inheritdoc /></remarks>
              <typeparam name="T">The type.</typeparam>
              <param name="first">The first sequence.</param>
              <exception cref="T:System.ArgumentNullException">Not included.</exception>
              <returns>A sequence.</returns>
            </member>
            """);
        Assert.Equal(
            "Merges first with a IEnumerable<T1,T2>, or null; see String, Enumerable.Select and the length.\n" +
            "First paragraph.\nSecond code and true.\nT: The type.\nfirst: The first sequence.\nReturns: A sequence.",
            DotNetDocumentation.MemberText(member));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_installed_sdk_gives_a_default_corpus_with_a_stable_split()
    {
        await Task.Yield();
        // The tests run on the .NET SDK, so its reference packs are there.
        var corpus = TextCorpus.Open(TextCorpus.DotNetDocsName);
        Assert.NotEmpty(corpus.Files);
        var first = corpus.Documents.Take(3000).ToList();
        Assert.Equal(first, corpus.Documents.Take(3000).ToList());
        Assert.Equal(first.Count, first.Select(d => d.Key).Distinct().Count());
        Assert.All(first, d =>
        {
            Assert.DoesNotContain("cref=", d.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("  ", d.Text, StringComparison.Ordinal);
            Assert.Equal(d.Text.Trim(), d.Text);
        });
        var heldOut = first.Count(d => d.Part == CorpusPart.HeldOut);
        Assert.InRange(heldOut, 90, 220); // 150 expected
        Assert.Equal(first.Where(d => d.Part == CorpusPart.HeldOut).Select(d => d.Text).Take(5), corpus.HeldOut.Take(5));
    }

    private static void WriteDoc(string root, string relative, string member, string summary)
    {
        var path = Path.Combine(root, "packs", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <doc><assembly><name>X</name></assembly><members>
            <member name="{member}"><summary>{summary}</summary></member>
            </members></doc>
            """);
    }
}
